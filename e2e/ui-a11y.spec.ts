// Accessibility of the workbench: every control has an accessible name, the terms of the lab have tooltips that
// explain them, the objects table is walked by keyboard (also through a 100,000-object heap), and the console
// keeps its own undo and a history of statements run.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { tooltips, unnamedControls } from './helpers/a11y';
import { clickPalette, program, shot, tabTo } from './helpers/workbench';

const editor = (page: Page) => page.getByLabel('Python console');

/**
 * Bring the workbench through the states that show its controls (empty; the export menu; an object selected;
 * each bottom tab, with the allocator report open; the collection player; a question dialog) and call `look` in
 * each.
 */
async function everyState(page: Page, look: (state: string) => Promise<void>) {
  // The first page of a run also waits for the lab's worker to start (slow on a loaded machine).
  await expect(program(page)).toBeVisible({ timeout: 30_000 });
  await look('empty');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible();
  await look('export menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Export' })).toBeHidden();
  await clickPalette(page, 'list', 2);
  await expect(page.getByTestId('inspector-title')).toHaveText('obj2 (list)');
  await look('object selected');
  await page.getByRole('tab', { name: 'Objects' }).click();
  await expect(page.getByRole('grid', { name: 'Objects' }).getByRole('row')).not.toHaveCount(1);
  await look('objects tab');
  await page.getByRole('tab', { name: 'Memory' }).click();
  await page.getByLabel('sys._debugmallocstats()').check();
  await look('memory tab');
  await page.getByRole('tab', { name: 'Chart' }).click();
  await look('chart tab');
  await page.getByLabel('step by step').check();
  await page.getByRole('button', { name: 'Collect generation 0' }).click();
  await expect(page.getByTestId('caption')).toContainText('Collection of generation 0 starts');
  await look('collection player');
  await page.getByRole('button', { name: 'tuple', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Build a tuple' })).toBeVisible();
  await look('question dialog');
}

/** The lab's terms, each with how a tooltip names it. */
const TERMS: [string, RegExp][] = [
  ['gc_refs', /gc_refs/],
  ['generation', /generation/i],
  ['threshold', /threshold/i],
  ['arena', /arena/i],
  ['pool', /\bpool/i],
  ['block', /\bblock/i],
  ['size class', /size class/i],
  ['refcount', /refcount|reference count/i],
  ['immortal', /immortal/i],
  ['finalized', /finali[sz]/i],
  ['permanent generation', /permanent/i],
  ['untracked', /untracked/i],
];

test.describe('accessibility', () => {
  test('every button, input, select and role control has an accessible name, in every state of the workbench', async ({ labPage: page }, info) => {
    const missing: string[] = [];
    await everyState(page, async (state) => {
      for (const m of await unnamedControls(page)) missing.push(`${state}: ${m}`);
    });
    await shot(page, info, 'a11y-last-state');
    expect(missing, `controls without an accessible name:\n${missing.join('\n')}`).toEqual([]);
  });

  test('each term of the lab has a tooltip that explains it', async ({ labPage: page }) => {
    const seen = new Set<string>();
    await everyState(page, async () => {
      for (const t of await tooltips(page)) seen.add(t);
    });
    const unexplained = TERMS.filter(([term, re]) => ![...seen].some((t) => re.test(t) && t.length >= term.length + 25)).map(([term]) => term);
    expect(unexplained, 'terms no tooltip explains').toEqual([]);
  });

  test('the objects table is walked by keyboard: Tab to the rows, arrows move, Enter selects, headers sort', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 3);
    await page.getByRole('tab', { name: 'Objects' }).click();
    const grid = page.getByRole('grid', { name: 'Objects' });
    await expect(grid.getByRole('row')).toHaveCount(4);
    const search = page.getByRole('searchbox', { name: 'Search objects' });
    await search.focus();
    const rows = grid.locator('tbody tr');
    await tabTo(page, rows.first());
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText('obj3 (list)');
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
    // The canvas marks the object chosen in the table.
    const marked = () =>
      page.evaluate(() => (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy.nodes('.hl-path').map((n) => String(n.data('label')).split(' =')[0]));
    await expect.poll(marked).toEqual(['obj3']);
    await shot(page, info, 'table-keyboard');

    // Sort by names, descending, from the keyboard: obj3 first.
    const names = grid.getByRole('columnheader', { name: /names/ });
    await tabTo(page, names.getByRole('button'), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(names).toHaveAttribute('aria-sort', 'ascending');
    await page.keyboard.press('Enter');
    await expect(names).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.nth(0)).toContainText('obj3');
    await expect(rows.nth(2)).toContainText('obj1');
  });

  test('on a heap of 100,000 objects the keyboard reaches the last row through the pages, and Enter shows it', async ({ labPage: page }, info) => {
    test.setTimeout(90_000);
    await editor(page).click();
    await page.keyboard.insertText('big = []\nfor i in range(50000):\n    big.append([i])');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('status').filter({ hasText: 'too many to draw' })).toContainText('100,001 objects', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Objects' }).click();
    const grid = page.getByRole('grid', { name: 'Objects' });
    await expect(grid).toHaveAttribute('aria-rowcount', '100002');
    await page.getByRole('searchbox', { name: 'Search objects' }).focus();
    const focused = grid.locator('tbody tr:focus');
    await tabTo(page, grid.locator('tbody tr').first());
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    // PageDown moves by the rows one screen shows, and the table scrolls to keep the row in sight.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(focused).not.toHaveAttribute('aria-rowindex', '2');
    const down = Number(await focused.getAttribute('aria-rowindex'));
    expect(down).toBeGreaterThan(4);
    expect(down).toBeLessThan(80);
    await expect(focused).toBeInViewport();
    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-rowindex', '100002');
    await expect(focused).toBeInViewport();
    await page.keyboard.press('PageUp');
    await expect(focused).not.toHaveAttribute('aria-rowindex', '100002'); // the previous page has arrived
    const up = Number(await focused.getAttribute('aria-rowindex'));
    expect(up).toBeLessThan(100_002);
    expect(up).toBeGreaterThan(100_002 - 40);
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-rowindex', '100002');
    const kind = ((await focused.locator('td').nth(1).textContent()) ?? '').trim();
    const id = ((await focused.locator('td').first().textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Showing the neighbourhood of #${id}` })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('inspector-title')).toHaveText(`${kind} #${id}`);
    await shot(page, info, 'big-heap-table-end');
  });

  test('Ctrl+Z in the console undoes the typing, not the heap; outside the editor it undoes the heap', async ({ labPage: page }) => {
    await clickPalette(page, 'list');
    const names = page.getByRole('region', { name: 'Names' });
    await expect(names).toContainText('obj1');
    await editor(page).click();
    await page.keyboard.type('x = 1');
    await expect(editor(page)).toHaveText('x = 1');
    await page.keyboard.press('Control+z');
    await expect(editor(page)).toHaveText('');
    await expect(names).toContainText('obj1');
    await page.keyboard.press('Control+Shift+z');
    await expect(editor(page)).toHaveText('x = 1');
    await page.getByTestId('graph').focus();
    await page.keyboard.press('Control+z');
    await expect(names).not.toContainText('obj1');
    await expect(editor(page)).toHaveText('x = 1');
  });

  test('Up at the first line recalls the statements run, Down comes back to what was being typed', async ({ labPage: page }) => {
    await editor(page).click();
    for (const s of ['a = []', 'b = {}']) {
      await page.keyboard.type(s);
      await page.keyboard.press('Control+Enter');
      await expect(program(page)).toContainText(s);
      await expect(editor(page)).toHaveText('');
    }
    await page.keyboard.type('c');
    await page.keyboard.press('ArrowUp');
    await expect(editor(page)).toHaveText('b = {}');
    await page.keyboard.press('ArrowUp');
    await expect(editor(page)).toHaveText('a = []');
    await page.keyboard.press('ArrowDown');
    await expect(editor(page)).toHaveText('b = {}');
    await page.keyboard.press('ArrowDown');
    await expect(editor(page)).toHaveText('c');
  });
});
