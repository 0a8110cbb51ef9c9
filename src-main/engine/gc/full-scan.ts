// The untraced full collection's first two steps over the struct of arrays, with the collector's per-object state
// packed into gc_refs alone (as CPython packs it into the PyGC_Head words), so that the hot loops touch as few
// arrays as possible:
//   gc_refs >= 0      member of the set (COLLECTING); > 0 once known reachable, scanned or not
//   gc_refs = UNR     tentatively unreachable (the object also gets COLLECTING | UNREACHABLE in `flags`, which the
//                     later steps read)
//   gc_refs <= NC     not a member (NC minus the references members hold to it)
// Same result, same list orders as update_refs + subtract_refs + move_unreachable + untrack_tuples.
import type { Heap } from '../heap/heap';
import { Kind, STATIC_GC_BASE, F_COLLECTING, F_UNREACHABLE, F_TRACKED, F_FINALIZED, F_GC, F_IMMORTAL, F_UNICODE_KEYS, F_SPLIT, F_HASDEL, F_MANAGED_DICT, F_EMBEDDED } from '../heap/kinds';
import { FIRST_ID, REC, GEN_SHIFT as GEN_SHIFT_, KIND_SHIFT as KIND_SHIFT_, type Store } from '../heap/store';
import * as L from './lists';

// Module-local copies (imported bindings are getter calls under the TS runners).
const COLLECTING = F_COLLECTING;
const UNREACHABLE = F_UNREACHABLE;
const TRACKED = F_TRACKED;
const FINALIZED = F_FINALIZED;
const GC = F_GC;
const IMMORTAL = F_IMMORTAL;
const STR_KEYS = F_UNICODE_KEYS | F_SPLIT;
const HASDEL = F_HASDEL;
const MANAGED_DICT = F_MANAGED_DICT;
const EMBEDDED = F_EMBEDDED;
const K_DICT = Kind.Dict;
const K_INSTANCE = Kind.Instance;
const K_LIST = Kind.List;
const K_TUPLE = Kind.Tuple;
const K_WEAKREF = Kind.Weakref;
const moveTo = L.moveTo;
const { RC, NEXT, PREV, REF_OFF, REF_LEN, AUX, WR_HEAD } = REC; // record offsets (store.ts)
const GEN_SHIFT = GEN_SHIFT_;
const KIND_SHIFT = KIND_SHIFT_;
const GEN_CLEAR = ~(0xff << GEN_SHIFT);

/** gc_refs of an object outside the set. Far below any count, so that decrements never bring it near 0. */
export const NC = -0x40000000;
/** gc_refs of a tentatively unreachable object. */
const UNR = -1;

/** What the walk learnt (module-level: no allocation per collection). */
export const scanResult = { survivors: 0, unreachable: 0, weakrefs: false, finalizers: false };

/**
 * The survivor dicts the walk passed, in their final list order: exactly the dicts untrack_dicts would meet
 * walking `young` afterwards (the walk untracks tuples only), so it checks these instead of walking the list.
 */
export const scanDicts = { ids: new Int32Array(64), count: 0 };

function pushDict(o: number): void {
  if (scanDicts.count === scanDicts.ids.length) {
    const bigger = new Int32Array(scanDicts.ids.length * 2);
    bigger.set(scanDicts.ids);
    scanDicts.ids = bigger;
  }
  scanDicts.ids[scanDicts.count++] = o;
}

/** _PyObject_GC_MAY_BE_TRACKED */
export function mayBeTracked(s: Store, r: number): boolean {
  const f = s.meta[r << 2];
  if (!(f & GC)) return f === undefined && r >= STATIC_GC_BASE;
  if ((s.meta[r << 2] >>> 24) === K_TUPLE) return (f & TRACKED) !== 0;
  return true;
}

/** _PyTuple_MaybeUntrack's test: some item is NULL or may be tracked. */
export function tupleMayBeTracked(s: Store, t: number): boolean {
  const off = s.meta[(t << 2) + REF_OFF];
  for (let i = 0; i < s.meta[(t << 2) + REF_LEN]; i++) {
    const r = s.pool[off + i];
    if (r === 0 || mayBeTracked(s, r)) return true;
  }
  return false;
}

/**
 * update_refs + subtract_refs in one scan of the id range: members are the objects labelled lo..hi, and leave it
 * labelled hi (the lists were merged without relabelling). Every gc_refs starts at NC; a member gets its refcount
 * minus NC on its own turn and loses one per reference from a member, in any order, so it ends at refcount -
 * internal references (>= 0). Referents are decremented without a membership test: a non-member only drifts
 * below NC (by at most its number of referrers), which every later test reads as "not a member" (see isMember).
 * Immortal members leave the set (permanent generation or untracked, per profile) as update_refs does.
 */
export function updateAndSubtractRefsScan(h: Heap, lo: number, hi: number): void {
  const s = h.s;
  const { hdr, meta, pool, gcRefs } = s;
  const top = s.top;
  const span = hi - lo;
  const hiWord = (hi + 1) << GEN_SHIFT;
  resetGcRefs(gcRefs, top);
  // Instances of one class usually come in runs: their class references are counted here and applied at once.
  let cls = 0;
  let clsRefs = 0;
  for (let o = FIRST_ID; o < top; o++) {
    const x = o << 2;
    const f = meta[x];
    const g = ((f >>> GEN_SHIFT) & 255) - 1;
    if (((g - lo) >>> 0) > span) continue;
    if (f & IMMORTAL) {
      if (h.profile.immortalInCollection === 'untrack') h.untrack(o);
      else moveTo(s, o, L.PERMANENT);
      gcRefs[o] = NC;
      continue;
    }
    if (g !== hi) meta[x] = (f & GEN_CLEAR) | hiWord;
    gcRefs[o] += hdr[x + RC] - NC;
    const off = meta[x + REF_OFF];
    const n = meta[x + REF_LEN];
    if (n === 1) gcRefs[pool[off]]--;
    else for (let i = off, end = off + n; i < end; i++) gcRefs[pool[i]]--;
    if (f & (MANAGED_DICT | EMBEDDED)) subtractEmbeddedScan(s, o);
    if (f >>> KIND_SHIFT === K_INSTANCE) {
      const c = meta[x + AUX];
      if (c === cls) clsRefs++;
      else {
        gcRefs[cls] -= clsRefs;
        cls = c;
        clsRefs = 1;
      }
    }
  }
  subtractFrom(gcRefs, cls, clsRefs);
}

/**
 * gc_refs = NC for ids 0..top-1 (below FIRST_ID too: NULL referents need no test). A loop of its own: V8 compiles
 * the scan's main loop on stack (OSR) and keeps that code for later calls, so the scan itself must not start with
 * another hot loop, nor end with operations the first compile has no feedback for (see subtractFrom).
 */
function resetGcRefs(gcRefs: Int32Array, top: number): void {
  gcRefs.fill(NC, 0, top);
}

/** gc_refs[id] -= n, after a loop (a call: no type feedback needed where it stands). */
function subtractFrom(gcRefs: Int32Array, id: number, n: number): void {
  gcRefs[id] -= n;
}

/** 3.13+: the dict an instance's inline values are embedded in (it visits those values, not the dict), or 0. */
export function embeddedDictOf(s: Store, o: number): number {
  if (!(s.meta[o << 2] & MANAGED_DICT)) return 0;
  const d = s.pool[s.meta[(o << 2) + REF_OFF] + s.meta[(o << 2) + REF_LEN] - 1];
  return d !== 0 && s.meta[d << 2] & EMBEDDED ? d : 0;
}

/** Calls visit(value) for the values of a dict (str keys), in entry order. */
export function eachValue(s: Store, d: number, visit: (r: number) => void): void {
  const off = s.meta[(d << 2) + REF_OFF];
  for (let i = 0; i < s.meta[(d << 2) + REF_LEN]; i += 2) if (s.pool[off + i] !== 0) visit(s.pool[off + i + 1]);
}

/** The scan's subtract for the rare embedded case, after the plain loop: undo what it did for the dict. */
function subtractEmbeddedScan(s: Store, o: number): void {
  const gcRefs = s.gcRefs;
  if ((s.meta[o << 2] >>> 24) === K_DICT) {
    eachValue(s, o, (r) => { gcRefs[r]++; });
    return;
  }
  const d = embeddedDictOf(s, o);
  if (d === 0) return;
  gcRefs[d]++;
  eachValue(s, d, (r) => { gcRefs[r]--; });
}

/**
 * visit_reachable for a referent whose gc_refs `g` is <= 0 (a member not yet known reachable, or not a member):
 * 0 becomes 1 (it will be scanned when the cursor gets there); UNR moves back to the tail of `young` with 1.
 * Returns 1 when it moved the object back. Members with gc_refs > 0 (outside references, or already scanned)
 * need nothing, so callers test `g <= 0` inline and call this only then.
 */
function reach(s: Store, r: number, g: number, young: number): number {
  if (g === 0) {
    s.gcRefs[r] = 1;
    return 0;
  }
  if (g !== UNR) return 0; // not a member
  s.meta[r << 2] &= ~(COLLECTING | UNREACHABLE);
  moveTo(s, r, young);
  s.gcRefs[r] = 1;
  return 1;
}

/**
 * move_unreachable and untrack_tuples in one walk over `young` (after updateAndSubtractRefsScan). The cursor
 * passes the survivors in exactly their final order, which is the order untrack_tuples walks them. A scanned
 * survivor keeps its gc_refs > 0, which visits read as "nothing to do" just as CPython reads a cleared
 * COLLECTING bit. Fills scanResult.
 */
export function moveUnreachableScan(h: Heap, young: number, unreachable: number): void {
  const s = h.s;
  const { hdr, meta, gcRefs } = s;
  let survivors = 0;
  let lost = 0;
  let weak = false;
  let del = false;
  // The class of the last instance scanned, once visiting it can no longer change anything (gc_refs > 0 stays
  // > 0, a non-member stays one): instances of one class then skip that visit.
  let doneCls = -1;
  const unreachableWord = (unreachable + 1) << GEN_SHIFT;
  scanDicts.count = 0;
  let o = hdr[(young << 2) + NEXT];
  while (o !== young) {
    const x = o << 2;
    if (gcRefs[o] > 0) {
      const pool = s.pool;
      const f = meta[x];
      const k = f >>> KIND_SHIFT;
      const off = meta[x + REF_OFF];
      const n = meta[x + REF_LEN];
      if (k === K_INSTANCE) {
        if (n === 1) {
          // one slot (the usual __slots__ node): no inner loop, whose entry V8 pays per object
          const r = pool[off];
          const g = gcRefs[r];
          if (g === 0) gcRefs[r] = 1; // reach(), inlined for the usual case
          else if (g < 0) lost -= reach(s, r, g, young);
        } else {
          for (let i = off, end = off + n; i < end; i++) {
            const r = pool[i];
            const g = gcRefs[r];
            if (g === 0) gcRefs[r] = 1;
            else if (g < 0) lost -= reach(s, r, g, young);
          }
        }
        if (f & MANAGED_DICT) lost -= reachEmbeddedScan(s, o, young);
        const c = meta[x + AUX];
        if (c !== doneCls) {
          const g = gcRefs[c];
          if (g <= 0) lost -= reach(s, c, g, young);
          doneCls = c;
        }
      } else if (k === K_DICT) {
        pushDict(o);
        // value before key, as dict_traverse visits them (values only for str-keyed tables; embedded: none)
        const valuesOnly = (f & STR_KEYS) !== 0;
        for (let i = off, end = f & EMBEDDED ? off : off + n; i < end; i += 2) {
          const key = pool[i];
          if (key === 0) continue;
          const v = pool[i + 1];
          const g = gcRefs[v];
          if (g <= 0) lost -= reach(s, v, g, young);
          if (valuesOnly) continue;
          const gk = gcRefs[key];
          if (gk <= 0) lost -= reach(s, key, gk, young);
        }
      } else if (k === K_LIST || k === K_TUPLE) {
        // lists and tuples visit their items last to first (list_traverse / tuple_traverse)
        for (let i = off + n - 1; i >= off; i--) {
          const r = pool[i];
          const g = gcRefs[r];
          if (g <= 0) lost -= reach(s, r, g, young);
        }
      } else {
        for (let i = off, end = off + n; i < end; i++) {
          const r = pool[i];
          const g = gcRefs[r];
          if (g <= 0) lost -= reach(s, r, g, young);
        }
      }
      const nx = hdr[x + NEXT]; // read after the traversal: it may have appended to young
      if (k === K_TUPLE && !tupleMayBeTracked(s, o)) h.untrack(o);
      else survivors++;
      o = nx;
    } else {
      // gc_list_move(o, unreachable), inlined
      const nx = hdr[x + NEXT];
      const pv = hdr[x + PREV];
      hdr[(pv << 2) + NEXT] = nx;
      hdr[(nx << 2) + PREV] = pv;
      const last = hdr[(unreachable << 2) + PREV];
      hdr[(last << 2) + NEXT] = o;
      hdr[x + PREV] = last;
      hdr[x + NEXT] = unreachable;
      hdr[(unreachable << 2) + PREV] = o;
      gcRefs[o] = UNR;
      const f = meta[x];
      meta[x] = (f & GEN_CLEAR) | unreachableWord | COLLECTING | UNREACHABLE;
      if ((f & (HASDEL | FINALIZED)) === HASDEL) del = true;
      if (hdr[(o << 2) + WR_HEAD] !== 0 || f >>> KIND_SHIFT === K_WEAKREF) weak = true;
      lost++;
      o = nx;
    }
  }
  setScanResult(survivors, lost, weak, del);
}

/** After the walk's loop, a call (see resetGcRefs: no feedback needed where it stands). */
function setScanResult(survivors: number, unreachable: number, weakrefs: boolean, finalizers: boolean): void {
  scanResult.survivors = survivors;
  scanResult.unreachable = unreachable;
  scanResult.weakrefs = weakrefs;
  scanResult.finalizers = finalizers;
}

/** move_unreachable for an instance's embedded values (3.13+; its dict is never visited). */
function reachEmbeddedScan(s: Store, o: number, young: number): number {
  const d = embeddedDictOf(s, o);
  let back = 0;
  if (d !== 0) {
    eachValue(s, d, (r) => {
      const g = s.gcRefs[r];
      if (g <= 0) back += reach(s, r, g, young);
    });
  }
  return back;
}
