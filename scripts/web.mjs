#!/usr/bin/env node
// `npm run web [-- --port N]`: builds the app (so a fresh clone works after npm install), then starts the
// browser host. The build's log goes to stderr, so stdout carries only `GC Lab at http://127.0.0.1:PORT/?token=...`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '-c', 'electron.config.ts'], {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) {
    console.error('gclab web: the build failed');
    process.exit(build.status ?? 1);
  }
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const host = spawn(process.execPath, [path.join(root, 'out/main/web.cjs'), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
