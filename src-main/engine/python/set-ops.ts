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
