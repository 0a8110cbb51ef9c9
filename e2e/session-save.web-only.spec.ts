// Saving in the browser host with Chromium's file picker (File System Access API). Headless Chromium answers
// showSaveFilePicker with AbortError, exactly what a person closing the picker produces: that is the cancel
// test. The other tests put a picker of their own in the page (Playwright cannot drive the native one) that
// hands out an in-memory file, so the save path the app takes in Chromium runs for real up to the bytes.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { openApp, startWebHost } from './helpers/web-host';

async function run(page: Page, source: string) {
  await page.getByLabel('Python console').click();
  await page.keyboard.insertText(source);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('log', { name: 'Console output' })).toContainText(source.split('\n')[0]!);
}

/** A picker answering with an in-memory file; `holdWrites` makes each write wait until the test releases it. */
function fakePicker() {
  const w = window as unknown as Record<string, unknown>;
  const files: Record<string, string> = {};
  let release: (() => void) | null = null;
  w.__files = files;
  w.__picks = 0;
  w.__holdWrites = false;
  w.__release = () => release?.();
  w.showSaveFilePicker = async (o: { suggestedName: string }) => {
    w.__picks = (w.__picks as number) + 1;
    const name = o.suggestedName === 'untitled.gclab' ? 'picked.gclab' : o.suggestedName;
    return {
      name,
      createWritable: async () => {
        let text = '';
        return {
          write: async (data: string) => {
            text += data;
          },
          close: async () => {
            if (w.__holdWrites) await new Promise<void>((r) => (release = r));
            files[name] = text;
          },
        };
      },
    };
  };
}

test.describe('saving with the file picker', () => {
  test('closing the file picker saves nothing and keeps the unsaved mark', async ({ labPage: page }, info) => {
    await run(page, 'kept = [1, 2]');
    await expect(page).toHaveTitle('● untitled.gclab — GC Lab');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Save cancelled: the session still has unsaved changes.');
    await expect(page).toHaveTitle('● untitled.gclab — GC Lab');
    await expect(page.getByTestId('file-name')).toHaveText(/^untitled\.gclab\s*●$/);
    await page.screenshot({ path: info.outputPath('save-cancelled.png') });
  });

  test('a file chosen in the picker gets the session, the mark goes, and Save writes the same file again without asking', async ({ labPage: page }) => {
    await page.addInitScript(fakePicker);
    await page.reload();
    await run(page, 'first = {"a": [1]}');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveTitle('picked.gclab — GC Lab');
    const saved = await page.evaluate(() => (window as unknown as { __files: Record<string, string> }).__files['picked.gclab']!);
    expect(JSON.parse(saved).program).toEqual(['first = {"a": [1]}']);
    await run(page, 'second = 2');
    await expect(page).toHaveTitle('● picked.gclab — GC Lab');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveTitle('picked.gclab — GC Lab');
    expect(await page.evaluate(() => (window as unknown as { __picks: number }).__picks)).toBe(1);
    const again = await page.evaluate(() => (window as unknown as { __files: Record<string, string> }).__files['picked.gclab']!);
    expect(JSON.parse(again).program).toEqual(['first = {"a": [1]}', 'second = 2']);
  });

  test('a statement run while the file is being written keeps the unsaved mark', async ({ labPage: page }) => {
    await page.addInitScript(fakePicker);
    await page.reload();
    await run(page, 'before = 1');
    await page.evaluate(() => ((window as unknown as { __holdWrites: boolean }).__holdWrites = true));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __picks: number }).__picks)).toBe(1);
    await run(page, 'during = 2');
    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
    await expect(page.getByRole('status')).toContainText('Saved picked.gclab.');
    await expect(page).toHaveTitle('● picked.gclab — GC Lab');
    const saved = await page.evaluate(() => (window as unknown as { __files: Record<string, string> }).__files['picked.gclab']!);
    expect(JSON.parse(saved).program).toEqual(['before = 1']);
  });
});



test('the autosave interval is set from the keyboard in Settings, applies at once and is kept for the next start', async ({ browser }, info) => {
  test.setTimeout(60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-settings-'));
  const autosaves = () => (existsSync(path.join(dataDir, 'autosave')) ? readdirSync(path.join(dataDir, 'autosave')).filter((n) => n.endsWith('.gclab')) : []);
  const first = await startWebHost(dataDir);
  try {
    const page = await openWorkbench(browser, first.url);
    const button = page.getByRole('button', { name: 'Settings…' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const field = dialog.getByRole('spinbutton', { name: 'Autosave every seconds' });
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('30');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Autosave every 1 s.');
    await page.screenshot({ path: info.outputPath('settings-popover.png') });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual({ version: 1, autosaveSeconds: 1 });
    await run(page, 'unsaved = [1]');
    await expect.poll(() => autosaves().length, { timeout: 10_000 }).toBe(1);
    await page.context().close();
  } finally {
    first.child.kill('SIGTERM');
  }
  await new Promise((r) => first.child.once('exit', r));
  const second = await startWebHost(dataDir);
  try {
    const page = await openWorkbench(browser, second.url);
    await page.getByRole('button', { name: 'Settings…' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('spinbutton', { name: 'Autosave every seconds' })).toHaveValue('1');
    await page.context().close();
  } finally {
    second.child.kill('SIGTERM');
  }
});

/** The app with the lab's worker up (the status bar names the profile). */
async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await openApp(browser, url);
  await expect(page.getByTestId('status-profile')).toHaveText('CPython 3.13');
  return page;
}
