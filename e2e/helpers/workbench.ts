// Steps the workbench specs share: reading the canvas (node and edge screen positions), the mouse gestures
// (palette clicks, drawing a reference), the keyboard ones (Tab to a control, typing in a select), and
// screenshots saved with the test's results.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect } from '../fixtures/app';

type Cy = import('cytoscape').Core;

/** The session program (every gesture as a statement), read-only CodeMirror view. */
export const program = (page: Page) => page.getByLabel('Session program');

/** A screenshot in the test's output folder, attached to its report. */
export async function shot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Objects drawn on the canvas. */
export function canvasNodeCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __gclabCy: Cy }).__gclabCy.nodes().length);
}

/** The labels of the objects drawn on the canvas (names, kind and value, refcount, flags). */
export function canvasLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __gclabCy: Cy }).__gclabCy.nodes().map((n) => String(n.data('label'))));
}

/** Canvas ids of the objects bound to these names (ids follow creation order). */
export function nodeIds(page: Page, names: string[]): Promise<number[]> {
  return page.evaluate((ns) => {
    const cy = (window as unknown as { __gclabCy: Cy }).__gclabCy;
    return ns.map((n) => Number(cy.nodes().filter((x) => String(x.data('label')).split(' =')[0]!.split(', ').includes(n))[0]!.id()));
  }, names);
}

/** Screen position of the node whose label starts with `name =` (from Cytoscape's rendered position). */
export async function nodePoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('graph').boundingBox())!;
  const p = await page.evaluate((n) => {
    const cy = (window as unknown as { __gclabCy: Cy }).__gclabCy;
    const node = cy.nodes().filter((x) => String(x.data('label')).split(' =')[0]!.split(', ').includes(n))[0];
    return node ? node.renderedPosition() : null;
  }, name);
  if (!p) throw new Error(`no node named ${name} on the canvas`);
  return { x: box.x + p.x, y: box.y + p.y };
}

export async function edgePoint(page: Page, label: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('graph').boundingBox())!;
  const p = await page.evaluate((l) => {
    const cy = (window as unknown as { __gclabCy: Cy }).__gclabCy;
    const e = cy.edges().filter((x) => x.data('label') === l)[0];
    return e ? e.renderedMidpoint() : null;
  }, label);
  if (!p) throw new Error(`no edge labelled ${label}`);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Drag from one object to another in "Draw references" mode (edgehandles needs intermediate moves). */
export async function drawReference(page: Page, from: string, to: string) {
  const a = await nodePoint(page, from);
  const b = await nodePoint(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.waitForTimeout(150); // edgehandles' hover delay
  await page.mouse.up();
}

/** Click a palette item and wait for its statement to reach the program. */
export async function clickPalette(page: Page, kind: string, times = 1) {
  for (let i = 0; i < times; i++) {
    const before = await program(page).textContent();
    await page.getByRole('button', { name: kind, exact: true }).click();
    await expect(program(page)).not.toHaveText(before ?? '');
  }
}

/**
 * Press Tab (or Shift+Tab: backwards) until `target` has the focus, the way a keyboard user reaches a control.
 * The console's editor keeps Tab for indentation (Escape, then Tab, leaves it), so controls above it are
 * reached backwards.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Pick an option of the focused <select> by typing its start, as a keyboard user does. */
export async function typeInSelect(page: Page, select: Locator, text: string) {
  await page.keyboard.type(text, { delay: 30 });
  await expect(select.locator('option:checked')).toHaveText(new RegExp(`^${text}`));
}
