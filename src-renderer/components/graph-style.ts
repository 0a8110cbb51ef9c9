// Cytoscape stylesheet: generation by fill colour, kind by shape, reference labels on edges, and the
// classes the step player and the inspector put on elements. One stylesheet per theme; every rule is a
// plain value or a data selector (no per-element style functions: they cost seconds at 2,000 nodes).
import type { StylesheetJson } from 'cytoscape';
import { GEN_COLOURS_BY_THEME, type ThemeName } from './graph-model';

interface Ink {
  label: string;
  labelOnDark: string;
  border: string;
  borderAtom: string;
  edge: string;
  edgeLabelBg: string;
  select: string;
  path: string;
  cycle: string;
  set: string;
  unreachableBg: string;
  unreachableBorder: string;
  finalized: string;
  flash: string;
}

const INK: Record<ThemeName, Ink> = {
  light: {
    label: '#111111',
    labelOnDark: '#ffffff',
    border: '#37474f',
    borderAtom: '#90a4ae',
    edge: '#607d8b',
    edgeLabelBg: '#fbfbfa',
    select: '#1565c0',
    path: '#0d47a1',
    cycle: '#8e24aa',
    set: '#000000',
    unreachableBg: '#ffcdd2',
    unreachableBorder: '#b71c1c',
    finalized: '#ce93d8',
    flash: '#ff6f00',
  },
  dark: {
    label: '#eef0f2',
    labelOnDark: '#ffffff',
    border: '#aab4bd',
    borderAtom: '#5f6b75',
    edge: '#8f9aa5',
    edgeLabelBg: '#141618',
    select: '#8ab4f8',
    path: '#82b1ff',
    cycle: '#ce93d8',
    set: '#e4e6e8',
    unreachableBg: '#5d1f24',
    unreachableBorder: '#ff8a80',
    finalized: '#6a1b9a',
    flash: '#ffab40',
  },
};

export function graphStyle(theme: ThemeName = 'light'): StylesheetJson {
  const k = INK[theme];
  const gen = GEN_COLOURS_BY_THEME[theme];
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 128,
        height: 62,
        'background-color': gen.none!,
        'border-width': 2,
        'border-color': k.border,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': '124px',
        'text-valign': 'center', // (text-halign is centred by default: every property set costs per element)
        'font-size': 11,
        'font-family': 'ui-monospace, monospace',
        color: k.label,
        // Labels too small to read are not drawn (big graphs zoomed out stay fast).
        'min-zoomed-font-size': 6,
      },
    },
    ...Object.entries(gen).map(([g, c]) => ({
      selector: `node[gen = "${g}"]`,
      style: { 'background-color': c },
    })),
    { selector: 'node[gen = "untracked"]', style: { 'border-style': 'dashed' } },
    { selector: 'node[gen = "permanent"]', style: { color: k.labelOnDark } },
    { selector: 'node[gen = "none"]', style: { shape: 'ellipse', width: 96, height: 46, 'border-color': k.borderAtom } },
    { selector: 'node[immortal = 1]', style: { 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node[?summary]', style: { width: 140, height: 60, 'font-size': 12 } },
    { selector: 'node:selected', style: { 'border-color': k.select, 'border-width': 4, 'overlay-opacity': 0 } },
    // Edges: what every edge needs, then labels and curves for small graphs only. Each property an element
    // matches costs Cytoscape a bounds check and an event per element when first styled: big graphs (2,000
    // edges) get six.
    { selector: 'edge', style: { width: 2, 'line-color': k.edge } },
    {
      selector: 'edge[big != 1]', // also edgehandles' preview edges, which carry no data
      style: {
        'curve-style': 'bezier',
        'control-point-step-size': 36,
        'target-arrow-color': k.edge,
        'target-arrow-shape': 'triangle',
        label: 'data(label)',
        'font-size': 10,
        'font-family': 'ui-monospace, monospace',
        color: k.label,
        'text-background-color': k.edgeLabelBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 7,
      },
    },
    // Big graphs: straight haystack edges (no control points to compute), arrow at the middle.
    {
      selector: 'edge[big = 1]',
      style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'mid-target-arrow-shape': 'triangle', 'mid-target-arrow-color': k.edge },
    },
    { selector: 'edge[kind = "weak"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'vee' } },
    { selector: 'edge:selected', style: { 'line-color': k.select, 'target-arrow-color': k.select, width: 4 } },
    // Inspector highlights.
    // Node and edge apart: a `width` meant for the edge line would shrink a node to a 4 px sliver.
    { selector: 'node.hl-path', style: { 'border-color': k.path, 'border-width': 4 } },
    { selector: 'edge.hl-path', style: { 'line-color': k.path, 'target-arrow-color': k.path, width: 4 } },
    { selector: 'node.hl-cycle', style: { 'underlay-color': k.cycle, 'underlay-opacity': 0.35, 'underlay-padding': 8 } },
    { selector: 'edge.hl-cycle', style: { 'line-color': k.cycle, 'target-arrow-color': k.cycle, width: 3 } },
    // Collection playback.
    { selector: 'node.gc-set', style: { 'border-color': k.set, 'border-width': 3 } },
    { selector: 'node.gc-focus', style: { 'underlay-color': '#fdd835', 'underlay-opacity': 0.7, 'underlay-padding': 10 } },
    { selector: 'node.gc-unreachable', style: { 'background-color': k.unreachableBg, 'border-style': 'dashed', 'border-color': k.unreachableBorder } },
    { selector: 'node.gc-rescued', style: { 'border-color': '#2e7d32', 'border-width': 5 } },
    { selector: 'node.gc-finalized', style: { 'background-color': k.finalized } },
    { selector: 'node.gc-freed', style: { opacity: 0.25 } },
    { selector: 'node.gc-promoted', style: { 'border-color': '#e65100', 'border-width': 5 } },
    { selector: 'edge.gc-flash', style: { 'line-color': k.flash, 'target-arrow-color': k.flash, width: 5 } },
    // Edge drawing (edgehandles).
    { selector: '.eh-hover', style: { 'border-color': k.select, 'border-width': 4 } },
    { selector: '.eh-source', style: { 'border-color': k.select, 'border-width': 4 } },
    { selector: '.eh-preview, .eh-ghost-edge', style: { 'line-color': k.select, 'target-arrow-color': k.select, 'line-style': 'dashed', label: '' } },
    { selector: '.eh-ghost-edge.eh-preview-active', style: { opacity: 0 } },
  ];
}
