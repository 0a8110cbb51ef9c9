// Cytoscape styles an element lazily, on the frame after it is added, and for every property it applies it
// runs "triggers": mark the element's and its edges' style caches dirty (a fresh collection of connected edges
// per property), mark its bounds dirty (a 'bounds' event per property) and maybe the z-order. On an element
// styled for the first time none of that has anything to invalidate: it has no cached style, bounds or
// texture yet, and its edges are being added with it. For 2,000 nodes and edges that bookkeeping was a third
// of the first render (about 230 ms of CPU of ~670 ms styling). This keeps it for every later restyle (a
// class, a data change, a theme switch) and skips it on the first, except the one trigger that reaches
// existing elements: a new bezier edge re-bundles the parallel edges already drawn between the same objects.
import type { Core } from 'cytoscape';

/** The part of Cytoscape's Style instance (cy.style()) involved; not in its public typings. */
interface StyleTriggers {
  checkTriggers(ele: unknown, name: string, fromValue: unknown, toValue: unknown): void;
  checkParallelEdgesBoundsTrigger(ele: unknown, name: string, fromValue: unknown, toValue: unknown): void;
  __gclabFirstStyle?: true;
}
interface ElePrivate {
  _private: { appliedInitStyle?: boolean; styleCache?: unknown };
}

/** Install on the core's current stylesheet; call again after every cy.style(sheet), which makes a new one. */
export function lightenFirstStyling(cy: Core): void {
  const style = cy.style() as unknown as StyleTriggers;
  if (style.__gclabFirstStyle) return;
  const full = style.checkTriggers;
  style.checkTriggers = function (ele, name, fromValue, toValue) {
    const p = (ele as ElePrivate)._private;
    // Cytoscape sets appliedInitStyle once the element's first style application has finished.
    if (p.appliedInitStyle) return full.call(this, ele, name, fromValue, toValue);
    p.styleCache = null;
    this.checkParallelEdgesBoundsTrigger(ele, name, fromValue, toValue);
  };
  style.__gclabFirstStyle = true;
}
