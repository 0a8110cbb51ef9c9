// The collection log exports hold exactly the collections the replay ran, with their statement and reason.
import { describe, expect, it } from 'vitest';
import { collectionsCsv, collectionsJson, replaySession } from '../../src-main/export';
import { findInterpreters, interpreterReport, runPython } from '../support/cpython';
import { buildSession, fixtureSessions } from './support';

/** The collections CPython runs for a program, statement by statement, from gc.callbacks. */
function cpythonLog(program: string[], thresholds: [number, number, number]): string {
  return [
    'import gc, json',
    `gc.set_threshold(${thresholds.join(', ')})`,
    'log, step = [], [0]',
    'def cb(phase, info):',
    '    if phase == "stop":',
    '        log.append({"step": step[0], "generation": info["generation"], "collected": info["collected"], "uncollectable": info["uncollectable"]})',
    'gc.callbacks.append(cb)',
    'ns = {"__name__": "__main__"}',
    `for i, s in enumerate(json.loads(${JSON.stringify(JSON.stringify(program))})):`,
    '    step[0] = i',
    '    exec(s, ns)',
    'gc.callbacks.remove(cb)',
    'print(json.dumps(log))',
  ].join('\n');
}

function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('collection log exports', () => {
  it("the replay of v1-cycle.gclab logs the collections stored in the file (measured in CPython 3.13)", () => {
    const [, fixture] = fixtureSessions().find(([n]) => n === 'v1-cycle.gclab')!;
    expect(replaySession(fixture).collections).toEqual(fixture.collections);
  });

  it('the CSV has a header row and one row per replayed collection', () => {
    const [, fixture] = fixtureSessions().find(([n]) => n === 'v1-cycle.gclab')!;
    const rows = replaySession(fixture).collections;
    expect(parseCsv(collectionsCsv(rows))).toEqual([
      ['step', 'generation', 'collected', 'uncollectable', 'reason'],
      ...rows.map((r) => [String(r.step), String(r.generation), String(r.collected), String(r.uncollectable), r.reason]),
    ]);
    expect(rows.length).toBe(2);
  });

  it('automatic collections appear with the statement that triggered them, as CPython 3.8 reports them', (ctx) => {
    // Threshold 50: building 200 lists triggers young collections inside statement 1 (3.8 collects synchronously).
    const program = ['import gc', 'x = [[] for i in range(200)]', 'gc.collect()'];
    const session = buildSession('3.8', program, { settings: { gc: { thresholds: [50, 10, 10] } } });
    const rows = replaySession(session).collections;
    expect(rows.filter((r) => r.reason === 'automatic').map((r) => r.step)).toEqual([1, 1, 1]);
    expect(rows.at(-1)).toMatchObject({ step: 2, generation: 2, reason: 'manual' });
    expect(parseCsv(collectionsCsv(rows)).length).toBe(rows.length + 1);
    const interp = findInterpreters().get('3.8');
    if (!interp) return ctx.skip(`CPython 3.8 is not installed to compare with (${interpreterReport()})`);
    const real = runPython(interp, cpythonLog(program, [50, 10, 10]));
    expect(real.stderr).toBe('');
    expect(rows.map(({ reason: _r, ...rest }) => rest)).toEqual(JSON.parse(real.stdout));
  });

  it('the JSON is an array of the replayed collections', () => {
    const session = buildSession('3.13', ['import gc', 'a = []', 'a.append(a)', 'del a', 'gc.collect()']);
    const rows = replaySession(session).collections;
    expect(JSON.parse(collectionsJson(rows))).toEqual([{ step: 4, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);
  });

  it('a session without collections exports a header-only CSV and an empty JSON array', () => {
    const rows = replaySession(buildSession('3.13', ['a = [1, 2]'])).collections;
    expect(collectionsCsv(rows)).toBe('step,generation,collected,uncollectable,reason\r\n');
    expect(JSON.parse(collectionsJson(rows))).toEqual([]);
  });
});
