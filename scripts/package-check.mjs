#!/usr/bin/env node
// Offline packaging check: electron-builder --linux dir with a stub Electron dist (no download), then asserts
// what app.asar holds. Needs a build in out/ (npm run build). Prints one line `package-check: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/** Lists every file path in an asar archive (header: pickled sizes, then a JSON tree). */
export function asarFiles(file) {
  const buf = readFileSync(file);
  const jsonLength = buf.readUInt32LE(12);
  const header = JSON.parse(buf.subarray(16, 16 + jsonLength).toString('utf8'));
  const out = [];
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = `${prefix}/${name}`;
      if (child.files) walk(child, p);
      else out.push(p);
    }
  };
  walk(header, '');
  return out;
}

/** Reads one file out of an asar archive. */
export function asarRead(file, inner) {
  const buf = readFileSync(file);
  const header = JSON.parse(buf.subarray(16, 16 + buf.readUInt32LE(12)).toString('utf8'));
  let node = header;
  for (const part of inner.split('/').filter(Boolean)) node = node.files[part];
  const start = 8 + buf.readUInt32LE(4) + Number(node.offset);
  return buf.subarray(start, start + node.size).toString('utf8');
}

const work = mkdtempSync(path.join(os.tmpdir(), 'gclab-pack-'));
const stub = path.join(work, 'electron-dist');
mkdirSync(stub);
writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "stub electron: packaging check only" >&2\nexit 1\n');
chmodSync(path.join(stub, 'electron'), 0o755);
writeFileSync(path.join(stub, 'version'), electronVersion);
const output = path.join(work, 'release');

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
};

try {
  const started = Date.now();
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux', 'dir',
      '--publish', 'never',
      `-c.electronDist=${stub}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  console.log(`  electron-builder --linux dir: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const asar = path.join(output, 'linux-unpacked/resources/app.asar');
  check('release/linux-unpacked/resources/app.asar exists', existsSync(asar));
  const files = existsSync(asar) ? asarFiles(asar) : [];
  const has = (f) => files.includes(f);
  for (const f of ['/package.json', '/out/main/main.cjs', '/out/main/lab-worker.cjs', '/out/preload/preload.cjs', '/out/renderer/index.html']) {
    check(`app.asar contains ${f}`, has(f));
  }
  check('app.asar contains the renderer bundle', files.some((f) => /^\/out\/renderer\/assets\/index-.*\.js$/.test(f)));
  for (const dep of Object.keys(pkg.dependencies)) {
    check(`app.asar contains runtime dependency ${dep}`, files.some((f) => f.startsWith(`/node_modules/${dep}/`)));
  }
  for (const dir of ['tests', 'e2e', 'src-main', 'src-renderer', 'shared', 'scripts', 'bench', 'docs']) {
    const found = files.filter((f) => f.startsWith(`/${dir}/`));
    check(`app.asar holds nothing from ${dir}/`, found.length === 0, found.slice(0, 3).join(', '));
  }
  const devOnly = ['electron', 'vite', 'vitest', 'svelte', '@playwright/test', 'typescript', 'pyodide'];
  for (const dep of devOnly) {
    check(`app.asar holds no dev dependency ${dep}`, !files.some((f) => f.startsWith(`/node_modules/${dep}/`)));
  }
  check('source maps are left out', !files.some((f) => f.endsWith('.map')));
  const packed = has('/package.json') ? JSON.parse(asarRead(asar, '/package.json')) : {};
  check('the packed package.json names a main file that is in app.asar', has(`/${packed.main}`), String(packed.main));
  check('the launcher is named after the product', existsSync(path.join(output, 'linux-unpacked', pkg.build.executableName)));
} catch (err) {
  const e = /** @type {any} */ (err);
  check('electron-builder --linux dir succeeds', false, String(e.stderr ?? e.message).split('\n').slice(-15).join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`package-check: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
