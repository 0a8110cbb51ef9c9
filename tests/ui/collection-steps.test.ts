// The step player's script, built from the engine's real 'full' trace of a collection.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/events';
import { stepsFromEvents } from '../../src-renderer/components/collection-steps';
import { createPythonSession } from '../../src-main/engine/python/session';
import { buildSnapshot, recordBaseline } from '../../src-main/lab/snapshot';

function traced(setup: string, collect: string) {
  const py = createPythonSession('3.13');
  recordBaseline(py.heap);
  py.exec(setup);
  const before = buildSnapshot(py.heap);
  const events: EngineEvent[] = [];
  py.heap.setTrace('full', (e) => events.push(e));
  py.exec(collect);
  py.heap.setTrace('off', null);
  return { before, steps: stepsFromEvents(events, before) };
}

describe('collection steps', () => {
  it('two lists that hold each other: both references subtracted, both set apart, both freed', () => {
    const { before, steps } = traced('import gc\na = []\nb = []\na.append(b)\nb.append(a)\ndel a, b\n', 'gc.collect(2)');
    const ids = before.objects.map((o) => o.id).sort();
    expect(ids).toHaveLength(2);
    const subtract = steps.filter((s) => s.phase === 'subtract_refs' && s.flash.length === 1);
    expect(subtract).toHaveLength(2);
    expect(subtract.map((s) => s.gcRefs[s.focus[0]!])).toEqual([0, 0]);
    const last = steps.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.caption).toContain('2 unreachable objects found');
    expect([...last.freed].sort()).toEqual(ids);
  });

  it('a list still named survives: its gc_refs stays 1 and it is promoted, nothing is freed', () => {
    const { before, steps } = traced('import gc\na = []\na.append(a)\n', 'gc.collect(0)');
    const [a] = before.objects;
    const last = steps.at(-1)!;
    expect(last.freed).toEqual([]);
    expect(last.promoted).toEqual([a!.id]);
    expect(steps.some((s) => s.phase === 'subtract_refs' && s.gcRefs[a!.id] === 1)).toBe(true);
  });

  it('finalizers of a two-instance cycle run in creation order', () => {
    const { before, steps } = traced(
      'import gc\nclass D:\n    def __del__(self):\n        pass\nx = D()\ny = D()\nx.o = y\ny.o = x\ndel x, y\n',
      'gc.collect()',
    );
    const inst = before.objects.filter((o) => o.typeName === 'D').map((o) => o.id);
    const fin = steps.filter((s) => s.phase === 'finalize' && s.focus.length).map((s) => s.focus[0]);
    expect(fin).toEqual(inst);
  });

  it('each finalizer step shows what its __del__ printed, and the console text grows step by step', () => {
    const { before, steps } = traced(
      "import gc\nclass D:\n    def __del__(self):\n        print('del', self.n)\nx = D()\nx.n = 'A'\ny = D()\ny.n = 'B'\nx.o = y\ny.o = x\ndel x, y\n",
      'gc.collect()',
    );
    const [a, b] = before.objects.filter((o) => o.typeName === 'D').map((o) => o.id);
    const fin = steps.filter((s) => s.phase === 'finalize' && s.focus.length);
    expect(fin.map((s) => [s.focus[0], s.output, s.printed])).toEqual([
      [a, 'del A\n', 'del A\n'],
      [b, 'del B\n', 'del A\ndel B\n'],
    ]);
    expect(fin[0]!.caption).toMatch(/It prints:$/);
    // Nothing printed before the first finalizer; everything after the last.
    expect(steps.slice(0, steps.indexOf(fin[0]!)).map((s) => s.printed).filter(Boolean)).toEqual([]);
    expect(steps.at(-1)!.printed).toBe('del A\ndel B\n');
    expect(steps.at(-1)!.output).toBe('');
  });

  it('a weakref callback run by the collection shows its print at its step', () => {
    const { steps } = traced(
      "import gc, weakref\nclass C:\n    pass\nc = C()\nc.me = c\ndef cb(r):\n    print('cb ran')\nw = weakref.ref(c, cb)\ndel c\n",
      'gc.collect()',
    );
    const cb = steps.filter((s) => s.output);
    expect(cb.map((s) => [s.phase, s.caption, s.output])).toEqual([['weakrefs', expect.stringMatching(/^The callback of weak reference w runs\. It prints:$/), 'cb ran\n']]);
    expect(steps.at(-1)!.printed).toBe('cb ran\n');
  });
});
