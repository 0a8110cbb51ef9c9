// Function frames on the workbench, as a person uses them: Call function opens f1's frame, a list made from
// the palette and named there is f1's local (panel, graph, indented program line), Return writes f1() and the
// list is freed. Screenshots are saved with the test's results.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { canvasLabels, nodePoint, program, shot } from './helpers/workbench';

/** The program as its lines read on screen (CodeMirror keeps the leading spaces in each line's text). */
function programLines(page: Page): Promise<string[]> {
  return program(page).locator('.cm-line').evaluateAll((ls) => ls.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')));
}

test.describe('function frames', () => {
  test('Call function opens f1, a list named there is its local, Return writes f1() and frees the list', async ({ labPage: page }, info) => {
    const frames = page.getByRole('region', { name: 'Frames' });
    await expect(frames.getByRole('button', { name: 'Return', exact: true })).toBeDisabled();

    await frames.getByRole('button', { name: 'Call function', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Call function' });
    await expect(ask.getByRole('textbox')).toHaveValue('f1');
    await page.keyboard.press('Enter');
    await expect.poll(() => programLines(page)).toContain('def f1():');
    const f1 = page.getByLabel('Frame f1', { exact: true });
    await expect(f1).toContainText('no locals yet');

    await page.getByRole('button', { name: 'list', exact: true }).click();
    await expect.poll(() => programLines(page)).toContain('    obj1 = []');

    // Name it by dragging the name chip onto it, as for a global: the name goes to the open frame.
    const canvas = page.getByTestId('graph');
    const box = (await canvas.boundingBox())!;
    const p = await nodePoint(page, 'f1: obj1');
    await page.getByRole('button', { name: '+ name' }).dragTo(canvas, { targetPosition: { x: p.x - box.x, y: p.y - box.y } });
    await page.getByRole('dialog', { name: 'Name' }).getByRole('textbox').fill('x');
    await page.keyboard.press('Enter');
    await expect.poll(() => programLines(page)).toContain('    x = obj1');
    await expect(f1.getByRole('button', { name: /^f1: x #\d+$/ })).toBeVisible();
    await expect.poll(async () => (await canvasLabels(page)).some((l) => l.startsWith('f1: obj1, f1: x =\nlist'))).toBe(true);
    await shot(page, info, 'frame-open');

    await page.getByRole('tab', { name: 'Console' }).click();
    await expect(page.getByLabel('Console output')).toContainText('    x = obj1');

    await frames.getByRole('button', { name: 'Return', exact: true }).click();
    await expect.poll(() => programLines(page)).toEqual(['def f1():', '    obj1 = []', '    x = obj1', 'f1()']);
    await expect(frames.getByRole('status')).toContainText(/f1\(\) returned: freed list #\d+/);
    await expect(page.getByLabel('Frame f1', { exact: true })).toHaveCount(0);
    await expect.poll(async () => (await canvasLabels(page)).filter((l) => l.includes('f1:'))).toEqual([]);
    await expect(page.getByLabel('Console output')).toContainText('f1()');
    await shot(page, info, 'frame-returned');
  });

  test('Call function and Return are reachable with the keyboard', async ({ labPage: page }) => {
    const frames = page.getByRole('region', { name: 'Frames' });
    await frames.getByRole('button', { name: 'Call function', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // accept f1
    await expect.poll(() => programLines(page)).toContain('def f1():');
    await frames.getByRole('button', { name: 'Call function', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(frames.getByRole('button', { name: 'Return', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    // An empty frame returns through `pass` (a def needs a body).
    await expect.poll(() => programLines(page)).toEqual(['def f1():', '    pass', 'f1()']);
  });
});
