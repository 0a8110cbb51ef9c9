// The renderer's view <-> session handles (src-renderer/lib/session-files.ts): named objects by name, the
// others by object number, and back to object ids when a file is opened.
import { describe, expect, it } from 'vitest';
import { viewToRestore, viewToSave } from '../../src-renderer/lib/session-files';

const objects = [
  { id: 62, names: ['holder'] },
  { id: 61, names: [] },
  { id: 70, names: ['f:x'] },
  { id: 71, names: ['f:y', 'kept'] },
];

describe('view handles', () => {
  it('saves a named object under its global name and any other under its object number, to 0.1', () => {
    const view = viewToSave(objects, {
      positions: new Map([[62, { x: 10.04, y: -3.96 }], [61, { x: 250.55, y: 40 }], [70, { x: 1, y: 2 }], [71, { x: 3, y: 4 }], [99, { x: 0, y: 0 }]]),
      zoom: 0.64,
      pan: { x: 12.5, y: -7 },
      panels: ['objects'],
    });
    expect(view).toEqual({ positions: { holder: [10, -4], '#61': [250.6, 40], '#70': [1, 2], kept: [3, 4] }, zoom: 0.64, pan: [12.5, -7], panels: ['objects'] });
  });

  it('opens names and object numbers as object ids, and skips names nothing is bound to', () => {
    const canvas = viewToRestore(objects, { positions: { holder: [10, -4], '#61': [250.6, 40], gone: [5, 5] }, zoom: 2, pan: [1, 2], panels: ['memory'] });
    expect([...canvas.positions]).toEqual([[62, { x: 10, y: -4 }], [61, { x: 250.6, y: 40 }]]);
    expect([canvas.zoom, canvas.pan, canvas.panels]).toEqual([2, { x: 1, y: 2 }, ['memory']]);
  });
});
