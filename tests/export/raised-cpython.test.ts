// A session whose gestures raised (the lab shows the traceback and goes on) exports a script that real CPython
// runs to the end: it prints what the lab prints, the same exceptions, and rebuilds the same heap after them.
import { describe, expect, it } from 'vitest';
import { parseSession, type Session } from '../../shared/session';
import { createLabService } from '../../src-main/lab/engine';
import { exportPython, replaySession } from '../../src-main/export';
import { findInterpreters, interpreterReport, PYENV_VERSIONS, runPython } from '../support/cpython';

// Gestures as typed in the console; five of them raise, one part way through a loop (b keeps [0]).
const GESTURES = [
  'import gc, sys',
  'class Node:\n    def __init__(self, name):\n        self.name = name\n    def __del__(self):\n        print("del", self.name)',
  'a = Node("a")',
  'a.self = a',
  // Not an AttributeError of `a` itself: printing one on 3.11/3.12 runs dir(a) for the "Did you mean"
  // hint, which materialises a's inline __dict__ (one more object in gc.collect()): attribute-hint-cpython.test.ts.
  'a.name.missing()',
  'b = [a]',
  'undefined_name.append(b)',
  'for i in range(3):\n    b.append([i])\n    b[5]',
  'print(len(b), sys.getrefcount(a))',
  'del a',
  'print("collected", gc.collect())',
  'b.pop(7)',
  'c = {"b": b}\nc["c"] = c',
  'del b, c',
  'print("collected", gc.collect(), len(gc.garbage))',
  // A string literal across lines in a statement that raised: the export's try-wrapper must not indent it.
  's = """first\n  second\nthird"""\nprint(repr(s))\ns.missing()',
  'print(repr(s), len(s))',
  'keep = Node("kept")',
];

async function labSession(profile: string): Promise<{ session: Session; shown: string }> {
  const lab = createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });
  await lab.setProfile(profile);
  let shown = '';
  for (const g of GESTURES) shown += (await lab.exec(g)).stdout;
  const parsed = parseSession((await lab.saveSession({})).text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { session: parsed.session, shown };
}

const exceptionLines = (stderr: string) => stderr.split('\n').filter((l) => /^\w+(Error|Exception): /.test(l));

describe('a session with gestures that raised, exported and run in real CPython', () => {
  for (const version of PYENV_VERSIONS) {
    it(`CPython ${version} prints what the lab printed, the same exceptions, and goes on to the end`, async (ctx) => {
      const interp = findInterpreters().get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const { session, shown } = await labSession(version);
      expect(session.program).toHaveLength(GESTURES.length); // the failing gestures are part of the program
      const lab = replaySession(session, { finish: true });
      expect(lab.failedAt).toBeNull();
      expect(lab.raised).toEqual([4, 6, 7, 11, 15]);
      // The replay prints what the lab showed, then what the interpreter's exit prints.
      expect(lab.stdout).toBe(`${shown}del kept\n`);
      const real = runPython(interp, exportPython(session, lab.raised));
      expect(real.status).toBe(0);
      expect(real.stdout).toBe(lab.stdout);
      expect(exceptionLines(real.stderr)).toEqual(exceptionLines(lab.stderr));
      expect(exceptionLines(real.stderr)).toHaveLength(5);
    });
  }
});
