// The canvas's elements and stylesheet for a big heap (the 2,000-list chain of the UI benchmark) and a small
// one, checked on a headless Cytoscape with the real stylesheet: what a user reads on the nodes and edges.
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { createPythonSession } from '../../src-main/engine/python/session';
import { buildSnapshot } from '../../src-main/lab/snapshot';
import { toElements } from '../../src-renderer/components/graph-model';
import { graphStyle } from '../../src-renderer/components/graph-style';
import type { HeapSnapshot } from '../../shared/snapshot';

const CHAIN = 'head = []\nprev = head\nfor i in range(1999):\n    n = [prev]\n    prev = n\ndel n\n';

function snapshotOf(source: string): HeapSnapshot {
  const s = createPythonSession('3.13');
  const r = s.exec(source);
  expect(r.ok).toBe(true);
  return buildSnapshot(s.heap, { maxObjects: 2500 });
}

/** The elements on a headless Cytoscape styled like the canvas (GraphView: edge labels up to 600 objects). */
function drawn(snap: HeapSnapshot) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle('light') });
  cy.add(toElements(snap, new Map(), snap.objects.length <= 600));
  return cy;
}

describe('graph elements and styles', () => {
  const chain = snapshotOf(CHAIN);
  const small = snapshotOf('a = [1]\nb = [a]\n');
  const chainCy = drawn(chain);

  it('a node of the 2,000-object chain shows its name, type, size and refcount, as in a small graph', () => {
    const cy = chainCy;
    const head = chain.objects.find((o) => o.names.includes('head'))!;
    expect(chain.objects.length).toBeGreaterThanOrEqual(2000);
    expect(cy.getElementById(String(head.id)).style('label')).toBe(`head =\nlist [0]\nrc ${head.refcount}`);
    const a = small.objects.find((o) => o.names.includes('a'))!;
    expect(drawn(small).getElementById(String(a.id)).style('label')).toBe(`a =\nlist [1]\nrc ${a.refcount}`);
  });

  it('references of the 2,000-object chain are straight, unlabelled, with the arrow at the middle', () => {
    const edge = chainCy.edges()[0]!;
    expect(edge.style('curve-style')).toBe('haystack');
    expect(edge.style('label')).toBe('');
    expect(edge.style('mid-target-arrow-shape')).toBe('triangle');
    expect(edge.style('target-arrow-shape')).toBe('none');
  });

  it('references of a small graph are labelled with how they are held and point at their target', () => {
    const cy = drawn(small);
    const b = small.objects.find((o) => o.names.includes('b'))!;
    const edge = cy.getElementById(String(b.id)).outgoers('edge')[0]!;
    expect(edge.style('label')).toBe('[0]');
    expect(edge.style('curve-style')).toBe('bezier');
    expect(edge.style('target-arrow-shape')).toBe('triangle');
  });

  it('a selected reference of the 2,000-object chain is drawn in the selection colour', () => {
    const edge = chainCy.edges()[1]!;
    const before = edge.style('line-color');
    edge.select();
    expect(edge.style('line-color')).not.toBe(before);
    expect(edge.style('width')).toBe('4px');
    edge.unselect();
  });
});
