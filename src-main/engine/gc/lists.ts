// Circular doubly linked lists of tracked objects, as PyGC_Head lists: each list has a sentinel head whose id is
// below FIRST_ID; `gen[id]` names the head of the list an object is in (-1 = untracked).
import type { Store } from '../heap/store';

export const GEN0 = 1;
export const GEN1 = 2;
export const GEN2 = 3;
export const PERMANENT = 4;
export const UNREACHABLE = 5;
export const FINALIZERS = 6;
export const SEEN = 7;
export const YOUNG_TMP = 8; // scratch list (resurrection check, incremental increment)
export const OLD_TMP = 9;
export const GEN_HEADS = [GEN0, GEN1, GEN2] as const;

export function initHead(s: Store, h: number): void {
  s.next[h] = h;
  s.prev[h] = h;
  s.gen[h] = h;
}

export function isEmpty(s: Store, h: number): boolean {
  return s.next[h] === h;
}

export function listLength(s: Store, h: number): number {
  let n = 0;
  for (let o = s.next[h]; o !== h; o = s.next[o]) n++;
  return n;
}

/** Append `id` (not in any list) at the tail of list `h`. */
export function append(s: Store, h: number, id: number): void {
  const last = s.prev[h];
  s.next[last] = id;
  s.prev[id] = last;
  s.next[id] = h;
  s.prev[h] = id;
  s.gen[id] = h;
}

/** Remove `id` from whatever list it is in. */
export function unlink(s: Store, id: number): void {
  const p = s.prev[id];
  const n = s.next[id];
  s.next[p] = n;
  s.prev[n] = p;
  s.next[id] = 0;
  s.prev[id] = 0;
  s.gen[id] = -1;
}

/** gc_list_move: unlink from its list, append to `h`. */
export function moveTo(s: Store, id: number, h: number): void {
  const p = s.prev[id];
  const n = s.next[id];
  s.next[p] = n;
  s.prev[n] = p;
  append(s, h, id);
}

/**
 * gc_list_merge: append every object of `from` to the tail of `to`, leaving `from` empty. Without `relabel` the
 * moved objects keep their old `gen` label: the caller relabels them (a full collection does it in move_unreachable).
 */
export function merge(s: Store, from: number, to: number, relabel = true): void {
  if (s.next[from] === from) return;
  if (relabel) for (let o = s.next[from]; o !== from; o = s.next[o]) s.gen[o] = to;
  const first = s.next[from];
  const last = s.prev[from];
  const tail = s.prev[to];
  s.next[tail] = first;
  s.prev[first] = tail;
  s.next[last] = to;
  s.prev[to] = last;
  s.next[from] = from;
  s.prev[from] = from;
}

/** The ids of list `h`, in list order. */
export function toArray(s: Store, h: number): number[] {
  const out: number[] = [];
  for (let o = s.next[h]; o !== h; o = s.next[o]) out.push(o);
  return out;
}
