// The struct of arrays behind the heap: per object id, two 4-word records and a few typed arrays, plus a pool of
// reference slots (each object owns a run [refOff, refOff + refCap) of which refLen are in use; 0 = NULL).
//
// The fields every collector pass and every deallocation reads sit together in two Int32Array records, because
// V8 re-checks a typed array (map, bounds, data pointer) on each loop iteration that touches it: one record
// serves several fields for the price of one array (the full collection's update+subtract pass touches 4 arrays
// per object instead of 9). The collector's gc_refs stays a compact array of its own (Store.gcRefs): the full
// scan resets it with one memset and its random referent updates stay within 4 bytes per object.
//   hdr  [id * 4 + 0] rc       refcount (immortal objects: not maintained, see Heap.refcount)
//        [id * 4 + 1] wrHead   newest weakref to this object (0 = none)
//        [id * 4 + 2] next     generation list links (heads are ids < FIRST_ID)
//        [id * 4 + 3] prev
//   meta [id * 4 + 0] word     flags (bits 0-15, the F_* bits) | gen + 1 (bits 16-23) | kind (bits 24-31)
//        [id * 4 + 1] refOff   start of the object's reference run
//        [id * 4 + 2] refLen   references in use
//        [id * 4 + 3] aux      instance: class; weakref: referent; dict: used; list: allocated
// Indexes are `id << 2`: the interpreter's static ids (>= 2^29, < 2^30) then land below 0, out of bounds, so
// that reading them gives undefined as the separate arrays did. gen is the head id of the list the object is
// linked in, -1 when untracked. Flag bits are tested and set on the word directly (`meta[id << 2] & F_X`).
import { hasPayload, type ObjId } from './kinds';

/** Word offsets in the records: hdr [RC, WR_HEAD, NEXT, PREV], meta [word 0, REF_OFF, REF_LEN, AUX]. */
export const REC = { RC: 0, WR_HEAD: 1, NEXT: 2, PREV: 3, REF_OFF: 1, REF_LEN: 2, AUX: 3 } as const;
// Local copies (imported bindings are getter calls under the TS runners); other modules copy them the same way:
// `const { NEXT, PREV } = REC;`.
/** The layout as enum members for this file's methods (esbuild inlines them; module consts are context loads). */
export enum Lay { REF_OFF = 1, REF_LEN = 2, AUX = 3, GEN_SHIFT = 16, KIND_SHIFT = 24, GEN_MASK = 0xff0000, FLAGS_GEN = 0xffffff }

/** The word's gen field (gen + 1) and kind field. */
export const GEN_SHIFT = 16;
export const GEN_MASK = 0xff << GEN_SHIFT;
export const KIND_SHIFT = 24;
export const FLAGS_MASK = 0xffff;

/** First object id; ids 1..FIRST_ID-1 are the sentinel heads of the collector's lists. */
export const FIRST_ID = 16;

// Local copy: imported bindings are getter calls under the TS runners, and releaseId runs per freed object.
const payloadKind = hasPayload;

export class Store {
  capacity = 0;
  /** [rc, wrHead, next, prev] per id (see the top of the file). */
  hdr = new Int32Array(0);
  /** [flags | gen + 1 << 16 | kind << 24, refOff, refLen, aux] per id. */
  meta = new Int32Array(0);
  /** The collector's gc_refs, one word per id: compact, so that the full scan's reset is one memset. */
  gcRefs = new Int32Array(0);
  addr = new Float64Array(0); // the object's block
  addr2 = new Float64Array(0); // second block: list items, dict keys, instance values
  aux2 = new Int32Array(0); // dict: keys table size (0 = shared empty keys); instance: values capacity; weakref: next weakref to the same referent
  /** log2(capacity) + 1 of the object's reference run; 0 = no run. */
  refCapLog = new Uint8Array(0);
  /** Atom payloads (int/float/str/bytes values, names); sparse, only for the kinds that have one. */
  payload: unknown[] = [];

  pool = new Int32Array(1 << 12);
  poolTop = 1; // offset 0 unused so that refOff 0 means "no run"
  private poolFree: number[][] = []; // free runs per log2 capacity

  /** Next never-used id and a stack of freed ids for reuse (typed, so that freeing a million objects allocates nothing). */
  top = FIRST_ID;
  private freeIdStack = new Int32Array(1024);
  freeIdCount = 0;

  constructor(initial = 1024) {
    this.grow(initial);
  }

  grow(min: number): void {
    let cap = Math.max(this.capacity * 2, 64);
    while (cap < min) cap *= 2;
    const g = <T extends { length: number; set(a: ArrayLike<number>): void }>(a: T, ctor: new (n: number) => T): T => {
      const b = new ctor(cap);
      b.set(a as unknown as ArrayLike<number>);
      return b;
    };
    const hdr = new Int32Array(cap * 4);
    hdr.set(this.hdr);
    this.hdr = hdr;
    const gcRefs = new Int32Array(cap);
    gcRefs.set(this.gcRefs);
    this.gcRefs = gcRefs;
    const meta = new Int32Array(cap * 4); // word 0: gen -1 (untracked), kind Free
    meta.set(this.meta);
    this.meta = meta;
    this.addr = g(this.addr, Float64Array);
    this.addr2 = g(this.addr2, Float64Array);
    this.aux2 = g(this.aux2, Int32Array);
    this.refCapLog = g(this.refCapLog, Uint8Array);
    this.capacity = cap;
  }

  /** The object's kind (Kind), from its meta word; Free (0) for ids outside the heap. */
  kindOf(id: ObjId): number {
    return this.meta[id << 2] >>> Lay.KIND_SHIFT;
  }

  setKind(id: ObjId, k: number): void {
    const i = id << 2;
    this.meta[i] = (this.meta[i] & ~(0xff << Lay.KIND_SHIFT)) | (k << Lay.KIND_SHIFT);
  }

  /** References in use in the object's run (cold readers; hot loops index the record directly). */
  refLenOf(id: ObjId): number {
    return this.meta[(id << 2) + Lay.REF_LEN];
  }

  /** The object's i-th reference slot (0 = NULL). */
  refAt(id: ObjId, i: number): ObjId {
    return this.pool[this.meta[(id << 2) + Lay.REF_OFF] + i];
  }

  /** The head id of the list the object is linked in, -1 when untracked. */
  genOf(id: ObjId): number {
    return ((this.meta[id << 2] & Lay.GEN_MASK) >> Lay.GEN_SHIFT) - 1;
  }

  setGen(id: ObjId, g: number): void {
    const i = id << 2;
    this.meta[i] = (this.meta[i] & ~Lay.GEN_MASK) | ((g + 1) << Lay.GEN_SHIFT);
  }

  /** A fresh id with every column zeroed. */
  newId(): ObjId {
    const id = this.freeIdCount > 0 ? this.freeIdStack[--this.freeIdCount] : this.top++;
    if (id >= this.capacity) this.grow(id + 1);
    const i = id << 2;
    const hdr = this.hdr;
    hdr[i] = 0;
    hdr[i + 1] = 0;
    hdr[i + 2] = 0;
    hdr[i + 3] = 0;
    this.gcRefs[id] = 0;
    const meta = this.meta;
    // flags 0, untracked, kind unchanged (Free until the caller sets it); a small reference run stays with its
    // id across reuse (zeroed here, refOff kept); see releaseId.
    meta[i] &= ~(Lay.FLAGS_GEN);
    meta[i + Lay.REF_LEN] = 0;
    meta[i + Lay.AUX] = 0;
    this.addr[id] = 0;
    this.addr2[id] = 0;
    this.aux2[id] = 0;
    const cap = this.refCap(id);
    if (cap > 0) this.pool.fill(0, meta[i + Lay.REF_OFF], meta[i + Lay.REF_OFF] + cap);
    return id;
  }

  releaseId(id: ObjId): void {
    const i = id << 2;
    const meta = this.meta;
    if (payloadKind(meta[i] >>> Lay.KIND_SHIFT)) this.payload[id] = undefined;
    meta[i] &= Lay.FLAGS_GEN; // kind Free
    meta[i + Lay.REF_LEN] = 0;
    if (this.refCapLog[id] > 4) {
      // runs of more than 8 slots go back to the pool; small ones stay with the id
      this.freeRun(meta[i + Lay.REF_OFF], this.refCap(id));
      meta[i + Lay.REF_OFF] = 0;
      this.refCapLog[id] = 0;
    }
    if (this.freeIdCount === this.freeIdStack.length) {
      const bigger = new Int32Array(this.freeIdStack.length * 2);
      bigger.set(this.freeIdStack);
      this.freeIdStack = bigger;
    }
    this.freeIdStack[this.freeIdCount++] = id;
  }

  /** releaseId for an object without payload whose references are already dropped (refLen 0). */
  releaseEmptyId(id: ObjId): void {
    const i = id << 2;
    const meta = this.meta;
    meta[i] &= Lay.FLAGS_GEN; // kind Free
    if (this.refCapLog[id] > 4) {
      this.freeRun(meta[i + Lay.REF_OFF], this.refCap(id));
      meta[i + Lay.REF_OFF] = 0;
      this.refCapLog[id] = 0;
    }
    const n = this.freeIdCount;
    if (n === this.freeIdStack.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(this.freeIdStack);
      this.freeIdStack = bigger;
    }
    this.freeIdStack[n] = id;
    this.freeIdCount = n + 1;
  }

  /** Make room for at least `need` reference slots in id's run, keeping the ones in use. */
  /** Capacity of the object's reference run. */
  refCap(id: ObjId): number {
    const l = this.refCapLog[id];
    return l === 0 ? 0 : 1 << (l - 1);
  }

  reserveRefs(id: ObjId, need: number): void {
    const cap = this.refCap(id);
    if (need <= cap) return;
    let c = cap === 0 ? 1 : cap;
    while (c < need) c *= 2;
    const off = this.allocRun(c);
    const old = this.meta[(id << 2) + Lay.REF_OFF];
    const len = this.meta[(id << 2) + Lay.REF_LEN];
    const pool = this.pool; // allocRun may have replaced it
    for (let i = 0; i < len; i++) pool[off + i] = pool[old + i];
    for (let i = len; i < c; i++) pool[off + i] = 0;
    if (cap > 0) this.freeRun(old, cap);
    this.meta[(id << 2) + Lay.REF_OFF] = off;
    this.refCapLog[id] = 32 - Math.clz32(c);
  }

  private allocRun(c: number): number {
    const lg = 31 - Math.clz32(c);
    const list = this.poolFree[lg];
    if (list !== undefined && list.length > 0) return list.pop()!;
    if (this.poolTop + c > this.pool.length) {
      let n = this.pool.length * 2;
      while (this.poolTop + c > n) n *= 2;
      const p = new Int32Array(n);
      p.set(this.pool);
      this.pool = p;
    }
    const off = this.poolTop;
    this.poolTop += c;
    return off;
  }

  private freeRun(off: number, c: number): void {
    const lg = 31 - Math.clz32(c);
    (this.poolFree[lg] ??= []).push(off);
  }
}
