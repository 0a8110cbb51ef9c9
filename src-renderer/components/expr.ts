// A Python expression that reaches an object from a name, so gestures on unnamed objects can still be
// written as statements: obj3[0], obj4['k'].attr. Built from the shortest path from a root.
import type { HeapSnapshot, SnapRef } from '../../shared/snapshot';
import { pathFromRoot } from './analysis';

function step(r: SnapRef): string | null {
  switch (r.kind) {
    case 'item': return r.index === undefined ? null : `[${r.index}]`;
    case 'value': return r.key === undefined ? null : `[${r.key}]`;
    case 'attr': case 'slot': return r.key === undefined ? null : `.${r.key}`;
    case 'class': return '.__class__';
    case 'dict': return '.__dict__'; // an instance's or a class's attributes: obj.__dict__['k']
    default: return null; // set members and dict keys cannot be reached by an accessor
  }
}

/**
 * The expression, or null when the object is reachable from no name by accessors (e.g. only via a set).
 * `frame`: the function whose open frame the statement runs in; its locals ('f1:x') are reachable as `x`.
 */
export function exprFor(s: HeapSnapshot, id: number, frame?: string): string | null {
  const o = s.objects.find((x) => x.id === id);
  const local = (n: string): string | null => (frame !== undefined && n.startsWith(`${frame}:`) ? n.slice(frame.length + 1) : null);
  const own = o?.names.map(local).find((n) => n !== null);
  if (own) return own;
  const global = o?.names.find((n) => !n.includes(':'));
  if (global) return global;
  const p = pathFromRoot(s, id);
  if (!p) return null;
  const root = p.root.includes(':') ? local(p.root) : p.root;
  if (root === null) return null;
  const byId = new Map(s.refs.map((r) => [r.id, r]));
  let e = root;
  for (const rid of p.refIds) {
    const st = step(byId.get(rid)!);
    if (st === null) return null;
    e += st;
  }
  return e;
}
