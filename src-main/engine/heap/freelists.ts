// Type free lists (reference §5.10): memory of dead objects kept for reuse, outside the allocator and outside
// count0. A full collection empties them all.
import type { Profile } from '../profiles/profile';
import type { Allocator } from '../alloc/allocator';

export type FreeListName = 'float' | 'list' | 'dict' | 'dictKeys' | 'frame' | 'method' | 'cfunction';

export interface FreeListCounts {
  float: number;
  list: number;
  dict: number;
  dictKeys: number;
  frame: number;
  method: number;
  cfunction: number;
  /** tuple[n] = free tuples of length n (index 0 unused). */
  tuple: number[];
}

export class FreeLists {
  private lists: Record<FreeListName, number[]> = { float: [], list: [], dict: [], dictKeys: [], frame: [], method: [], cfunction: [] };
  private tuples: number[][];

  constructor(private readonly p: Profile) {
    this.tuples = Array.from({ length: p.freeLists.tupleMaxLength + 1 }, () => []);
  }

  /** Keep `addr` on the list if there is room; false means the caller frees it. */
  push(name: FreeListName, addr: number): boolean {
    const l = this.lists[name];
    if (l.length >= this.p.freeLists[name]) return false;
    l.push(addr);
    return true;
  }

  pop(name: FreeListName): number {
    return this.lists[name].pop() ?? 0;
  }

  pushTuple(n: number, addr: number): boolean {
    if (n < 1 || n > this.p.freeLists.tupleMaxLength) return false;
    const l = this.tuples[n];
    if (l.length >= this.p.freeLists.tuplePerLength) return false;
    l.push(addr);
    return true;
  }

  popTuple(n: number): number {
    if (n < 1 || n > this.p.freeLists.tupleMaxLength) return 0;
    return this.tuples[n].pop() ?? 0;
  }

  counts(): FreeListCounts {
    return {
      float: this.lists.float.length,
      list: this.lists.list.length,
      dict: this.lists.dict.length,
      dictKeys: this.lists.dictKeys.length,
      frame: this.lists.frame.length,
      method: this.lists.method.length,
      cfunction: this.lists.cfunction.length,
      tuple: this.tuples.map((l) => l.length),
    };
  }

  /** _PyGC_ClearAllFreeLists: free every kept block; returns how many blocks were released. */
  clearAll(alloc: Allocator): number {
    let n = 0;
    for (const name of ['float', 'list', 'dict', 'dictKeys', 'frame', 'method', 'cfunction'] as const) {
      for (const a of this.lists[name]) alloc.free(a);
      n += this.lists[name].length;
      this.lists[name] = [];
    }
    for (let i = 1; i < this.tuples.length; i++) {
      for (const a of this.tuples[i]) alloc.free(a);
      n += this.tuples[i].length;
      this.tuples[i] = [];
    }
    return n;
  }
}
