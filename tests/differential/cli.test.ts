// `npx gclab run FILE.py --python V` from a clone: stdout as real CPython prints it, exit 1 with a traceback for
// an uncaught exception, exit 2 with a message naming the construct for code outside the subset.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findInterpreters, runPython } from '../support/cpython';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function gclab(args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('npx', ['--no-install', 'gclab', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  // npx's own configuration warnings are not gclab's output.
  const stderr = (r.stderr ?? '').split('\n').filter((l) => !l.startsWith('npm warn ')).join('\n');
  return { stdout: r.stdout ?? '', stderr, status: r.status ?? -1 };
}

const py311 = findInterpreters().get('3.11');

describe('gclab run', () => {
  it('prints what real CPython 3.11 prints for a corpus program', (ctx) => {
    if (!py311) ctx.skip('CPython 3.11 is not installed (pyenv or python3.11 on PATH)');
    const file = 'tests/corpus/01_refcount_names.py';
    const real = runPython(py311!, readFileSync(`${ROOT}/${file}`, 'utf8'));
    const lab = gclab(['run', file, '--python', '3.11']);
    expect({ stdout: lab.stdout, status: lab.status }, lab.stderr).toEqual({ stdout: real.stdout, status: real.status });
    expect(real.status).toBe(0);
  });

  it('exits 1 with a traceback on stderr when an exception is not caught', (ctx) => {
    if (!py311) ctx.skip('CPython 3.11 is not installed (pyenv or python3.11 on PATH)');
    const file = 'tests/corpus/52_uncaught_exception.py';
    const real = spawnSync(py311!.path, ['-S', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' } });
    const lab = gclab(['run', file, '--python', '3.11']);
    expect(lab.status).toBe(1);
    expect(lab.stdout).toBe(real.stdout);
    // CPython 3.9+ prints the script's absolute path in tracebacks; the lab prints the path it was given.
    const samePaths = (t: string) => t.replace(/File "[^"]*\/([^"/]+)"/g, 'File "$1"');
    expect(samePaths(lab.stderr)).toBe(samePaths(real.stderr ?? ''));
    expect(lab.stderr.startsWith('Traceback (most recent call last):\n')).toBe(true);
  });

  it('exits 2 and names the unsupported construct with its line and column', () => {
    const lab = gclab(['run', 'tests/corpus/cli/unsupported_async.py', '--python', '3.11']);
    expect(lab.status).toBe(2);
    expect(lab.stdout).toBe('');
    expect(lab.stderr).toContain('GC Lab does not run `async def` yet, line 3, column 1');
  });
});
