// Where each object of the graph export sits: at the session's saved canvas position when its handle
// resolves to it, otherwise in a deterministic layered layout (breadth-first from the named roots).
import type { HeapSnapshot, SnapObject } from '../../shared/snapshot';
import { objectNumber } from '../../shared/session/schema-v2';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const LINE_HEIGHT = 16;
const CHAR_WIDTH = 7.2;
const PAD = 8;
const GAP_X = 72;
const GAP_Y = 110;

/** The text lines drawn in an object's box: its names, its type and short value, its refcount. */
export function nodeLines(o: SnapObject): string[] {
  const lines: string[] = [];
  if (o.names.length > 0) lines.push(o.names.join(', '));
  lines.push(o.label && o.label !== o.typeName ? `${o.typeName} ${o.label}` : o.typeName);
  lines.push(o.immortal ? 'immortal' : `refcount ${o.refcount}`);
  return lines;
}

function size(o: SnapObject): { w: number; h: number } {
  const lines = nodeLines(o);
  const chars = Math.max(...lines.map((l) => [...l].length));
  return { w: Math.max(64, Math.ceil(chars * CHAR_WIDTH) + 2 * PAD), h: lines.length * LINE_HEIGHT + PAD };
}

/** Splits a handle (`a`, `a[0]`, `c['self']`, `node.next`) into its root name and the edge labels after it. */
export function handleSteps(handle: string): { root: string; steps: string[] } | null {
  const m = /^[A-Za-z_]\w*/.exec(handle);
  if (!m) return null;
  const steps: string[] = [];
  let rest = handle.slice(m[0].length);
  while (rest.length > 0) {
    const attr = /^\.[A-Za-z_]\w*/.exec(rest);
    if (attr) {
      steps.push(attr[0]);
      rest = rest.slice(attr[0].length);
      continue;
    }
    if (!rest.startsWith('[')) return null;
    // Up to the matching ']' outside quotes.
    let i = 1;
    let quote = '';
    for (; i < rest.length; i++) {
      const ch = rest[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === ']') break;
    }
    if (i >= rest.length) return null;
    steps.push(rest.slice(0, i + 1));
    rest = rest.slice(i + 1);
  }
  return { root: m[0], steps };
}

/** Name and edge lookups for resolving many handles (a session may place 1e5 objects). */
export interface HandleIndex {
  globals: Map<string, number>;
  /** Object id -> its references as [label, target]. */
  out: Map<number, [string, number][]>;
  /** Ids of the objects in the snapshot (for `#812` handles: the replay recreates the same numbers). */
  ids: Set<number>;
}

export function handleIndex(snap: HeapSnapshot): HandleIndex {
  const globals = new Map<string, number>();
  for (const g of snap.globals) if (!globals.has(g.name)) globals.set(g.name, g.target);
  const out = new Map<number, [string, number][]>();
  for (const r of snap.refs) {
    const list = out.get(r.from);
    if (list) list.push([r.label, r.to]);
    else out.set(r.from, [[r.label, r.to]]);
  }
  return { globals, out, ids: new Set(snap.objects.map((o) => o.id)) };
}

/** The object a handle names in this snapshot, following the edges whose labels spell its path. */
export function resolveHandle(snap: HeapSnapshot | HandleIndex, handle: string): number | null {
  const index = 'objects' in snap ? handleIndex(snap) : snap;
  const number = objectNumber(handle);
  if (number !== null) return index.ids.has(number) ? number : null;
  const parsed = handleSteps(handle);
  if (!parsed) return null;
  let at = index.globals.get(parsed.root);
  for (const step of parsed.steps) {
    if (at === undefined) return null;
    // Dict keys print as repr: accept either quote style in the handle.
    const alt = step.startsWith('["') ? `['${step.slice(2, -2)}']` : step;
    at = index.out.get(at)?.find(([label]) => label === step || label === alt)?.[1];
  }
  return at ?? null;
}

/** Boxes by object id (x, y = top-left corner). Saved positions are box centres, as on the canvas. */
export function layoutGraph(snap: HeapSnapshot, positions: Record<string, readonly [number, number]> = {}): Map<number, Box> {
  const boxes = new Map<number, Box>();
  const sizes = new Map(snap.objects.map((o) => [o.id, size(o)]));
  const index = handleIndex(snap);
  for (const handle of Object.keys(positions).sort()) {
    const id = resolveHandle(index, handle);
    const s = id === null ? undefined : sizes.get(id);
    if (id === null || !s || boxes.has(id)) continue;
    const [x, y] = positions[handle]!;
    boxes.set(id, { x: x - s.w / 2, y: y - s.h / 2, ...s });
  }
  // Layers: distance from the named roots (in the order the program bound them), then objects reached from nowhere.
  const layerOf = new Map<number, number>();
  const order: number[] = [];
  let frontier: number[] = [];
  for (const g of snap.globals) {
    if (!sizes.has(g.target) || layerOf.has(g.target)) continue;
    layerOf.set(g.target, 0);
    order.push(g.target);
    frontier.push(g.target);
  }
  const out = new Map<number, number[]>();
  for (const r of snap.refs) {
    const list = out.get(r.from);
    if (list) list.push(r.to);
    else out.set(r.from, [r.to]);
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const to of out.get(id) ?? []) {
        if (layerOf.has(to) || !sizes.has(to)) continue;
        layerOf.set(to, depth);
        order.push(to);
        next.push(to);
      }
    }
    frontier = next;
  }
  let lastLayer = 0;
  for (const l of layerOf.values()) lastLayer = Math.max(lastLayer, l + 1);
  for (const o of snap.objects) {
    if (!layerOf.has(o.id)) {
      layerOf.set(o.id, lastLayer);
      order.push(o.id);
    }
  }
  let top = 0;
  for (const b of boxes.values()) top = Math.max(top, b.y + b.h + GAP_Y);
  const rowX = new Map<number, number>();
  const rowH = new Map<number, number>();
  for (const id of order) {
    if (boxes.has(id)) continue;
    const layer = layerOf.get(id)!;
    rowH.set(layer, Math.max(rowH.get(layer) ?? 0, sizes.get(id)!.h));
  }
  const rowY = new Map<number, number>();
  let y = top;
  for (let layer = 0; layer <= lastLayer; layer++) {
    if (!rowH.has(layer)) continue;
    rowY.set(layer, y);
    y += rowH.get(layer)! + GAP_Y;
  }
  for (const id of order) {
    if (boxes.has(id)) continue;
    const layer = layerOf.get(id)!;
    const s = sizes.get(id)!;
    const x = rowX.get(layer) ?? 0;
    boxes.set(id, { x, y: rowY.get(layer)!, ...s });
    rowX.set(layer, x + s.w + GAP_X);
  }
  return boxes;
}
