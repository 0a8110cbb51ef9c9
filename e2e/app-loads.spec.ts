import { test, expect } from './fixtures/app';

test.describe('the app frame', () => {
  test('shows the toolbar, the graph canvas in the main area and the status bar', async ({ labPage: page }) => {
    await expect(page.getByRole('toolbar', { name: 'GC Lab toolbar' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Status bar' })).toBeVisible();
    const graph = page.locator('main').getByRole('application', { name: 'Object graph' });
    await expect(graph.locator('canvas').first()).toBeVisible();
    const box = await graph.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(250);
  });

  test('the status bar shows gc.get_count() and the thresholds of CPython 3.13', async ({ labPage: page }) => {
    await expect(page.getByTestId('status-gc')).toContainText('thresholds (2000, 10, 10)');
  });

  test('the status bar shows the default CPython version', async ({ labPage: page }) => {
    await expect(page.getByTestId('status-profile')).toHaveText('CPython 3.13');
  });

  test('choosing another CPython version changes the status bar', async ({ labPage: page }) => {
    await page.getByLabel('CPython version').selectOption('3.8');
    await expect(page.getByTestId('status-profile')).toHaveText('CPython 3.8');
  });

  test('the theme follows the OS and the toolbar switches it', async ({ labPage: page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('toolbar', { name: 'GC Lab toolbar' }).getByRole('button', { name: 'Switch theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('a statement run in the console becomes an undoable gesture', async ({ labPage: page }) => {
    const status = page.getByRole('status', { name: 'Status bar' });
    await page.getByRole('textbox', { name: 'Python console' }).fill('a = []');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(status).toContainText('1 statement');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(status).toContainText('0 statements');
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(status).toContainText('1 statement');
  });
});
