// Set algebra as Objects/setobject.c does it: which operand is copied and which one is walked decides the
// result's table order. Every function returning an ObjId returns a NEW reference; arguments are borrowed.
import type { ObjId } from './heap-port';
import { checkHashable, forEach } from './ops';
import type { Runtime } from './runtime';

/** set_update_internal: a set merges its table, a dict is presized, anything else is added item by item. */
export function setUpdate(rt: Runtime, s: ObjId, other: ObjId): void {
  const h = rt.heap;
  const k = h.kind(other);
  if (k === 'set') h.setUpdateFromSet(s, other);
  else if (k === 'dict') h.setUpdateFromDict(s, other);
  else forEach(rt, other, (x) => { try { checkHashable(rt, x); h.setAdd(s, x); } finally { h.decref(x); } return true; });
}

/** set_or: a copy of a, then b merged in. */
export function setOr(rt: Runtime, a: ObjId, b: ObjId): ObjId {
  const h = rt.heap;
  const r = h.setCopy(a);
  if (a !== b) h.setUpdateFromSet(r, b);
  return r;
}

/** set_intersection: walk the smaller set (b when sizes tie), keep what the other contains. */
export function setAnd(rt: Runtime, a: ObjId, b: ObjId): ObjId {
  const h = rt.heap;
  if (a === b) return h.setCopy(a);
  const r = h.newSet();
  const [big, small] = h.setLen(b) > h.setLen(a) ? [b, a] : [a, b];
  for (const x of h.setItems(small)) if (h.setHas(big, x)) h.setAdd(r, x);
  return r;
}

/** set_difference: copy and discard when a is over four times b's size, else walk a keeping what b lacks. */
export function setSub(rt: Runtime, a: ObjId, b: ObjId): ObjId {
  const h = rt.heap;
  if (h.setLen(a) >> 2 > h.setLen(b)) {
    const r = h.setCopy(a);
    h.setDifferenceUpdate(r, b);
    return r;
  }
  const r = h.newSet();
  for (const x of h.setItems(a)) if (!h.setHas(b, x)) h.setAdd(r, x);
  return r;
}

/** set_symmetric_difference: a copy of b, then each key of a toggled. */
export function setXor(rt: Runtime, a: ObjId, b: ObjId): ObjId {
  const h = rt.heap;
  const r = h.setCopy(b);
  h.setSymmetricDifferenceUpdate(r, a);
  return r;
}

/**
 * The binary operators on two sets; in place the left set itself changes, as set_ior & co. do (&=:
 * set_intersection_update builds the intersection, then swaps bodies with it).
 */
export function setBinop(rt: Runtime, op: string, a: ObjId, b: ObjId, inplace: boolean): ObjId {
  const h = rt.heap;
  if (inplace) {
    if (op === '|') h.setUpdateFromSet(a, b);
    else if (op === '-') h.setDifferenceUpdate(a, b);
    else if (op === '^') h.setSymmetricDifferenceUpdate(a, b);
    else {
      const tmp = setAnd(rt, a, b);
      h.setSwapBodies(a, tmp);
      h.decref(tmp);
    }
    h.incref(a);
    return a;
  }
  if (op === '|') return setOr(rt, a, b);
  if (op === '&') return setAnd(rt, a, b);
  if (op === '-') return setSub(rt, a, b);
  return setXor(rt, a, b);
}

/** New references to the items of any iterable (the caller drops them); TypeError if one is unhashable. */
function itemsOf(rt: Runtime, other: ObjId): ObjId[] {
  const out: ObjId[] = [];
  forEach(rt, other, (x) => { out.push(x); return true; });
  try {
    for (const x of out) checkHashable(rt, x);
  } catch (e) {
    out.forEach((x) => rt.heap.decref(x));
    throw e;
  }
  return out;
}

/** set_intersection with any iterable: walk it, keeping what the set contains. */
export function setIntersection(rt: Runtime, so: ObjId, other: ObjId): ObjId {
  const h = rt.heap;
  if (h.kind(other) === 'set') return setAnd(rt, so, other);
  const items = itemsOf(rt, other);
  const r = h.newSet();
  try {
    for (const x of items) if (h.setHas(so, x)) h.setAdd(r, x);
  } finally {
    items.forEach((x) => h.decref(x));
  }
  return r;
}

/** set_difference with any iterable (a dict by containment, like a set; others: copy, then discard). */
export function setDifference(rt: Runtime, so: ObjId, other: ObjId): ObjId {
  const h = rt.heap;
  const k = h.kind(other);
  if (k === 'set') return setSub(rt, so, other);
  if (k === 'dict' && !(h.setLen(so) >> 2 > h.dictLen(other))) {
    const r = h.newSet();
    for (const x of h.setItems(so)) if (h.dictGet(other, x) === 0) h.setAdd(r, x);
    return r;
  }
  const r = h.setCopy(so);
  setDifferenceUpdate(rt, r, other);
  return r;
}

/** set_difference_update_internal with any iterable. */
export function setDifferenceUpdate(rt: Runtime, so: ObjId, other: ObjId): void {
  const h = rt.heap;
  if (h.kind(other) === 'set') {
    h.setDifferenceUpdate(so, other);
    return;
  }
  const items = itemsOf(rt, other);
  try {
    h.setDifferenceUpdate(so, items);
  } finally {
    items.forEach((x) => h.decref(x));
  }
}

/** set_symmetric_difference_update: a set's keys in slot order, a dict's in dict order, others via a new set. */
export function setSymmetricDifferenceUpdate(rt: Runtime, so: ObjId, other: ObjId): void {
  const h = rt.heap;
  const k = h.kind(other);
  if (k === 'set') {
    h.setSymmetricDifferenceUpdate(so, other);
    return;
  }
  if (k === 'dict') {
    for (const [key] of h.dictEntries(other)) {
      h.incref(key);
      if (!h.setDiscard(so, key)) h.setAdd(so, key);
      h.decref(key);
    }
    return;
  }
  const tmp = h.newSet();
  try {
    setUpdate(rt, tmp, other);
    h.setSymmetricDifferenceUpdate(so, tmp);
  } finally {
    h.decref(tmp);
  }
}

/** set_symmetric_difference: a new set from the other operand, then each key of `so` toggled. */
export function setSymmetricDifference(rt: Runtime, so: ObjId, other: ObjId): ObjId {
  const h = rt.heap;
  const r = h.newSet();
  try {
    setUpdate(rt, r, other);
  } catch (e) {
    h.decref(r);
    throw e;
  }
  h.setSymmetricDifferenceUpdate(r, so);
  return r;
}
