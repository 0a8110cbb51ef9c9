// The gc module's functions over a heap (reference §3.8, §4.4). Heap methods delegate here.
import type { Heap } from '../heap/heap';
import { F_TRACKED, F_GC } from '../heap/kinds';
import * as L from './lists';
import { collectWithCallback } from './triggers';
import { traverse } from './classic';
import { visitedList, pendingList } from './incremental';
import type { GenStats } from './state';

/** gc.collect(generation): 0 while a collection is running; otherwise collected + uncollectable. */
export function collect(h: Heap, generation = 2): number {
  const st = h.gcs;
  if (st.collecting) return 0;
  st.collecting = true;
  try {
    return collectWithCallback(h, generation);
  } finally {
    st.collecting = false;
  }
}

/** gc.get_count(): (count0, count1, count2) or, incremental, (young, visited space, pending space). */
export function getCount(h: Heap): [number, number, number] {
  const c = h.gcs.count;
  // Incremental: count[1] and count[2] belong to old space 0 and 1; the visited one is reported first.
  if (h.profile.gcKind === 'incremental') {
    const v = h.gcs.visitedSpace;
    return [c[0], c[1 + v], c[2 - v]];
  }
  return [c[0], c[1], c[2]];
}

export function getThreshold(h: Heap): [number, number, number] {
  const t = h.gcs.threshold;
  return h.profile.gcKind === 'incremental' ? [t[0], t[1], 0] : [t[0], t[1], t[2]];
}

export function setThreshold(h: Heap, t0: number, t1?: number, t2?: number): void {
  const t = h.gcs.threshold;
  t[0] = t0;
  if (t1 !== undefined) t[1] = t1;
  if (t2 !== undefined && h.profile.gcKind !== 'incremental') t[2] = t2;
}

/** gc.freeze(): every generation (0, 1, 2 in order) to the permanent generation; counts to 0. */
export function freeze(h: Heap): void {
  const s = h.s;
  h.gcs.startupFrozenIn = 'permanent';
  if (h.gcs.stats.every((g) => g.collections === 0)) h.gcs.frozeBeforeCollecting = true;
  for (const g of [L.GEN0, L.GEN1, L.GEN2]) L.merge(s, g, L.PERMANENT);
  h.gcs.count = [0, 0, 0];
  h.gcs.startupSpace = 'permanent';
  h.gcs.startupUnscanned = 0;
}

/** gc.unfreeze(): the permanent generation to the oldest generation (incremental: the visited space). */
export function unfreeze(h: Heap): void {
  h.gcs.startupFrozenIn = 'gen2';
  // The permanent generation is marked visited: back in the visited space until the next scavenge completes.
  if (h.gcs.startupSpace === 'permanent') h.gcs.startupSpace = 'visited';
  L.merge(h.s, L.PERMANENT, h.profile.gcKind === 'incremental' ? visitedList(h) : L.GEN2);
}

export function getFreezeCount(h: Heap): number {
  const startup = h.gcs.startupFrozenIn === 'permanent' ? h.profile.startupFrozen : 0;
  return L.listLength(h.s, L.PERMANENT) + startup;
}

/** gc.get_objects(generation=None): tracked objects in list order (gen 0 first), permanent generation excluded. */
export function getObjects(h: Heap, generation?: number): number[] {
  const s = h.s;
  if (h.profile.gcKind === 'incremental') {
    const lists = generation === undefined ? [L.GEN0, L.GEN1, L.GEN2]
      : generation === 0 ? [L.GEN0] : generation === 1 ? [] : [visitedList(h), pendingList(h)];
    return lists.flatMap((l) => L.toArray(s, l));
  }
  const lists = generation === undefined ? [L.GEN0, L.GEN1, L.GEN2] : [[L.GEN0, L.GEN1, L.GEN2][generation]];
  return lists.flatMap((l) => L.toArray(s, l));
}

/** gc.get_referents(*objs): what tp_traverse visits, for GC arguments. */
export function getReferents(h: Heap, objs: readonly number[]): number[] {
  const out: number[] = [];
  for (const o of objs) if (h.s.meta[o << 2] & F_GC) traverse(h.s, o, (r) => out.push(r));
  return out;
}

/** gc.get_referrers(*objs): tracked objects of generations 0-2 whose tp_traverse visits one of objs. */
export function getReferrers(h: Heap, objs: readonly number[]): number[] {
  const want = new Set(objs);
  const out: number[] = [];
  for (const o of getObjects(h)) {
    let hit = false;
    traverse(h.s, o, (r) => {
      if (want.has(r)) hit = true;
    });
    if (hit) out.push(o);
  }
  return out;
}

export function isTracked(h: Heap, id: number): boolean {
  return (h.s.meta[id << 2] & F_TRACKED) !== 0;
}

export function getStats(h: Heap): GenStats[] {
  return h.gcs.stats.map((x) => ({ ...x }));
}
