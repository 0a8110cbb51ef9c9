// The workbench in both themes, and driven by the keyboard alone: a person who never touches the mouse builds
// two lists that hold each other, deletes their names and collects generation 2. Screenshots of both themes
// and of each keyboard step are saved with the test's results.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures/app';

type Cy = import('cytoscape').Core;
const program = (page: Page) => page.getByLabel('Session program');

async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

/** What the canvas draws: its background and the label colour of the first object. */
async function canvasInk(page: Page): Promise<{ background: string; label: string; theme: string }> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __gclabCy: Cy }).__gclabCy;
    return {
      background: getComputedStyle(document.querySelector('[data-testid="graph"]')!).backgroundColor,
      label: String(cy.nodes()[0]!.style('color')),
      theme: document.documentElement.dataset.theme ?? '',
    };
  });
}

/**
 * Press Tab (or Shift+Tab: backwards) until `target` has the focus, the way a keyboard user reaches a control.
 * The console's editor keeps Tab for indentation (Escape, then Tab, leaves it), so controls above it are
 * reached backwards.
 */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Pick an option of the focused <select> by typing its start, as a keyboard user does. */
async function typeInSelect(page: Page, select: Locator, text: string) {
  await page.keyboard.type(text, { delay: 30 });
  await expect(select.locator('option:checked')).toHaveText(new RegExp(`^${text}`));
}

test.describe('the workbench themes and keyboard', () => {
  test('switching the theme changes the canvas background and the colour of node labels', async ({ labPage: page }, info) => {
    await page.getByRole('button', { name: 'list', exact: true }).click();
    await expect(program(page)).toContainText('obj1 = []');
    const before = await canvasInk(page);
    await shot(page, info, `theme-${before.theme}`);
    await page.getByRole('button', { name: 'Switch theme' }).click();
    await expect.poll(async () => (await canvasInk(page)).theme).not.toBe(before.theme);
    const after = await canvasInk(page);
    await shot(page, info, `theme-${after.theme}`);
    expect(after.background).not.toBe(before.background);
    expect(after.label).not.toBe(before.label);
    // Dark: light labels on a dark canvas (theme.css --canvas #141618); light: dark labels on a light one.
    const dark = before.theme === 'dark' ? before : after;
    const light = before.theme === 'dark' ? after : before;
    expect(dark.background).toBe('rgb(20, 22, 24)');
    expect(dark.label).toBe('rgb(238,240,242)');
    expect(light.label).toBe('rgb(17,17,17)');
  });

  test('with the keyboard only: two lists that hold each other, names deleted, Collect generation 2 frees both', async ({ labPage: page }, info) => {
    const list = page.getByRole('button', { name: 'list', exact: true });
    const title = page.getByTestId('inspector-title');
    await tabTo(page, list);
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('obj1 = []');
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('obj2 = []');
    await expect(title).toHaveText('obj2 (list)');

    // obj2 -> obj1 from the inspector's reference picker.
    const target = page.getByRole('combobox', { name: 'Reference target' });
    await tabTo(page, target);
    await typeInSelect(page, target, 'obj1');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Add reference' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('obj2.append(obj1)');

    // Select obj1 on the canvas with the arrow keys, then obj1 -> obj2.
    await tabTo(page, page.getByTestId('graph'), 'Shift+Tab');
    for (let i = 0; i < 4 && (await title.textContent()) !== 'obj1 (list)'; i++) await page.keyboard.press('ArrowRight');
    await expect(title).toHaveText('obj1 (list)');
    await tabTo(page, target);
    await typeInSelect(page, target, 'obj2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('obj1.append(obj2)');
    await expect(page.getByLabel('Inspector')).toContainText('rc 2');
    await shot(page, info, 'keyboard-cycle');

    // del obj1 from the canvas (Delete on the selected object), del obj2 from its name chip's button.
    await tabTo(page, page.getByTestId('graph'), 'Shift+Tab');
    await page.keyboard.press('Delete');
    await expect(program(page)).toContainText('del obj1');
    await tabTo(page, page.getByRole('button', { name: 'Delete name obj2' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(program(page)).toContainText('del obj2');

    await tabTo(page, page.getByRole('button', { name: 'Collect generation 2' }));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Collection log')).toContainText('gen 2: 2 collected, 0 uncollectable (manual)');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __gclabCy: Cy }).__gclabCy.nodes().length)).toBe(0);
    await shot(page, info, 'keyboard-collected');
  });
});
