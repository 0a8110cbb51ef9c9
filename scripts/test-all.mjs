#!/usr/bin/env node
// `npm test`: every suite, each with its counts, then ONE closing line `N passed, N failed, N skipped` over all
// of them. Exits non-zero when anything failed. Suites: build, typecheck (tsc, svelte-check), lint, unit
// (Vitest), e2e (Playwright: browser host in Chromium; Electron when a binary exists), packaging check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gclab-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return { ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1), error: r.error };
}

function record(suite, counts, seconds, note = '') {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
  const line = `${suite}: ${counts.passed} passed, ${counts.failed} failed${skipped} (${seconds} s)${note ? ` ${note}` : ''}`;
  lines.push(line);
  console.log(`\n== ${line}\n`);
}

/** A step that is one check: its exit status is the result. */
function step(suite, cmd, args, env) {
  console.log(`\n== ${suite}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = run(cmd, args, env);
  record(suite, { passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 }, r.seconds);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Build: the e2e suite and the packaging check run the built app.
const built = step('build', process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '-c', 'electron.config.ts']);

// 2. Typecheck and lint.
step('typecheck tsc', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('typecheck e2e', bin('tsc'), ['-p', 'e2e/tsconfig.json', '--noEmit']);
step('typecheck svelte-check', bin('svelte-check'), ['--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings']);
step('lint', bin('eslint'), ['.']);

// 3. Unit tests.
{
  console.log('\n== unit: vitest run');
  const out = path.join(tmp, 'vitest.json');
  const r = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const j = readJson(out);
  if (j) record('unit', { passed: j.numPassedTests, failed: j.numFailedTests + (r.ok || j.numFailedTests ? 0 : 1), skipped: j.numPendingTests + j.numTodoTests }, r.seconds);
  else record('unit', { passed: 0, failed: 1 }, r.seconds, '(vitest produced no report)');
}

// 4. End-to-end tests (needs the build).
if (built) {
  console.log('\n== e2e: playwright test');
  const out = path.join(tmp, 'playwright.json');
  const electronWithoutDisplay = !process.env.DISPLAY && process.platform === 'linux' && existsSync('/usr/bin/xvfb-run');
  const [cmd, args] = electronWithoutDisplay
    ? ['/usr/bin/xvfb-run', ['-a', bin('playwright'), 'test', '--reporter=list,json']]
    : [bin('playwright'), ['test', '--reporter=list,json']];
  const r = run(cmd, args, { GCLAB_BUILT: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const j = readJson(out);
  if (j) {
    const s = j.stats;
    const reasons = new Set();
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) for (const res of t.results ?? []) for (const a of res.annotations ?? t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of j.suites ?? []) walk(suite);
    for (const t of [...reasons]) console.log(`   skipped: ${t}`);
    const failed = s.unexpected + s.flaky + (r.ok || s.unexpected ? 0 : 1);
    record('e2e', { passed: s.expected, failed, skipped: s.skipped }, r.seconds, reasons.size ? `[${[...reasons].join('; ')}]` : '');
  } else record('e2e', { passed: 0, failed: 1 }, r.seconds, '(playwright produced no report)');
} else record('e2e', { passed: 0, failed: 1 }, '0.0', '(not run: the build failed)');

// 5. Packaging check (needs the build).
if (built) {
  console.log('\n== packaging: scripts/package-check.mjs');
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/package-check.mjs')], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const m = /package-check: (\d+) passed, (\d+) failed/.exec(r.stdout ?? '');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (m) record('packaging', { passed: Number(m[1]), failed: Number(m[2]) + (r.status === 0 || Number(m[2]) ? 0 : 1) }, seconds);
  else record('packaging', { passed: 0, failed: 1 }, seconds, '(no result line)');
} else record('packaging', { passed: 0, failed: 1 }, '0.0', '(not run: the build failed)');

rmSync(tmp, { recursive: true, force: true });
console.log('\n== summary');
for (const line of lines) console.log(`   ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
