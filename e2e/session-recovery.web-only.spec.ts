// Nothing is lost: the browser host autosaves into its data folder; when the host dies (SIGKILL, no chance
// to clean up), the next start offers the autosave in a banner, and Restore brings the session back.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { openApp, startWebHost } from './helpers/web-host';



const autosaves = (dataDir: string) =>
  existsSync(path.join(dataDir, 'autosave')) ? readdirSync(path.join(dataDir, 'autosave')).filter((n) => n.endsWith('.gclab')) : [];

test('after the host is killed, the next start offers the autosave and Restore brings the session back', async ({ browser }, info) => {
  test.setTimeout(60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-recovery-'));
  const first = await startWebHost(dataDir, ['--autosave-seconds', '1']);
  try {
    const page = await openApp(browser, first.url);
    await page.getByLabel('Python console').click();
    await page.keyboard.insertText('survivor = [1, 2, 3]\nsurvivor.append(survivor)');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => autosaves(dataDir).length, { timeout: 10_000 }).toBe(1);
    await page.context().close().catch(() => undefined);
  } finally {
    first.child.kill('SIGKILL');
  }
  await new Promise((r) => first.child.once('exit', r));

  const second = await startWebHost(dataDir, ['--autosave-seconds', '1']);
  try {
    const page = await openApp(browser, second.url);
    const banner = page.getByRole('alert', { name: 'Recover unsaved work' });
    await expect(banner).toContainText('an unsaved session');
    await expect(banner).toContainText('1 statement');
    await page.screenshot({ path: info.outputPath('recovery-banner.png') });
    await banner.getByRole('button', { name: 'Restore' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Names' })).toContainText('survivor');
    await page.getByLabel('Python console').click();
    await page.keyboard.insertText('print(len(survivor), survivor[3] is survivor)');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('log', { name: 'Console output' }).locator('pre.stdout')).toHaveText('4 True\n');
    await page.screenshot({ path: info.outputPath('restored.png') });
    // Offered once: a page opened after the answer sees no banner.
    const later = await openApp(browser, second.url);
    await expect(later.getByRole('button', { name: 'Open…' })).toBeVisible();
    await expect(later.getByRole('alert', { name: 'Recover unsaved work' })).toHaveCount(0);
  } finally {
    second.child.kill('SIGTERM');
  }
});
