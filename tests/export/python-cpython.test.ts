// The Python export runs in real CPython and prints what the lab prints replaying the same session
// (statement by statement, then the interpreter's exit, as `gclab run FILE.gclab` does).
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session';
import { exportPython, replaySession } from '../../src-main/export';
import { findInterpreters, interpreterReport, PYENV_VERSIONS, runPython } from '../support/cpython';
import { buildSession, fixtureSessions, OBSERVING_PROGRAM } from './support';

function labPrints(session: Session): string {
  const r = replaySession(session, { finish: true });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('the Python export in real CPython', () => {
  for (const [name, fixture] of fixtureSessions()) {
    it(`${name}'s script prints in CPython ${fixture.profile} what the lab prints, down to a final gc probe`, (ctx) => {
      const interp = findInterpreters().get(fixture.profile as (typeof PYENV_VERSIONS)[number]);
      if (!interp) return ctx.skip(`CPython ${fixture.profile} is not installed (${interpreterReport()})`);
      // The fixtures print nothing themselves: the probe shows what their heap left behind.
      const probe = 'print(gc.collect(), len(gc.garbage), gc.get_threshold(), gc.isenabled())';
      const session = { ...fixture, program: [...fixture.program, probe] };
      const real = runPython(interp, exportPython(session));
      expect(real.stderr).toBe('');
      expect(real.status).toBe(0);
      expect(real.stdout).not.toBe('');
      expect(real.stdout).toBe(labPrints(session));
    });
  }

  for (const version of PYENV_VERSIONS) {
    it(`a session built in the lab on profile ${version} prints the same in CPython ${version}`, (ctx) => {
      const interp = findInterpreters().get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const session = buildSession(version, OBSERVING_PROGRAM);
      const real = runPython(interp, exportPython(session));
      expect(real.stderr).toBe('');
      expect(real.stdout).toContain('del kept'); // the interpreter's exit ran __del__ in both
      expect(real.stdout).toBe(labPrints(session));
    });
  }

  it('gc settings of the session (disabled, other thresholds) hold in CPython as in the lab', (ctx) => {
    const interp = findInterpreters().get('3.12');
    if (!interp) return ctx.skip(`CPython 3.12 is not installed (${interpreterReport()})`);
    const session = buildSession('3.12', ['import gc', 'print(gc.isenabled(), gc.get_threshold())'], {
      settings: { gc: { enabled: false, thresholds: [100, 5, 3] } },
    });
    const real = runPython(interp, exportPython(session));
    expect(real.stdout).toBe('False (100, 5, 3)\n');
    expect(real.stdout).toBe(labPrints(session));
  });
});
