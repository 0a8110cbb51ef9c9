// Snapshot -> Cytoscape elements. The canvas is a view of the engine's heap, never its owner: every redraw
// starts from a snapshot, and only positions (the user's layout) survive between snapshots.
import type { ElementDefinition } from 'cytoscape';
import type { GenTag, HeapSnapshot, SnapObject } from '../../shared/snapshot';

export type ThemeName = 'light' | 'dark';

/**
 * Generation colours per theme: young to old warms up; permanent and untracked stand apart from the three.
 * Dark fills are deeper so light label text keeps a contrast of at least 4.5:1 on them.
 */
export const GEN_COLOURS_BY_THEME: Record<ThemeName, Record<string, string>> = {
  light: { '0': '#4caf50', '1': '#ffb300', '2': '#e53935', permanent: '#5c6bc0', untracked: '#ffffff', none: '#eceff1' },
  dark: { '0': '#2e7d32', '1': '#8d6e00', '2': '#b71c1c', permanent: '#3949ab', untracked: '#1f2226', none: '#2b3036' },
};
export const GEN_COLOURS = GEN_COLOURS_BY_THEME.light;

export const GEN_LEGEND: { tag: GenTag; text: string; tip: string }[] = [
  { tag: 0, text: 'generation 0', tip: 'Young: tracked objects allocated since the last collection of generation 0.' },
  { tag: 1, text: 'generation 1', tip: 'Survived one collection of generation 0.' },
  { tag: 2, text: 'generation 2', tip: 'Old: survived a collection of generation 1 or 2; only full collections look at it.' },
  { tag: 'permanent', text: 'permanent', tip: 'Frozen by gc.freeze() (or immortal, 3.12+): never examined by the collector.' },
  { tag: 'untracked', text: 'untracked', tip: 'A GC type the collector is not watching (e.g. a dict of atoms, a tuple of atoms after a collection).' },
  { tag: 'none', text: 'not a GC type', tip: 'Atoms (int, str, float, bytes, None) cannot form cycles and are never tracked.' },
];

export function genKey(g: GenTag): string {
  return String(g);
}

export function refcountText(o: SnapObject): string {
  return o.immortal ? 'rc ∞ immortal' : `rc ${o.refcount}`;
}

/** A local of a function frame ('f1:x') drawn as `f1: x`, apart from globals. */
export function nameText(n: string): string {
  return n.replace(':', ': ');
}

export function nodeLabel(o: SnapObject): string {
  const names = o.names.length ? `${o.names.map(nameText).join(', ')} =\n` : '';
  const flags = [o.hasDel ? '__del__' : '', o.finalized ? 'finalized' : '', o.weakrefs ? `◌${o.weakrefs}` : '']
    .filter(Boolean)
    .join(' ');
  return `${names}${o.typeName} ${o.label}\n${refcountText(o)}${flags ? `\n${flags}` : ''}`;
}

export interface Positions {
  get(id: number): { x: number; y: number } | undefined;
}

export function toElements(s: HeapSnapshot, pos: Positions, edgeLabels = true): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  if (s.mode === 'summary') {
    s.byType.forEach((t, i) => {
      out.push({
        group: 'nodes',
        data: { id: `type:${t.typeName}`, label: `${t.typeName}\n× ${t.count.toLocaleString('en')}`, summary: 1, gen: 'none' },
        position: { x: 160 * (i % 6), y: 110 * Math.floor(i / 6) },
      });
    });
    return out;
  }
  for (const o of s.objects) {
    const p = pos.get(o.id);
    out.push({
      group: 'nodes',
      data: {
        id: String(o.id),
        // The same lines at every size: names, type and size, refcount. Cytoscape measures each distinct line
        // once (a chain of 2,000 lists has four), so big graphs keep their refcounts at no measurable cost.
        label: nodeLabel(o),
        gen: genKey(o.gen),
        kind: o.kind,
        immortal: o.immortal ? 1 : 0,
        named: o.names.length ? 1 : 0,
      },
      ...(p ? { position: { x: p.x, y: p.y } } : {}),
    });
  }
  const present = new Set(s.objects.map((o) => o.id));
  for (const r of s.refs) {
    if (!present.has(r.from) || !present.has(r.to)) continue;
    out.push({
      group: 'edges',
      data: { id: `e${r.id}`, source: String(r.from), target: String(r.to), label: edgeLabels ? r.label : '', kind: r.kind, big: edgeLabels ? 0 : 1 },
    });
  }
  return out;
}
