// The open-addressing table of a set (Objects/setobject.c), laid out in an Int32 run so that a set needs no JS
// object: for a table of n slots (n = mask + 1) at offset `off`:
//   [off, off+n)        keys: object id, 0 = unused or dummy
//   [off+n, off+2n)     low 32 bits of the cached hash
//   [off+2n, off+3n)    high 32 bits
//   off+3n              fill (active + dummy slots)
//   off+3n+1            finger (set_pop's search start)
// An unused slot has key 0 and hash 0, a dummy key 0 and hash -1 (both halves -1), as in CPython's setentry.
// The set's reference run in the heap pool holds this layout with refLen = n, so the collector, the invariants
// checker and get_referents see the keys in slot order, exactly as set_traverse walks them.
import type { ObjId } from './kinds';

export const LINEAR_PROBES = 9;
export const PERTURB_SHIFT = 5;
export const MINSIZE = 8;

/** Words of a table of n slots. */
export function tableWords(n: number): number {
  return 3 * n + 2;
}

/** Equality of two different objects with equal hashes (PyObject_RichCompareBool). */
export type KeyEq = (a: ObjId, b: ObjId) => boolean;

// Results of findInsert: >= 0 an unused slot, < 0 the slot of the key already present (-1 - slot); the last dummy
// slot seen on the way is left in FREESLOT[0] (-1 if none; the unused slot that ended the search is still returned).
export const FREESLOT = new Int32Array(1);

/**
 * The probe of set_add_entry: LINEAR_PROBES neighbours when they fit before the end of the table, then
 * i = i*5 + 1 + (perturb >>= 5). Stops at an unused slot; remembers the last dummy seen (freeslot).
 */
export function findInsert(t: Int32Array, off: number, n: number, lo: number, hi: number, key: ObjId, eq: KeyEq): number {
  const mask = n - 1;
  const H = off + n;
  const HH = off + 2 * n;
  let i = lo & mask;
  let plo = lo >>> 0;
  let phi = hi >>> 0;
  FREESLOT[0] = -1;
  for (;;) {
    let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    let e = i;
    do {
      const k = t[off + e];
      const elo = t[H + e];
      const ehi = t[HH + e];
      if (k === 0) {
        if (elo === 0 && ehi === 0) return e;
        if (elo === -1 && ehi === -1) FREESLOT[0] = e;
      } else if (elo === lo && ehi === hi && (k === key || eq(k, key))) return -1 - e;
      e++;
    } while (probes-- > 0);
    plo = ((plo >>> PERTURB_SHIFT) | (phi << (32 - PERTURB_SHIFT))) >>> 0;
    phi = phi >>> PERTURB_SHIFT;
    i = (i * 5 + 1 + plo) & mask;
  }
}

/** set_lookkey: the slot holding an equal key, or -1 (dummies never match: their hash is -1). */
export function lookup(t: Int32Array, off: number, n: number, lo: number, hi: number, key: ObjId, eq: KeyEq): number {
  const r = findInsert(t, off, n, lo, hi, key, eq);
  return r < 0 ? -1 - r : -1;
}

/** set_insert_clean: place a key known to be absent in a table without dummies (resize, merge into empty). */
export function insertClean(t: Int32Array, off: number, n: number, key: ObjId, lo: number, hi: number): void {
  const mask = n - 1;
  let i = lo & mask;
  let plo = lo >>> 0;
  let phi = hi >>> 0;
  for (;;) {
    let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    let e = i;
    do {
      if (t[off + e] === 0) {
        t[off + e] = key;
        t[off + n + e] = lo;
        t[off + 2 * n + e] = hi;
        return;
      }
      e++;
    } while (probes-- > 0);
    plo = ((plo >>> PERTURB_SHIFT) | (phi << (32 - PERTURB_SHIFT))) >>> 0;
    phi = phi >>> PERTURB_SHIFT;
    i = (i * 5 + 1 + plo) & mask;
  }
}

/** set_table_resize's size: the smallest power of two > minused, at least PySet_MINSIZE. */
export function resizeTarget(minused: number): number {
  let ns = MINSIZE;
  while (ns <= minused) ns *= 2;
  return ns;
}

/**
 * A table outside the heap (the frozenset constant of a set display, a copy of another set's table): keys are
 * borrowed, no memory is accounted. Built by set_add_key item by item, resizing like a real set.
 */
export class LooseTable {
  t = new Int32Array(tableWords(MINSIZE));
  n = MINSIZE;
  used = 0;

  get fill(): number {
    return this.t[3 * this.n];
  }

  add(key: ObjId, lo: number, hi: number, eq: KeyEq, reuseDummy: boolean): void {
    const n = this.n;
    const r = findInsert(this.t, 0, n, lo, hi, key, eq);
    if (r < 0) return;
    const slot = reuseDummy && FREESLOT[0] >= 0 ? FREESLOT[0] : r;
    this.t[slot] = key;
    this.t[n + slot] = lo;
    this.t[2 * n + slot] = hi;
    this.used++;
    if (slot !== r) return; // a dummy reused: fill unchanged, no resize check
    const fill = ++this.t[3 * n];
    if (fill * 5 >= (n - 1) * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
  }

  private resize(minused: number): void {
    const ns = resizeTarget(minused);
    const old = this.t;
    const n = this.n;
    this.t = new Int32Array(tableWords(ns));
    this.n = ns;
    for (let i = 0; i < n; i++) if (old[i] !== 0) insertClean(this.t, 0, ns, old[i], old[n + i], old[2 * n + i]);
    this.t[3 * ns] = this.used;
    this.t[3 * ns + 1] = old[3 * n + 1];
  }

  /** Active keys in slot order (set_next). */
  keys(): ObjId[] {
    const out: ObjId[] = [];
    for (let i = 0; i < this.n; i++) if (this.t[i] !== 0) out.push(this.t[i]);
    return out;
  }
}
