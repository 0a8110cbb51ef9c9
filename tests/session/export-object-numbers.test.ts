// Positions saved by object number (`#68`, format 2) place unnamed objects in the graph export too: the
// export's replay recreates the same objects under the same numbers as the lab did.
import { describe, expect, it } from 'vitest';
import { parseSession } from '../../shared/session';
import { buildSnapshot } from '../../src-main/lab/snapshot';
import { replaySession, sessionGraphSvg } from '../../src-main/export';
import { descendants, parseXml } from '../export/xml';
import { fixture } from './support/fixtures';

describe('the graph export of a format 2 session', () => {
  const parsed = parseSession(fixture('v2-unnamed-positions.gclab'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const session = parsed.session;
  const replay = replaySession(session);
  const svg = parseXml(sessionGraphSvg(session, replay));

  function centre(id: number): [number, number] {
    const node = descendants(svg).find((e) => e.name === 'g' && e.attrs.class === 'node' && Number(e.attrs['data-id']) === id)!;
    const rect = descendants(node).find((e) => e.name === 'rect')!;
    const v = (k: string) => Number(rect.attrs[k]);
    return [v('x') + v('width') / 2, v('y') + v('height') / 2];
  }

  it('puts the unnamed list and dict saved as #68 and #67 at their saved positions, and the named one by name', () => {
    const objects = buildSnapshot(replay.python.heap, { maxObjects: 10_000 }).objects;
    const kids = objects.find((o) => o.id === 68)!;
    const leaf = objects.find((o) => o.id === 67)!;
    expect([kids.typeName, kids.names, leaf.typeName, leaf.names]).toEqual(['list', [], 'dict', []]);
    expect(centre(68)).toEqual([300.5, 140]);
    expect(centre(67)).toEqual([480, 210.3]);
    expect(centre(objects.find((o) => o.names.includes('node'))!.id)).toEqual([120, 80]);
  });
});
