// The first-styling shortcut must not change what Cytoscape computes: sizes and classes applied later
// still restyle and re-measure, and a second reference between the same objects still bends both edges.
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { lightenFirstStyling } from '../../src-renderer/components/cy-first-style';

function core() {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [
      { selector: 'node', style: { width: 100, height: 50, shape: 'rectangle' } },
      { selector: 'node.big', style: { width: 300 } },
      { selector: 'edge', style: { 'curve-style': 'bezier', width: 2 } },
    ],
  });
  lightenFirstStyling(cy);
  return cy;
}

describe('lightenFirstStyling', () => {
  it('a node keeps its styled size, and a class added later resizes it', () => {
    const cy = core();
    const n = cy.add({ group: 'nodes', data: { id: 'a' }, position: { x: 0, y: 0 } });
    expect(n.width()).toBe(100);
    n.addClass('big');
    expect(n.width()).toBe(300);
    expect(n.boundingBox({ includeLabels: false }).w).toBeGreaterThanOrEqual(300);
  });

  it('later restyles still fire bounds events; first styling of new elements does not', () => {
    const cy = core();
    let bounds = 0;
    cy.on('bounds', () => bounds++);
    const n = cy.add({ group: 'nodes', data: { id: 'a' }, position: { x: 0, y: 0 } });
    n.width(); // forces the first style application
    const afterAdd = bounds;
    n.addClass('big');
    n.width();
    expect(bounds).toBeGreaterThan(afterAdd);
  });

  it('is installed again on the stylesheet a theme switch creates', () => {
    const cy = core();
    cy.style([{ selector: 'node', style: { width: 40 } }]);
    lightenFirstStyling(cy);
    const n = cy.add({ group: 'nodes', data: { id: 'a' } });
    expect(n.width()).toBe(40);
    expect((cy.style() as unknown as { __gclabFirstStyle?: true }).__gclabFirstStyle).toBe(true);
  });
});
