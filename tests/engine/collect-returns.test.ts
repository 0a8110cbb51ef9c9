// gc.collect() return values for the garbage shapes of reference §3.7 (measured on 3.8.18-3.13.0).
import { describe, it, expect } from 'vitest';
import { Lab, SEPARATE_DICT, NO_INSTANCE_DICT } from './support/lab';
import { DEBUG_SAVEALL } from '../../src-main/engine/index';

const expected = (v: string, withDicts: number, without: number): number => (SEPARATE_DICT.includes(v as never) ? withDicts : without);
const VERSIONS = [...SEPARATE_DICT, ...NO_INSTANCE_DICT];

describe.each(VERSIONS)('CPython %s', (v) => {
  it('a cycle of two plain instances collects 4 objects on 3.8-3.10 (with their __dict__s) and 2 on 3.11+', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const C = lab.defineClass('C');
    lab.drop(...lab.ring(C, 2));
    expect(lab.h.collect()).toBe(expected(v, 4, 2));
    lab.expectConsistent();
  });

  it('a two-instance cycle whose class has __del__ returns the same count and calls both finalizers', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const D = lab.defineClass('D', { hasDel: true });
    lab.drop(...lab.ring(D, 2));
    expect(lab.h.collect()).toBe(expected(v, 4, 2));
    expect(lab.finalized).toHaveLength(2);
    lab.expectConsistent();
  });

  it('a two-instance cycle of a __slots__ class collects 2 objects', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const S = lab.defineClass('S', { slots: ['o'], slotsWeakref: true });
    lab.drop(...lab.ring(S, 2));
    expect(lab.h.collect()).toBe(2);
  });

  it('a list that contains itself collects 1 object', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const l = lab.h.newList();
    lab.h.listAppend(l, l);
    lab.drop(l);
    expect(lab.h.collect()).toBe(1);
    lab.expectConsistent();
  });

  it('a dict that contains itself collects 1 object', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const d = lab.h.newDict();
    const k = lab.h.newStr('self');
    lab.h.dictSetItem(d, k, d);
    lab.drop(k, d);
    expect(lab.h.collect()).toBe(1);
    lab.expectConsistent();
  });

  it('DEBUG_SAVEALL keeps the garbage in gc.garbage: [C, C, dict, dict] on 3.8-3.10, [C, C] on 3.11+', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const C = lab.defineClass('C');
    lab.h.setDebug(DEBUG_SAVEALL);
    lab.drop(...lab.ring(C, 2));
    expect(lab.h.collect()).toBe(expected(v, 4, 2));
    const names = lab.h.items(lab.h.garbage).map((x) => lab.h.typeName(x));
    expect(names).toEqual(SEPARATE_DICT.includes(v as never) ? ['C', 'C', 'dict', 'dict'] : ['C', 'C']);
    lab.expectConsistent();
  });

  it('an outside weakref with a callback to a collected cycle gets its callback once and then reads None', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const C = lab.defineClass('C');
    const [a, b] = lab.ring(C, 2);
    const cb = lab.h.newFunction('<lambda>');
    lab.bind('w', lab.h.newWeakref(a, cb));
    lab.drop(cb, a, b);
    expect(lab.h.collect()).toBe(expected(v, 4, 2));
    expect(lab.callbacks).toEqual([lab.global('w')]);
    expect(lab.h.weakrefGet(lab.global('w'))).toBe(lab.h.None);
    lab.expectConsistent();
  });

  it('a cycle that holds a weakref (with a lambda callback) to a member collects the weakref and the lambda too, without calling it', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const C = lab.defineClass('C');
    const [a, b] = lab.ring(C, 2);
    const cb = lab.h.newFunction('<lambda>');
    const w = lab.h.newWeakref(b, cb);
    lab.h.setAttr(a, 'w', w);
    lab.drop(w, cb, a, b);
    expect(lab.h.collect()).toBe(expected(v, 6, 4));
    expect(lab.callbacks).toEqual([]);
    lab.expectConsistent();
  });

  it('collecting a self-referencing list with gc.collect(0) credits only generation 0 in get_stats', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const before = lab.h.getStats().map((s) => s.collected);
    const l = lab.h.newList();
    lab.h.listAppend(l, l);
    lab.drop(l);
    expect(lab.h.collect(0)).toBe(1);
    const after = lab.h.getStats().map((s) => s.collected);
    expect(after.map((x, i) => x - before[i])).toEqual([1, 0, 0]);
  });

  it('gc.collect() runs while automatic collection is disabled', () => {
    const lab = new Lab(v);
    lab.h.disable();
    expect(lab.h.isEnabled()).toBe(false);
    const l = lab.h.newList();
    lab.h.listAppend(l, l);
    lab.drop(l);
    expect(lab.h.collect()).toBe(1);
  });

  it('the stop callback reports the generation and the collected count of the run', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const S = lab.defineClass('S', { slots: ['o'] });
    for (let i = 0; i < 100; i++) lab.drop(...lab.ring(S, 2));
    expect(lab.h.collect()).toBe(200);
    expect(lab.gcCalls.map((c) => [c.phase, c.generation, c.collected, c.uncollectable])).toEqual([
      ['start', 2, 0, 0],
      ['stop', 2, 200, 0],
    ]);
  });

  it('a cycle held by a WeakValueDictionary also counts the KeyedRef its callback frees (5 on 3.8-3.10, 3 on 3.11+)', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const h = lab.h;
    const C = lab.defineClass('C');
    lab.bind('wvd', h.newDict());
    const [a, b] = lab.ring(C, 2);
    const cb = h.newFunction('remove');
    const wr = h.newWeakref(a, cb);
    const k = h.newStr('key');
    h.dictSetItem(lab.global('wvd'), k, wr);
    lab.drop(cb, wr, a, b);
    lab.weakrefCallback = () => {
      h.dictDelItem(lab.global('wvd'), k); // WeakValueDictionary's remove(): the KeyedRef dies here
    };
    expect(h.collect()).toBe(expected(v, 5, 3));
    expect(h.len(lab.global('wvd'))).toBe(0);
    h.decref(k);
    lab.expectConsistent();
  });
});
