// The fixtures restore through the lab's real Python interpreter, and a line it cannot run is reported
// with the interpreter's own error, leaving nothing behind but the dropped scratch session.
import { describe, expect, it } from 'vitest';
import { openSession, serializeSession, createSession, type RunStatement } from '../../shared/session';
import { runResult } from '../../src-main/lab/run-result';
import { gunzipBounded } from '../../src-main/files/codec';
import { createPythonSession, type PythonSession } from '../../src-main/engine/python/session';
import type { ProfileId } from '../../src-main/engine/profiles/types';
import { fixtureFiles } from './support/fixtures';

function scratchFor(profile: string): { scratch: PythonSession; run: RunStatement } {
  const scratch = createPythonSession(profile as ProfileId);
  return {
    scratch,
    run: (src) => runResult(scratch.exec(src)),
  };
}

describe('restoring sessions into the lab interpreter', () => {
  for (const [name, bytes] of fixtureFiles()) {
    it(`${name} replays completely`, () => {
      const r = openSession(bytes, (s) => scratchFor(s.profile), { gunzip: gunzipBounded });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.scratch.profile).toBe(r.session.profile);
    });
  }

  it('a statement with a syntax error is reported with the interpreter message and its path', () => {
    const text = serializeSession(createSession({ app: '0.1.0', program: ['a = []', 'b = (a', 'a.append(b)'] }));
    const r = openSession(text, (s) => scratchFor(s.profile));
    expect(!r.ok && r.error).toEqual({
      message: `program statement 2 (line 2 of the program: "b = (a") cannot run: SyntaxError: '(' was never closed`,
      path: '$.program[1]',
      statement: 1,
    });
  });

  it('a statement that raises is replayed past, as the lab runs past it, and listed in the warnings', () => {
    const text = serializeSession(createSession({ app: '0.1.0', program: ['a = []', 'a.append(missing)', 'a.append(1)'] }));
    const r = openSession(text, (s) => scratchFor(s.profile));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.warnings.map((w) => [w.message, w.path])).toEqual([
      [`program statement 2 (line 2 of the program: "a.append(missing)") raised NameError: name 'missing' is not defined; the lab went on, as it does after a failing gesture`, '$.program[1]'],
    ]);
    expect(r.scratch.exec('print(a)').stdout).toBe('[1]\n');
  });
});
