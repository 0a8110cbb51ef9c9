// One selection across the workbench: an object chosen in the objects table, an inspector link or a name chip is
// Cytoscape's selection on the canvas too (panned into view when it was off-screen), and one chosen on the canvas
// (mouse or arrow keys) is the table's and the inspector's. Read from Cytoscape's state and the rows' aria.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { clickPalette, drawReference, nodePoint, program, shot, tabTo } from './helpers/workbench';

type Cy = import('cytoscape').Core;

/** The names of the objects selected on the canvas (Cytoscape's :selected). */
const canvasSelection = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __gclabCy: Cy }).__gclabCy.$(':selected').map((n) => String(n.data('label')).split(' =')[0]),
  );

test.describe('selection', () => {
  test('a row chosen in the objects table is selected on the canvas, and a node clicked there is the table\'s', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 3);
    const title = page.getByTestId('inspector-title');
    await expect(title).toHaveText('obj3 (list)'); // the last one created
    await expect.poll(() => canvasSelection(page)).toEqual(['obj3']);
    await page.getByRole('tab', { name: 'Objects' }).click();
    const rows = page.getByRole('grid', { name: 'Objects' }).locator('tbody tr');
    await expect(rows).toHaveCount(3);

    await rows.filter({ hasText: 'obj1' }).click();
    await expect(title).toHaveText('obj1 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj1']);
    // The table's ring stays: nothing came back from the canvas to clear it.
    const ringed = () =>
      page.evaluate(() => (window as unknown as { __gclabCy: Cy }).__gclabCy.nodes('.hl-path').map((n) => String(n.data('label')).split(' =')[0]));
    await expect.poll(ringed).toEqual(['obj1']);
    await shot(page, info, 'table-selects-canvas');

    // Keyboard: Enter on a row.
    await tabTo(page, rows.first());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(title).toHaveText('obj2 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj2']);

    // Back the other way: a click on the canvas selects the row.
    const p = await nodePoint(page, 'obj3');
    await page.mouse.click(p.x, p.y);
    await expect(title).toHaveText('obj3 (list)');
    await expect(rows.filter({ hasText: 'obj3' })).toHaveAttribute('aria-selected', 'true');
    await expect(rows.filter({ hasText: 'obj2' })).toHaveAttribute('aria-selected', 'false');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj3']);

    // And the canvas's arrow keys walk the selection, the table following.
    await page.getByTestId('graph').focus();
    await page.keyboard.press('Home');
    const first = await title.textContent();
    await expect.poll(() => canvasSelection(page)).toEqual([first!.split(' (')[0]]);
    await expect(rows.filter({ hasText: first!.split(' (')[0]! })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect(program(page)).toHaveText(/obj3 = \[\]$/); // selecting ran nothing
  });

  test('an inspector link and a name chip select on the canvas, panning an off-screen object into view', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 2);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await expect(program(page)).toContainText('obj1.append(obj2)');
    await page.getByRole('button', { name: 'Draw references' }).click();
    const p = await nodePoint(page, 'obj2');
    await page.mouse.click(p.x, p.y);
    const title = page.getByTestId('inspector-title');
    await expect(title).toHaveText('obj2 (list)');

    // Pan obj1 far off the canvas, then follow the inspector's "Held by" link to it.
    const inView = (name: string) =>
      page.evaluate((n) => {
        const cy = (window as unknown as { __gclabCy: Cy }).__gclabCy;
        const node = cy.nodes().filter((x) => String(x.data('label')).split(' =')[0] === n)[0]!;
        const r = node.renderedPosition();
        return r.x >= 0 && r.y >= 0 && r.x <= cy.width() && r.y <= cy.height();
      }, name);
    await page.evaluate(() => {
      (window as unknown as { __gclabCy: Cy }).__gclabCy.panBy({ x: 5000, y: 0 });
    });
    expect(await inView('obj1')).toBe(false);
    await page.getByLabel('Inspector').getByRole('button', { name: 'obj1 (list)' }).click();
    await expect(title).toHaveText('obj1 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj1']);
    expect(await inView('obj1')).toBe(true);
    await shot(page, info, 'inspector-link-selects-canvas');

    // The name chip of obj2 in the Names list.
    await page.getByRole('region', { name: 'Names' }).getByRole('button', { name: 'obj2', exact: true }).click();
    await expect(title).toHaveText('obj2 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj2']);

    // Escape on the canvas clears both.
    await page.getByTestId('graph').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => canvasSelection(page)).toEqual([]);
    await expect(page.getByLabel('Inspector')).toContainText('Select an object on the canvas or in the table.');
  });

  test('the memory map names the block under the mouse and selects its object; the selected object\'s block is where the keyboard starts', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 2);
    const title = page.getByTestId('inspector-title');
    await expect(title).toHaveText('obj2 (list)');
    await page.getByRole('tab', { name: 'Memory' }).click();
    const map = page.getByLabel(/^Memory map/);
    const hover = page.getByTestId('memory-hover');

    // Keyboard: focusing the map puts its cursor on the selected object's block.
    await tabTo(page, map);
    await expect(hover).toContainText(/^arena 0 · pool \d+ · block \d+ · 0x[0-9a-f]+ — obj2 list/);
    const cursor = page.getByTestId('memory-cursor');
    await expect(cursor).toBeVisible();
    // Walk back to obj1's block and select it with Enter: the inspector and the canvas follow.
    for (let i = 0; i < 50 && !(await hover.textContent())!.includes('obj1 list'); i++) await page.keyboard.press('ArrowLeft');
    await expect(hover).toContainText(/— obj1 list/);
    // A screen reader hears the keyboard's block (mouse hover is not announced).
    await expect(page.locator('.mem [aria-live="polite"]')).toContainText(/— obj1 list/);
    await page.keyboard.press('Enter');
    await expect(title).toHaveText('obj1 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj1']);

    // Mouse: hovering obj2's block names it, a click selects it.
    for (let i = 0; i < 50 && !(await hover.textContent())!.includes('obj2 list'); i++) await page.keyboard.press('ArrowRight');
    const box = (await cursor.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(hover).toContainText(/^arena 0 · pool \d+ · block \d+ · 0x[0-9a-f]+ — obj2 list/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(title).toHaveText('obj2 (list)');
    await expect.poll(() => canvasSelection(page)).toEqual(['obj2']);
    await shot(page, info, 'memory-map-selects');
  });
});

