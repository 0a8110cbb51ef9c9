// Which objects are tracked, per version (reference §3.2; cpython-experiments/gc_basic.out).
import { describe, it, expect } from 'vitest';
import { Lab } from './support/lab';

const LAZY = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;
const ALWAYS = ['3.14.2', '3.14'] as const;

function dictWith(lab: Lab, value: number): number {
  const d = lab.h.newDict();
  const k = lab.h.newStr('a');
  lab.h.dictSetItem(d, k, value);
  lab.drop(k, value);
  return d;
}

describe.each(LAZY)('CPython %s', (v) => {
  it('an empty dict and a dict of ints are untracked; a dict holding a list or a dict is tracked', () => {
    const lab = new Lab(v);
    const h = lab.h;
    expect(h.isTracked(h.newDict())).toBe(false);
    expect(h.isTracked(dictWith(lab, h.newInt(1)))).toBe(false);
    expect(h.isTracked(dictWith(lab, h.newList()))).toBe(true);
    expect(h.isTracked(dictWith(lab, h.newDict()))).toBe(true);
  });

  it('a dict that held a list and now holds an int stays tracked after collect(1) and is untracked by collect(2)', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const d = h.newDict();
    h.pushTemp(d);
    const k = h.newStr('x');
    const l = h.newList();
    h.dictSetItem(d, k, l);
    const one = h.newInt(1);
    h.dictSetItem(d, k, one);
    lab.drop(k, l, one);
    expect(h.isTracked(d)).toBe(true);
    h.collect(1);
    expect(h.isTracked(d)).toBe(true);
    h.collect(2);
    expect(h.isTracked(d)).toBe(false);
    lab.expectConsistent();
  });
});

describe.each(ALWAYS)('CPython %s', (v) => {
  it('every dict is tracked from creation and no collection untracks it', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const d = dictWith(lab, h.newInt(1));
    h.pushTemp(d);
    expect(h.isTracked(d)).toBe(true);
    h.collect(2);
    expect(h.isTracked(d)).toBe(true);
  });

  it('a tuple of ints is untracked from creation (3.14.1+ creation rule)', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const items = [1, 2, 3].map((i) => h.newInt(i + 1000));
    const t = h.newTuple(items);
    lab.drop(...items);
    expect(h.isTracked(t)).toBe(false);
  });
});

describe.each([...LAZY])('CPython %s', (v) => {
  it('tuple([1, 2, 3]) is tracked at creation and untracked by the next collect(0)', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const items = [1, 2, 3].map((i) => h.newInt(i));
    const t = h.newTuple(items);
    h.pushTemp(t);
    lab.drop(...items);
    expect(h.isTracked(t)).toBe(true);
    h.collect(0);
    expect(h.isTracked(t)).toBe(false);
    lab.expectConsistent();
  });
});

describe.each([...LAZY, ...ALWAYS])('CPython %s', (v) => {
  it('a tuple holding a list stays tracked after a collection', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const l = h.newList();
    const t = h.newTuple([l]);
    h.pushTemp(t);
    lab.drop(l);
    h.collect(0);
    expect(h.isTracked(t)).toBe(true);
  });

  it('ints and strs are not GC objects, lists are tracked from creation', () => {
    const lab = new Lab(v);
    const h = lab.h;
    expect(h.isTracked(h.newInt(1))).toBe(false);
    expect(h.isTracked(h.newStr('a'))).toBe(false);
    expect(h.isTracked(h.newList())).toBe(true);
  });
});

describe.each(['3.8', '3.13'] as const)('CPython %s', (v) => {
  it('instances of a class with __slots__ = () are tracked (heap types are always GC types)', () => {
    const lab = new Lab(v);
    const S = lab.defineClass('S', { slots: [] });
    const o = lab.h.newInstance(S);
    expect(lab.h.isTracked(o)).toBe(true);
    expect(lab.h.sizeof(o)).toBe(32);
  });
});
