// The collection log exports hold exactly the collections the replay ran, with their statement and reason.
import { describe, expect, it } from 'vitest';
import { collectionsCsv, collectionsJson, exportPython, replaySession } from '../../src-main/export';
import { findInterpreters, interpreterReport, runPython } from '../support/cpython';
import { buildSession, fixtureSessions } from './support';

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
    // Threshold 50: building 200 lists triggers young collections inside statement 5 (3.8 collects synchronously).
    // The observing callback is part of the program on both sides, and gc.collect() first empties the free lists
    // and resets count0, so the lab's fresh session and CPython's script start from the same collector state
    // (a harness around exec() would add its own allocations and free-list reuse to CPython's side only).
    const program = [
      'import gc',
      'gc.collect()',
      'log = []',
      'def cb(phase, info):\n    if phase == "stop":\n        log.append(info["generation"])',
      'gc.callbacks.append(cb)',
      'x = [[] for i in range(200)]',
      'gc.callbacks.remove(cb)',
      'print(log)',
      'gc.collect()',
    ];
    const session = buildSession('3.8', program, { settings: { gc: { thresholds: [50, 10, 10] } } });
    const replay = replaySession(session);
    const rows = replay.collections;
    expect(rows.filter((r) => r.reason === 'automatic').map((r) => r.step)).toEqual([5, 5, 5, 5]);
    expect(rows.at(-1)).toMatchObject({ step: 8, generation: 2, reason: 'manual' });
    expect(replay.stdout).toBe('[0, 0, 0, 0]\n');
    expect(parseCsv(collectionsCsv(rows)).length).toBe(rows.length + 1);
    const interp = findInterpreters().get('3.8');
    if (!interp) return ctx.skip(`CPython 3.8 is not installed to compare with (${interpreterReport()})`);
    const real = runPython(interp, exportPython(session));
    expect(real.stderr).toBe('');
    expect(real.stdout).toBe(replay.stdout);
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
