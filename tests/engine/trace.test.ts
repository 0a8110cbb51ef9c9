// Trace levels (shared/events.ts): what a sink receives at each level.
import { describe, it, expect } from 'vitest';
import { Heap, type EngineEvent } from '../../src-main/engine/index';

function twoCycleCollection(level: 'off' | 'counters' | 'objects' | 'full'): EngineEvent[] {
  const h = new Heap('3.13');
  h.disable();
  const events: EngineEvent[] = [];
  h.setTrace(level, (e) => events.push(e));
  const a = h.newList();
  const b = h.newList([a]);
  h.listAppend(a, b);
  h.decref(a);
  h.decref(b);
  h.collect(0);
  return events;
}

describe('trace levels', () => {
  it("'off' emits nothing", () => {
    expect(twoCycleCollection('off')).toEqual([]);
  });

  it("'counters' emits the count changes and one start/done pair per collection", () => {
    const ev = twoCycleCollection('counters');
    expect(ev.every((e) => e.t === 'counts' || e.t === 'gc-start' || e.t === 'gc-done')).toBe(true);
    expect(ev.filter((e) => e.t === 'gc-done')).toEqual([{ t: 'gc-done', generation: 0, collected: 2, uncollectable: 0 }]);
  });

  it("'objects' adds allocations, reference changes, tracking and frees", () => {
    const kinds = new Set(twoCycleCollection('objects').map((e) => e.t));
    for (const k of ['alloc', 'incref', 'decref', 'track', 'untrack', 'dealloc', 'free']) expect(kinds.has(k as never)).toBe(true);
    expect(kinds.has('gc-phase')).toBe(false);
  });

  it("'full' shows the phases in CPython's order, every gc_refs value and every subtracted edge", () => {
    const ev = twoCycleCollection('full');
    const phases = ev.filter((e) => e.t === 'gc-phase').map((e) => (e as { phase: string }).phase);
    expect(phases).toEqual(['merge', 'update_refs', 'subtract_refs', 'move_unreachable', 'untrack_tuples', 'promote',
      'handle_weakrefs', 'finalize_garbage', 'handle_resurrected', 'delete_garbage']);
    // The first pass (before finalize_garbage); handle_resurrected repeats the three steps on the garbage.
    const first = ev.slice(0, ev.findIndex((e) => e.t === 'gc-phase' && e.phase === 'finalize_garbage'));
    const cycle = new Set(first.filter((e) => e.t === 'gc-subtract').map((e) => (e as { to: number }).to));
    expect(cycle.size).toBe(2);
    const refs = first.filter((e) => e.t === 'gc-refs' && cycle.has(e.id)).map((e) => (e as { refs: number }).refs);
    expect(refs).toEqual([1, 1]);
    expect(first.filter((e) => e.t === 'gc-subtract').map((e) => (e as { refs: number }).refs)).toEqual([0, 0]);
    expect(first.filter((e) => e.t === 'gc-move').map((e) => (e as { to: string }).to)).toEqual(['unreachable', 'unreachable']);
  });
});
