// The graph export is a well-formed standalone SVG with one box per object of the snapshot view and one
// labelled arrow per reference, at the session's saved positions when it has them.
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src-main/lab/snapshot';
import { replaySession, sessionGraphSvg } from '../../src-main/export';
import { buildSession } from './support';
import { descendants, parseXml, type XmlElement } from './xml';

function parseSvg(text: string) {
  const root = parseXml(text);
  const all = descendants(root);
  const groups = (cls: string) => all.filter((e) => e.name === 'g' && e.attrs.class === cls);
  return { root, nodes: groups('node'), edges: groups('edge') };
}
const child = (el: XmlElement, name: string) => descendants(el).find((e) => e !== el && e.name === name)!;
/** A node's text: its tspans' lines. */
const lines = (el: XmlElement) => descendants(child(el, 'text')).filter((e) => e.name === 'tspan').map((t) => t.text);

const PROGRAM = [
  'import weakref',
  'class Node:\n    pass',
  'a = Node()',
  'b = Node()',
  'a.next = b',
  'b.next = a',
  "l = [a, b, 'x<&>\"']",
  "d = {'k': l}",
  "d['self'] = d",
  'w = weakref.ref(a)',
];

describe('graph export as SVG', () => {
  const session = buildSession('3.13', PROGRAM, { view: { positions: { a: [100, 60], b: [400, 60] } } });
  const replay = replaySession(session);
  const snap = buildSnapshot(replay.python.heap, { maxObjects: Number.MAX_SAFE_INTEGER });
  const svg = sessionGraphSvg(session, replay);

  it('is a standalone, well-formed SVG document', () => {
    const { root } = parseSvg(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.viewBox).toMatch(/^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
  });

  it('has one node per object of the snapshot view', () => {
    const { nodes } = parseSvg(svg);
    expect(nodes.map((g) => Number(g.attrs['data-id'])).sort((x, y) => x - y)).toEqual(snap.objects.map((o) => o.id).sort((x, y) => x - y));
    expect(nodes.length).toBeGreaterThanOrEqual(6);
  });

  it('has one edge per reference, carrying its label', () => {
    const { edges } = parseSvg(svg);
    const key = (from: unknown, to: unknown, label: unknown) => `${from}>${to} ${label}`;
    const drawn = edges.map((g) => key(g.attrs['data-from'], g.attrs['data-to'], child(g, 'text').text)).sort();
    expect(drawn).toEqual(snap.refs.map((r) => key(r.from, r.to, r.label)).sort());
    expect(drawn.filter((e) => e.endsWith(' .next'))).toHaveLength(2);
    expect(drawn.some((e) => e.endsWith(" ['self']"))).toBe(true);
  });

  it('names each object in its box: bound names, type and value, refcount', () => {
    const { nodes } = parseSvg(svg);
    const a = snap.objects.find((o) => o.names.includes('a'))!;
    expect(lines(nodes.find((g) => Number(g.attrs['data-id']) === a.id)!)).toEqual(['a', 'Node', `refcount ${a.refcount}`]);
  });

  it('shows a string with XML characters as its text', () => {
    const { nodes } = parseSvg(svg);
    expect(nodes.some((g) => lines(g).includes(`str 'x<&>"'`))).toBe(true);
  });

  it('puts objects whose handles have saved positions at those positions (box centres)', () => {
    const { nodes } = parseSvg(svg);
    const centre = (name: string) => {
      const id = snap.globals.find((g) => g.name === name)!.target;
      const rect = child(nodes.find((g) => Number(g.attrs['data-id']) === id)!, 'rect');
      const v = (k: string) => Number(rect.attrs[k]);
      return [v('x') + v('width') / 2, v('y') + v('height') / 2];
    };
    expect(centre('a')).toEqual([100, 60]);
    expect(centre('b')).toEqual([400, 60]);
  });

  it('lays out a session without positions deterministically, every box apart from the others', () => {
    const plain = buildSession('3.13', PROGRAM);
    const once = sessionGraphSvg(plain, replaySession(plain));
    expect(sessionGraphSvg(plain, replaySession(plain))).toBe(once);
    const rects = parseSvg(once).nodes.map((g) => {
      const r = child(g, 'rect');
      return ['x', 'y', 'width', 'height'].map((k) => Number(r.attrs[k]));
    });
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [x1, y1, w1, h1] = rects[i]!;
        const [x2, y2, w2, h2] = rects[j]!;
        expect(x1! + w1! <= x2! || x2! + w2! <= x1! || y1! + h1! <= y2! || y2! + h2! <= y1!).toBe(true);
      }
    }
  });
});

describe('the well-formedness check used above', () => {
  it('rejects unclosed tags, raw ampersands and forbidden characters that an unescaped label would produce', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow(/closed by/);
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow(/entity/);
    expect(() => parseXml('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => parseXml('<svg><text>\u0001</text></svg>')).toThrow(/not allowed/);
    expect(parseXml('<svg a="1"><text>x &lt;&amp;&gt;</text></svg>').children[0]!.text).toBe('x <&>');
  });
});
