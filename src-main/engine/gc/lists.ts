// Circular doubly linked lists of tracked objects, as PyGC_Head lists: each list has a sentinel head whose id is
// below FIRST_ID; the gen field of an object's meta word (Store.genOf) names the head of the list it is in (-1 =
// untracked). Links are the next/prev words of Store.hdr.
import type { Store } from '../heap/store';

// Hot-loop constants as enum members (kinds.ts F_* / Kind, store.ts REC): esbuild inlines same-file enum members as
// literals, where module-level consts stay context slots that V8 reloads and Smi-checks on every use.
export enum Rec { NEXT = 2, PREV = 3 }
export enum Word { GEN_CLEAR = -16711681 } // ~(0xff << 16): the meta word without its gen field (store.ts)

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


/** Label `id` as linked in list `h` (gen = h; -1 = untracked). */
function setGen(s: Store, id: number, h: number): void {
  const i = id << 2;
  s.meta[i] = (s.meta[i] & Word.GEN_CLEAR) | ((h + 1) << 16);
}

export function initHead(s: Store, h: number): void {
  s.hdr[(h << 2) + Rec.NEXT] = h;
  s.hdr[(h << 2) + Rec.PREV] = h;
  setGen(s, h, h);
}

export function isEmpty(s: Store, h: number): boolean {
  return s.hdr[(h << 2) + Rec.NEXT] === h;
}

export function listLength(s: Store, h: number): number {
  const hdr = s.hdr;
  let n = 0;
  for (let o = hdr[(h << 2) + Rec.NEXT]; o !== h; o = hdr[(o << 2) + Rec.NEXT]) n++;
  return n;
}

/** Append `id` (not in any list) at the tail of list `h`. */
export function append(s: Store, h: number, id: number): void {
  const hdr = s.hdr;
  const last = hdr[(h << 2) + Rec.PREV];
  hdr[(last << 2) + Rec.NEXT] = id;
  hdr[(id << 2) + Rec.PREV] = last;
  hdr[(id << 2) + Rec.NEXT] = h;
  hdr[(h << 2) + Rec.PREV] = id;
  setGen(s, id, h);
}

/** Remove `id` from whatever list it is in. */
export function unlink(s: Store, id: number): void {
  const hdr = s.hdr;
  const i = id << 2;
  const p = hdr[i + Rec.PREV];
  const n = hdr[i + Rec.NEXT];
  hdr[(p << 2) + Rec.NEXT] = n;
  hdr[(n << 2) + Rec.PREV] = p;
  hdr[i + Rec.NEXT] = 0;
  hdr[i + Rec.PREV] = 0;
  setGen(s, id, -1);
}

/** gc_list_move: unlink from its list, append to `h`. */
export function moveTo(s: Store, id: number, h: number): void {
  const hdr = s.hdr;
  const p = hdr[(id << 2) + Rec.PREV];
  const n = hdr[(id << 2) + Rec.NEXT];
  hdr[(p << 2) + Rec.NEXT] = n;
  hdr[(n << 2) + Rec.PREV] = p;
  append(s, h, id);
}

/**
 * gc_list_merge: append every object of `from` to the tail of `to`, leaving `from` empty. Without `relabel` the
 * moved objects keep their old `gen` label: the caller relabels them (a full collection does it in move_unreachable).
 */
export function merge(s: Store, from: number, to: number, relabel = true): void {
  const hdr = s.hdr;
  if (hdr[(from << 2) + Rec.NEXT] === from) return;
  if (relabel) for (let o = hdr[(from << 2) + Rec.NEXT]; o !== from; o = hdr[(o << 2) + Rec.NEXT]) setGen(s, o, to);
  const first = hdr[(from << 2) + Rec.NEXT];
  const last = hdr[(from << 2) + Rec.PREV];
  const tail = hdr[(to << 2) + Rec.PREV];
  hdr[(tail << 2) + Rec.NEXT] = first;
  hdr[(first << 2) + Rec.PREV] = tail;
  hdr[(last << 2) + Rec.NEXT] = to;
  hdr[(to << 2) + Rec.PREV] = last;
  hdr[(from << 2) + Rec.NEXT] = from;
  hdr[(from << 2) + Rec.PREV] = from;
}

/** The ids of list `h`, in list order. */
export function toArray(s: Store, h: number): number[] {
  const out: number[] = [];
  for (let o = s.hdr[(h << 2) + Rec.NEXT]; o !== h; o = s.hdr[(o << 2) + Rec.NEXT]) out.push(o);
  return out;
}
