// The struct of arrays behind the heap: one slot per object id in each typed array, plus a pool of
// reference slots (each object owns a run [refOff, refOff + refCap) of which refLen are in use; 0 = NULL).
import { hasPayload, type ObjId } from './kinds';

/** First object id; ids 1..FIRST_ID-1 are the sentinel heads of the collector's lists. */
export const FIRST_ID = 16;

// Local copy: imported bindings are getter calls under the TS runners, and releaseId runs per freed object.
const payloadKind = hasPayload;

export class Store {
  capacity = 0;
  kind = new Uint8Array(0);
  flags = new Uint16Array(0);
  rc = new Int32Array(0); // refcount (immortal objects: not maintained, see Heap.refcount)
  gcRefs = new Int32Array(0);
  next = new Int32Array(0); // generation list links (heads are ids < FIRST_ID)
  prev = new Int32Array(0);
  gen = new Int8Array(0); // list the object is linked in (head id), -1 when untracked
  addr = new Float64Array(0); // the object's block
  addr2 = new Float64Array(0); // second block: list items, dict keys, instance values
  aux = new Int32Array(0); // instance: class; weakref: referent; dict: used; list: allocated
  aux2 = new Int32Array(0); // dict: keys table size (0 = shared empty keys); instance: values capacity; weakref: next weakref to the same referent
  refOff = new Int32Array(0);
  refLen = new Int32Array(0);
  /** log2(capacity) + 1 of the object's reference run; 0 = no run. */
  refCapLog = new Uint8Array(0);
  wrHead = new Int32Array(0); // newest weakref to this object
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
    this.kind = g(this.kind, Uint8Array);
    this.flags = g(this.flags, Uint16Array);
    this.rc = g(this.rc, Int32Array);
    this.gcRefs = g(this.gcRefs, Int32Array);
    this.next = g(this.next, Int32Array);
    this.prev = g(this.prev, Int32Array);
    const oldGen = this.gen;
    this.gen = new Int8Array(cap).fill(-1);
    this.gen.set(oldGen);
    this.addr = g(this.addr, Float64Array);
    this.addr2 = g(this.addr2, Float64Array);
    this.aux = g(this.aux, Int32Array);
    this.aux2 = g(this.aux2, Int32Array);
    this.refOff = g(this.refOff, Int32Array);
    this.refLen = g(this.refLen, Int32Array);
    this.refCapLog = g(this.refCapLog, Uint8Array);
    this.wrHead = g(this.wrHead, Int32Array);
    this.capacity = cap;
  }

  /** A fresh id with every column zeroed. */
  newId(): ObjId {
    const id = this.freeIdCount > 0 ? this.freeIdStack[--this.freeIdCount] : this.top++;
    if (id >= this.capacity) this.grow(id + 1);
    this.flags[id] = 0;
    this.rc[id] = 0;
    this.gcRefs[id] = 0;
    this.next[id] = 0;
    this.prev[id] = 0;
    this.gen[id] = -1;
    this.addr[id] = 0;
    this.addr2[id] = 0;
    this.aux[id] = 0;
    this.aux2[id] = 0;
    // A small reference run stays with its id across reuse (zeroed here); see releaseId.
    this.refLen[id] = 0;
    const cap = this.refCap(id);
    if (cap > 0) this.pool.fill(0, this.refOff[id], this.refOff[id] + cap);
    this.wrHead[id] = 0;
    return id;
  }

  releaseId(id: ObjId): void {
    if (payloadKind(this.kind[id])) this.payload[id] = undefined;
    this.kind[id] = 0;
    this.refLen[id] = 0;
    if (this.refCapLog[id] > 4) {
      // runs of more than 8 slots go back to the pool; small ones stay with the id
      this.freeRun(this.refOff[id], this.refCap(id));
      this.refOff[id] = 0;
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
    this.kind[id] = 0;
    if (this.refCapLog[id] > 4) {
      this.freeRun(this.refOff[id], this.refCap(id));
      this.refOff[id] = 0;
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
    const old = this.refOff[id];
    const len = this.refLen[id];
    const pool = this.pool; // allocRun may have replaced it
    for (let i = 0; i < len; i++) pool[off + i] = pool[old + i];
    for (let i = len; i < c; i++) pool[off + i] = 0;
    if (cap > 0) this.freeRun(old, cap);
    this.refOff[id] = off;
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
