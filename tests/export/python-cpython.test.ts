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
  // Each fixture on every interpreter: the lab replays it on that interpreter's profile (its own profile first).
  for (const [name, fixture] of fixtureSessions()) {
    const versions = [fixture.profile, ...PYENV_VERSIONS.filter((v) => v !== fixture.profile)] as (typeof PYENV_VERSIONS)[number][];
    for (const version of versions) {
      it(`${name}'s script prints in CPython ${version} what the lab prints on profile ${version}, down to a final gc probe`, (ctx) => {
        const interp = findInterpreters().get(version);
        if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
        // The fixtures print nothing themselves: the probe shows what their heap left behind.
        const probe = 'print(gc.collect(), len(gc.garbage), gc.get_threshold(), gc.isenabled())';
        const session = { ...fixture, profile: version, program: [...fixture.program, probe] };
        // A fixture's stored thresholds are its own profile's defaults; on another profile they would be a setting.
        if (version !== fixture.profile) session.settings = { ...fixture.settings, gc: { ...fixture.settings?.gc, thresholds: undefined } };
        const real = runPython(interp, exportPython(session));
        expect(real.stderr).toBe('');
        expect(real.status).toBe(0);
        expect(real.stdout).not.toBe('');
        expect(real.stdout).toBe(labPrints(session));
      });
    }
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
