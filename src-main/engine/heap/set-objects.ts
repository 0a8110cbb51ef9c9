// Sets: Objects/setobject.c's table (heap/set-table.ts) in the set's reference run. Keys live at their slots, so
// iteration, repr, pop and the collector's traversal go in slot order. aux = used, aux2 = table size, addr2 = the
// malloc'ed table (tables of more than PySet_MINSIZE slots). Heap's set methods delegate here.
import type { Heap } from './heap';
import { Kind, type ObjId } from './kinds';
import { REC } from './store';
import { hashInto, HASH } from './hash';
import { findInsert, lookup, insertClean, resizeTarget, tableWords, LooseTable, FREESLOT, MINSIZE } from './set-table';
import { SET_HASHING } from '../profiles/set-hashing';

/** Copy of a set's old table while set_table_resize rebuilds it in place. */
let setScratch = new Int32Array(64);

export function newSet(h: Heap, items: readonly ObjId[] = []): ObjId {
  const s = h.s;
  const id = h.newGc(Kind.Set, h.profile.sizes.setObject);
  s.reserveRefs(id, tableWords(MINSIZE));
  s.pool.fill(0, s.meta[(id << 2) + REC.REF_OFF], s.meta[(id << 2) + REC.REF_OFF] + tableWords(MINSIZE));
  s.meta[(id << 2) + REC.REF_LEN] = MINSIZE;
  s.meta[(id << 2) + REC.AUX] = 0;
  s.aux2[id] = MINSIZE;
  h.track(id);
  for (const x of items) setAdd(h, id, x);
  return id;
}

/** set.add / BUILD_SET / set_add_key: raises TypeError for an unhashable value before anything changes. */
export function setAdd(h: Heap, st: ObjId, v: ObjId): void {
  hashInto(h, v);
  setAddEntry(h, st, v, HASH[0], HASH[1]);
}

/** set_add_entry with a known hash. */
function setAddEntry(h: Heap, st: ObjId, v: ObjId, lo: number, hi: number): void {
  const s = h.s;
  const n = s.aux2[st];
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const t = s.pool;
  const r = findInsert(t, off, n, lo, hi, v, h.setKeyEq);
  if (r < 0) return;
  h.incref(v);
  s.meta[(st << 2) + REC.AUX]++;
  const slot = FREESLOT[0] >= 0 && SET_HASHING[h.profile.id].reuseDummy ? FREESLOT[0] : r;
  t[off + slot] = v;
  t[off + n + slot] = lo;
  t[off + 2 * n + slot] = hi;
  if (slot !== r) return; // found_unused_or_dummy with a freeslot: fill unchanged, no resize check
  const fill = ++t[off + 3 * n];
  if (fill * 5 >= (n - 1) * 3) {
    const used = s.meta[(st << 2) + REC.AUX];
    setTableResize(h, st, used > 50000 ? used * 2 : used * 4);
  }
}

/**
 * set_table_resize: a table of the smallest power of two > minused, the active entries reinserted with
 * set_insert_clean in old slot order (dummies dropped; fill = used; the pop finger kept).
 */
function setTableResize(h: Heap, st: ObjId, minused: number): void {
  const s = h.s;
  const n = s.aux2[st];
  const ns = resizeTarget(minused);
  const oldOff = s.meta[(st << 2) + REC.REF_OFF];
  if (ns === MINSIZE && n === MINSIZE && s.pool[oldOff + 3 * n] === s.meta[(st << 2) + REC.AUX]) return; // no dummies to purge
  const words = tableWords(n);
  if (setScratch.length < words) setScratch = new Int32Array(words * 2);
  const old = setScratch;
  old.set(s.pool.subarray(oldOff, oldOff + words));
  const oldAddr = s.addr2[st];
  s.addr2[st] = ns > MINSIZE ? h.alloc.malloc(16 * ns, st) : 0;
  s.reserveRefs(st, tableWords(ns));
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const t = s.pool;
  t.fill(0, off, off + tableWords(ns));
  for (let i = 0; i < n; i++) if (old[i] !== 0) insertClean(t, off, ns, old[i], old[n + i], old[2 * n + i]);
  t[off + 3 * ns] = s.meta[(st << 2) + REC.AUX];
  t[off + 3 * ns + 1] = old[3 * n + 1];
  s.meta[(st << 2) + REC.REF_LEN] = ns;
  s.aux2[st] = ns;
  if (oldAddr !== 0) h.alloc.free(oldAddr);
}

/**
 * SET_UPDATE from the frozenset constant of a set display of constants (3.9+). The compiler builds
 * frozenset(items), and merge_consts_recursive rebuilds it from that frozenset's iteration order, so the
 * constant's table is that of the second build (a third one when intern_constants swaps one of its strs, see
 * SetHashing.reinternsLatin1Chars; a single build on 3.14); then set_merge copies it.
 */
export function setMerge(h: Heap, st: ObjId, items: readonly ObjId[]): void {
  const rules = SET_HASHING[h.profile.id];
  const reuse = rules.reuseDummy;
  const s = h.s;
  const reinterned = rules.reinternsLatin1Chars &&
    items.some((x) => (s.meta[x << 2] >>> 24) === Kind.Str && /^[A-Za-z0-9_]$/.test(s.payload[x] as string));
  let table = new LooseTable();
  for (let pass = 0; pass < rules.constFrozensetBuilds + (reinterned ? 1 : 0); pass++) {
    const order = pass === 0 ? items : table.keys();
    table = new LooseTable();
    for (const x of order) {
      hashInto(h, x);
      table.add(x, HASH[0], HASH[1], h.setKeyEq, reuse);
    }
  }
  setMergeTable(h, st, table.t, table.n, table.used);
}

/** set_update_internal(st, other set): set_merge (set(s), s.copy(), s | t, s.update(t), s |= t). */
export function setUpdateFromSet(h: Heap, st: ObjId, other: ObjId): void {
  if (other === st) return;
  const s = h.s;
  const n = s.aux2[other];
  const t = new Int32Array(s.pool.subarray(s.meta[(other << 2) + REC.REF_OFF], s.meta[(other << 2) + REC.REF_OFF] + tableWords(n)));
  setMergeTable(h, st, t, n, s.meta[(other << 2) + REC.AUX]);
}

/** set_merge from a table (of another set or a frozenset constant): keys are increfed as they are stored. */
function setMergeTable(h: Heap, st: ObjId, o: Int32Array, on: number, oused: number): void {
  const s = h.s;
  if (oused === 0) return;
  // one big resize first, expecting few overlapping keys
  if ((s.pool[s.meta[(st << 2) + REC.REF_OFF] + 3 * s.aux2[st]] + oused) * 5 >= (s.aux2[st] - 1) * 3) {
    setTableResize(h, st, (s.meta[(st << 2) + REC.AUX] + oused) * 2);
  }
  const n = s.aux2[st];
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const t = s.pool;
  const fill = t[off + 3 * n];
  const ofill = o[3 * on];
  if (fill === 0 && n === on && ofill === oused) {
    // empty table of the same size, no dummies on either side: copy the slots
    for (let i = 0; i < on; i++) {
      if (o[i] !== 0) {
        h.incref(o[i]);
        t[off + i] = o[i];
        t[off + n + i] = o[on + i];
        t[off + 2 * n + i] = o[2 * on + i];
      }
    }
  } else if (fill === 0) {
    for (let i = 0; i < on; i++) {
      if (o[i] !== 0) {
        h.incref(o[i]);
        insertClean(t, off, n, o[i], o[on + i], o[2 * on + i]);
      }
    }
  } else {
    for (let i = 0; i < on; i++) if (o[i] !== 0) setAddEntry(h, st, o[i], o[on + i], o[2 * on + i]);
    return;
  }
  t[off + 3 * n] = oused;
  s.meta[(st << 2) + REC.AUX] = oused;
}

/** set_update_internal(st, dict): presize for the dict's size, then add its keys in dict order. */
export function setUpdateFromDict(h: Heap, st: ObjId, d: ObjId): void {
  const s = h.s;
  const dn = s.meta[(d << 2) + REC.AUX];
  if ((s.pool[s.meta[(st << 2) + REC.REF_OFF] + 3 * s.aux2[st]] + dn) * 5 >= (s.aux2[st] - 1) * 3) {
    setTableResize(h, st, (s.meta[(st << 2) + REC.AUX] + dn) * 2);
  }
  for (const [k] of h.dictEntries(d)) setAdd(h, st, k);
}

/** set_discard_entry: the slot becomes a dummy (no resize). */
export function setDiscard(h: Heap, st: ObjId, v: ObjId): boolean {
  const s = h.s;
  hashInto(h, v);
  const n = s.aux2[st];
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const at = lookup(s.pool, off, n, HASH[0], HASH[1], v, h.setKeyEq);
  if (at < 0) return false;
  const x = s.pool[off + at];
  s.pool[off + at] = 0;
  s.pool[off + n + at] = -1;
  s.pool[off + 2 * n + at] = -1;
  s.meta[(st << 2) + REC.AUX]--;
  h.decref(x);
  return true;
}

export function setContains(h: Heap, st: ObjId, v: ObjId): boolean {
  const s = h.s;
  hashInto(h, v);
  return lookup(s.pool, s.meta[(st << 2) + REC.REF_OFF], s.aux2[st], HASH[0], HASH[1], v, h.setKeyEq) >= 0;
}

/**
 * set.pop(): the first active slot from the finger on (wrapping), left as a dummy; the finger moves past it.
 * Returns the set's reference (NEW for the caller), or 0 when the set is empty.
 */
export function setPop(h: Heap, st: ObjId): ObjId {
  const s = h.s;
  if (s.meta[(st << 2) + REC.AUX] === 0) return 0;
  const n = s.aux2[st];
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const t = s.pool;
  let i = t[off + 3 * n + 1] & (n - 1);
  while (t[off + i] === 0) i = i + 1 > n - 1 ? 0 : i + 1;
  const key = t[off + i];
  t[off + i] = 0;
  t[off + n + i] = -1;
  t[off + 2 * n + i] = -1;
  s.meta[(st << 2) + REC.AUX]--;
  t[off + 3 * n + 1] = i + 1;
  return key;
}

/**
 * set_clear_internal (set.clear() and the collector's tp_clear): the set is emptied to a fresh small table first,
 * then the old entries are dropped in slot order and a malloc'ed table freed.
 */
export function setClear(h: Heap, st: ObjId): void {
  const s = h.s;
  const n = s.aux2[st];
  const off = s.meta[(st << 2) + REC.REF_OFF];
  const keys: number[] = [];
  for (let i = 0; i < n; i++) if (s.pool[off + i] !== 0) keys.push(s.pool[off + i]);
  const finger = s.pool[off + 3 * n + 1];
  const table = s.addr2[st];
  s.pool.fill(0, off, off + tableWords(n));
  s.pool[off + 3 * MINSIZE + 1] = finger;
  s.meta[(st << 2) + REC.REF_LEN] = MINSIZE;
  s.aux2[st] = MINSIZE;
  s.meta[(st << 2) + REC.AUX] = 0;
  s.addr2[st] = 0;
  for (const k of keys) h.decref(k);
  if (table !== 0) h.alloc.free(table);
}

/**
 * set_difference_update_internal: each key of `keys` discarded (st itself: clear), then the table is rebuilt
 * when more than a quarter of it is dummies.
 */
export function setDifferenceUpdate(h: Heap, st: ObjId, keys: readonly ObjId[] | ObjId): void {
  if (keys === st) {
    setClear(h, st);
    return;
  }
  const list = typeof keys === 'number' ? h.items(keys) : keys;
  for (const k of list) setDiscard(h, st, k);
  const s = h.s;
  const n = s.aux2[st];
  if (s.pool[s.meta[(st << 2) + REC.REF_OFF] + 3 * n] - s.meta[(st << 2) + REC.AUX] <= Math.floor((n - 1) / 4)) return;
  const used = s.meta[(st << 2) + REC.AUX];
  setTableResize(h, st, used > 50000 ? used * 2 : used * 4);
}

/** set_symmetric_difference_update from a set: each of its keys (slot order) discarded, or added if absent. */
export function setSymmetricDifferenceUpdate(h: Heap, st: ObjId, other: ObjId): void {
  if (other === st) {
    setClear(h, st);
    return;
  }
  for (const k of h.items(other)) {
    h.incref(k); // the key may have been st's last reference
    if (!setDiscard(h, st, k)) setAdd(h, st, k);
    h.decref(k);
  }
}

/**
 * set_swap_bodies (s &= t: set_intersection_update swaps the set with the intersection it built): the tables,
 * fill, used and size change places; each set keeps its own pop finger. (The memory map still names the set the
 * table was malloc'ed for.)
 */
export function setSwapBodies(h: Heap, a: ObjId, b: ObjId): void {
  const s = h.s;
  const fa = s.pool[s.meta[(a << 2) + REC.REF_OFF] + 3 * s.aux2[a] + 1];
  const fb = s.pool[s.meta[(b << 2) + REC.REF_OFF] + 3 * s.aux2[b] + 1];
  let t = s.meta[(a << 2) + REC.REF_OFF]; s.meta[(a << 2) + REC.REF_OFF] = s.meta[(b << 2) + REC.REF_OFF]; s.meta[(b << 2) + REC.REF_OFF] = t;
  t = s.refCapLog[a]; s.refCapLog[a] = s.refCapLog[b]; s.refCapLog[b] = t;
  t = s.meta[(a << 2) + REC.REF_LEN]; s.meta[(a << 2) + REC.REF_LEN] = s.meta[(b << 2) + REC.REF_LEN]; s.meta[(b << 2) + REC.REF_LEN] = t;
  t = s.meta[(a << 2) + REC.AUX]; s.meta[(a << 2) + REC.AUX] = s.meta[(b << 2) + REC.AUX]; s.meta[(b << 2) + REC.AUX] = t;
  t = s.aux2[a]; s.aux2[a] = s.aux2[b]; s.aux2[b] = t;
  const ad = s.addr2[a]; s.addr2[a] = s.addr2[b]; s.addr2[b] = ad;
  s.pool[s.meta[(a << 2) + REC.REF_OFF] + 3 * s.aux2[a] + 1] = fa;
  s.pool[s.meta[(b << 2) + REC.REF_OFF] + 3 * s.aux2[b] + 1] = fb;
}

/** A new set with the items of `src` (set_copy: make_new_set + set_merge). */
export function setCopy(h: Heap, src: ObjId): ObjId {
  const id = newSet(h);
  setUpdateFromSet(h, id, src);
  return id;
}
