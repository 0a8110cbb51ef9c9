// A session in which the lab stopped a statement at its step limit (an endless loop) exports a script that real
// CPython runs to the end: the statement is stopped after about as many traced lines as the lab's steps, the
// lab's message is printed, and the statements after it run, instead of CPython looping forever.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSession, statementSource, type Session } from '../../shared/session';
import { createLabService } from '../../src-main/lab/engine';
import { pythonScript, replaySession } from '../../src-main/export';
import { findInterpreters, interpreterReport, PYENV_VERSIONS, runPython } from '../support/cpython';

const LOOP = 'while True:\n    x += 1\n    if x < 3:\n        l.append(x)';
const GESTURES = ['x = 0', 'l = []', LOOP, 'print("after the loop", x > 0, l)', 'missing_name', 'print("end")'];
const MESSAGE = 'GC Lab stopped the program after 50000000 steps (step limit). Is there an endless loop?';

let session: Session;
let exported: string;
let labStderr: string;

beforeAll(async () => {
  const lab = createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });
  await lab.setProfile('3.12');
  labStderr = '';
  for (const g of GESTURES) labStderr += (await lab.exec(g)).stderr;
  const parsed = parseSession((await lab.saveSession({})).text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  session = parsed.session;
  const file = await lab.exportSession('py');
  exported = 'text' in file.content ? file.content.text : '';
}, 60_000);

describe('a statement the lab stopped at its step limit, exported as Python', () => {
  it('is kept in the program and printed the lab message once', () => {
    expect(session.program.map(statementSource)).toEqual(GESTURES);
    expect(labStderr.split('\n').filter((l) => l === MESSAGE)).toHaveLength(1);
  });

  it('runs under a guard that stops it after the lab steps (the lab service export, no replay)', () => {
    expect(exported).toContain('n[0] >= 50000000 and');
    expect(exported).toContain(`KeyboardInterrupt(${JSON.stringify(MESSAGE)})`);
    // The statements around it are as typed; only the stopped one and the one that raised are wrapped.
    expect(exported.startsWith('x = 0\nl = []\ntry:\n')).toBe(true);
    expect(exported.match(/^try:$/gm)).toHaveLength(2);
    expect(exported).toContain('\nprint("after the loop", x > 0, l)\ntry:\n    missing_name\n');
  });

  it('is the same script a replay of the saved session writes, with script lines mapped past the guard', () => {
    const replay = replaySession(session);
    expect([...replay.stopped.keys()]).toEqual([2]);
    expect(replay.stopped.get(2)).toEqual({ steps: 50_000_000, message: MESSAGE });
    expect(replay.raised).toEqual([2, 4]);
    const script = pythonScript(session, replay.raised, replay.stopped);
    expect(script.text).toBe(exported);
    const lines = script.text.split('\n');
    // Line 1 of the loop is the `while`, two lines under the statement's first script line (try: + guard).
    expect(lines[script.lineOf(2, 1) - 1]).toBe('    while True:');
    expect(lines[script.lineOf(3, 1) - 1]).toBe('print("after the loop", x > 0, l)');
    expect(lines[script.lineOf(4, 1) - 1]).toBe('    missing_name');
  }, 60_000);

  for (const version of PYENV_VERSIONS) {
    it(`terminates in CPython ${version}: the lab message, then the statements after it`, (ctx) => {
      const interp = findInterpreters().get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      // 50 million traced lines take 20-45 s in CPython: the same guard with a smaller budget.
      const script = exported.replace('n[0] >= 50000000 and', 'n[0] >= 200000 and');
      const real = runPython(interp, script, [], 60_000);
      expect(real.status).toBe(0);
      expect(real.stdout).toBe('after the loop True [1, 2]\nend\n');
      const errLines = real.stderr.split('\n');
      expect(errLines[0]).toBe(MESSAGE);
      expect(errLines.filter((l) => l.startsWith('NameError'))).toEqual(["NameError: name 'missing_name' is not defined"]);
      // Tracing is off after the statement: the traceback of the later one shows its own script line.
      expect(real.stderr).toContain(`File "<stdin>", line ${exported.split('\n').indexOf('    missing_name') + 1}, in <module>`);
    });
  }
});
