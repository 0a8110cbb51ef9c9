// Inspector questions answered from the snapshot the canvas shows: who holds this object, the shortest path
// from a root (a global or frame local) to it, and the cycle (strongly connected component) it belongs to.
import type { HeapSnapshot, SnapRef } from '../../shared/snapshot';

export interface Referrer {
  from: number | null;
  root?: string;
  labels: string[];
}

/** Refcount broken down: each referring object (with its edge labels) and each name bound to the object. */
export function referrersOf(s: HeapSnapshot, id: number): Referrer[] {
  const byFrom = new Map<number, string[]>();
  for (const r of s.refs) {
    if (r.to !== id || r.kind === 'weak') continue;
    const l = byFrom.get(r.from) ?? [];
    l.push(r.label);
    byFrom.set(r.from, l);
  }
  const out: Referrer[] = [];
  for (const n of s.globals) if (n.target === id) out.push({ from: null, root: `global ${n.name}`, labels: [n.name] });
  for (const f of s.frames)
    for (const n of f.locals) if (n.target === id) out.push({ from: null, root: `${f.function}() local ${n.name}`, labels: [n.name] });
  for (const [from, labels] of byFrom) out.push({ from, labels });
  return out;
}

export function referentsOf(s: HeapSnapshot, id: number): SnapRef[] {
  return s.refs.filter((r) => r.from === id);
}

/** BFS over strong references from every root; returns root name, object ids and edge ids, or null if unreachable. */
export function pathFromRoot(s: HeapSnapshot, id: number): { root: string; ids: number[]; refIds: string[] } | null {
  const out = new Map<number, SnapRef[]>();
  for (const r of s.refs) {
    if (r.kind === 'weak') continue;
    const l = out.get(r.from) ?? [];
    l.push(r);
    out.set(r.from, l);
  }
  const prev = new Map<number, { from: number | null; ref: SnapRef | null; root: string }>();
  const queue: number[] = [];
  const roots = [
    ...s.globals.map((n) => ({ name: n.name, target: n.target })),
    ...s.frames.flatMap((f) => f.locals.map((n) => ({ name: `${f.function}:${n.name}`, target: n.target }))),
  ];
  for (const r of roots) {
    if (prev.has(r.target)) continue;
    prev.set(r.target, { from: null, ref: null, root: r.name });
    queue.push(r.target);
  }
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i]!;
    if (cur === id) break;
    for (const r of out.get(cur) ?? []) {
      if (prev.has(r.to)) continue;
      prev.set(r.to, { from: cur, ref: r, root: prev.get(cur)!.root });
      queue.push(r.to);
    }
  }
  const end = prev.get(id);
  if (!end) return null;
  const ids: number[] = [];
  const refIds: string[] = [];
  let cur: number | null = id;
  while (cur !== null) {
    ids.unshift(cur);
    const p: { from: number | null; ref: SnapRef | null } = prev.get(cur)!;
    if (p.ref) refIds.unshift(p.ref.id);
    cur = p.from;
  }
  return { root: end.root, ids, refIds };
}

/** Tarjan's SCC, iterative (heaps can be deep). Returns the component of `id` (just [id] when not in a cycle). */
export function cycleOf(s: HeapSnapshot, id: number): number[] {
  const adj = new Map<number, number[]>();
  for (const r of s.refs) {
    if (r.kind === 'weak') continue;
    const l = adj.get(r.from) ?? [];
    l.push(r.to);
    adj.set(r.from, l);
  }
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  let counter = 0;
  let result: number[] = [id];
  const work: { v: number; i: number }[] = [{ v: id, i: 0 }];
  index.set(id, counter);
  low.set(id, counter++);
  stack.push(id);
  onStack.add(id);
  while (work.length) {
    const top = work[work.length - 1]!;
    const nbrs = adj.get(top.v) ?? [];
    if (top.i < nbrs.length) {
      const w = nbrs[top.i++]!;
      if (!index.has(w)) {
        index.set(w, counter);
        low.set(w, counter++);
        stack.push(w);
        onStack.add(w);
        work.push({ v: w, i: 0 });
      } else if (onStack.has(w)) {
        low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
      }
      continue;
    }
    work.pop();
    if (work.length) {
      const parent = work[work.length - 1]!.v;
      low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
    }
    if (low.get(top.v) === index.get(top.v)) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== top.v);
      if (comp.includes(id)) result = comp;
    }
  }
  const selfLoop = (adj.get(id) ?? []).includes(id);
  return result.length > 1 || selfLoop ? result.sort((a, b) => a - b) : [id];
}
