// A browser host of a spec's own (its own data folder, killed at will), for specs about what survives the host:
// autosave and recovery, settings written to the data folder. The shared fixture's host lives for the whole worker.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, root } from '../fixtures/app';

export async function startWebHost(dataDir: string, extraArgs: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/web.cjs'), '--data-dir', dataDir, ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /GC Lab at (\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
  return { child, url };
}

/** A fresh browser context on the host's page, once the toolbar is there. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Open…' })).toBeVisible();
  return page;
}
