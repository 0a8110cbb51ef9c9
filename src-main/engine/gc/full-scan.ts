// The untraced full collection's first two steps over the struct of arrays, with the collector's per-object state
// packed into gc_refs alone (as CPython packs it into the PyGC_Head words), so that the hot loops touch as few
// arrays as possible:
//   gc_refs >= 0      member of the set (COLLECTING); > 0 once known reachable, scanned or not
//   gc_refs = UNR     tentatively unreachable (the object also gets COLLECTING | UNREACHABLE in `flags`, which the
//                     later steps read)
//   gc_refs <= NC     not a member (NC minus the references members hold to it)
// Same result, same list orders as update_refs + subtract_refs + move_unreachable + untrack_tuples.
import type { Heap } from '../heap/heap';
import { STATIC_GC_BASE } from '../heap/kinds';
import type { Store } from '../heap/store';
import * as L from './lists';

// Hot-loop constants as enum members (kinds.ts F_* / Kind, store.ts REC): esbuild inlines same-file enum members as
// literals, where module-level consts stay context slots that V8 reloads and Smi-checks on every use.
export enum Fl { GC = 1, TRACKED = 2, FINALIZED = 4, COLLECTING = 8, UNREACHABLE = 16, IMMORTAL = 32, HASDEL = 1024, MANAGED_DICT = 4096, EMBEDDED = 8192 }
export enum Kd { TUPLE = 7, LIST = 8, DICT = 9, INSTANCE = 11, WEAKREF = 15 }
export enum Rec { RC = 0, WR_HEAD = 1, NEXT = 2, PREV = 3, REF_OFF = 1, REF_LEN = 2, AUX = 3 }

/** The meta word's fields (store.ts) and the scan's gc_refs states. */
export enum W {
  STR_KEYS = 768, // F_UNICODE_KEYS | F_SPLIT
  GEN_SHIFT = 16,
  KIND_SHIFT = 24,
  GEN_CLEAR = -16711681, // ~(0xff << GEN_SHIFT): the word without its gen field
  FIRST_ID = 16,
  /** gc_refs of an object outside the set. Far below any count, so that decrements never bring it near 0. */
  NC = -0x40000000,
  /** gc_refs of a tentatively unreachable object. */
  UNR = -1,
}
// Module-local copy (imported bindings are getter calls under the TS runners).
const moveTo = L.moveTo;

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
  if (!(f & Fl.GC)) return f === undefined && r >= STATIC_GC_BASE;
  if ((s.meta[r << 2] >>> 24) === Kd.TUPLE) return (f & Fl.TRACKED) !== 0;
  return true;
}

/** _PyTuple_MaybeUntrack's test: some item is NULL or may be tracked. */
export function tupleMayBeTracked(s: Store, t: number): boolean {
  const off = s.meta[(t << 2) + Rec.REF_OFF];
  for (let i = 0; i < s.meta[(t << 2) + Rec.REF_LEN]; i++) {
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
  const hiWord = (hi + 1) << W.GEN_SHIFT;
  resetGcRefs(gcRefs, top);
  // Instances of one class usually come in runs: their class references are counted here and applied at once.
  let cls = 0;
  let clsRefs = 0;
  for (let o = W.FIRST_ID; o < top; o++) {
    const x = o << 2;
    const f = meta[x];
    const g = ((f >>> W.GEN_SHIFT) & 255) - 1;
    if (g < lo || g > hi) continue; // int compares: `(g - lo) >>> 0 > span` compiled to a float compare
    if (f & Fl.IMMORTAL) {
      if (h.profile.immortalInCollection === 'untrack') h.untrack(o);
      else moveTo(s, o, L.PERMANENT);
      gcRefs[o] = W.NC;
      continue;
    }
    if (g !== hi) meta[x] = (f & W.GEN_CLEAR) | hiWord;
    gcRefs[o] += hdr[x + Rec.RC] - W.NC;
    const off = meta[x + Rec.REF_OFF];
    const n = meta[x + Rec.REF_LEN];
    if (n === 1) gcRefs[pool[off]]--;
    else for (let i = off, end = off + n; i < end; i++) gcRefs[pool[i]]--;
    if (f & (Fl.MANAGED_DICT | Fl.EMBEDDED)) subtractEmbeddedScan(s, o);
    if (f >>> W.KIND_SHIFT === Kd.INSTANCE) {
      const c = meta[x + Rec.AUX];
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
  gcRefs.fill(W.NC, 0, top);
}

/** gc_refs[id] -= n, after a loop (a call: no type feedback needed where it stands). */
function subtractFrom(gcRefs: Int32Array, id: number, n: number): void {
  gcRefs[id] -= n;
}

/** 3.13+: the dict an instance's inline values are embedded in (it visits those values, not the dict), or 0. */
export function embeddedDictOf(s: Store, o: number): number {
  if (!(s.meta[o << 2] & Fl.MANAGED_DICT)) return 0;
  const d = s.pool[s.meta[(o << 2) + Rec.REF_OFF] + s.meta[(o << 2) + Rec.REF_LEN] - 1];
  return d !== 0 && s.meta[d << 2] & Fl.EMBEDDED ? d : 0;
}

/** Calls visit(value) for the values of a dict (str keys), in entry order. */
export function eachValue(s: Store, d: number, visit: (r: number) => void): void {
  const off = s.meta[(d << 2) + Rec.REF_OFF];
  for (let i = 0; i < s.meta[(d << 2) + Rec.REF_LEN]; i += 2) if (s.pool[off + i] !== 0) visit(s.pool[off + i + 1]);
}

/** The scan's subtract for the rare embedded case, after the plain loop: undo what it did for the dict. */
function subtractEmbeddedScan(s: Store, o: number): void {
  const gcRefs = s.gcRefs;
  if ((s.meta[o << 2] >>> 24) === Kd.DICT) {
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
  if (g !== W.UNR) return 0; // not a member
  s.meta[r << 2] &= ~(Fl.COLLECTING | Fl.UNREACHABLE);
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
  const unreachableWord = (unreachable + 1) << W.GEN_SHIFT;
  scanDicts.count = 0;
  let o = hdr[(young << 2) + Rec.NEXT];
  while (o !== young) {
    const x = o << 2;
    if (gcRefs[o] > 0) {
      const pool = s.pool;
      const f = meta[x];
      const k = f >>> W.KIND_SHIFT;
      const off = meta[x + Rec.REF_OFF];
      const n = meta[x + Rec.REF_LEN];
      if (k === Kd.INSTANCE) {
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
        if (f & Fl.MANAGED_DICT) lost -= reachEmbeddedScan(s, o, young);
        const c = meta[x + Rec.AUX];
        if (c !== doneCls) {
          const g = gcRefs[c];
          if (g <= 0) lost -= reach(s, c, g, young);
          doneCls = c;
        }
      } else if (k === Kd.DICT) {
        pushDict(o);
        // value before key, as dict_traverse visits them (values only for str-keyed tables; embedded: none)
        const valuesOnly = (f & W.STR_KEYS) !== 0;
        for (let i = off, end = f & Fl.EMBEDDED ? off : off + n; i < end; i += 2) {
          const key = pool[i];
          if (key === 0) continue;
          const v = pool[i + 1];
          const g = gcRefs[v];
          if (g <= 0) lost -= reach(s, v, g, young);
          if (valuesOnly) continue;
          const gk = gcRefs[key];
          if (gk <= 0) lost -= reach(s, key, gk, young);
        }
      } else if (k === Kd.LIST || k === Kd.TUPLE) {
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
      const nx = hdr[x + Rec.NEXT]; // read after the traversal: it may have appended to young
      if (k === Kd.TUPLE && !tupleMayBeTracked(s, o)) h.untrack(o);
      else survivors++;
      o = nx;
    } else {
      // gc_list_move(o, unreachable), inlined
      const nx = hdr[x + Rec.NEXT];
      const pv = hdr[x + Rec.PREV];
      hdr[(pv << 2) + Rec.NEXT] = nx;
      hdr[(nx << 2) + Rec.PREV] = pv;
      const last = hdr[(unreachable << 2) + Rec.PREV];
      hdr[(last << 2) + Rec.NEXT] = o;
      hdr[x + Rec.PREV] = last;
      hdr[x + Rec.NEXT] = unreachable;
      hdr[(unreachable << 2) + Rec.PREV] = o;
      gcRefs[o] = W.UNR;
      const f = meta[x];
      meta[x] = (f & W.GEN_CLEAR) | unreachableWord | Fl.COLLECTING | Fl.UNREACHABLE;
      if ((f & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL) del = true;
      if (hdr[(o << 2) + Rec.WR_HEAD] !== 0 || f >>> W.KIND_SHIFT === Kd.WEAKREF) weak = true;
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
