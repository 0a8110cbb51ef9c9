// The collection logs stored in the fixtures must be what real CPython reports for their programs.
import { describe, expect, it } from 'vitest';
import { statementSource, type Session } from '../../shared/session';
import { decodeSession } from '../../src-main/files/codec';
import { findInterpreters, interpreterReport, runPython, type PyenvVersion } from '../support/cpython';
import { fixtureFiles } from './support/fixtures';

/** Replays a program statement by statement, logging each collection with gc.callbacks. */
function harness(session: Session): string {
  const program = JSON.stringify(session.program.map(statementSource));
  const gc = session.settings?.gc;
  return [
    'import gc, json',
    'gc.collect()',
    gc?.thresholds ? `gc.set_threshold(${gc.thresholds.join(', ')})` : '',
    gc?.enabled === false ? 'gc.disable()' : '',
    `prog = json.loads(${JSON.stringify(program)})`,
    'log, step = [], [0]',
    'def cb(phase, info):',
    '    if phase == "stop":',
    '        log.append({"step": step[0], "generation": info["generation"], "collected": info["collected"], "uncollectable": info["uncollectable"]})',
    'gc.callbacks.append(cb)',
    'ns = {"__name__": "__main__"}',
    'for i, s in enumerate(prog):',
    '    step[0] = i',
    '    exec(s, ns)',
    'gc.callbacks.remove(cb)',
    'print(json.dumps(log))',
  ].join('\n');
}

describe('fixture collection logs against real CPython', () => {
  for (const [name, bytes] of fixtureFiles()) {
    const r = decodeSession(bytes);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    const session = r.session;
    const interp = findInterpreters().get(session.profile as PyenvVersion);
    it(`${name}: CPython ${session.profile} reports the same collections as the file`, (ctx) => {
      if (!interp) {
        ctx.skip(`CPython ${session.profile} is not installed (${interpreterReport()})`);
        return;
      }
      const out = runPython(interp, harness(session));
      expect(out.stderr).toBe('');
      const measured = JSON.parse(out.stdout) as object[];
      const stored = (session.collections ?? []).map(({ reason: _reason, ...rest }) => rest);
      expect(measured).toEqual(stored);
    });
  }
});
