// The heap view the renderer draws: what it shows for the scenes of issue 6, checked against real CPython.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Heap, Kind, PROFILE_IDS } from '../../src-main/engine/index';
import { Pymalloc } from '../../src-main/engine/alloc/pymalloc';
import { mallocStats } from '../../src-main/engine/alloc/stats';
import { buildSnapshot, HeapTracker, memoryMapView, recordBaseline, tablePage } from '../../src-main/lab/snapshot';
import { createPythonSession } from '../../src-main/engine/python/session';
import { newestInterpreter, runPython } from '../support/cpython';

const isSmallInt = (v: unknown) => typeof v === 'bigint' && v >= -5n && v <= 256n;

/** name = obj, stealing the caller's new reference (like STORE_NAME). */
function bind(h: Heap, name: string, id: number): number {
  const k = h.intern(name);
  h.dictSetItem(h.globals, k, id);
  h.decref(k);
  h.decref(id);
  return id;
}
function unbind(h: Heap, name: string): void {
  const k = h.intern(name);
  h.dictDelItem(h.globals, k);
  h.decref(k);
}
function twoLists(h: Heap): [number, number] {
  const a = bind(h, 'a', h.newList());
  const b = bind(h, 'b', h.newList());
  h.listAppend(a, b);
  h.listAppend(b, a);
  return [a, b];
}

describe('heap view', () => {
  it('shows two named lists that hold each other with their names, item labels and refcount 2', () => {
    const h = new Heap('3.13');
    const [a, b] = twoLists(h);
    const s = buildSnapshot(h);
    expect(s.mode).toBe('full');
    expect(s.objects.map((o) => [o.id, o.names, o.refcount, o.gen])).toEqual([
      [a, ['a'], 2, 0],
      [b, ['b'], 2, 0],
    ]);
    expect(s.refs.map((r) => [r.from, r.to, r.label])).toEqual(expect.arrayContaining([[a, b, '[0]'], [b, a, '[0]']]));
    expect(s.globals.map((g) => g.name)).toEqual(['a', 'b']);
  });

  it('keeps showing an unnamed cycle as garbage until Collect generation 2 frees it', () => {
    const h = new Heap('3.13');
    h.disable();
    const [a, b] = twoLists(h);
    unbind(h, 'a');
    unbind(h, 'b');
    const before = buildSnapshot(h);
    expect(before.objects.map((o) => o.id).sort()).toEqual([a, b].sort());
    expect(before.objects.every((o) => o.names.length === 0 && o.refcount === 1)).toBe(true);
    expect(h.collect(2)).toBe(2);
    expect(buildSnapshot(h).objects).toEqual([]);
  });

  it('never draws objects the runtime made before the first statement as garbage, but does draw the user\'s', () => {
    const h = new Heap('3.13');
    const runtimeOwn = h.newList(); // held by the runtime outside any root the view can see
    recordBaseline(h);
    const mine = h.newList();
    h.listAppend(mine, mine);
    h.decref(mine); // now only its own cycle holds it
    const ids = buildSnapshot(h).objects.map((o) => o.id);
    expect(ids).toEqual([mine]);
    expect(ids).not.toContain(runtimeOwn);
  });

  it('draws what a Python program made, not the modules it imported nor the interpreter\'s own objects', () => {
    const py = createPythonSession('3.13');
    recordBaseline(py.heap);
    py.exec('import gc\na = [1000]\nb = [a]\ndel b\ngc.collect()\nc = []\nc.append(c)\ndel c\n');
    const s = buildSnapshot(py.heap);
    expect(s.globals.map((g) => g.name)).toEqual(['a']);
    expect(s.objects.map((o) => `${o.typeName} ${o.label}`)).toEqual(['list [1]', 'int 1000', 'list [1]']);
  });

  it('reports the collector counters, thresholds and the allocations left before an automatic collection', () => {
    const h = new Heap('3.12');
    twoLists(h);
    const g = buildSnapshot(h, { maxObjects: 0 }).gc;
    expect(g.thresholds).toEqual([700, 10, 10]);
    expect(g.counts[0]).toBe(2);
    expect(g.nextAutoIn).toBe(699);
    h.disable();
    expect(buildSnapshot(h, { maxObjects: 0 }).gc.nextAutoIn).toBeNull();
  });

  it('labels dict values by key and instance attributes by name, and marks a class with __del__', () => {
    const h = new Heap('3.13');
    const C = bind(h, 'C', h.newClass('C', { hasDel: true }));
    const d = bind(h, 'd', h.newDict());
    const x = bind(h, 'x', h.newInstance(C));
    const k = h.newStr('k');
    h.dictSetItem(d, k, x);
    h.decref(k);
    const l = h.newList();
    h.setAttr(x, 'attr', l);
    h.decref(l);
    const s = buildSnapshot(h);
    expect(s.refs.filter((r) => r.from === d).map((r) => [r.label, r.key])).toEqual([["['k']", "'k'"]]);
    expect(s.refs.filter((r) => r.from === x).map((r) => r.label)).toEqual(['.attr', '__class__']);
    expect(s.objects.find((o) => o.id === x)?.hasDel).toBe(true);
  });

  it('falls back to a summary by type, or a neighbourhood around a chosen object, when the heap is too big to draw', () => {
    const h = new Heap('3.13');
    const big = bind(h, 'big', h.newList());
    for (let i = 0; i < 300; i++) {
      const e = h.newList();
      h.listAppend(big, e);
      h.decref(e);
    }
    const s = buildSnapshot(h, { maxObjects: 100 });
    expect(s.mode).toBe('summary');
    expect(s.totalObjects).toBe(301);
    expect(s.byType).toEqual([{ typeName: 'list', count: 301, bytes: expect.any(Number) }]);
    const n = buildSnapshot(h, { maxObjects: 100, focus: big, radius: 1 });
    expect(n.mode).toBe('neighbourhood');
    expect(n.objects).toHaveLength(100);
    expect(n.objects[0]!.id).toBe(big);
  });

  it('shows the neighbourhood of an item of a huge list as the list and the items around the chosen one, not all its items', () => {
    const h = new Heap('3.13');
    const big = bind(h, 'big', h.newList());
    const items: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const e = h.newList();
      h.listAppend(big, e);
      h.decref(e);
      items.push(e);
    }
    const last = items[2999]!;
    const n = buildSnapshot(h, { maxObjects: 2000, focus: last, radius: 2 });
    const ids = n.objects.map((o) => o.id);
    expect(n.mode).toBe('neighbourhood');
    expect(ids[0]).toBe(last);
    expect(ids).toContain(big);
    expect(ids).toContain(items[2998]);
    expect(ids).not.toContain(items[0]);
    expect(ids.length).toBeLessThanOrEqual(2 + 16);
  });

  it('pages, searches and sorts the objects table over the whole heap', () => {
    const h = new Heap('3.13');
    const big = bind(h, 'big', h.newList());
    for (let i = 0; i < 50; i++) {
      const e = h.newList();
      h.listAppend(big, e);
      h.decref(e);
    }
    const p = tablePage(h, { sortBy: 'refcount', descending: true, limit: 10 });
    expect(p.total).toBe(51);
    expect(p.rows).toHaveLength(10);
    expect(tablePage(h, { search: 'big' }).rows.map((r) => r.id)).toEqual([big]);
  });

  it('maps every block of the memory map to the object that owns it', () => {
    const h = new Heap('3.13');
    const [a, b] = twoLists(h);
    const m = memoryMapView(h)!;
    expect(m.poolSize).toBe(16384);
    expect(m.owners).toContain(a);
    expect(m.owners).toContain(b);
    expect(m.report).toContain('Small block threshold = 512');
  });

  it('shows the refcount and sys.getsizeof that real CPython reports for the same objects', (ctx) => {
    const py = newestInterpreter();
    if (!py) return ctx.skip('no CPython 3.8-3.13 interpreter found (pyenv)');
    const h = new Heap(py.version);
    const [a] = twoLists(h);
    const d = bind(h, 'd', h.newDict());
    h.dictSetItem(d, h.intern('a'), a);
    const s = buildSnapshot(h);
    const real = runPython(
      py,
      "import sys\na=[];b=[];a.append(b);b.append(a)\nd={}\nd['a']=a\n" +
        'print(sys.getrefcount(a)-1, sys.getsizeof(a))\nprint(sys.getrefcount(b)-1, sys.getsizeof(b))\nprint(sys.getrefcount(d)-1, sys.getsizeof(d))\n',
    ).stdout.trim().split('\n');
    const mine = [a, s.objects.find((o) => o.names.includes('b'))!.id, d].map((id) => {
      const o = s.objects.find((x) => x.id === id)!;
      return `${o.refcount} ${o.size}`;
    });
    expect(mine).toEqual(real);
  });
});

describe('heap samples over time', () => {
  // The statements a random session is made of: allocations of every size class and the raw allocator,
  // growth (realloc), frees by refcount, cycles freed by the collector, instances with dicts, free-list reuse.
  const STATEMENTS = [
    'a = [i for i in range(40)]',
    'b = {str(i): [i] for i in range(12)}',
    'c = "x" * 700',
    'a.append(a)',
    'del a',
    'b.clear()',
    'class N:\n    pass',
    'n = N(); n.me = n; n.data = [1.5, 2.5, (1, 2)]',
    'del n',
    'gc.collect()',
    'c = None',
    't = tuple(range(30)); f = 3.25 * 2',
    'big = list(range(200)); del big[::2]',
    'd = {}; d[d.__class__] = [d]',
    'del d',
  ];

  it('counts live objects and pymalloc bytes without walking, and the counts equal the walks after random statements', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILE_IDS), fc.array(fc.nat(STATEMENTS.length - 1), { minLength: 1, maxLength: 30 }), (profile, picks) => {
        const py = createPythonSession(profile);
        const tracker = new HeapTracker();
        tracker.attach(py.heap);
        py.exec('import gc');
        for (const i of picks) {
          py.exec(STATEMENTS[i]!);
          tracker.afterOperation();
          const sample = tracker.samples.at(-1)!;
          const ids = [...py.heap.liveIds()];
          // The small ints -5..256 count from the start; a walk sees those used so far.
          const smallMade = ids.filter((id) => py.heap.kind(id) === Kind.Int && isSmallInt(py.heap.value(id))).length;
          const stats = mallocStats(py.heap.alloc as Pymalloc);
          expect(sample.liveObjects).toBe(ids.length + 262 - smallMade);
          expect(sample.blockBytes).toBe(stats.bytesInAllocatedBlocks);
          expect(sample.arenaBytes).toBe(stats.arenasCurrent * stats.arenaSize);
        }
        expect(tracker.samples.map((s) => s.seq)).toEqual(picks.map((_, i) => i + 1));
      }),
      { numRuns: 40 },
    );
  });

  it('counts the 262 small ints alive from the start, as CPython makes them at startup: a first use of 5 adds no live object, of 1000 one', () => {
    const py = createPythonSession('3.13');
    const tracker = new HeapTracker();
    tracker.attach(py.heap);
    for (const s of ['a = None', 'a = 5', 'a = -5', 'a = 256', 'a = 1000']) {
      py.exec(s);
      tracker.afterOperation();
    }
    const live = tracker.samples.map((s) => s.liveObjects);
    expect(live.map((n) => n - live[0]!)).toEqual([0, 0, 0, 0, 1]);
    // 262 more than the objects a walk of a new heap finds (None, True, False, ..., no small int made yet).
    const fresh = new Heap('3.13');
    expect(fresh.liveCount() - [...fresh.liveIds()].length).toBe(262);
  });

  it('samples what a program frees: rebinding a list of 1,000 empty lists drops 1,001 objects and the blocks the list free list does not keep', () => {
    const py = createPythonSession('3.13');
    const tracker = new HeapTracker();
    tracker.attach(py.heap);
    py.exec('xs = [[] for _ in range(1000)]');
    tracker.afterOperation();
    py.exec('xs = None');
    tracker.afterOperation();
    const [full, freed] = tracker.samples;
    expect(full!.liveObjects - freed!.liveObjects).toBe(1001); // the outer list and its 1,000 items
    // 3.13's empty list is 56 bytes, a 64-byte block, but the list free list keeps 80 of them allocated
    // (PyList_MAXFREELIST); the outer list's 8,000-odd byte item array is raw.
    expect(full!.blockBytes - freed!.blockBytes).toBe((1001 - 80) * 64);
  });
});
