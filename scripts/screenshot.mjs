#!/usr/bin/env node
// Takes docs/screenshot.png of the real app: the browser host (out/main/web.cjs, so build first) in Chromium,
// with a small reference cycle built in the console. Usage: node scripts/screenshot.mjs [out.png] [light|dark]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/screenshot.png'));
const scheme = process.argv[3] === 'dark' ? 'dark' : 'light';

const host = spawn(process.execPath, [path.join(root, 'out/main/web.cjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  host.stdout.setEncoding('utf8').on('data', (d) => {
    const m = /GC Lab at (\S+)/.exec(d);
    if (m) resolve(m[1]);
  });
  host.once('exit', (code) => reject(new Error(`web host exited (${code})`)));
});

const isRoot = process.getuid?.() === 0;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: isRoot ? ['--no-sandbox'] : [],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, colorScheme: scheme, deviceScaleFactor: 1 });
  await page.goto(url);
  const program = [
    'class Node:',
    '    def __init__(self, name):',
    '        self.name = name',
    '        self.next = None',
    'a = Node("a")',
    'b = Node("b")',
    'a.next = b',
    'b.next = a',
    'items = [a, b, (1, 2)]',
  ].join('\n');
  await page.getByRole('textbox', { name: 'Python console' }).fill(program);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}
