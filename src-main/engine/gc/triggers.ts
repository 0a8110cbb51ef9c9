// Counters and automatic triggering (reference §3.3-3.5; incremental §4.2).
import type { Heap } from '../heap/heap';
import { collectGeneration } from './classic';
import { collectIncrement } from './incremental';

/** count0 > threshold0 and collections allowed: collect now (<=3.11) or schedule for the eval breaker (3.12+). */
function maybeTrigger(h: Heap): void {
  const st = h.gcs;
  if (st.count[0] > st.threshold[0] && st.enabled && st.threshold[0] !== 0 && !st.collecting && !st.errorPending) {
    if (h.profile.trigger === 'synchronous') {
      st.collecting = true;
      try {
        collectGenerations(h);
      } finally {
        st.collecting = false;
      }
    } else if (!st.scheduled) {
      st.scheduled = true;
      if (h.tl >= 1) h.emit({ t: 'gc-scheduled' });
    }
  }
}

/** The link step of a GC allocation (not for free-list reuse). */
export function onGcAllocated(h: Heap): void {
  const st = h.gcs;
  if (h.profile.count0Rule !== 'allocations') return;
  st.heapSize++;
  const c0 = ++st.count[0];
  if (h.tl >= 1) h.emit({ t: 'counts', counts: [st.count[0], st.count[1], st.count[2]] });
  if (c0 > st.threshold[0]) maybeTrigger(h);
}

/** PyObject_GC_Del (not when the block goes to a free list): the heap applies the counter effect inline; this reports it. */
export function onGcFreed(h: Heap, _id: number): void {
  const st = h.gcs;
  h.emit({ t: 'counts', counts: [st.count[0], st.count[1], st.count[2]] });
}

/** 3.14.1-3.14.4: count0 follows tracking (gh-139951). */
export function onTracked(h: Heap, _id: number): void {
  if (h.profile.count0Rule !== 'tracked') return;
  const st = h.gcs;
  st.heapSize++;
  st.count[0]++;
  maybeTrigger(h);
}

export function onUntracked(h: Heap): void {
  if (h.profile.count0Rule !== 'tracked') return;
  const st = h.gcs;
  st.heapSize--;
  if (st.count[0] > 0) st.count[0]--;
}

/** Generation to collect: the oldest whose count exceeds its threshold, gen 2 only past the 25% rule; -1 if none. */
export function selectGeneration(h: Heap): number {
  const st = h.gcs;
  for (let g = 2; g >= 0; g--) {
    if (st.count[g] > st.threshold[g]) {
      if (g === 2 && st.longLivedPending < Math.floor(st.longLivedTotal / 4)) continue;
      return g;
    }
  }
  return -1;
}

/** collect_with_callback: "start" callbacks, the collection, "stop" callbacks. Returns collected + uncollectable. */
export function collectWithCallback(h: Heap, g: number): number {
  h.host.gcCallbacks('start', g, 0, 0);
  const [collected, uncollectable] =
    h.profile.gcKind === 'incremental' ? collectIncrementalGeneration(h, g) : collectGeneration(h, g);
  h.host.gcCallbacks('stop', g, collected, uncollectable);
  return collected + uncollectable;
}

function collectIncrementalGeneration(h: Heap, g: number): [number, number] {
  return collectIncrement(h, g);
}

/** collect_generations: the automatic collection (caller holds `collecting`). */
export function collectGenerations(h: Heap): number {
  if (h.profile.gcKind === 'incremental') {
    // The incremental collector's automatic collection is always one increment ("generation 1").
    return collectWithCallback(h, 1);
  }
  const g = selectGeneration(h);
  return g < 0 ? 0 : collectWithCallback(h, g);
}

/** 3.12+: the eval-breaker check at loop back-edges, function entry and after calls. */
export function evalBreaker(h: Heap): void {
  const st = h.gcs;
  if (!st.scheduled) return;
  st.scheduled = false;
  if (!st.enabled || st.collecting) return;
  st.collecting = true;
  try {
    collectGenerations(h);
  } finally {
    st.collecting = false;
  }
}
