// Sessions end to end, the parts a user meets beside Save and Open: a .gclab dropped on the window opens it
// (asking first over unsaved work; Cancel keeps everything), and a gesture that raised stays in the program:
// the file opens again with a warning naming it, and the exported script runs on past it in real CPython.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createSession, serializeSession } from '../shared/session';
import { findInterpreters, runPython } from '../tests/support/cpython';
import { expect, test } from './fixtures/app';
import { canvasLabels, shot } from './helpers/workbench';

/** Types `source` in the console (replacing what a failed line left there for fixing) and runs it. */
async function runInConsole(page: Page, source: string) {
  await page.getByLabel('Python console').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(source);
  await page.getByRole('button', { name: 'Run' }).click();
}

/** Drops a file with `text` on the window, as the OS does when a file is dragged from a file manager. */
async function dropFile(page: Page, name: string, text: string) {
  await page.evaluate(
    ([n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/json' }));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [name, text] as const,
  );
}

const status = (page: Page) => page.getByRole('status').filter({ hasText: /Opened|Cannot open/ });

test('a file dropped on the window opens it, asking first over unsaved work; Cancel keeps the session', async ({ labPage: page, hostKind }, info) => {
  test.setTimeout(60_000);
  test.skip(hostKind === 'electron', 'the drop is the page\'s; the Electron project runs it when its binary exists');
  await runInConsole(page, 'mine = [1]');
  await expect(page).toHaveTitle('● untitled.gclab — GC Lab');
  await expect.poll(async () => (await canvasLabels(page)).some((l) => l.startsWith('mine ='))).toBe(true);
  const text = serializeSession(createSession({ app: '0.1.0', profile: '3.11', program: ['theirs = [1, 2]', 'theirs.apend(3)', 'theirs.append(4)'] }));

  const asked: string[] = [];
  page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
  await dropFile(page, 'dropped.gclab', text);
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toBe('untitled.gclab has unsaved changes. Open another file anyway and lose them?');
  await expect(page).toHaveTitle('● untitled.gclab — GC Lab');
  expect((await canvasLabels(page)).some((l) => l.startsWith('mine ='))).toBe(true);

  page.once('dialog', (d) => void d.accept());
  await dropFile(page, 'dropped.gclab', text);
  await expect(page).toHaveTitle('dropped.gclab — GC Lab');
  await expect(page.getByLabel('CPython version')).toHaveValue('3.11');
  // The statement that raised was replayed past, as the lab runs past it, and the message names it.
  await expect(status(page)).toContainText(
    `Opened dropped.gclab; program statement 2 (line 2 of the program: "theirs.apend(3)") raised AttributeError: 'list' object has no attribute 'apend'`,
  );
  await expect.poll(async () => (await canvasLabels(page)).find((l) => l.startsWith('theirs ='))).toMatch(/^theirs =\s+list \[3\]/);
  expect((await canvasLabels(page)).some((l) => l.startsWith('mine ='))).toBe(false);
  // The file has no saved viewport: the graph is framed whole, every node inside the canvas.
  const outside = () =>
    page.evaluate(() => {
      const cy = (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy;
      return cy.nodes().filter((n) => {
        const b = n.renderedBoundingBox();
        return b.x1 < 0 || b.y1 < 0 || b.x2 > cy.width() || b.y2 > cy.height();
      }).length;
    });
  await expect.poll(outside).toBe(0);
  // The console starts over with the opened session: the old session's lines are not its own.
  await expect(page.getByRole('log', { name: 'Console output' })).not.toContainText('mine = [1]');
  await runInConsole(page, 'print(theirs)');
  await expect(page.getByRole('log', { name: 'Console output' }).locator('pre.stdout').last()).toHaveText('[1, 2, 4]');
  await shot(page, info, 'dropped-file-opened');
});

test('a gesture that raised stays in the saved program, and the exported script goes on past it in CPython', async ({ labPage: page, hostKind }, info) => {
  test.setTimeout(60_000);
  test.skip(hostKind === 'electron', 'saving is a download here; Electron saves through the native dialog');
  await page.addInitScript(() => {
    (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker = undefined;
  });
  await page.reload();
  await page.getByLabel('CPython version').selectOption('3.12');
  for (const g of ['import gc', 'a = []\na.append(a)', 'a.push(1)', 'del a', 'print("collected", gc.collect())']) await runInConsole(page, g);
  const log = page.getByRole('log', { name: 'Console output' });
  await expect(log.locator('pre.stdout')).toHaveText(['collected 1']);
  await expect(log).toContainText("AttributeError: 'list' object has no attribute 'push'");
  await shot(page, info, 'raised-gesture');

  const file = info.outputPath('raised.gclab');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await (await downloading).saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { program: unknown[]; collections: unknown[] };
  expect(saved.program).toHaveLength(5);
  expect(saved.collections).toEqual([{ step: 4, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);

  const exporting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('menuitem', { name: 'Python script (.py)' }).click();
  const scriptPath = info.outputPath('raised.py');
  await (await exporting).saveAs(scriptPath);
  const python = findInterpreters().get('3.12');
  test.skip(!python, 'CPython 3.12 is missing from pyenv: the export cannot be compared with it');
  const real = runPython(python!, readFileSync(scriptPath, 'utf8'));
  expect([real.status, real.stdout]).toEqual([0, 'collected 1\n']);
  expect(real.stderr).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*AttributeError: 'list' object has no attribute 'push'\n$/);
  writeFileSync(info.outputPath('raised.stderr.txt'), real.stderr);
});
