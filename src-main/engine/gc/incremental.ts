// The incremental collector of CPython 3.14.0-3.14.4 (reference §4; Python/gc.c of the 3.14 branch), checked
// against Pyodide's real CPython 3.14.2. Lists: young = GEN0; the two old spaces are GEN1 (space 0) and GEN2
// (space 1); `visitedSpace` says which one is "visited", the other is "pending". An object is "not visited" iff it
// is in the young list or the pending space (CPython: its old-space bit differs from visited_space).
//
// The interpreter's own startup objects (profile field startupHeapSize) are not in the lab's lists; they count in
// heap_size, and the mark phase marks them when they sit in the pending space (gcs.startupSpace), which moves
// work_to_do by their number: that is what a program observes of them.
import type { Heap } from '../heap/heap';
import { F_OLDSPACE, F_TRACKED, F_GC, F_IMMORTAL } from '../heap/kinds';
import * as L from './lists';
import { collectList, traverse, untrackTuples } from './classic';
import { REC } from '../heap/store';
const { NEXT } = REC; // record offsets (store.ts)

const SPACE = [L.GEN1, L.GEN2];

export function visitedList(h: Heap): number {
  return SPACE[h.gcs.visitedSpace];
}

export function pendingList(h: Heap): number {
  return SPACE[h.gcs.visitedSpace ^ 1];
}

/** gc_list_set_space for every object of `list`: their old-space bit becomes the visited (or pending) value. */
function setSpace(h: Heap, list: number, space: number): void {
  const s = h.s;
  for (let o = s.hdr[(list << 2) + NEXT]; o !== list; o = s.hdr[(o << 2) + NEXT]) {
    if (space) s.meta[o << 2] |= F_OLDSPACE;
    else s.meta[o << 2] &= ~F_OLDSPACE;
  }
}

/** visit_add_to_container / move_to_reachable: a tracked, mortal GC object not yet visited this cycle. */
function unvisited(h: Heap, o: number, pend: number): boolean {
  const s = h.s;
  if ((s.meta[o << 2] & (F_GC | F_TRACKED | F_IMMORTAL)) !== (F_GC | F_TRACKED)) return false;
  const g = (((s.meta[o << 2] >>> 16) & 255) - 1);
  return g === L.GEN0 || g === pend;
}

/** Flip `o` to the visited space and append it to list `into` (gc_flip_old_space + gc_list_move). */
function take(h: Heap, o: number, into: number): void {
  L.moveTo(h.s, o, into);
  if (h.gcs.visitedSpace) h.s.meta[o << 2] |= F_OLDSPACE;
  else h.s.meta[o << 2] &= ~F_OLDSPACE;
}

/**
 * Breadth-first closure over list `into` from object `from` on (mark_all_reachable, expand_region_transitively_
 * reachable): traverse each object in list order, appending every unvisited referent. Returns how many were added.
 */
function closure(h: Heap, into: number, from: number): number {
  const s = h.s;
  const pend = pendingList(h);
  let n = 0;
  const visit = (r: number): void => {
    if (unvisited(h, r, pend)) {
      take(h, r, into);
      n++;
    }
  };
  for (let o = from; o !== into; o = s.hdr[(o << 2) + NEXT]) traverse(s, o, visit);
  return n;
}

/** Move the unvisited ones of `roots` to a scratch list, close over them, then append them all to the visited space. */
function markRoots(h: Heap, roots: number[]): number {
  const s = h.s;
  const pend = pendingList(h);
  const tmp = L.OLD_TMP;
  let n = 0;
  for (const r of roots) {
    if (unvisited(h, r, pend)) {
      take(h, r, tmp);
      n++;
    }
  }
  if (n === 0) return 0;
  n += closure(h, tmp, s.hdr[(tmp << 2) + NEXT]);
  L.merge(s, tmp, visitedList(h));
  return n;
}

/** mark_global_roots: sys.modules and the other interpreter-level roots (the lab's internal references). */
function globalRoots(h: Heap): number[] {
  const out: number[] = [];
  for (const [id] of h.internal) if (h.isGcObject(id)) out.push(id);
  return out;
}

/**
 * mark_stacks: for each frame from the newest, its function and its locals and stack (top first). Outside the
 * mark phase it stops after the first frame already visited in an earlier increment (its callers cannot have
 * changed since).
 */
function stackRoots(h: Heap, start: boolean): number[] {
  const out: number[] = [];
  const seen = h.gcs.visitedFrames;
  for (let i = h.frames.length - 1; i >= 0; i--) {
    const f = h.frames[i];
    if (f.fn !== 0) out.push(f.fn);
    for (let k = f.temps.length - 1; k >= 0; k--) if (f.temps[k] !== 0) out.push(f.temps[k]);
    for (let k = f.locals.length - 1; k >= 0; k--) if (f.locals[k] !== 0) out.push(f.locals[k]);
    if (!start && seen.has(f)) break;
    seen.add(f);
  }
  return out;
}

/** completed_scavenge: flip the spaces (or, with a non-empty permanent generation, merge visited into pending). */
function completedScavenge(h: Heap): void {
  const st = h.gcs;
  const s = h.s;
  if (L.isEmpty(s, L.PERMANENT)) {
    st.visitedSpace ^= 1;
    setSpace(h, L.GEN0, st.visitedSpace ^ 1);
  } else {
    const pend = pendingList(h);
    L.merge(s, visitedList(h), pend);
    setSpace(h, pend, st.visitedSpace ^ 1);
  }
  if (st.startupSpace === 'visited') st.startupSpace = 'pending';
  st.workToDo = 0;
  st.phase = 'mark';
}

/** gc.collect(g) / automatic collection on the incremental profile. Returns [collected, uncollectable]. */
export function collectIncrement(h: Heap, g: number): [number, number] {
  const st = h.gcs;
  const full = h.tl >= 3;
  if (h.tl >= 1) h.emit({ t: 'gc-start', generation: g, counts: [st.count[0], st.count[1], st.count[2]] });
  // Only collections that ran count in gc.get_stats(): an increment that only marks or has no work to do does not.
  const result = g === 0 ? collectYoung(h, full) : g === 2 ? collectFull(h, full) : increment(h, full);
  if (result) {
    st.stats[g].collections++;
    st.stats[g].collected += result[0];
    st.stats[g].uncollectable += result[1];
  }
  const [collected, uncollectable] = result ?? [0, 0];
  if (h.tl >= 1) h.emit({ t: 'gc-done', generation: g, collected, uncollectable });
  return [collected, uncollectable];
}

/** gc_collect_young: the young list alone; survivors to the visited space, whose count goes up. */
function collectYoung(h: Heap, full: boolean): [number, number] {
  const st = h.gcs;
  untrackTuples(h, L.GEN0);
  setSpace(h, L.GEN0, st.visitedSpace);
  const result = collectList(h, L.GEN0, visitedList(h), 0, full);
  st.count[0] = 0;
  st.count[1 + st.visitedSpace]++;
  return result;
}

/** gc_collect_full: young + pending + visited collected together, counts reset, then completed_scavenge. */
function collectFull(h: Heap, full: boolean): [number, number] {
  const s = h.s;
  const st = h.gcs;
  untrackTuples(h, L.GEN0);
  const vis = visitedList(h);
  const pend = pendingList(h);
  L.merge(s, L.GEN0, pend);
  setSpace(h, pend, st.visitedSpace);
  st.count[0] = 0;
  L.merge(s, pend, vis);
  if (st.startupSpace === 'pending') st.startupSpace = 'visited';
  st.startupUnscanned = 0;
  const result = collectList(h, vis, vis, 2, full);
  st.count = [0, 0, 0];
  completedScavenge(h);
  return result;
}

/** assess_work_to_do: new objects plus a slice of the heap (at most workCapFactor times the new objects). */
function assessWorkToDo(h: Heap): number {
  const st = h.gcs;
  const inc = h.profile.incremental!;
  const scale = Math.max(2, st.threshold[1]);
  const fresh = st.count[0];
  const frac = Math.min(Math.floor(st.heapSize / inc.scanRateDivisor / scale), Math.floor(fresh * inc.workCapFactor));
  st.count[0] = 0;
  return fresh + frac;
}

/** gc_collect_increment (reference §4.3). Returns null when the call collected nothing (no stats entry). */
function increment(h: Heap, full: boolean): [number, number] | null {
  const s = h.s;
  const st = h.gcs;
  const inc = h.profile.incremental!;
  st.workToDo += assessWorkToDo(h);
  // Behind on work (the mark phase paid for the whole reachable heap): nothing this time.
  if (st.workToDo < 0) return null;
  untrackTuples(h, L.GEN0);
  if (st.phase === 'mark') {
    if (full) h.emit({ t: 'gc-phase', phase: 'mark_alive', generation: 1 });
    // mark_at_start: global roots, then every frame; the interpreter's startup objects are marked with them.
    let marked = markRoots(h, globalRoots(h));
    if (st.startupSpace === 'pending') {
      marked += inc.startupMarked;
      st.startupUnscanned = inc.startupHeapSize - inc.startupMarked;
      st.startupSpace = 'visited';
    }
    marked += markRoots(h, stackRoots(h, true));
    st.phase = 'collect';
    // mark_at_start and its caller both subtract the marked objects (gh-141890, not fixed in 3.14.2).
    st.workToDo -= marked * inc.markCountedTimes;
    return null;
  }
  if (full) h.emit({ t: 'gc-phase', phase: 'increment', generation: 1 });
  st.workToDo -= markRoots(h, stackRoots(h, false));
  const incr = L.YOUNG_TMP;
  setSpace(h, L.GEN0, st.visitedSpace);
  L.merge(s, L.GEN0, incr);
  let size = L.listLength(s, incr);
  // The oldest objects of the pending space first: the startup objects the mark did not reach (they survive).
  if (size < st.workToDo && st.startupUnscanned > 0) {
    const n = Math.min(st.startupUnscanned, st.workToDo - size);
    st.startupUnscanned -= n;
    size += n;
  }
  const pend = pendingList(h);
  while (size < st.workToDo && !L.isEmpty(s, pend)) {
    const o = s.hdr[(pend << 2) + NEXT];
    take(h, o, incr);
    size += 1 + closure(h, incr, o);
  }
  const result = collectList(h, incr, visitedList(h), 1, full);
  L.merge(s, incr, visitedList(h));
  st.workToDo -= size;
  if (L.isEmpty(s, pend) && st.startupUnscanned === 0) completedScavenge(h);
  return result;
}
