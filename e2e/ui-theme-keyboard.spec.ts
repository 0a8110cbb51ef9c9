// The workbench in both themes: the canvas background and label colours follow the theme. Screenshots of both
// themes are saved with the test's results. (Driving the workbench by keyboard alone: ui-scenarios.spec.ts.)
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { program, shot } from './helpers/workbench';

type Cy = import('cytoscape').Core;

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

test.describe('the workbench themes', () => {
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
});
