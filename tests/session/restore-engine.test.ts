// The fixtures restore through the lab's real Python interpreter, and a line it cannot run is reported
// with the interpreter's own error, leaving nothing behind but the dropped scratch session.
import { describe, expect, it } from 'vitest';
import { openSession, serializeSession, createSession, type RunStatement } from '../../shared/session';
import { gunzipBounded } from '../../src-main/files/codec';
import { createPythonSession, type PythonSession } from '../../src-main/engine/python/session';
import type { ProfileId } from '../../src-main/engine/profiles/types';
import { fixtureFiles } from './support/fixtures';

function scratchFor(profile: string): { scratch: PythonSession; run: RunStatement } {
  const scratch = createPythonSession(profile as ProfileId);
  return {
    scratch,
    run: (src) => {
      const r = scratch.exec(src);
      return r.ok ? { ok: true } : { ok: false, error: r.error ? `${r.error.type}: ${r.error.message}` : r.stderr.trim() };
    },
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
      message: `program statement 2 ("b = (a") cannot run: SyntaxError: '(' was never closed`,
      path: '$.program[1]',
      statement: 1,
    });
  });

  it('a statement that raises is reported with the exception', () => {
    const text = serializeSession(createSession({ app: '0.1.0', program: ['a = []', 'a.append(missing)'] }));
    const r = openSession(text, (s) => scratchFor(s.profile));
    expect(!r.ok && r.error.message).toBe(`program statement 2 ("a.append(missing)") cannot run: NameError: name 'missing' is not defined`);
  });
});
