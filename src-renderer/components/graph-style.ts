// Cytoscape stylesheet: generation by fill colour, kind by shape, reference labels on edges, and the
// classes the step player and the inspector put on elements.
import type { StylesheetJson } from 'cytoscape';
import { GEN_COLOURS } from './graph-model';

export const graphStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 128,
      height: 62,
      'background-color': '#eceff1',
      'border-width': 2,
      'border-color': '#37474f',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '124px',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 11,
      'font-family': 'ui-monospace, monospace',
      color: '#111',
      // Labels too small to read are not drawn (big graphs zoomed out stay fast).
      'min-zoomed-font-size': 6,
    },
  },
  ...Object.entries(GEN_COLOURS).map(([g, c]) => ({
    selector: `node[gen = "${g}"]`,
    style: { 'background-color': c },
  })),
  { selector: 'node[gen = "untracked"]', style: { 'border-style': 'dashed' } },
  { selector: 'node[gen = "permanent"]', style: { color: '#fff' } },
  { selector: 'node[gen = "none"]', style: { shape: 'ellipse', width: 96, height: 46, 'border-color': '#90a4ae' } },
  { selector: 'node[big = 1]', style: { 'text-wrap': 'none' } },
  { selector: 'node[immortal = 1]', style: { 'border-style': 'double', 'border-width': 4 } },
  { selector: 'node[?summary]', style: { width: 140, height: 60, 'font-size': 12 } },
  { selector: 'node:selected', style: { 'border-color': '#1565c0', 'border-width': 4, 'overlay-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'control-point-step-size': 36,
      'line-color': '#607d8b',
      'target-arrow-color': '#607d8b',
      'target-arrow-shape': 'triangle',
      label: 'data(label)',
      'font-size': 10,
      'font-family': 'ui-monospace, monospace',
      'text-background-color': '#fff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
      'text-rotation': 'autorotate',
      'min-zoomed-font-size': 7,
    },
  },
  // Big graphs: straight haystack edges (no control points to compute), arrow at the middle.
  { selector: 'edge[big = 1]', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', 'mid-target-arrow-shape': 'triangle', 'mid-target-arrow-color': '#607d8b' } },
  { selector: 'edge[kind = "weak"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'vee' } },
  { selector: 'edge:selected', style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0', width: 4 } },
  // Inspector highlights.
  { selector: '.hl-path', style: { 'border-color': '#0d47a1', 'line-color': '#0d47a1', 'target-arrow-color': '#0d47a1', width: 4, 'border-width': 4 } },
  { selector: 'node.hl-cycle', style: { 'underlay-color': '#8e24aa', 'underlay-opacity': 0.35, 'underlay-padding': 8 } },
  { selector: 'edge.hl-cycle', style: { 'line-color': '#8e24aa', 'target-arrow-color': '#8e24aa', width: 3 } },
  // Collection playback.
  { selector: 'node.gc-set', style: { 'border-color': '#000', 'border-width': 3 } },
  { selector: 'node.gc-focus', style: { 'underlay-color': '#fdd835', 'underlay-opacity': 0.7, 'underlay-padding': 10 } },
  { selector: 'node.gc-unreachable', style: { 'background-color': '#ffcdd2', 'border-style': 'dashed', 'border-color': '#b71c1c' } },
  { selector: 'node.gc-rescued', style: { 'border-color': '#2e7d32', 'border-width': 5 } },
  { selector: 'node.gc-finalized', style: { 'background-color': '#ce93d8' } },
  { selector: 'node.gc-freed', style: { opacity: 0.25 } },
  { selector: 'node.gc-promoted', style: { 'border-color': '#e65100', 'border-width': 5 } },
  { selector: 'edge.gc-flash', style: { 'line-color': '#ff6f00', 'target-arrow-color': '#ff6f00', width: 5 } },
  // Edge drawing (edgehandles).
  { selector: '.eh-hover', style: { 'border-color': '#1565c0', 'border-width': 4 } },
  { selector: '.eh-source', style: { 'border-color': '#1565c0', 'border-width': 4 } },
  { selector: '.eh-preview, .eh-ghost-edge', style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0', 'line-style': 'dashed', label: '' } },
  { selector: '.eh-ghost-edge.eh-preview-active', style: { opacity: 0 } },
];
