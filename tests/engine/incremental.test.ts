// The incremental collector of 3.14.0-3.14.4 (reference §4), checked against Pyodide's real CPython 3.14.2 on the
// reference's mixed workload (§8.5). Pyodide 3.14.2 printed, for that program: 29 collections, 38650 collected, all
// "generation 1" increments: (1,0) (1,2666) (1,0) (1,2666) (1,1332) (1,1332) (1,1332) (1,1334) (1,0) (1,2666)
// (1,1332) (1,1332) ... - mark-only increments (0) whenever a scavenge of the old space completes. Where those fall
// depends on heap_size, which includes Pyodide's own startup objects (profile field startupHeapSize).
import { describe, it, expect } from 'vitest';
import { Heap } from '../../src-main/engine/index';
import { mixed } from './support/replays';

describe('CPython 3.14.2 (incremental)', () => {
  it('automatic collections are increments: a mark-only one, then collecting ones, as Pyodide 3.14.2 shows', () => {
    const { stops } = mixed('3.14.2');
    expect(stops.slice(0, 12)).toEqual([[1, 0], [1, 2666], [1, 0], [1, 2666], [1, 1332], [1, 1332], [1, 1332], [1, 1334],
      [1, 0], [1, 2666], [1, 1332], [1, 1332]]);
    expect(stops).toHaveLength(29);
    expect(stops.reduce((n, s) => n + s[1], 0)).toBe(38650);
    expect(stops.every(([g]) => g === 1)).toBe(true);
  });

  it('get_threshold() reports (2000, 10, 0) and set_threshold ignores the third value', () => {
    const h = new Heap('3.14.2');
    h.setThreshold(100, 5, 7);
    expect(h.getThreshold()).toEqual([100, 5, 0]);
  });

  it('count0 follows tracking: an untracked tuple of ints does not count, a list does', () => {
    const h = new Heap('3.14.2');
    h.disable();
    h.collect();
    const ints = [h.newInt(1000), h.newInt(1001)];
    h.pushTemp(h.newTuple(ints));
    expect(h.getCount()[0]).toBe(0);
    h.pushTemp(h.newList());
    expect(h.getCount()[0]).toBe(1);
  });

  it('collect(0) collects the young generation alone and gc.get_objects(1) is always empty', () => {
    const h = new Heap('3.14.2');
    h.disable();
    const l = h.newList();
    h.listAppend(l, l);
    h.decref(l);
    const kept = h.newList();
    h.pushTemp(kept);
    expect(h.collect(0)).toBe(1);
    expect(h.getObjects(1)).toEqual([]);
    expect(h.getObjects(0)).toEqual([]);
    expect(h.getObjects(2)).toContain(kept);
  });

  it('a full collection collects garbage in both old spaces', () => {
    const h = new Heap('3.14.2');
    h.disable();
    const mk = (): void => {
      const l = h.newList();
      h.listAppend(l, l);
      h.decref(l);
    };
    mk();
    h.collect(1); // mark increment: the garbage stays
    mk();
    expect(h.collect(2)).toBe(2);
  });
});
