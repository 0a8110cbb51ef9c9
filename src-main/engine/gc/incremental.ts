// The incremental collector of CPython 3.14.0-3.14.4 (reference §4, read from source; not verified against a
// binary beyond Pyodide's 3.14.2). Lists: young = GEN0; the two old spaces are GEN1 (space 0) and GEN2 (space 1);
// `visitedSpace` says which one is "visited", the other is "pending".
import type { Heap } from '../heap/heap';
import { F_OLDSPACE, F_TRACKED, F_GC } from '../heap/kinds';
import * as L from './lists';
import { collectList, traverse, untrackTuples } from './classic';

const SPACE = [L.GEN1, L.GEN2];

export function visitedList(h: Heap): number {
  return SPACE[h.gcs.visitedSpace];
}

export function pendingList(h: Heap): number {
  return SPACE[h.gcs.visitedSpace ^ 1];
}

/** Move `o` into the visited space, relabelling its space bit. */
function toVisited(h: Heap, o: number, into = visitedList(h)): void {
  const s = h.s;
  L.moveTo(s, o, into);
  if (h.gcs.visitedSpace) s.flags[o] |= F_OLDSPACE;
  else s.flags[o] &= ~F_OLDSPACE;
}

function isVisited(h: Heap, o: number): boolean {
  return ((h.s.flags[o] & F_OLDSPACE) !== 0) === (h.gcs.visitedSpace === 1) && h.s.gen[o] === visitedList(h);
}

/** Move `start` and every tracked, not yet visited object reachable from it to list `into`. Returns how many. */
function markFrom(h: Heap, starts: number[], into: number): number {
  const s = h.s;
  let n = 0;
  const stack = starts.slice();
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (!(s.flags[o] & F_GC) || !(s.flags[o] & F_TRACKED) || s.gen[o] === into || s.gen[o] === L.PERMANENT) continue;
    if (into !== visitedList(h) && isVisited(h, o)) continue;
    toVisited(h, o, into);
    n++;
    traverse(s, o, (r) => stack.push(r));
  }
  return n;
}

/** The roots the mark phase starts from: modules (sys.modules), gc.garbage, and every frame's references. */
function roots(h: Heap): number[] {
  const out = h.rootRefs();
  for (const [id] of h.internal) if (h.isGcObject(id)) out.push(id);
  out.push(h.garbage);
  return out;
}

/** completed_scavenge: flip the spaces (or, with a non-empty permanent generation, merge visited into pending). */
function completedScavenge(h: Heap): void {
  const st = h.gcs;
  const s = h.s;
  if (L.isEmpty(s, L.PERMANENT)) st.visitedSpace ^= 1;
  else {
    const pend = pendingList(h);
    for (let o = s.next[visitedList(h)]; o !== visitedList(h); o = s.next[o]) s.flags[o] ^= F_OLDSPACE;
    L.merge(s, visitedList(h), pend);
  }
  st.workToDo = 0;
  st.phase = 'mark';
}

/** gc.collect(g) / automatic collection on the incremental profile. Returns [collected, uncollectable]. */
export function collectIncrement(h: Heap, g: number): [number, number] {
  const s = h.s;
  const st = h.gcs;
  const full = h.tl >= 3;
  if (h.tl >= 1) h.emit({ t: 'gc-start', generation: g, counts: [st.count[0], st.count[1], st.count[2]] });
  let result: [number, number] = [0, 0];
  if (g === 0) {
    st.count[0] = 0;
    st.count[1 + 0]++;
    const vis = visitedList(h);
    for (let o = s.next[L.GEN0]; o !== L.GEN0; o = s.next[o]) {
      if (st.visitedSpace) s.flags[o] |= F_OLDSPACE;
      else s.flags[o] &= ~F_OLDSPACE;
    }
    result = collectList(h, L.GEN0, vis, 0, full);
  } else if (g === 2) {
    st.count = [0, 0, 0];
    const vis = visitedList(h);
    L.merge(s, L.GEN0, vis);
    L.merge(s, pendingList(h), vis);
    for (let o = s.next[vis]; o !== vis; o = s.next[o]) {
      if (st.visitedSpace) s.flags[o] |= F_OLDSPACE;
      else s.flags[o] &= ~F_OLDSPACE;
    }
    result = collectList(h, vis, vis, 2, full);
    completedScavenge(h);
  } else {
    result = increment(h, full);
  }
  st.stats[g].collections++;
  st.stats[g].collected += result[0];
  st.stats[g].uncollectable += result[1];
  if (h.tl >= 1) h.emit({ t: 'gc-done', generation: g, collected: result[0], uncollectable: result[1] });
  return result;
}

/** gc_collect_increment (reference §4.3). */
function increment(h: Heap, full: boolean): [number, number] {
  const s = h.s;
  const st = h.gcs;
  const inc = h.profile.incremental!;
  const scale = Math.max(2, st.threshold[1]);
  const fresh = st.count[0];
  st.count[0] = 0;
  let frac = Math.floor(st.heapSize / inc.scanRateDivisor / scale);
  frac = Math.min(frac, fresh * inc.workCapFactor);
  st.workToDo += fresh + frac;
  untrackTuples(h, L.GEN0);
  if (st.phase === 'mark') {
    if (full) h.emit({ t: 'gc-phase', phase: 'mark_alive', generation: 1 });
    st.workToDo -= markFrom(h, roots(h), visitedList(h));
    st.phase = 'collect';
    return [0, 0];
  }
  if (full) h.emit({ t: 'gc-phase', phase: 'increment', generation: 1 });
  const incr = L.YOUNG_TMP;
  L.merge(s, L.GEN0, incr);
  let size = L.listLength(s, incr);
  const pend = pendingList(h);
  while (size < st.workToDo && !L.isEmpty(s, pend)) {
    size += markFrom(h, [s.next[pend]], incr);
  }
  for (let o = s.next[incr]; o !== incr; o = s.next[o]) {
    if (st.visitedSpace) s.flags[o] |= F_OLDSPACE;
    else s.flags[o] &= ~F_OLDSPACE;
  }
  const result = collectList(h, incr, visitedList(h), 1, full);
  L.merge(s, incr, visitedList(h));
  st.workToDo -= size;
  st.count[1]++;
  if (L.isEmpty(s, pend)) completedScavenge(h);
  return result;
}
