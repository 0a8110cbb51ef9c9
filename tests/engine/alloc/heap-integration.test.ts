// Through the heap: objects built by the engine's Heap on this allocator ask for the same blocks as real
// CPython's objects (block deltas per size class for the same patterns as cpython-patterns.test.ts).
import { describe, expect, it } from 'vitest';
import { Heap } from '../../../src-main/engine/heap/heap';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import { mallocStats } from '../../../src-main/engine/alloc/stats';
import { checkAllocatorInvariants } from '../../../src-main/engine/alloc/invariants';
import { PYENV_VERSIONS, findInterpreters, interpreterReport } from '../../support/cpython';
import { runRealPattern } from './real-patterns';
import type { Step } from './real-patterns';

const found = findInterpreters();
console.log(`allocator through the heap: ${interpreterReport()}`);

/** Block deltas per size (bytes) between consecutive steps, for the given block sizes. */
function realDeltas(steps: Step[], sizes: number[]): number[][] {
  const rows: number[][] = [];
  for (let i = 1; i < steps.length; i++) {
    rows.push(sizes.map((b) => steps[i]!.report.stats.blocksInUse[(b - 1) >> 4]! - steps[i - 1]!.report.stats.blocksInUse[(b - 1) >> 4]!));
  }
  return rows;
}

function simSnapshot(p: Pymalloc, sizes: number[]): number[] {
  const s = mallocStats(p);
  return sizes.map((b) => s.blocksInUse[(b - 1) >> 4]!);
}

describe('objects made by the Heap on Pymalloc', () => {
  for (const version of PYENV_VERSIONS) {
    it(`asks for the blocks CPython ${version} uses for __slots__ instances, freed every other one, then all`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 20_000;
      const sizes = [48];
      const real = realDeltas(runRealPattern(version, 'slots', n, 0), sizes);
      const p = new Pymalloc(version);
      const heap = new Heap(version, p);
      heap.disable();
      const cls = heap.newClass('Node', { slots: ['a', 'b'] });
      const snaps = [simSnapshot(p, sizes)];
      const objs = Array.from({ length: n }, () => heap.newInstance(cls));
      snaps.push(simSnapshot(p, sizes));
      for (let j = 0; j < n; j += 2) heap.decref(objs[j]!);
      snaps.push(simSnapshot(p, sizes));
      for (let j = 1; j < n; j += 2) heap.decref(objs[j]!);
      snaps.push(simSnapshot(p, sizes));
      const sim = snaps.slice(1).map((s, i) => s.map((v, k) => v - snaps[i]![k]!));
      expect(sim).toEqual(real);
      expect(checkAllocatorInvariants(p)).toEqual([]);
    });

    it(`asks for the blocks CPython ${version} uses for lists of 10 items, with the list free list`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 20_000;
      const sizes = [64, 80];
      const steps = runRealPattern(version, 'lists', n, 10);
      // Both start with an empty list free list (the real run collected garbage first).
      expect(steps[0]!.report.freeLists.list ?? 0).toBe(0);
      const real = realDeltas(steps, sizes);
      const p = new Pymalloc(version);
      const heap = new Heap(version, p);
      heap.disable();
      heap.collect(2); // empties the heap's free lists, as the real run's gc.collect() did
      const items = Array.from({ length: 10 }, () => heap.None);
      const snaps = [simSnapshot(p, sizes)];
      const lists = Array.from({ length: n }, () => heap.newList(items));
      snaps.push(simSnapshot(p, sizes));
      for (let j = 0; j < n; j += 2) heap.decref(lists[j]!);
      snaps.push(simSnapshot(p, sizes));
      for (let j = 1; j < n; j += 2) heap.decref(lists[j]!);
      snaps.push(simSnapshot(p, sizes));
      const sim = snaps.slice(1).map((s, i) => s.map((v, k) => v - snaps[i]![k]!));
      expect(sim).toEqual(real);
    });

    it(`reallocs list item arrays like CPython ${version} when 30 items are appended one by one (every size class compared)`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 5_000;
      const k = 30;
      const all = Array.from({ length: 32 }, (_, i) => 16 * (i + 1));
      const real = realDeltas(runRealPattern(version, 'appends', n, k), all);
      const p = new Pymalloc(version);
      const heap = new Heap(version, p);
      heap.disable();
      heap.collect(2);
      const snaps = [simSnapshot(p, all)];
      const iterator = () => p.malloc(48, 0); // the for loops' list iterators (listiterobject + GC header)
      const outer = iterator();
      const lists = Array.from({ length: n }, () => {
        const l = heap.newList([]);
        const inner = iterator();
        for (let i = 0; i < k; i++) heap.listAppend(l, heap.None);
        p.free(inner);
        return l;
      });
      p.free(outer);
      snaps.push(simSnapshot(p, all));
      for (let j = 0; j < n; j += 2) heap.decref(lists[j]!);
      snaps.push(simSnapshot(p, all));
      for (let j = 1; j < n; j += 2) heap.decref(lists[j]!);
      snaps.push(simSnapshot(p, all));
      const sim = snaps.slice(1).map((s, i) => s.map((v, c) => v - snaps[i]![c]!));
      expect(sim).toEqual(real);
      expect(checkAllocatorInvariants(p)).toEqual([]);
    });
  }
});
