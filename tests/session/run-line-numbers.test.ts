// `gclab run FILE.gclab` prints tracebacks with the line numbers of the exported script: the same text real
// CPython prints when it runs that script (file names aside: one is the .gclab, the other the .py).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession, serializeSession, type Session } from '../../shared/session';
import { main } from '../../src-main/cli/main';
import { exportPython } from '../../src-main/export';
import { findInterpreters, interpreterReport, type PyenvVersion } from '../support/cpython';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gclab-lines-'));

async function gclabRun(file: string) {
  let out = '';
  let err = '';
  const code = await main(['run', file], { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err: err.replace(/gclab: .*cannot run: .*\n$/, '') };
}

/** Runs the exported script as a file (so CPython prints source lines), without site, hash seed fixed. */
function cpythonRun(interpPath: string, script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' };
  delete env.PYTHONMALLOC;
  delete env.PYTHONSTARTUP;
  const r = spawnSync(interpPath, ['-S', script], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function compare(version: PyenvVersion, name: string, session: Session) {
  const gclabFile = path.join(dir, `${name}-${version}.gclab`);
  const pyFile = path.join(dir, `${name}-${version}.py`);
  writeFileSync(gclabFile, serializeSession(session));
  writeFileSync(pyFile, exportPython(session));
  const lab = await gclabRun(gclabFile);
  const real = cpythonRun(findInterpreters().get(version)!.path, pyFile);
  expect(lab.err.replaceAll(gclabFile, 'FILE')).toBe(real.err.replaceAll(pyFile, 'FILE'));
  expect([lab.code, lab.out]).toEqual([real.code, real.out]);
  return real;
}

// A function and a class defined in multi-line statements, failing when a later statement calls them; the
// gc settings add a line to the script (__import__('gc').set_threshold(...)).
const PROGRAM = [
  'import gc',
  'def build(n):\n    items = [[] for _ in range(n)]\n    return items',
  'class Node:\n    def __init__(self, peer):\n        self.peer = peer.missing',
  'a = build(2)',
  'print(len(a))',
  'n = Node(a)',
  'print("never")',
];

describe('gclab run FILE.gclab tracebacks', () => {
  for (const version of ['3.8', '3.12'] as const) {
    it(`name the exported script's lines, as CPython ${version} running it does`, async (ctx) => {
      if (!findInterpreters().has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const session = createSession({ app: '0.1.0', profile: version, program: PROGRAM, settings: { gc: { thresholds: [500, 10, 10] } } });
      const { err, out } = await compare(version, 'class', session);
      // Script line 1 is the gc setting: the failing call is line 12 (11 is the `try:` the export wraps it in,
      // since it raised in the lab), the attribute read line 8 (statement 3); the script goes on as the lab did.
      expect(err).toMatch(/line 12, in <module>[\s\S]*line 8, in __init__/);
      expect(out).toBe('2\nnever\n');
    });
  }

  it('a syntax error in a later statement names its line in the script', async (ctx) => {
    if (!findInterpreters().has('3.12')) return ctx.skip(`CPython 3.12 is not installed (${interpreterReport()})`);
    const session = createSession({ app: '0.1.0', profile: '3.12', program: ['x = 1', 'if x:\n    y = (1,\n'] });
    // CPython refuses the whole script before running it; so does gclab run (as the lab refuses to open it).
    const gclabFile = path.join(dir, 'syntax.gclab');
    const pyFile = path.join(dir, 'syntax.py');
    writeFileSync(gclabFile, serializeSession(session));
    writeFileSync(pyFile, exportPython(session));
    const lab = await gclabRun(gclabFile);
    const real = cpythonRun(findInterpreters().get('3.12')!.path, pyFile);
    expect(lab.err.replaceAll(gclabFile, 'FILE')).toBe(real.err.replaceAll(pyFile, 'FILE'));
    // Nothing ran in either, and both exit 1.
    expect([lab.code, lab.out]).toEqual([1, '']);
    expect([real.code, real.out]).toEqual([1, '']);
  });
});
