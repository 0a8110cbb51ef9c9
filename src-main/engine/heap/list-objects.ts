// Lists: the item array with CPython's over-allocation (list_resize) and the list methods the lab runs. Heap's
// list methods delegate here.
import { PyError, type Heap } from './heap';
import { Kind, type ObjId } from './kinds';
import { REC } from './store';
import * as sz from './sizes';
import { keyOf } from './keys';

/** A new list holding new references to `items` (exactly sized, like `[a, b]` or list(x)). */
export function newList(h: Heap, items: readonly ObjId[] = []): ObjId {
  const s = h.s;
  const n = items.length;
  const id = h.newGc(Kind.List, h.profile.sizes.listObject, h.freeLists.pop('list'));
  if (n > 0) {
    s.addr2[id] = h.alloc.malloc(8 * n, id);
    s.reserveRefs(id, n);
    const off = s.meta[(id << 2) + REC.REF_OFF];
    for (let i = 0; i < n; i++) {
      s.pool[off + i] = items[i];
      h.incref(items[i]);
    }
  }
  s.meta[(id << 2) + REC.REF_LEN] = n;
  s.meta[(id << 2) + REC.AUX] = n; // allocated
  h.track(id);
  return id;
}

/** list_resize: reallocate the item array per CPython's over-allocation rule. */
function listResize(h: Heap, id: ObjId, newsize: number): void {
  const s = h.s;
  const na = sz.listResize(h.profile, newsize, s.meta[(id << 2) + REC.AUX], s.meta[(id << 2) + REC.REF_LEN]);
  if (na >= 0) {
    s.addr2[id] = s.addr2[id] === 0 ? h.alloc.malloc(8 * na, id) : h.alloc.realloc(s.addr2[id], 8 * na, id);
    s.meta[(id << 2) + REC.AUX] = na;
  }
  s.reserveRefs(id, newsize);
}

export function listAppend(h: Heap, l: ObjId, v: ObjId): void {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  listResize(h, l, n + 1);
  h.incref(v);
  s.pool[s.meta[(l << 2) + REC.REF_OFF] + n] = v;
  s.meta[(l << 2) + REC.REF_LEN] = n + 1;
}

export function listInsert(h: Heap, l: ObjId, index: number, v: ObjId): void {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  let i = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
  listResize(h, l, n + 1);
  const off = s.meta[(l << 2) + REC.REF_OFF];
  for (let j = n; j > i; j--) s.pool[off + j] = s.pool[off + j - 1];
  h.incref(v);
  s.pool[off + i] = v;
  s.meta[(l << 2) + REC.REF_LEN] = n + 1;
  i = 0;
}

/** list.pop(i): returns a NEW reference to the removed item. */
export function listPop(h: Heap, l: ObjId, index = -1): ObjId {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  if (n === 0) throw new PyError('IndexError', 'pop from empty list');
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw new PyError('IndexError', 'pop index out of range');
  const off = s.meta[(l << 2) + REC.REF_OFF];
  const v = s.pool[off + i];
  for (let j = i; j < n - 1; j++) s.pool[off + j] = s.pool[off + j + 1];
  s.pool[off + n - 1] = 0;
  s.meta[(l << 2) + REC.REF_LEN] = n - 1;
  const na = sz.listResize(h.profile, n - 1, s.meta[(l << 2) + REC.AUX], n);
  if (na >= 0) {
    s.addr2[l] = na === 0 && s.addr2[l] !== 0 ? (h.alloc.free(s.addr2[l]), 0) : h.alloc.realloc(s.addr2[l], 8 * na, l);
    s.meta[(l << 2) + REC.AUX] = na;
  }
  return v; // the list's reference passes to the caller
}

/** list[i] = v */
export function listSetItem(h: Heap, l: ObjId, index: number, v: ObjId): void {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw new PyError('IndexError', 'list assignment index out of range');
  h.incref(v);
  const off = s.meta[(l << 2) + REC.REF_OFF];
  const old = s.pool[off + i];
  s.pool[off + i] = v;
  h.xdecref(old);
}

/** del list[i] */
export function listDelItem(h: Heap, l: ObjId, index: number): void {
  h.decref(listPop(h, l, index));
}

/** list.remove(v) by Python equality of atoms (identity otherwise). */
export function listRemove(h: Heap, l: ObjId, v: ObjId): void {
  const s = h.s;
  const want = keyOf(h, v);
  for (let i = 0; i < s.meta[(l << 2) + REC.REF_LEN]; i++) {
    const x = s.pool[s.meta[(l << 2) + REC.REF_OFF] + i];
    if (x === v || keyOf(h, x) === want) {
      listDelItem(h, l, i);
      return;
    }
  }
  throw new PyError('ValueError', 'list.remove(x): x not in list');
}

/** list.clear(): items dropped last to first, then the array is freed. */
export function listClear(h: Heap, l: ObjId): void {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  const items: number[] = [];
  const off = s.meta[(l << 2) + REC.REF_OFF];
  for (let i = 0; i < n; i++) items.push(s.pool[off + i]);
  s.meta[(l << 2) + REC.REF_LEN] = 0;
  const arr = s.addr2[l];
  s.addr2[l] = 0;
  s.meta[(l << 2) + REC.AUX] = 0;
  for (let i = n - 1; i >= 0; i--) h.xdecref(items[i]);
  if (arr !== 0) h.alloc.free(arr);
}

/** list[start:stop] = values (start/stop already clamped, 0 <= start <= stop <= len). */
export function listSetSlice(h: Heap, l: ObjId, start: number, stop: number, values: readonly ObjId[]): void {
  const s = h.s;
  const n = s.meta[(l << 2) + REC.REF_LEN];
  const old: number[] = [];
  for (let i = start; i < stop; i++) old.push(s.pool[s.meta[(l << 2) + REC.REF_OFF] + i]);
  for (const v of values) h.incref(v);
  const newsize = n - (stop - start) + values.length;
  const tail: number[] = [];
  for (let i = stop; i < n; i++) tail.push(s.pool[s.meta[(l << 2) + REC.REF_OFF] + i]);
  if (newsize > n) listResize(h, l, newsize);
  const off = s.meta[(l << 2) + REC.REF_OFF];
  let j = start;
  for (const v of values) s.pool[off + j++] = v;
  for (const v of tail) s.pool[off + j++] = v;
  for (let i = newsize; i < n; i++) s.pool[off + i] = 0;
  s.meta[(l << 2) + REC.REF_LEN] = newsize;
  if (newsize < n) {
    const na = sz.listResize(h.profile, newsize, s.meta[(l << 2) + REC.AUX], n);
    if (na >= 0) {
      s.addr2[l] = na === 0 ? (h.alloc.free(s.addr2[l]), 0) : h.alloc.realloc(s.addr2[l], 8 * na, l);
      s.meta[(l << 2) + REC.AUX] = na;
    }
  }
  for (const o of old) h.xdecref(o);
}
