// Dicts: the keys table (combined or split, per version), insertion with CPython's resize rules, merge and copy,
// deletion and MAINTAIN_TRACKING. Heap's dict methods delegate here; the instance-dict machinery that builds on
// them (shared keys, materialised and embedded dicts) stays with the instances in heap.ts.
import type { Heap, SharedKeys } from './heap';
import { Kind, STATIC_GC_BASE, F_EMBEDDED, F_FRAME, F_GC, F_SPLIT, F_TRACKED, F_UNICODE_KEYS, type ObjId } from './kinds';
import { REC } from './store';
import * as sz from './sizes';
import { keyOf } from './keys';

export function newDict(h: Heap): ObjId {
  const id = h.newGc(Kind.Dict, h.profile.sizes.dictObject, h.freeLists.pop('dict'));
  h.s.aux2[id] = 0; // Py_EMPTY_KEYS
  if (h.profile.dictTracking === 'always') h.track(id);
  return id;
}

/**
 * dict_new, the `dict(...)` constructor: type->tp_alloc, so never a dict from the free list (a F_GC allocation
 * every time); an 8-slot keys table at once on 3.8-3.9 (profile `dictNewKeys`), the empty keys on 3.10+.
 */
export function newDictFromType(h: Heap): ObjId {
  const id = h.newGc(Kind.Dict, h.profile.sizes.dictObject, 0);
  h.s.aux2[id] = 0;
  if (h.profile.dictNewKeys === 'minsize') {
    h.s.addr2[id] = allocKeys(h, id, 8, true);
    h.s.aux2[id] = 8;
    h.s.meta[id << 2] |= F_UNICODE_KEYS;
  }
  if (h.profile.dictTracking === 'always') h.track(id);
  return id;
}

/**
 * A dict standing in for a frame object (3.8-3.10): its memory comes from and returns to the frame free list
 * (frameobject.c free_list), never the dict one, so frames do not use up dicts' reusable blocks.
 */
export function newFrameStandIn(h: Heap): ObjId {
  const id = h.newGc(Kind.Dict, h.profile.sizes.dictObject, h.freeLists.pop('frame'));
  h.s.meta[id << 2] |= F_FRAME;
  h.s.aux2[id] = 0; // Py_EMPTY_KEYS
  if (h.profile.dictTracking === 'always') h.track(id);
  return id;
}

/** _PyObject_GC_MAY_BE_TRACKED */
export function mayBeTracked(h: Heap, id: ObjId): boolean {
  const s = h.s;
  if (!(s.meta[id << 2] & F_GC)) return id >= STATIC_GC_BASE; // static modules (kinds.ts)
  if ((s.meta[id << 2] >>> 24) === Kind.Tuple) return (s.meta[id << 2] & F_TRACKED) !== 0;
  return true;
}

export function allocKeys(h: Heap, d: ObjId, size: number, unicode: boolean): number {
  const p = h.profile;
  const reuse = size === 8 && (unicode || p.sizes.dictEntryUnicode === p.sizes.dictEntryGeneric);
  const a = reuse ? h.freeLists.pop('dictKeys') : 0;
  return a !== 0 ? a : h.alloc.malloc(sz.dictKeysBytes(p, size, unicode), d);
}

function freeKeys(h: Heap, addr: number, size: number, unicode: boolean): void {
  const p = h.profile;
  const reuse = size === 8 && (unicode || p.sizes.dictEntryUnicode === p.sizes.dictEntryGeneric);
  if (!(reuse && h.freeLists.push('dictKeys', addr))) h.alloc.free(addr);
}

/** dictkeys_decref of shared keys: the table goes (to the keys free list when it can) with its last user. */
export function keysDecref(h: Heap, keys: SharedKeys): void {
  if (--keys.refcnt === 0) freeKeys(h, keys.addr, keys.size, true);
}

/** dictresize: a new keys table for `minUsed`, entries compacted in insertion order. */
function dictResize(h: Heap, d: ObjId, minUsed: number, unicode: boolean): void {
  const s = h.s;
  const oldSize = s.aux2[d];
  const oldUnicode = (s.meta[d << 2] & F_UNICODE_KEYS) !== 0;
  const size = sz.dictSizeFor(h.profile, minUsed);
  const oldAddr = s.addr2[d];
  s.addr2[d] = allocKeys(h, d, size, unicode);
  s.aux2[d] = size;
  if (unicode) s.meta[d << 2] |= F_UNICODE_KEYS;
  else s.meta[d << 2] &= ~F_UNICODE_KEYS;
  // compact holes
  const off = s.meta[(d << 2) + REC.REF_OFF];
  let j = 0;
  for (let i = 0; i < s.meta[(d << 2) + REC.REF_LEN]; i += 2) {
    if (s.pool[off + i] !== 0) {
      s.pool[off + j] = s.pool[off + i];
      s.pool[off + j + 1] = s.pool[off + i + 1];
      j += 2;
    }
  }
  for (let i = j; i < s.meta[(d << 2) + REC.REF_LEN]; i++) s.pool[off + i] = 0;
  s.meta[(d << 2) + REC.REF_LEN] = j;
  reindexDict(h, d);
  if (oldSize > 0 && oldAddr !== 0) {
    if (s.meta[d << 2] & F_SPLIT) h.alloc.free(oldAddr);
    else freeKeys(h, oldAddr, oldSize, oldUnicode);
  }
  if (s.meta[d << 2] & F_SPLIT) {
    s.meta[d << 2] &= ~(F_SPLIT | F_EMBEDDED); // a resized split table becomes combined
    h.managedDictClass.delete(d);
    const keys = h.splitKeys.get(d);
    if (keys) {
      h.splitKeys.delete(d);
      keysDecref(h, keys);
    }
  }
}

/**
 * insertdict of a new str key into a 3.8-3.10 split table: the name joins the shared keys (seen by every dict
 * sharing them) when this dict holds all of them, in their order, and they have room; a name out of order or
 * a full table resizes the dict into a combined one (insertion_resize, GROWTH_RATE = used * 3).
 */
function splitInsert(h: Heap, d: ObjId, key: ObjId): void {
  const keys = h.splitKeys.get(d)!;
  const used = h.s.meta[(d << 2) + REC.AUX];
  const name = h.s.payload[key] as string;
  const ix = keys.names.indexOf(name);
  if (ix >= 0 ? ix === used : used === keys.names.length && used < sz.usable(keys.size)) {
    if (ix < 0) keys.names.push(name);
    return;
  }
  dictResize(h, d, used * 3, true);
}

function reindexDict(h: Heap, d: ObjId): void {
  const s = h.s;
  const idx = new Map<string, number>();
  const off = s.meta[(d << 2) + REC.REF_OFF];
  for (let i = 0; i < s.meta[(d << 2) + REC.REF_LEN]; i += 2) {
    const k = s.pool[off + i];
    if (k !== 0) idx.set(keyOf(h, k), i);
  }
  h.dictIndex.set(d, idx);
}

function dictSlot(h: Heap, d: ObjId, key: ObjId): number {
  return h.dictIndex.get(d)?.get(keyOf(h, key)) ?? -1;
}

/** d[key] = value */
export function dictSetItem(h: Heap, d: ObjId, key: ObjId, value: ObjId): void {
  const s = h.s;
  const hk = keyOf(h, key); // raises for unhashable keys before anything changes
  const idx = h.dictIndex.get(d);
  const at = idx?.get(hk);
  h.incref(value);
  if (at !== undefined) {
    const off = s.meta[(d << 2) + REC.REF_OFF];
    const old = s.pool[off + at + 1];
    s.pool[off + at + 1] = value;
    maintainTracking(h, d, key, value);
    h.decref(old);
    return;
  }
  h.incref(key);
  const isStr = (s.meta[key << 2] >>> 24) === Kind.Str;
  const used = s.meta[(d << 2) + REC.AUX];
  const size = s.aux2[d];
  const nentries = s.meta[(d << 2) + REC.REF_LEN] >> 1;
  if (size === 0) {
    s.addr2[d] = allocKeys(h, d, 8, isStr);
    s.aux2[d] = 8;
    if (isStr) s.meta[d << 2] |= F_UNICODE_KEYS;
    else s.meta[d << 2] &= ~F_UNICODE_KEYS;
  } else if (!isStr && s.meta[d << 2] & F_UNICODE_KEYS) {
    // the first non-str key: a split table always resizes (insertion_resize, GROWTH_RATE = used * 3); a
    // combined one only where all-str entries are smaller (3.11+), else it just changes its lookup
    if (s.meta[d << 2] & F_SPLIT || h.profile.dictNonStrKey === 'resize') dictResize(h, d, used * 3, false);
    else {
      s.meta[d << 2] &= ~F_UNICODE_KEYS;
      if (nentries >= sz.usable(size)) dictResize(h, d, used * 3, false);
    }
  } else if (h.splitKeys.has(d)) {
    splitInsert(h, d, key);
  } else if (nentries >= sz.usable(size)) {
    dictResize(h, d, used * 3, (s.meta[d << 2] & F_UNICODE_KEYS) !== 0); // GROWTH_RATE = used * 3
  }
  const n = s.meta[(d << 2) + REC.REF_LEN];
  s.reserveRefs(d, n + 2);
  const off = s.meta[(d << 2) + REC.REF_OFF];
  s.pool[off + n] = key;
  s.pool[off + n + 1] = value;
  s.meta[(d << 2) + REC.REF_LEN] = n + 2;
  s.meta[(d << 2) + REC.AUX] = used + 1;
  let map = h.dictIndex.get(d);
  if (!map) {
    map = new Map();
    h.dictIndex.set(d, map);
  }
  map.set(hk, n);
  maintainTracking(h, d, key, value);
}

/**
 * dict_merge(target, other, override=1) for a dict source (`dict(d)`, `target.update(d)`, the slow path of
 * `copy()`): 3.10+ clone a clean combined source into an empty target (profile `dictMergeClones`); else one
 * resize up front to ESTIMATE_SIZE(used + other's used) = (n * 3 + 1) >> 1 when the target's usable slots are
 * fewer than the source's keys, then the items in order.
 */
export function dictMerge(h: Heap, target: ObjId, other: ObjId): void {
  const s = h.s;
  if (target === other) return;
  const otherUsed = s.meta[(other << 2) + REC.AUX];
  if (s.meta[(target << 2) + REC.AUX] === 0 && h.profile.dictMergeClones && isCleanCombined(h, other, true)) {
    cloneTable(h, target, other);
    return;
  }
  if (sz.usable(s.aux2[target]) < otherUsed) {
    const unicode = (s.meta[other << 2] & F_UNICODE_KEYS) !== 0 && (s.meta[(target << 2) + REC.AUX] === 0 || (s.meta[target << 2] & F_UNICODE_KEYS) !== 0);
    dictResize(h, target, ((s.meta[(target << 2) + REC.AUX] + otherUsed) * 3 + 1) >> 1, unicode);
  }
  for (const [k, v] of dictEntries(h, other)) dictSetItem(h, target, k, v);
}

/**
 * PyDict_Copy: an empty dict for an empty one; a split table shares its keys (3.8-3.10); a combined table at
 * most a third of whose entries are deleted is cloned as it is (clone_combined_dict: same size, same holes);
 * otherwise a new dict merged from it (compact).
 */
export function dictCopy(h: Heap, d: ObjId): ObjId {
  const s = h.s;
  if (s.meta[(d << 2) + REC.AUX] === 0) return newDict(h);
  if (s.meta[d << 2] & F_SPLIT) return splitCopy(h, d);
  const c = newDict(h);
  if (!(s.meta[d << 2] & F_SPLIT) && s.meta[(d << 2) + REC.AUX] >= (((s.meta[(d << 2) + REC.REF_LEN] >> 1) * 2) / 3 | 0)) cloneTable(h, c, d);
  else dictMerge(h, c, d);
  return c;
}

/** Combined, no deleted entries, and (for dict_merge) a minimal or more than half-full table. */
function isCleanCombined(h: Heap, d: ObjId, mergeRule: boolean): boolean {
  const s = h.s;
  const size = s.aux2[d];
  if (size === 0 || s.meta[d << 2] & F_SPLIT || s.meta[(d << 2) + REC.AUX] !== s.meta[(d << 2) + REC.REF_LEN] >> 1) return false;
  return !mergeRule || size === 8 || sz.usable(size >> 1) < s.meta[(d << 2) + REC.AUX];
}

/** clone_combined_dict: `target` (empty) takes a copy of the source's table: size, entries, holes. */
function cloneTable(h: Heap, target: ObjId, src: ObjId): void {
  const s = h.s;
  if (s.aux2[target] > 0 && s.addr2[target] !== 0) freeDictContents(h, target);
  const unicode = (s.meta[src << 2] & F_UNICODE_KEYS) !== 0;
  const size = s.aux2[src];
  s.addr2[target] = h.alloc.malloc(sz.dictKeysBytes(h.profile, size, unicode), target); // PyObject_Malloc
  s.aux2[target] = size;
  if (unicode) s.meta[target << 2] |= F_UNICODE_KEYS;
  else s.meta[target << 2] &= ~F_UNICODE_KEYS;
  const n = s.meta[(src << 2) + REC.REF_LEN];
  s.reserveRefs(target, n);
  const from = s.meta[(src << 2) + REC.REF_OFF];
  const to = s.meta[(target << 2) + REC.REF_OFF];
  for (let i = 0; i < n; i++) {
    const r = s.pool[from + i];
    s.pool[to + i] = r;
    if (r !== 0) h.incref(r);
  }
  s.meta[(target << 2) + REC.REF_LEN] = n;
  s.meta[(target << 2) + REC.AUX] = s.meta[(src << 2) + REC.AUX];
  reindexDict(h, target);
  if (s.meta[src << 2] & F_TRACKED && !(s.meta[target << 2] & F_TRACKED)) h.track(target);
}

/**
 * PyDict_Copy of a split table: PyObject_GC_New (no free list), a new values array on the same keys: 3.8-3.10
 * USABLE_FRACTION(size) pointers; 3.11+ shared_keys_usable_size (dk_nentries + dk_usable) values, never
 * embedded.
 */
function splitCopy(h: Heap, d: ObjId): ObjId {
  const s = h.s;
  const c = h.newGc(Kind.Dict, h.profile.sizes.dictObject, 0);
  s.meta[c << 2] |= F_SPLIT | F_UNICODE_KEYS;
  s.aux2[c] = s.aux2[d];
  const keys = h.splitKeys.get(d);
  const cls = h.managedDictClass.get(d);
  if (keys) {
    keys.refcnt++;
    h.splitKeys.set(c, keys);
    s.addr2[c] = h.alloc.malloc(8 * sz.usable(keys.size), c);
  } else if (cls) {
    const n = cls.shared.length + cls.keysUsable;
    h.managedDictClass.set(c, cls);
    const bytes = h.profile.instanceLayout === 'inline' ? sz.inlineValuesBytes(n) : sz.valuesArrayBytes(n);
    s.addr2[c] = h.alloc.malloc(bytes, c);
  }
  const n = s.meta[(d << 2) + REC.REF_LEN];
  s.reserveRefs(c, n);
  for (let i = 0; i < n; i++) {
    const r = s.pool[s.meta[(d << 2) + REC.REF_OFF] + i];
    s.pool[s.meta[(c << 2) + REC.REF_OFF] + i] = r;
    if (r !== 0) h.incref(r);
  }
  s.meta[(c << 2) + REC.REF_LEN] = n;
  s.meta[(c << 2) + REC.AUX] = s.meta[(d << 2) + REC.AUX];
  reindexDict(h, c);
  if (s.meta[d << 2] & F_TRACKED) h.track(c);
  return c;
}

/** MAINTAIN_TRACKING: an untracked dict becomes tracked when it receives a possibly-tracked key or value. */
function maintainTracking(h: Heap, d: ObjId, key: ObjId, value: ObjId): void {
  if (h.s.meta[d << 2] & F_TRACKED || h.storingInline) return;
  if (mayBeTracked(h, key) || mayBeTracked(h, value)) h.track(d);
}

/** d[key] (borrowed) or 0 when missing. */
export function dictGetItem(h: Heap, d: ObjId, key: ObjId): ObjId {
  const at = dictSlot(h, d, key);
  return at < 0 ? 0 : h.s.pool[h.s.meta[(d << 2) + REC.REF_OFF] + at + 1];
}

/** Lookup by a str key without creating an object. */
export function dictGetStr(h: Heap, d: ObjId, key: string): ObjId {
  const at = h.dictIndex.get(d)?.get('s:' + key);
  return at === undefined ? 0 : h.s.pool[h.s.meta[(d << 2) + REC.REF_OFF] + at + 1];
}

/** del d[key]; false when the key is missing (KeyError is the interpreter's). Key, then value, are dropped. */
export function dictDelItem(h: Heap, d: ObjId, key: ObjId): boolean {
  const s = h.s;
  const hk = keyOf(h, key);
  const idx = h.dictIndex.get(d);
  const at = idx?.get(hk);
  if (at === undefined) return false;
  if (h.splitKeys.has(d)) {
    // 3.8-3.10: a split table does not delete; it is combined first, at the same size
    dictResize(h, d, s.aux2[d], true);
    return dictDelItem(h, d, key);
  }
  idx!.delete(hk);
  const off = s.meta[(d << 2) + REC.REF_OFF];
  const k = s.pool[off + at];
  const v = s.pool[off + at + 1];
  s.pool[off + at] = 0;
  s.pool[off + at + 1] = 0;
  s.meta[(d << 2) + REC.AUX]--;
  h.decref(k);
  h.decref(v);
  return true;
}

/** Keys / values / items (borrowed ids) in insertion order. */
export function dictEntries(h: Heap, d: ObjId): [ObjId, ObjId][] {
  const s = h.s;
  const out: [ObjId, ObjId][] = [];
  const off = s.meta[(d << 2) + REC.REF_OFF];
  for (let i = 0; i < s.meta[(d << 2) + REC.REF_LEN]; i += 2) if (s.pool[off + i] !== 0) out.push([s.pool[off + i], s.pool[off + i + 1]]);
  return out;
}

/** dict.clear(): back to the shared empty keys; entries dropped in insertion order. */
export function dictClear(h: Heap, d: ObjId): void {
  const s = h.s;
  freeDictContents(h, d);
  s.meta[(d << 2) + REC.AUX] = 0;
  s.aux2[d] = 0;
  s.addr2[d] = 0;
  s.meta[d << 2] &= ~(F_UNICODE_KEYS | F_SPLIT | F_EMBEDDED);
  h.dictIndex.delete(d);
  h.managedDictClass.delete(d);
}

/** Drop every entry (key then value, insertion order) and free the keys table or split values. */
export function freeDictContents(h: Heap, d: ObjId): void {
  const s = h.s;
  const n = s.meta[(d << 2) + REC.REF_LEN];
  const entries: number[] = [];
  const off = s.meta[(d << 2) + REC.REF_OFF];
  for (let i = 0; i < n; i++) entries.push(s.pool[off + i]);
  for (let i = 0; i < n; i++) s.pool[off + i] = 0;
  s.meta[(d << 2) + REC.REF_LEN] = 0;
  s.meta[(d << 2) + REC.AUX] = 0;
  const size = s.aux2[d];
  const keysAddr = s.addr2[d];
  const split = (s.meta[d << 2] & F_SPLIT) !== 0;
  const unicode = (s.meta[d << 2] & F_UNICODE_KEYS) !== 0;
  const shared = h.splitKeys.get(d);
  h.splitKeys.delete(d);
  s.addr2[d] = 0;
  s.aux2[d] = 0;
  for (let i = 0; i < n; i++) if (entries[i] !== 0) h.decref(entries[i]);
  if (size > 0 && keysAddr !== 0) {
    if (split) h.alloc.free(keysAddr); // the values array; the shared keys belong to the class
    else freeKeys(h, keysAddr, size, unicode);
  }
  if (shared) keysDecref(h, shared);
}
