// The classic generational collection of one generation, step by step as gcmodule.c / gc.c run it
// (reference §3.6):
//   1. "start" callbacks            2. counter bookkeeping        3. merge younger generations
//   4. update_refs                  5. subtract_refs              6. move_unreachable
//   7. untrack_tuples               8. promote survivors (untrack_dicts on full collections)
//   9. legacy finalizers (none can be written in Python 3; the list stays empty)
//  11. handle_weakrefs             12. finalize_garbage (PEP 442) 13. resurrection check (3.8 vs 3.9+)
//  14. second weakref clear (3.14.4+)                            15. delete_garbage (tp_clear)
//  16. uncollectable accounting    17. clear free lists (full)   18. stats   19. "stop" callbacks
import type { Heap } from '../heap/heap';
import type { Store } from '../heap/store';
import { updateAndSubtractRefsScan, moveUnreachableScan, scanResult, scanDicts, embeddedDictOf, eachValue, mayBeTracked as mayBeTrackedF, tupleMayBeTracked as tupleMayBeTrackedF } from './full-scan';
import * as L from './lists';
import { DEBUG_SAVEALL } from './state';
import type { GcList } from '../../../shared/events';

// Hot-loop constants as enum members (kinds.ts F_* / Kind, store.ts REC): esbuild inlines same-file enum members as
// literals, where module-level consts stay context slots that V8 reloads and Smi-checks on every use.
export enum Fl { GC = 1, FINALIZED = 4, COLLECTING = 8, UNREACHABLE = 16, IMMORTAL = 32, UNICODE_KEYS = 256, SPLIT = 512, HASDEL = 1024, MANAGED_DICT = 4096, EMBEDDED = 8192 }
export enum Kd { TUPLE = 7, LIST = 8, DICT = 9, SET = 10, INSTANCE = 11, CLASS = 12, WEAKREF = 15, METHOD = 16, DESCR = 18 }
export enum Rec { WR_HEAD = 1, NEXT = 2, PREV = 3, REF_OFF = 1, REF_LEN = 2, AUX = 3 }
export enum Word { GEN_CLEAR = -16711681 } // ~(0xff << 16): the meta word without its gen field (store.ts)

// Module-local copies of the shared constants: test runners turn imported bindings into getter calls,
// which would dominate the hot loops below.
const moveTo = L.moveTo;
const mayBeTracked = mayBeTrackedF;
const tupleMayBeTracked = tupleMayBeTrackedF;

/** Debug checks of each step's postcondition (cheap enough for tests; off for benchmarks). */
export const gcDebug = { checks: false };

const GEN = [L.GEN0, L.GEN1, L.GEN2];
const LIST_NAME: Record<number, GcList> = {
  [L.GEN0]: 'gen0', [L.GEN1]: 'gen1', [L.GEN2]: 'gen2', [L.PERMANENT]: 'permanent', [L.UNREACHABLE]: 'unreachable',
  [L.FINALIZERS]: 'finalizers', [L.SEEN]: 'young', [L.YOUNG_TMP]: 'young', [L.OLD_TMP]: 'old',
};

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`gc postcondition failed: ${what}`);
}

/** subtract_refs for the rare embedded case, after the plain loop: undo what it did for the dict. */
function subtractEmbedded(s: Store, o: number): void {
  const { hdr, meta, gcRefs } = s;
  if ((s.meta[o << 2] >>> 24) === Kd.DICT) {
    eachValue(s, o, (r) => { if (meta[r << 2] & Fl.COLLECTING) gcRefs[r]++; });
    return;
  }
  const d = embeddedDictOf(s, o);
  if (d === 0) return;
  if (meta[d << 2] & Fl.COLLECTING) gcRefs[d]++;
  eachValue(s, d, (r) => { if (meta[r << 2] & Fl.COLLECTING) gcRefs[r]--; });
}

/** move_unreachable for an instance's embedded values (its dict is never unreachable: nothing visits it). */
function reachEmbedded(h: Heap, o: number, young: number): number {
  const d = embeddedDictOf(h.s, o);
  let back = 0;
  if (d !== 0) eachValue(h.s, d, (r) => { back += visitReachable(h, r, young); });
  return back;
}

/**
 * Visit the references of `id` in tp_traverse order: list and tuple items last to first, other items / slots in
 * order, dict entries value-then-key (generic tables) or values only (str-keyed tables), then an instance's class.
 */
export function traverse(s: Store, id: number, visit: (r: number) => void): void {
  const off = s.meta[(id << 2) + Rec.REF_OFF];
  const n = s.meta[(id << 2) + Rec.REF_LEN];
  const k = (s.meta[id << 2] >>> 24);
  if (k === Kd.DICT) {
    if (s.meta[id << 2] & Fl.EMBEDDED) return; // dict_traverse skips embedded values: their owner visits them
    const valuesOnly = (s.meta[id << 2] & (Fl.UNICODE_KEYS | Fl.SPLIT)) !== 0;
    for (let i = 0; i < n; i += 2) {
      const key = s.pool[off + i];
      if (key === 0) continue;
      visit(s.pool[off + i + 1]);
      if (!valuesOnly) visit(key);
    }
    return;
  }
  if (k === Kd.LIST || k === Kd.TUPLE) {
    // list_traverse / tuple_traverse: `for (i = Py_SIZE(o); --i >= 0; ) Py_VISIT(...)`, last item first
    for (let i = n - 1; i >= 0; i--) {
      const r = s.pool[off + i];
      if (r !== 0) visit(r);
    }
    return;
  }
  const ed = k === Kd.INSTANCE ? embeddedDictOf(s, id) : 0;
  for (let i = 0; i < (ed !== 0 ? n - 1 : n); i++) {
    const r = s.pool[off + i];
    if (r !== 0) visit(r);
  }
  if (ed !== 0) eachValue(s, ed, visit); // PyObject_VisitManagedDict: the inline values while they are valid
  if (k === Kd.INSTANCE) visit(s.meta[(id << 2) + Rec.AUX]);
}

/**
 * update_refs: gc_refs = ob_refcnt and COLLECTING for every object of `young`. Immortal objects (3.12+) are moved
 * to the permanent generation or untracked, per the profile.
 * Post: every object left in `young` has COLLECTING and gc_refs == refcount > 0.
 */
export function updateRefs(h: Heap, young: number): void {
  const s = h.s;
  const full = h.tl >= 3;
  for (let o = s.hdr[(young << 2) + Rec.NEXT]; o !== young; ) {
    const nx = s.hdr[(o << 2) + Rec.NEXT];
    if (s.meta[o << 2] & Fl.IMMORTAL) {
      if (h.profile.immortalInCollection === 'untrack') h.untrack(o);
      else L.moveTo(s, o, L.PERMANENT);
      o = nx;
      continue;
    }
    s.gcRefs[o] = s.hdr[o << 2];
    s.meta[o << 2] |= Fl.COLLECTING;
    if (full) h.emit({ t: 'gc-refs', id: o, refs: s.gcRefs[o] });
    o = nx;
  }
  if (gcDebug.checks) for (let o = s.hdr[(young << 2) + Rec.NEXT]; o !== young; o = s.hdr[(o << 2) + Rec.NEXT]) check(s.gcRefs[o] > 0, 'update_refs: refcount > 0');
}

/**
 * subtract_refs: for every reference between two members of the set, gc_refs of the target -= 1.
 * Post: gc_refs = number of references from outside the set (>= 0).
 */
export function subtractRefs(h: Heap, young: number): void {
  if (h.tl >= 3) {
    subtractRefsTraced(h, young);
    return;
  }
  // Hot path: plain loops over the typed arrays, no closures (they would force per-iteration contexts).
  // Visiting a dict's keys too is harmless here: only GC referents in the set count, order does not matter.
  const s = h.s;
  const { hdr, meta, pool, gcRefs } = s;
  for (let o = hdr[(young << 2) + Rec.NEXT]; o !== young; o = hdr[(o << 2) + Rec.NEXT]) {
    const off = meta[(o << 2) + Rec.REF_OFF];
    const end = off + meta[(o << 2) + Rec.REF_LEN];
    for (let i = off; i < end; i++) {
      const r = pool[i];
      if (r !== 0 && meta[r << 2] & Fl.COLLECTING) gcRefs[r]--;
    }
    if ((meta[o << 2] >>> 24) === Kd.INSTANCE) {
      const c = meta[(o << 2) + Rec.AUX];
      if (meta[c << 2] & Fl.COLLECTING) gcRefs[c]--;
    }
    if (meta[o << 2] & (Fl.MANAGED_DICT | Fl.EMBEDDED)) subtractEmbedded(s, o);
  }
  if (gcDebug.checks) for (let o = hdr[(young << 2) + Rec.NEXT]; o !== young; o = hdr[(o << 2) + Rec.NEXT]) check(gcRefs[o] >= 0, 'subtract_refs: gc_refs >= 0');
}

function subtractRefsTraced(h: Heap, young: number): void {
  const s = h.s;
  let from = 0;
  const visit = (r: number): void => {
    if (s.meta[r << 2] & Fl.COLLECTING) {
      s.gcRefs[r]--;
      h.emit({ t: 'gc-subtract', from, to: r, refs: s.gcRefs[r] });
    }
  };
  for (let o = s.hdr[(young << 2) + Rec.NEXT]; o !== young; o = s.hdr[(o << 2) + Rec.NEXT]) {
    from = o;
    traverse(s, o, visit);
  }
}

/**
 * visit_reachable: a referent of a reachable object is reachable (moved back from `unreachable` if needed).
 * Returns 1 when it moved the object back.
 */
function visitReachable(h: Heap, r: number, young: number): number {
  const s = h.s;
  const f = s.meta[r << 2];
  if (!(f & Fl.COLLECTING)) return 0;
  if (f & Fl.UNREACHABLE) {
    s.meta[r << 2] = f & ~Fl.UNREACHABLE;
    moveTo(s, r, young);
    s.gcRefs[r] = 1;
    if (h.tl >= 3) h.emit({ t: 'gc-move', id: r, to: 'young' });
    return 1;
  }
  if (s.gcRefs[r] === 0) s.gcRefs[r] = 1;
  return 0;
}

/**
 * move_unreachable: one pass over `young`; objects with gc_refs == 0 go (tentatively) to the tail of
 * `unreachable`, and come back to the tail of `young` when a reachable object refers to them.
 * Post: `young` holds exactly the objects reachable from outside (COLLECTING cleared), `unreachable` the rest
 * (COLLECTING and UNREACHABLE set).
 */
export function moveUnreachable(h: Heap, young: number, unreachable: number): void {
  const s = h.s;
  const { hdr, meta, gcRefs } = s;
  const full = h.tl >= 3;
  let o = hdr[(young << 2) + Rec.NEXT];
  while (o !== young) {
    if (gcRefs[o] > 0) {
      const k = (meta[o << 2] >>> 24);
      if (k === Kd.DICT) {
        // value before key, as dict_traverse visits them (values only for str-keyed tables)
        const valuesOnly = (meta[o << 2] & (Fl.UNICODE_KEYS | Fl.SPLIT)) !== 0;
        for (let i = 0; i < (meta[o << 2] & Fl.EMBEDDED ? 0 : meta[(o << 2) + Rec.REF_LEN]); i += 2) {
          const key = s.pool[meta[(o << 2) + Rec.REF_OFF] + i];
          if (key === 0) continue;
          visitReachable(h, s.pool[meta[(o << 2) + Rec.REF_OFF] + i + 1], young);
          if (!valuesOnly) visitReachable(h, key, young);
        }
      } else {
        const pool = s.pool;
        const off = meta[(o << 2) + Rec.REF_OFF];
        const end = off + meta[(o << 2) + Rec.REF_LEN];
        // lists and tuples visit their items last to first (list_traverse / tuple_traverse)
        const back = k === Kd.LIST || k === Kd.TUPLE;
        for (let j = off; j < end; j++) {
          const r = pool[back ? end - 1 - (j - off) : j];
          if (r === 0) continue;
          const f = meta[r << 2];
          if (f & Fl.COLLECTING) {
            if (f & Fl.UNREACHABLE) visitReachable(h, r, young);
            else if (gcRefs[r] === 0) gcRefs[r] = 1;
          }
        }
        if (k === Kd.INSTANCE) {
          if (meta[o << 2] & Fl.MANAGED_DICT) reachEmbedded(h, o, young);
          const c = meta[(o << 2) + Rec.AUX];
          if (meta[c << 2] & Fl.COLLECTING) visitReachable(h, c, young);
        }
      }
      meta[o << 2] &= ~Fl.COLLECTING;
      o = hdr[(o << 2) + Rec.NEXT]; // read after the traversal: it may have appended to young
    } else {
      const nx = hdr[(o << 2) + Rec.NEXT];
      moveTo(s, o, unreachable);
      meta[o << 2] |= Fl.UNREACHABLE;
      if (full) h.emit({ t: 'gc-move', id: o, to: 'unreachable' });
      o = nx;
    }
  }
  if (gcDebug.checks) {
    for (let x = hdr[(young << 2) + Rec.NEXT]; x !== young; x = hdr[(x << 2) + Rec.NEXT]) check(!(meta[x << 2] & Fl.COLLECTING), 'move_unreachable: young not collecting');
    for (let x = hdr[(unreachable << 2) + Rec.NEXT]; x !== unreachable; x = hdr[(x << 2) + Rec.NEXT]) {
      check((meta[x << 2] & (Fl.COLLECTING | Fl.UNREACHABLE)) === (Fl.COLLECTING | Fl.UNREACHABLE), 'move_unreachable: unreachable flags');
    }
  }
}


/**
 * move_unreachable and untrack_tuples in one walk (untraced collections). Same result as the two steps: the cursor
 * passes the survivors in exactly their final order in `young`, which is the order untrack_tuples walks them, and
 * moves between lists do not change whether an object is tracked. Also relabels the survivors (see L.merge) and
 * counts them and the unreachable objects (into scanResult, with whether weakrefs or finalizers are involved).
 */
function moveUnreachableFused(h: Heap, young: number, unreachable: number): void {
  const s = h.s;
  const { hdr, meta, gcRefs } = s;
  let survivors = 0;
  let lost = 0;
  let weak = false;
  let del = false;
  let o = hdr[(young << 2) + Rec.NEXT];
  while (o !== young) {
    if (gcRefs[o] > 0) {
      const k = (meta[o << 2] >>> 24);
      if (k === Kd.DICT) {
        const valuesOnly = (meta[o << 2] & (Fl.UNICODE_KEYS | Fl.SPLIT)) !== 0;
        for (let i = 0; i < (meta[o << 2] & Fl.EMBEDDED ? 0 : meta[(o << 2) + Rec.REF_LEN]); i += 2) {
          const key = s.pool[meta[(o << 2) + Rec.REF_OFF] + i];
          if (key === 0) continue;
          lost -= visitReachable(h, s.pool[meta[(o << 2) + Rec.REF_OFF] + i + 1], young);
          if (!valuesOnly) lost -= visitReachable(h, key, young);
        }
      } else {
        const pool = s.pool;
        const off = meta[(o << 2) + Rec.REF_OFF];
        const end = off + meta[(o << 2) + Rec.REF_LEN];
        // lists and tuples visit their items last to first (list_traverse / tuple_traverse)
        const back = k === Kd.LIST || k === Kd.TUPLE;
        for (let j = off; j < end; j++) {
          const r = pool[back ? end - 1 - (j - off) : j];
          if (r === 0) continue;
          const f = meta[r << 2];
          if (f & Fl.COLLECTING) {
            if (f & Fl.UNREACHABLE) lost -= visitReachable(h, r, young);
            else if (gcRefs[r] === 0) gcRefs[r] = 1;
          }
        }
        if (k === Kd.INSTANCE) {
          if (meta[o << 2] & Fl.MANAGED_DICT) lost -= reachEmbedded(h, o, young);
          // the class: nearly always a reachable member, so test inline before calling visit_reachable
          const c = meta[(o << 2) + Rec.AUX];
          const fc = meta[c << 2];
          if (fc & Fl.COLLECTING) {
            if (fc & Fl.UNREACHABLE) lost -= visitReachable(h, c, young);
            else if (gcRefs[c] === 0) gcRefs[c] = 1;
          }
        }
      }
      meta[o << 2] &= ~Fl.COLLECTING;
      meta[o << 2] = (meta[o << 2] & Word.GEN_CLEAR) | ((young + 1) << 16);
      const nx = hdr[(o << 2) + Rec.NEXT];
      if (k === Kd.TUPLE && !tupleMayBeTracked(s, o)) h.untrack(o);
      else survivors++;
      o = nx;
    } else {
      const nx = hdr[(o << 2) + Rec.NEXT];
      const pv = hdr[(o << 2) + Rec.PREV];
      hdr[(pv << 2) + Rec.NEXT] = nx;
      hdr[(nx << 2) + Rec.PREV] = pv;
      const last = hdr[(unreachable << 2) + Rec.PREV];
      hdr[(last << 2) + Rec.NEXT] = o;
      hdr[(o << 2) + Rec.PREV] = last;
      hdr[(o << 2) + Rec.NEXT] = unreachable;
      hdr[(unreachable << 2) + Rec.PREV] = o;
      meta[o << 2] = (meta[o << 2] & Word.GEN_CLEAR) | ((unreachable + 1) << 16);
      const f = meta[o << 2];
      meta[o << 2] = f | Fl.UNREACHABLE;
      if ((f & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL) del = true;
      if (hdr[(o << 2) + Rec.WR_HEAD] !== 0 || (meta[o << 2] >>> 24) === Kd.WEAKREF) weak = true;
      lost++;
      o = nx;
    }
  }
  scanResult.survivors = survivors;
  scanResult.unreachable = lost;
  scanResult.weakrefs = weak;
  scanResult.finalizers = del;
}

/** deduce_unreachable = update_refs + subtract_refs + move_unreachable. */
function deduceUnreachable(h: Heap, base: number, unreachable: number): void {
  updateRefs(h, base);
  subtractRefs(h, base);
  moveUnreachable(h, base, unreachable);
}

/**
 * untrack_tuples: untrack every tuple of `young` whose items cannot be tracked. Returns how many objects remain.
 * Post: no tuple left in `young` consists only of items that cannot be tracked.
 */
export function untrackTuples(h: Heap, young: number): number {
  const s = h.s;
  let n = 0;
  for (let o = s.hdr[(young << 2) + Rec.NEXT]; o !== young; ) {
    const nx = s.hdr[(o << 2) + Rec.NEXT];
    n++;
    if ((s.meta[o << 2] >>> 24) === Kd.TUPLE) {
      let keep = false;
      const off = s.meta[(o << 2) + Rec.REF_OFF];
      for (let i = 0; i < s.meta[(o << 2) + Rec.REF_LEN]; i++) {
        const r = s.pool[off + i];
        if (r === 0 || mayBeTracked(s, r)) {
          keep = true;
          break;
        }
      }
      if (!keep) {
        n--;
        h.untrack(o);
        if (h.tl >= 3) h.emit({ t: 'gc-untrack', id: o });
      }
    }
    o = nx;
  }
  return n;
}

/**
 * untrack_dicts (full collections, 3.8-3.13): untrack dicts holding nothing that may be tracked. Returns how many
 * objects remain. Post: every dict left in `young` holds something that may be tracked.
 */
export function untrackDicts(h: Heap, young: number): number {
  const s = h.s;
  let n = 0;
  for (let o = s.hdr[(young << 2) + Rec.NEXT]; o !== young; ) {
    const nx = s.hdr[(o << 2) + Rec.NEXT];
    n++;
    if ((s.meta[o << 2] >>> 24) === Kd.DICT && maybeUntrackDict(h, o)) n--;
    o = nx;
  }
  return n;
}

/**
 * untrack_dicts of an untraced full collection: the dicts the scan's walk passed (scanDicts), in list order, instead
 * of a walk over every survivor (an algorithmic saving CPython does not make). Returns how many it untracked.
 */
function untrackScannedDicts(h: Heap): number {
  const { ids, count } = scanDicts;
  let untracked = 0;
  for (let i = 0; i < count; i++) if (maybeUntrackDict(h, ids[i])) untracked++;
  return untracked;
}

/** _PyDict_MaybeUntrack's test on a tracked dict: untrack it when it holds nothing that may be tracked. */
function maybeUntrackDict(h: Heap, o: number): boolean {
  const s = h.s;
  let keep = false;
  // _PyDict_MaybeUntrack reads the values even when they are embedded (traverse would skip them)
  const check = (r: number): void => {
    if (!keep && mayBeTracked(s, r)) keep = true;
  };
  if (s.meta[o << 2] & Fl.EMBEDDED) eachValue(s, o, check);
  else traverse(s, o, check);
  if (keep) return false;
  h.untrack(o);
  if (h.tl >= 3) h.emit({ t: 'gc-untrack', id: o });
  return true;
}

/**
 * handle_weakrefs: clear weakrefs that are garbage themselves and every weakref to a garbage object; call the
 * callbacks of cleared weakrefs that are not garbage. Returns how many of those weakrefs the callbacks freed.
 * Post: no weakref points into `unreachable`.
 */
export function handleWeakrefs(h: Heap, unreachable: number, old: number): number {
  const s = h.s;
  const wrcb = L.OLD_TMP;
  const full = h.tl >= 3;
  for (let o = s.hdr[(unreachable << 2) + Rec.NEXT]; o !== unreachable; o = s.hdr[(o << 2) + Rec.NEXT]) {
    if ((s.meta[o << 2] >>> 24) === Kd.WEAKREF) {
      if (full && s.meta[(o << 2) + Rec.AUX] !== 0) h.emit({ t: 'gc-weakref-clear', wr: o, target: s.meta[(o << 2) + Rec.AUX] });
      h.clearWeakref(o);
    }
    while (s.hdr[(o << 2) + Rec.WR_HEAD] !== 0) {
      const wr = s.hdr[(o << 2) + Rec.WR_HEAD];
      if (full) h.emit({ t: 'gc-weakref-clear', wr, target: o });
      h.clearWeakref(wr);
      if (h.weakrefCallbackOf(wr) === 0) continue;
      if (s.meta[wr << 2] & Fl.COLLECTING) continue; // the weakref is garbage too: its callback never runs
      h.incref(wr);
      L.moveTo(s, wr, wrcb);
    }
  }
  let freed = 0;
  while (!L.isEmpty(s, wrcb)) {
    const wr = s.hdr[(wrcb << 2) + Rec.NEXT];
    const cb = h.weakrefCallbackOf(wr);
    h.callWeakrefCallback(cb, wr);
    h.decref(wr);
    if (s.hdr[(wrcb << 2) + Rec.NEXT] === wr) L.moveTo(s, wr, old);
    else freed++;
  }
  if (gcDebug.checks) for (let o = s.hdr[(unreachable << 2) + Rec.NEXT]; o !== unreachable; o = s.hdr[(o << 2) + Rec.NEXT]) check(s.hdr[(o << 2) + Rec.WR_HEAD] === 0, 'handle_weakrefs: no weakrefs left');
  return freed;
}

/** finalize_garbage: call __del__ (once per object) in list order. Post: every instance with __del__ is FINALIZED. */
export function finalizeGarbage(h: Heap, collectable: number): void {
  const s = h.s;
  const seen = L.SEEN;
  while (!L.isEmpty(s, collectable)) {
    const o = s.hdr[(collectable << 2) + Rec.NEXT];
    L.moveTo(s, o, seen);
    if ((s.meta[o << 2] & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL) {
      s.meta[o << 2] |= Fl.FINALIZED;
      h.incref(o);
      h.callFinalizer(o);
      h.decref(o);
    }
  }
  L.merge(s, seen, collectable);
}

/** Whether finalize_garbage has anything to call (an instance with __del__ not yet finalized). */
function hasFinalizers(h: Heap, list: number): boolean {
  const s = h.s;
  for (let o = s.hdr[(list << 2) + Rec.NEXT]; o !== list; o = s.hdr[(o << 2) + Rec.NEXT]) if ((s.meta[o << 2] & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL) return true;
  return false;
}

/** 3.9+ handle_resurrected_objects: what finalizers made reachable again goes to `old`. */
export function handleResurrected(h: Heap, unreachable: number, stillUnreachable: number, old: number): void {
  const s = h.s;
  for (let o = s.hdr[(unreachable << 2) + Rec.NEXT]; o !== unreachable; o = s.hdr[(o << 2) + Rec.NEXT]) s.meta[o << 2] &= ~(Fl.COLLECTING | Fl.UNREACHABLE);
  deduceUnreachable(h, unreachable, stillUnreachable);
  for (let o = s.hdr[(stillUnreachable << 2) + Rec.NEXT]; o !== stillUnreachable; o = s.hdr[(o << 2) + Rec.NEXT]) s.meta[o << 2] &= ~Fl.UNREACHABLE;
  L.merge(s, unreachable, old);
}

/** 3.8 check_garbage: true when anything in the set is referenced from outside (then nothing is collected). */
export function checkGarbage(h: Heap, collectable: number): boolean {
  const s = h.s;
  for (let o = s.hdr[(collectable << 2) + Rec.NEXT]; o !== collectable; o = s.hdr[(o << 2) + Rec.NEXT]) s.gcRefs[o] = s.hdr[o << 2];
  subtractRefs(h, collectable);
  let resurrected = false;
  for (let o = s.hdr[(collectable << 2) + Rec.NEXT]; o !== collectable; o = s.hdr[(o << 2) + Rec.NEXT]) {
    if (s.gcRefs[o] !== 0) resurrected = true;
    s.meta[o << 2] &= ~(Fl.COLLECTING | Fl.UNREACHABLE);
  }
  return resurrected;
}

/** tp_clear of each kind: drop the references that can form cycles. Tuples and bound methods have none. */
function tpClear(h: Heap, o: number): boolean {
  const s = h.s;
  switch ((s.meta[o << 2] >>> 24)) {
    case Kd.TUPLE:
    case Kd.METHOD:
    case Kd.DESCR: // descriptors have no tp_clear
      return false;
    case Kd.CLASS:
      if (s.meta[(o << 2) + Rec.REF_LEN] === 4) {
        // type_clear: the dict emptied, tp_mro dropped
        const off = s.meta[(o << 2) + Rec.REF_OFF];
        h.dictClear(s.pool[off]);
        const mro = s.pool[off + 1];
        s.pool[off + 1] = 0;
        h.xdecref(mro);
        return true;
      }
      return false;
    case Kd.LIST:
      h.listClear(o);
      return true;
    case Kd.DICT:
      h.dictClear(o);
      return true;
    case Kd.WEAKREF:
      h.clearWeakref(o);
      h.xdecref(h.takeWeakrefCallback(o));
      return true;
    case Kd.SET:
      h.setClear(o); // set_clear_internal
      return true;
    default: {
      // instance (slots + dict/values; never the class), class attributes, function, module, cell
      const n = s.meta[(o << 2) + Rec.REF_LEN];
      for (let i = 0; i < n; i++) {
        const off = s.meta[(o << 2) + Rec.REF_OFF];
        const r = s.pool[off + i];
        if (r !== 0) {
          s.pool[off + i] = 0;
          h.decrefCleared(r);
        }
      }
      return true;
    }
  }
}

/**
 * delete_garbage: break the cycles. Each object at the head is appended to gc.garbage (DEBUG_SAVEALL) or
 * cleared; if it is still at the head afterwards (it survived) it moves to `old`.
 * Post: `collectable` is empty.
 */
export function deleteGarbage(h: Heap, collectable: number, old: number): void {
  const s = h.s;
  const saveAll = (h.gcs.debug & DEBUG_SAVEALL) !== 0;
  const full = h.tl >= 3;
  while (s.hdr[(collectable << 2) + Rec.NEXT] !== collectable) {
    const o = s.hdr[(collectable << 2) + Rec.NEXT];
    if (saveAll) {
      h.listAppend(h.garbage, o);
      if (full) h.emit({ t: 'gc-move', id: o, to: 'garbage' });
    } else {
      if (full) h.emit({ t: 'gc-clear', id: o });
      h.incref(o);
      tpClear(h, o);
      h.decrefCleared(o);
    }
    if (s.hdr[(collectable << 2) + Rec.NEXT] === o) {
      s.meta[o << 2] &= ~(Fl.COLLECTING | Fl.UNREACHABLE);
      moveTo(s, o, old);
      if (full) h.emit({ t: 'gc-move', id: o, to: LIST_NAME[old] ?? 'old' });
    }
  }
}

/**
 * collect(generation): steps 2-18. Returns [collected, uncollectable]. The caller runs the callbacks and holds
 * the `collecting` flag. `young`/`old` default to the classic generation lists.
 */
export function collectGeneration(h: Heap, g: number): [number, number] {
  const s = h.s;
  const st = h.gcs;
  if (h.tl >= 1) h.emit({ t: 'gc-start', generation: g, counts: [st.count[0], st.count[1], st.count[2]] });
  if (g + 1 <= 2) st.count[g + 1]++;
  for (let i = 0; i <= g; i++) st.count[i] = 0;
  const young = GEN[g];
  const old = g < 2 ? GEN[g + 1] : young;
  const full = h.tl >= 3;
  // update_refs moves immortal objects it meets back to the permanent generation (3.12/3.13).
  if (g === 2 && h.profile.immortalInCollection === 'permanent') st.startupFrozenIn = 'permanent';
  if (full) h.emit({ t: 'gc-phase', phase: 'merge', generation: g });
  // A full untraced collection scans the id range for labels gen0..gen2 and relabels survivors while walking.
  const scanFrom = g === 2 && !full ? L.GEN0 : 0;
  for (let i = 0; i < g; i++) L.merge(s, GEN[i], young, scanFrom === 0);
  const [collected, uncollectable] = collectList(h, young, old, g, full, scanFrom);
  st.stats[g].collections++;
  st.stats[g].collected += collected;
  st.stats[g].uncollectable += uncollectable;
  if (h.tl >= 1) h.emit({ t: 'gc-done', generation: g, collected, uncollectable });
  return [collected, uncollectable];
}

/**
 * Steps 4-17 on the list `young` (survivors end in `old`); shared with the incremental collector.
 * `scanFrom` > 0: a full collection whose members are labelled scanFrom..young (see collectGeneration).
 */
export function collectList(h: Heap, young: number, old: number, g: number, full: boolean, scanFrom = 0): [number, number] {
  const s = h.s;
  const st = h.gcs;
  const unreachable = L.UNREACHABLE;
  if (full) h.emit({ t: 'gc-phase', phase: 'update_refs', generation: g });
  if (scanFrom > 0 && !full) updateAndSubtractRefsScan(h, scanFrom, young);
  else {
    updateRefs(h, young);
    if (full) h.emit({ t: 'gc-phase', phase: 'subtract_refs', generation: g });
    subtractRefs(h, young);
  }
  if (full) h.emit({ t: 'gc-phase', phase: 'move_unreachable', generation: g });
  let survivors: number;
  let garbage = -1; // length of `unreachable` when known
  if (full) {
    moveUnreachable(h, young, unreachable);
    h.emit({ t: 'gc-phase', phase: 'untrack_tuples', generation: g });
    survivors = untrackTuples(h, young);
  } else {
    if (scanFrom > 0) moveUnreachableScan(h, young, unreachable);
    else moveUnreachableFused(h, young, unreachable);
    survivors = scanResult.survivors;
    garbage = scanResult.unreachable;
  }
  if (full) h.emit({ t: 'gc-phase', phase: 'promote', generation: g });
  if (h.profile.gcKind === 'classic') {
    if (g < 2) {
      if (g === 1) st.longLivedPending += survivors;
      L.merge(s, young, old);
    } else {
      if (h.profile.dictTracking === 'lazy' && h.trackedDicts > 0) survivors = scanFrom > 0 ? survivors - untrackScannedDicts(h) : untrackDicts(h, young);
      st.longLivedPending = 0;
      st.longLivedTotal = survivors;
    }
  } else if (young !== old) L.merge(s, young, old);
  // Step 9: no legacy (tp_del) finalizers exist in pure Python, so `finalizers` stays empty.
  const calls = h.hostCalls;
  if (full) h.emit({ t: 'gc-phase', phase: 'handle_weakrefs', generation: g });
  // Untraced collections know from the fused walk whether these two steps have anything to do (nothing runs in
  // between that could add a weakref or a finalizer to an unreachable object); skipping them saves two list walks.
  let collected = garbage >= 0 && !scanResult.weakrefs ? 0 : handleWeakrefs(h, unreachable, old);
  if (full) h.emit({ t: 'gc-phase', phase: 'finalize_garbage', generation: g });
  if (full || (garbage !== 0 && (h.hostCalls !== calls ? hasFinalizers(h, unreachable) : scanResult.finalizers))) finalizeGarbage(h, unreachable);
  if (full) h.emit({ t: 'gc-phase', phase: 'handle_resurrected', generation: g });
  let finalList = L.YOUNG_TMP;
  if (!full && h.hostCalls === calls) {
    // No Python code ran since move_unreachable, so no new reference can exist: the resurrection check would
    // find every object still unreachable and keep the list order. Skip it (same result, one pass less).
    finalList = unreachable;
  } else if (h.profile.resurrection === 'wholeSet') {
    if (checkGarbage(h, unreachable)) {
      L.merge(s, unreachable, old);
    }
    finalList = unreachable;
  } else {
    handleResurrected(h, unreachable, finalList, old);
  }
  if (h.profile.secondWeakrefClear) {
    for (let o = s.hdr[(finalList << 2) + Rec.NEXT]; o !== finalList; o = s.hdr[(o << 2) + Rec.NEXT]) while (s.hdr[(o << 2) + Rec.WR_HEAD] !== 0) h.clearWeakref(s.hdr[(o << 2) + Rec.WR_HEAD]);
  }
  collected += finalList === unreachable && garbage >= 0 && h.hostCalls === calls ? garbage : L.listLength(s, finalList);
  if (full) h.emit({ t: 'gc-phase', phase: 'delete_garbage', generation: g });
  deleteGarbage(h, finalList, old);
  const uncollectable = 0;
  if (g === 2) {
    if (full) h.emit({ t: 'gc-phase', phase: 'clear_freelists', generation: g });
    const blocks = h.freeLists.clearAll(h.alloc);
    if (h.tl >= 2) h.emit({ t: 'freelists-cleared', blocks });
  }
  return [collected, uncollectable];
}
