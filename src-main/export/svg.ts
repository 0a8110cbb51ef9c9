// The object graph as a standalone SVG: one box per object (names, type and value, refcount) and one
// labelled arrow per reference, from the snapshot view the canvas draws.
import type { HeapSnapshot, SnapObject, SnapRef } from '../../shared/snapshot';
import { layoutGraph, LINE_HEIGHT, nodeLines, type Box } from './graph-layout';

const MARGIN = 40;
const FONT = 'font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12"';

export function escapeXml(s: string): string {
  // Characters XML 1.0 forbids even escaped are replaced, so any Python string value stays well-formed.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** Where the segment from the centre of `b` towards (tx, ty) leaves the box. */
function border(b: Box, tx: number, ty: number): [number, number] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const s = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  return [cx + dx * s, cy + dy * s];
}

function fill(o: SnapObject): string {
  if (o.hasDel) return '#fde2e2';
  if (o.gen === 'none' || o.gen === 'untracked') return '#eef1f5';
  return '#e3efff';
}

function nodeSvg(o: SnapObject, b: Box): string {
  const lines = nodeLines(o);
  const text = lines
    .map((l, i) => `<tspan x="${n(b.x + 8)}" y="${n(b.y + 4 + LINE_HEIGHT * (i + 1) - 4)}"${i === 0 && o.names.length > 0 ? ' font-weight="bold"' : ''}>${escapeXml(l)}</tspan>`)
    .join('');
  return (
    `<g class="node" id="obj-${o.id}" data-id="${o.id}" data-type="${escapeXml(o.typeName)}">` +
    `<title>${escapeXml(`${o.typeName} at 0x${o.address.toString(16)}, refcount ${o.refcount}, gen ${o.gen}`)}</title>` +
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="6" fill="${fill(o)}" stroke="#4a5568"/>` +
    `<text ${FONT} fill="#1a202c">${text}</text></g>`
  );
}

/** The edge's markup and the points its curve stays within (for the view box). */
function edgeSvg(r: SnapRef, from: Box, to: Box, bend: number, arc: boolean): { svg: string; points: [number, number][] } {
  const fx = from.x + from.w / 2;
  const fy = from.y + from.h / 2;
  let d: string;
  let lx: number;
  let ly: number;
  const points: [number, number][] = [];
  if (r.from === r.to) {
    // A reference to itself: a loop on the box's right side.
    const x = from.x + from.w;
    const y0 = from.y + from.h * 0.3;
    const y1 = from.y + from.h * 0.7;
    const out = 36 + bend * 14;
    d = `M${n(x)},${n(y0)} C${n(x + out)},${n(y0 - 12)} ${n(x + out)},${n(y1 + 12)} ${n(x)},${n(y1)}`;
    lx = x + out * 0.78;
    ly = fy;
    points.push([x + out, y0 - 12], [x + out, y1 + 12]);
  } else {
    const tx = to.x + to.w / 2;
    const ty = to.y + to.h / 2;
    const len = Math.hypot(tx - fx, ty - fy) || 1;
    // Parallel references (a->b twice, a->b and b->a) bend apart instead of overlapping.
    let off = bend * 26;
    // Boxes on one row with others between them: arc around the row instead of crossing those boxes.
    const gap = Math.abs(tx - fx) - (from.w + to.w) / 2;
    if (arc && gap > 0) off += Math.sign(off || 1) * Math.min(0.3 * len, from.h + to.h + gap * 0.1);
    const mx = (fx + tx) / 2 + (-(ty - fy) / len) * off;
    const my = (fy + ty) / 2 + ((tx - fx) / len) * off;
    const [sx, sy] = border(from, mx, my);
    const [ex, ey] = border(to, mx, my);
    d = off === 0 ? `M${n(sx)},${n(sy)} L${n(ex)},${n(ey)}` : `M${n(sx)},${n(sy)} Q${n(mx)},${n(my)} ${n(ex)},${n(ey)}`;
    points.push([sx, sy], [ex, ey], [mx, my]);
    lx = off === 0 ? (sx + ex) / 2 : 0.25 * sx + 0.5 * mx + 0.25 * ex;
    ly = off === 0 ? (sy + ey) / 2 : 0.25 * sy + 0.5 * my + 0.25 * ey;
  }
  const dash = r.kind === 'weak' ? ' stroke-dasharray="5 4"' : '';
  points.push([lx - 4 * r.label.length, ly - 10], [lx + 4 * r.label.length, ly + 6]);
  const svg = (
    `<g class="edge" data-from="${r.from}" data-to="${r.to}" data-kind="${r.kind}">` +
    `<path d="${d}" fill="none" stroke="#4a5568" stroke-width="1.4"${dash} marker-end="url(#arrow)"/>` +
    `<text class="label" x="${n(lx)}" y="${n(ly + 4)}" text-anchor="middle" ${FONT} fill="#2b6cb0" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(r.label)}</text></g>`
  );
  return { svg, points };
}

export interface SvgOptions {
  /** The session's saved canvas positions (view.positions), keyed by handle. */
  positions?: Record<string, readonly [number, number]>;
  title?: string;
}

export function graphSvg(snap: HeapSnapshot, options: SvgOptions = {}): string {
  const boxes = layoutGraph(snap, options.positions);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const b of boxes.values()) {
    extend(b.x, b.y);
    extend(b.x + b.w, b.y + b.h);
  }
  // Rows of the layout (same top), left to right, to tell when an edge would cross boxes of its row.
  const rows = new Map<number, number[]>();
  for (const b of boxes.values()) {
    const row = rows.get(b.y);
    if (row) row.push(b.x);
    else rows.set(b.y, [b.x]);
  }
  for (const xs of rows.values()) xs.sort((p, q) => p - q);
  const between = (a: Box, b: Box) => {
    if (a.y !== b.y) return false;
    const xs = rows.get(a.y)!;
    const lo = Math.min(a.x, b.x);
    const hi = Math.max(a.x, b.x);
    // First x above lo (binary search); a box lies between when it is below hi.
    let i = 0;
    let j = xs.length;
    while (i < j) {
      const m = (i + j) >> 1;
      if (xs[m]! <= lo) i = m + 1;
      else j = m;
    }
    return i < xs.length && xs[i]! < hi;
  };
  // Edges first so boxes sit on top of their ends; the n-th reference between one pair bends n steps.
  const edges: string[] = [];
  const seen = new Map<string, number>();
  const pairs = new Set(snap.refs.map((r) => `${r.from}>${r.to}`));
  for (const r of snap.refs) {
    const from = boxes.get(r.from);
    const to = boxes.get(r.to);
    if (!from || !to) continue;
    const key = r.from < r.to ? `${r.from}>${r.to}` : `${r.to}>${r.from}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    // Bending to the left of each direction puts a->b and b->a on opposite sides.
    const both = r.from !== r.to && pairs.has(`${r.to}>${r.from}`);
    const bend = r.from === r.to ? k : both ? k + 1 : k === 0 ? 0 : Math.ceil(k / 2) * (k % 2 ? 1 : -1);
    const e = edgeSvg(r, from, to, bend, r.from !== r.to && between(from, to));
    for (const [x, y] of e.points) extend(x, y);
    edges.push(e.svg + '\n');
  }
  if (boxes.size === 0) [minX, minY, maxX, maxY] = [0, 0, 200, 40];
  const vx = minX - MARGIN;
  const vy = minY - MARGIN;
  const w = maxX - minX + 2 * MARGIN;
  const h = maxY - minY + 2 * MARGIN;
  const parts: string[] = [];
  parts.push(
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(w)}" height="${n(h)}" viewBox="${n(vx)} ${n(vy)} ${n(w)} ${n(h)}">\n` +
      `<title>${escapeXml(options.title ?? `GC Lab heap, CPython ${snap.profile}`)}</title>\n` +
      `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
      `<path d="M0,0 L10,5 L0,10 z" fill="#4a5568"/></marker></defs>\n` +
      `<rect x="${n(vx)}" y="${n(vy)}" width="${n(w)}" height="${n(h)}" fill="#ffffff"/>\n`,
  );
  if (snap.mode === 'summary') {
    parts.push(`<text x="${n(vx + MARGIN)}" y="${n(vy + MARGIN)}" ${FONT}>${escapeXml(`${snap.totalObjects} objects: too many to draw`)}</text>\n`);
  }
  for (const e of edges) parts.push(e);
  for (const o of snap.objects) {
    const b = boxes.get(o.id);
    if (b) parts.push(nodeSvg(o, b) + '\n');
  }
  parts.push('</svg>\n');
  return parts.join('');
}
