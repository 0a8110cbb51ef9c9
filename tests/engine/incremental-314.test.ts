// The rules of CPython 3.14.2's incremental collector (Python/gc.c of the 3.14 branch: gc_collect_increment,
// assess_work_to_do, mark_at_start, mark_stacks, expand_region_transitively_reachable, completed_scavenge,
// gc_collect_young), pinned with what Pyodide's real CPython 3.14.2 printed for the same programs (run through the
// corpus driver, runPyodideProgram in tests/support/cpython.ts, on 2026-11-22). Each program starts with the
// corpus's warm-up print, so that the lab (cold) and the warm Pyodide allocate alike. Pyodide's own startup heap
// (profile fields startupHeapSize, startupMarked) enters the work-to-do arithmetic whenever it is not frozen.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

const WARM_UP = 'print([0], (0,), {0: 0}, {0}, sep="", end="\\n")';

/** Runs `lines` after `import gc` and the warm-up print on the 3.14.2 profile; returns the lines printed after it. */
function run(lines: string[]): string[] {
  const r = runProgram(['import gc', WARM_UP, ...lines].join('\n') + '\n', { python: '3.14.2' });
  expect(r.stderr).toBe('');
  return r.stdout.trimEnd().split('\n').slice(1);
}

/** `y` self-referencing lists, all garbage afterwards (indented by `pad`). */
const garbage = (y: number | string, pad = ''): string[] =>
  [`i = 0`, `while i < ${y}:`, `    m = []`, `    m.append(m)`, `    i += 1`, `m = None`].map((l) => pad + l);

// After freeze + collect the mark phase finds nothing to mark: increments alternate mark-only and collecting.
const alternating = [
  'gc.disable()', 'gc.collect()', 'gc.freeze()', 'gc.collect()',
  'base = gc.get_stats()[1]["collections"]',
  'for i in range(4):',
  '    m = []', '    m.append(m)', '    del m',
  '    c = gc.collect(1)',
  '    print(c, gc.get_stats()[1]["collections"] - base, gc.get_count())',
];

/** trial(y): full collection, mark-only increment, y new garbage lists, then one more increment. */
const trial = [
  'def trial(y):',
  '    gc.collect()',
  '    gc.collect(1)',
  ...garbage('y', '    '),
  '    s0 = gc.get_stats()[1]["collections"]',
  '    c = gc.collect(1)',
  '    return c, gc.get_stats()[1]["collections"] - s0',
];

/** 160 steps of 300 new garbage lists and one gc.collect(1), without freeze. */
const steps = (record: string[]): string[] => [
  'step = 0', 'while step < 160:', ...garbage(300, '    '), '    c = gc.collect(1)', ...record.map((l) => '    ' + l),
  '    step += 1',
];

describe('CPython 3.14.2 incremental collector (as Pyodide 3.14.2 runs it)', () => {
  it('gc.collect(1) right after a full collection only marks: it collects nothing and get_stats() does not count it', () => {
    expect(run(alternating)[0]).toBe('0 0 (0, 0, 0)');
  });

  it('after a mark-only increment the next one collects the young garbage and completes the scavenge, so the one after marks again', () => {
    expect(run(alternating).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['0 0', '2 1', '0 1', '2 2']);
  });

  it('an increment leaves the old spaces\' counts in gc.get_count() alone', () => {
    expect(run(alternating).map((l) => l.slice(l.indexOf('(')))).toEqual(Array(4).fill('(0, 0, 0)'));
  });

  it('without gc.freeze() the mark phase costs twice the reachable heap: the first increment that collects comes after 37631 new objects', () => {
    expect(run(['gc.disable()', ...trial, 'print(trial(37630), trial(37631))'])).toEqual(['(0, 0) (37631, 1)']);
  });

  it('objects the program keeps alive are marked and counted twice too: 5000 kept lists move that point to 47485', () => {
    const keep = ['keep = []', 'for i in range(5000):', '    keep.append([])'];
    expect(run(['gc.disable()', ...keep, ...trial, 'print(trial(47484), trial(47485))'])).toEqual(['(0, 0) (47485, 1)']);
  });

  it('an increment spends its spare work on the pending space, two objects per new object (garbage there is collected)', () => {
    const out = run([
      'gc.disable()', 'gc.collect()', 'gc.freeze()',
      'for y in (10, 40, 100):',
      '    gc.collect()',
      '    keep = []', '    i = 0', '    while i < 500:', '        m = []', '        m.append(m)', '        keep.append(m)',
      '        i += 1',
      '    del m',
      '    gc.collect(1)', '    gc.collect(1)', // mark, then collect: the 500 lists survive into the pending space
      '    del keep',
      '    gc.collect(1)', // mark-only
      ...garbage('y', '    '),
      '    print(y, gc.collect(1))',
    ]);
    expect(out).toEqual(['10 28', '40 118', '100 298']);
  });

  it('a scavenge completes only once the startup objects the mark could not reach have been scanned', () => {
    const out = run([
      'gc.disable()', 'gc.collect()', 'base = gc.get_stats()[1]["collections"]', 'runs = []',
      ...steps(['if c:', '    runs.append(step)', '    runs.append(c)']),
      'print(runs)', 'print(gc.get_stats()[1]["collections"] - base)',
    ]);
    expect(out).toEqual([
      '[63, 19200, 98, 10500, 118, 6000, 129, 3300, 136, 2100, 140, 1200, 142, 600, 143, 300, 144, 300, 145, 300, '
      + '146, 300, 147, 300, 148, 300, 149, 300]',
      '14',
    ]);
  });

  it('gc.get_count() shows the visited space\'s count before the pending space\'s, and a completed scavenge swaps them', () => {
    const out = run([
      'gc.disable()', 'gc.collect()', 'gc.collect(0)', 'gc.collect(0)', 'print(gc.get_count())',
      ...steps([]), 'print(gc.get_count())', 'gc.collect(0)', 'print(gc.get_count())',
    ]);
    expect(out).toEqual(['(0, 2, 0)', '(0, 0, 2)', '(0, 1, 2)']);
  });

  it('the object a call just returned is on the stack when an automatic increment marks, so its cycle outlives the next increment', () => {
    const out = run([
      'found = []',
      'def cb(phase, info):', '    if phase == "stop":', '        found.append(info["collected"])',
      'class Node:', '    __slots__ = ("peer",)',
      'gc.disable()', 'gc.collect()', 'gc.freeze()', 'gc.collect()', 'gc.set_threshold(50)',
      'gc.callbacks.append(cb)', 'gc.enable()',
      'for i in range(130):', '    a = Node()', '    b = Node()', '    a.peer = b', '    b.peer = a',
      'gc.disable()', 'gc.callbacks.remove(cb)', 'print(found)',
    ]);
    // 102 young objects, the live pair survives, and so does the pair whose first Node the mark took off the stack.
    expect(out).toEqual(['[0, 96, 0, 102, 0]']);
  });
});
