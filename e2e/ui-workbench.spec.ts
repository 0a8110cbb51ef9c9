// The workbench used as a person uses it: drag from the palette, draw references with the mouse, delete one,
// collect, step through a collection, undo and redo, run a console program. Assertions read the screen
// (program text, inspector, log, captions); screenshots are saved with the test's results.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { canvasNodeCount, clickPalette, drawReference, edgePoint, nodePoint, program, shot } from './helpers/workbench';

/** Two Node instances with a printing __del__ in a cycle, their names deleted: left for the collector. */
async function buildDelCycle(page: Page): Promise<void> {
    await page.getByLabel('Python console').click();
    await page.keyboard.insertText(
      "import gc\nclass Node:\n    def __init__(self, name):\n        self.name = name\n    def __del__(self):\n        print('bye', self.name)\n" +
        "a = Node('A')\nb = Node('B')\na.other = b\nb.other = a\ndel a, b",
    );
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(program(page)).toContainText('del a, b');
}

test.describe('the workbench', () => {
  test('dragging a list from the palette creates obj1 where it was dropped, and the program shows it', async ({ labPage: page }, info) => {
    const canvas = page.getByTestId('graph');
    await page.getByRole('button', { name: 'list', exact: true }).dragTo(canvas, { targetPosition: { x: 200, y: 150 } });
    await expect(program(page)).toContainText('obj1 = []');
    const p = await nodePoint(page, 'obj1');
    const box = (await canvas.boundingBox())!;
    expect(Math.abs(p.x - (box.x + 200))).toBeLessThan(4);
    expect(Math.abs(p.y - (box.y + 150))).toBeLessThan(4);
    await expect(page.getByTestId('inspector-title')).toHaveText('obj1 (list)');
    await shot(page, info, 'dropped-list');
  });

  test('dragging the name chip onto an object binds a new name to it', async ({ labPage: page }) => {
    await clickPalette(page, 'list');
    const canvas = page.getByTestId('graph');
    const box = (await canvas.boundingBox())!;
    const p = await nodePoint(page, 'obj1');
    await page.getByRole('button', { name: '+ name' }).dragTo(canvas, { targetPosition: { x: p.x - box.x, y: p.y - box.y } });
    await page.getByRole('dialog', { name: 'Name' }).getByRole('textbox').fill('a');
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('a = obj1');
    await expect(page.getByLabel('Inspector')).toContainText('rc 2');
  });

  test('two lists drawn to hold each other show refcount 2 and a cycle of 2', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 2);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await expect(program(page)).toContainText('obj1.append(obj2)');
    await drawReference(page, 'obj2', 'obj1');
    await expect(program(page)).toContainText('obj2.append(obj1)');
    const p = await nodePoint(page, 'obj1');
    await page.getByRole('button', { name: 'Draw references' }).click();
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('inspector-title')).toHaveText('obj1 (list)');
    await expect(page.getByLabel('Inspector')).toContainText('rc 2');
    await expect(page.getByRole('button', { name: /Cycle \(2\)/ })).toBeVisible();
    await shot(page, info, 'two-lists-cycle');
  });

  test('selecting a reference and pressing Delete removes it by position', async ({ labPage: page }) => {
    await clickPalette(page, 'list', 2);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await expect(program(page)).toContainText('obj1.append(obj2)');
    await page.getByRole('button', { name: 'Draw references' }).click();
    const e = await edgePoint(page, '[0]');
    await page.mouse.click(e.x, e.y);
    await page.keyboard.press('Delete');
    await expect(program(page)).toContainText('del obj1[0]');
    await expect(page.getByLabel('Inspector')).toBeVisible();
  });

  test('stepping through a collection shows gc_refs, the subtracted reference and the unreachable set, forwards and back', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 2);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await drawReference(page, 'obj2', 'obj1');
    await expect(program(page)).toContainText('obj2.append(obj1)');
    await page.getByRole('button', { name: 'Delete name obj1' }).click();
    await page.getByRole('button', { name: 'Delete name obj2' }).click();
    await expect(program(page)).toContainText('del obj2');
    await page.getByLabel('step by step').check();
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    const caption = page.getByTestId('caption');
    await expect(caption).toContainText('Collection of generation 2 starts');
    const step = page.getByRole('button', { name: 'Step', exact: true });
    while (!/gc_refs drops to 0/.test((await caption.textContent()) ?? '')) await step.click();
    await shot(page, info, 'step-subtract');
    const subtractCaption = await caption.textContent();
    while (!/tentatively unreachable/.test((await caption.textContent()) ?? '')) await step.click();
    await shot(page, info, 'step-unreachable');
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(caption).not.toContainText('tentatively unreachable');
    while (!/deallocated/.test((await caption.textContent()) ?? '')) await step.click();
    expect(subtractCaption).toMatch(/refers to list #\d+/);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(caption).toContainText('Done: generation 2 collected, 2 unreachable objects found');
    await page.getByRole('button', { name: 'Close player' }).click();
    await expect.poll(() => canvasNodeCount(page)).toBe(0);
  });

  test('undo takes a gesture back and redo replays it, from the toolbar and the keyboard', async ({ labPage: page }) => {
    await clickPalette(page, 'list');
    await clickPalette(page, 'dict');
    const names = page.getByRole('region', { name: 'Names' });
    await expect(names).toContainText('obj2');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(names).not.toContainText('obj2');
    await expect(names).toContainText('obj1');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(names).toContainText('obj2');
    await page.getByTestId('graph').focus();
    await page.keyboard.press('Control+z');
    await expect(names).not.toContainText('obj2');
    await page.keyboard.press('Control+Shift+z');
    await expect(names).toContainText('obj2');
    // Pressed in quick succession, none is lost: two undos take both gestures back, two redos bring both.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(names).not.toContainText('obj1');
    await expect(names).not.toContainText('obj2');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await expect(names).toContainText('obj2');
    await expect(names).toContainText('obj1');
  });

  test('the thresholds editor writes gc.set_threshold and the counter bars follow', async ({ labPage: page }) => {
    await expect(page.getByLabel('Threshold 0')).toHaveValue('2000'); // CPython 3.13's default
    await page.getByLabel('Threshold 0').fill('5');
    await page.getByLabel('Threshold 0').press('Enter');
    await expect(program(page)).toContainText('gc.set_threshold(5, 10, 10)');
    await clickPalette(page, 'list', 2);
    await expect(page.getByLabel('Counter 0')).toHaveAttribute('aria-valuemax', '5');
    await expect(page.getByText(/next automatic collection in \d+ allocation/)).toBeVisible();
  });

  test('a heap of 100,000 objects made in the console stays usable: a summary by type, the table pages through all', async ({ labPage: page }, info) => {
    test.setTimeout(90_000);
    await page.getByLabel('Python console').click();
    await page.keyboard.insertText('big = []\nfor i in range(50000):\n    big.append([i])');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'too many to draw' })).toContainText('100,001 objects', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Objects' }).click();
    await expect(page.getByText('100,001 objects', { exact: true })).toBeVisible();
    await page.getByLabel('Search objects').fill('big');
    await expect(page.getByText('1 object', { exact: true })).toBeVisible();
    await page.getByRole('grid', { name: 'Objects' }).getByRole('button', { name: 'list [50000]' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Showing the neighbourhood of' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('inspector-title')).toHaveText('big (list)');
    // Drawn once its neighbourhood arrives, and selected there.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy.$(':selected').map((n) => String(n.data('label')).split(' =')[0])))
      .toEqual(['big']);
    // Big enough to be seen among 2,500 drawn neighbours.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy.$(':selected').renderedWidth()))
      .toBeGreaterThanOrEqual(40);
    await shot(page, info, 'big-heap-neighbourhood');
  });

  test('a console program runs against the heap: output as CPython prints it, objects in the table', async ({ labPage: page }, info) => {
    await page.getByLabel('Python console').click();
    await page.keyboard.insertText('cache = {}\nfor i in range(5):\n    cache[i] = [i]\nprint(len(cache), sys.getrefcount(cache) - 1)');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('log', { name: 'Console output' })).toContainText("NameError: name 'sys' is not defined");
    // A failed program stays in the editor to be fixed: replace it.
    await page.getByLabel('Python console').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('import sys\nprint(len(cache), sys.getrefcount(cache) - 1)');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('log', { name: 'Console output' })).toContainText('5 1');
    await page.getByRole('tab', { name: 'Objects' }).click();
    await page.getByLabel('Search objects').fill('cache');
    await expect(page.getByRole('grid', { name: 'Objects' }).getByRole('row')).toHaveCount(2);
    await shot(page, info, 'console-and-table');
  });

  test('stepping a collection of two __del__ instances in a cycle prints A at the first finalizer, then B, in the caption and the console', async ({ labPage: page }, info) => {
    await buildDelCycle(page);
    await page.getByLabel('step by step').check();
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    const caption = page.getByTestId('caption');
    const printed = page.getByTestId('step-output');
    // The collection's own lines in the console (nothing else printed before it).
    const consoleOut = () => page.getByRole('log', { name: 'Console output' }).locator('pre.stdout').allTextContents();
    await expect(caption).toContainText('Collection of generation 2 starts');
    expect(await consoleOut()).toEqual([]);
    const step = page.getByRole('button', { name: 'Step', exact: true });
    while (!/^__del__ of/.test((await caption.textContent()) ?? '')) {
      await expect(printed).toHaveCount(0);
      await step.click();
    }
    await expect(caption).toContainText('It prints:');
    await expect(printed).toHaveText('bye A');
    await expect.poll(consoleOut).toEqual(['bye A\n']);
    await shot(page, info, 'finalizer-a-prints');
    await step.click();
    while (!/^__del__ of/.test((await caption.textContent()) ?? '')) await step.click();
    await expect(printed).toHaveText('bye B');
    await expect.poll(consoleOut).toEqual(['bye A\nbye B\n']);
    await shot(page, info, 'finalizer-b-prints');
    // Back one step: B's line is not printed yet.
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect.poll(consoleOut).toEqual(['bye A\n']);
    await step.click();
    await expect.poll(consoleOut).toEqual(['bye A\nbye B\n']);
    // The steps after the finalizers print nothing new; the last one shows all the collection printed.
    while (!/^Done:/.test((await caption.textContent()) ?? '')) {
      await step.click();
      await expect(printed).toHaveCount(0);
      expect(await consoleOut()).toEqual(['bye A\nbye B\n']);
    }
    await expect(caption).toContainText('Done: generation 2 collected, 2 unreachable objects found');
    await page.getByRole('button', { name: 'Close player' }).click();
    await expect.poll(consoleOut).toEqual(['bye A\nbye B\n']);
  });

  test('an instant collection prints the finalizers\' output in the console at once', async ({ labPage: page }) => {
    await buildDelCycle(page);
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    await expect(page.getByRole('group', { name: 'Collection player' })).toHaveCount(0);
    await expect.poll(() => page.getByRole('log', { name: 'Console output' }).locator('pre.stdout').allTextContents()).toEqual(['bye A\nbye B\n']);
  });
});
