// The "Done when", checked as a person would. By mouse alone: two lists that hold each other, names
// deleted, Collect generation 2 frees both; a cache dict that keeps growing and keeps its values alive; two
// instances with __del__ in a cycle, finalized in creation order when the collection is stepped through. Then the
// first again by keyboard alone. The only typing in the mouse scenarios is the name "cache", where the lab asks
// for a name; every other answer is the dialog's default, accepted with the mouse. Screenshots of each stage are
// saved with the test's results.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import {
  canvasLabels,
  canvasNodeCount,
  clickPalette,
  drawReference,
  nodeIds,
  nodePoint,
  program,
  shot,
  tabTo,
  typeInSelect,
} from './helpers/workbench';

/** Accept the dialog the lab opened (its default answer) with the OK button. */
async function acceptDialog(page: Page, title: string) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
}

async function deleteNames(page: Page, ...names: string[]) {
  for (const n of names) {
    await page.getByRole('button', { name: `Delete name ${n}` }).click();
    await expect(program(page)).toContainText(`del ${n}`);
  }
}

test.describe('the Done-when scenarios', () => {
  test('by mouse alone: two lists that hold each other, names deleted, Collect generation 2 frees both', async ({ labPage: page }, info) => {
    await clickPalette(page, 'list', 2);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await expect(program(page)).toContainText('obj1.append(obj2)');
    await drawReference(page, 'obj2', 'obj1');
    await expect(program(page)).toContainText('obj2.append(obj1)');
    await page.getByRole('button', { name: 'Draw references' }).click();
    await shot(page, info, 'a-cycle-drawn');
    await deleteNames(page, 'obj1', 'obj2');
    // Unnamed, the two lists still hold each other: refcounting alone cannot free them.
    expect(await canvasNodeCount(page)).toBe(2);
    await shot(page, info, 'a-names-deleted');
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    await expect(page.getByLabel('Collection log')).toContainText('gen 2: 2 collected, 0 uncollectable (manual)');
    await expect.poll(() => canvasNodeCount(page)).toBe(0);
    await shot(page, info, 'a-collected');
  });

  test('by mouse alone: a cache dict keeps the values added to it alive after their names are gone, and says why', async ({ labPage: page }, info) => {
    test.setTimeout(60_000);
    await clickPalette(page, 'dict');
    // Name the dict `cache`: drop the name chip on it.
    const box = (await page.getByTestId('graph').boundingBox())!;
    const d = await nodePoint(page, 'obj1');
    await page.getByRole('button', { name: '+ name' }).dragTo(page.getByTestId('graph'), { targetPosition: { x: d.x - box.x, y: d.y - box.y } });
    await page.getByRole('dialog', { name: 'Name' }).getByRole('textbox').fill('cache');
    await acceptDialog(page, 'Name');
    await expect(program(page)).toContainText('cache = obj1');
    await deleteNames(page, 'obj1');

    // The cache grows: three lists, each added as an item (the key asked for, its default taken).
    await clickPalette(page, 'list', 3);
    await page.getByRole('button', { name: 'Draw references' }).click();
    for (const v of ['obj1', 'obj2', 'obj3']) {
      await drawReference(page, 'cache', v);
      await expect(page.getByRole('dialog', { name: 'Dict item' }).getByRole('textbox')).toHaveValue(v);
      await acceptDialog(page, 'Dict item');
      await expect(program(page)).toContainText(`cache['${v}'] = ${v}`);
    }
    await page.getByRole('button', { name: 'Draw references' }).click();
    await deleteNames(page, 'obj1', 'obj2', 'obj3');
    const lists = async () => (await canvasLabels(page)).filter((l) => l.startsWith('list ')).length;
    expect(await lists()).toBe(3);

    await page.getByRole('button', { name: 'cache', exact: true }).click();
    const inspector = page.getByLabel('Inspector');
    await expect(page.getByTestId('inspector-title')).toHaveText('cache (dict)');
    await expect(inspector).toContainText('Holds (3)');
    await shot(page, info, 'b-cache-grown');

    // Each value: refcount 1, the dict's reference; why alive: the path from `cache`.
    await inspector.getByRole('button', { name: /^list \[0\] #\d+$/ }).first().click();
    await expect(page.getByTestId('inspector-title')).toHaveText(/^list \[0\] #\d+$/);
    await expect(inspector).toContainText('rc 1');
    await inspector.getByRole('button', { name: 'Why alive?' }).click();
    await expect(inspector).toContainText(/cache → list \[0\] #\d+/);
    const lit = await page.evaluate(() => {
      const cy = (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy;
      const path = cy.elements('.hl-path');
      return { count: path.length, widths: path.nodes().map((n) => n.width()), plain: cy.nodes(':not(.hl-path)').filter((n) => String(n.data('label')).startsWith('list '))[0]!.width() };
    });
    expect(lit.count).toBe(3); // the dict, the reference, the list
    expect(lit.widths).toEqual([lit.plain, lit.plain]); // highlighted, still drawn full size
    await shot(page, info, 'b-why-alive');

    // Not garbage: a full collection finds nothing to free.
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    await expect(page.getByLabel('Collection log')).toContainText('gen 2: 0 collected, 0 uncollectable (manual)');
    expect(await lists()).toBe(3);
  });

  test('by mouse alone: two instances with __del__ in a cycle are finalized in creation order, step by step', async ({ labPage: page }, info) => {
    await page.getByLabel('with __del__').click();
    await clickPalette(page, 'instance', 2);
    await expect(program(page)).toContainText('def __del__(self):');
    const [first, second] = await nodeIds(page, ['obj1', 'obj2']);
    expect(first).toBeLessThan(second!);
    await page.getByRole('button', { name: 'Draw references' }).click();
    await drawReference(page, 'obj1', 'obj2');
    await acceptDialog(page, 'Attribute');
    await expect(program(page)).toContainText('obj1.obj2 = obj2');
    await drawReference(page, 'obj2', 'obj1');
    await acceptDialog(page, 'Attribute');
    await expect(program(page)).toContainText('obj2.obj1 = obj1');
    await page.getByRole('button', { name: 'Draw references' }).click();
    await deleteNames(page, 'obj1', 'obj2');

    await page.getByLabel('step by step').click();
    await page.getByRole('button', { name: 'Collect generation 2' }).click();
    const player = page.getByRole('group', { name: 'Collection player' });
    const caption = page.getByTestId('caption');
    await expect(caption).toContainText('Collection of generation 2 starts');
    const total = Number(/step 1 \/ (\d+)/.exec((await player.textContent()) ?? '')![1]);
    // The player took its height from the canvas: the two instances are still wholly in view above it.
    await expect.poll(() => page.evaluate((ids) => {
      const cy = (window as unknown as { __gclabCy: import('cytoscape').Core }).__gclabCy;
      const box = cy.container()!; // its laid-out size (cy.height() is Cytoscape's cached one)
      return ids.every((id) => {
        const b = cy.getElementById(String(id)).renderedBoundingBox();
        return b.y1 >= 0 && b.y2 <= box.clientHeight && b.x1 >= 0 && b.x2 <= box.clientWidth;
      });
    }, [first!, second!])).toBe(true);
    const finalized: number[] = [];
    for (let k = 2; k <= total; k++) {
      await player.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(player).toContainText(`step ${k} / ${total}`);
      const m = /^__del__ of Node #(\d+) runs/.exec((await caption.textContent()) ?? '');
      if (m) {
        finalized.push(Number(m[1]));
        // Its print shows at this step, in the caption and as the console's latest line (one more each time).
        const line = (await page.getByTestId('step-output').textContent())!;
        expect(line).toMatch(/^__del__ Node \d+\n$/);
        const out = (await page.getByRole('log', { name: 'Console output' }).locator('pre.stdout').allTextContents()).join('');
        expect(out.match(/__del__ Node \d+\n/g)).toHaveLength(finalized.length);
        expect(out.endsWith(line)).toBe(true);
        if (finalized.length === 1) await shot(page, info, 'c-first-finalizer');
      }
    }
    expect(finalized).toEqual([first, second]);
    await expect(caption).toContainText('Done: generation 2 collected, 2 unreachable objects found, 0 uncollectable');
    await shot(page, info, 'c-done');
    await player.getByRole('button', { name: 'Close player' }).click();
    await expect(page.getByLabel('Collection log')).toContainText('gen 2: 2 collected, 0 uncollectable (manual)');
    await expect(page.getByRole('log', { name: 'Console output' })).toContainText(/__del__ Node \d+\n?.*__del__ Node \d+/s);
    // Both instances freed (the class and its __del__ function stay, bound to the name Node).
    await expect.poll(async () => (await canvasLabels(page)).filter((l) => /^Node(?! =)/.test(l))).toEqual([]);
    expect(await canvasLabels(page)).toContainEqual(expect.stringMatching(/^Node =\ntype Node\n/));
  });

  test('by keyboard alone: two lists that hold each other, names deleted, Collect generation 2 frees both', async ({ labPage: page }, info) => {
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
    await expect.poll(() => canvasNodeCount(page)).toBe(0);
    await shot(page, info, 'keyboard-collected');
  });
});
