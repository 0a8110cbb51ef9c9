// PEP 442 finalizers and resurrection (reference §3.6 steps 12-13; verified with /tmp-free scripts on 3.8.18-3.13.0:
// a resurrecting 2-cycle next to a plain 2-cycle: 3.8 returns 0, 3.9/3.10 return 4, 3.11+ return 2).
import { describe, it, expect } from 'vitest';
import { Lab, SEPARATE_DICT } from './support/lab';

const withDicts = (v: string): boolean => SEPARATE_DICT.includes(v as never);

describe.each(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14.2', '3.14'] as const)('CPython %s', (v) => {
  it('a two-cycle whose __del__ stores self in a global list is not collected (returns 0)', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const R = lab.defineClass('R', { hasDel: true });
    lab.bind('saved', lab.h.newList());
    lab.resurrectInto = lab.global('saved');
    lab.drop(...lab.ring(R, 2));
    expect(lab.h.collect()).toBe(0);
    expect(lab.h.len(lab.global('saved'))).toBe(2);
    expect(lab.h.items(lab.global('saved')).every((o) => lab.h.isFinalized(o))).toBe(true);
    lab.expectConsistent();
  });

  it('resurrected objects are collected once the list is cleared, without running __del__ again', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const R = lab.defineClass('R', { hasDel: true });
    lab.bind('saved', lab.h.newList());
    lab.resurrectInto = lab.global('saved');
    lab.drop(...lab.ring(R, 2));
    lab.h.collect();
    lab.h.listClear(lab.global('saved'));
    expect(lab.h.collect()).toBe(withDicts(v) ? 4 : 2);
    expect(lab.finalized).toHaveLength(2);
    lab.expectConsistent();
  });

  it(`a plain cycle beside a resurrecting one is ${v === '3.8' ? 'kept too (3.8 keeps the whole set)' : 'collected (3.9+ keep only the resurrected part)'}`, () => {
    const lab = new Lab(v);
    lab.h.disable();
    const R = lab.defineClass('R', { hasDel: true });
    const C = lab.defineClass('C');
    lab.bind('saved', lab.h.newList());
    lab.resurrectInto = lab.global('saved');
    lab.drop(...lab.ring(R, 2), ...lab.ring(C, 2));
    const expected = v === '3.8' ? 0 : withDicts(v) ? 4 : 2;
    expect(lab.h.collect()).toBe(expected);
    lab.h.listClear(lab.global('saved'));
    expect(lab.h.collect()).toBe(v === '3.8' ? 8 : withDicts(v) ? 4 : 2);
    lab.expectConsistent();
  });

  it('__del__ runs in creation order in a cycle, whatever the direction of the references', () => {
    const lab = new Lab(v);
    lab.h.disable();
    const O = lab.defineClass('O', { hasDel: true });
    const mk = (n: string): number => {
      const o = lab.h.newInstance(O);
      const s = lab.h.newStr(n);
      lab.h.setAttr(o, 'n', s);
      lab.drop(s);
      return o;
    };
    const [a, b, c] = ['a', 'b', 'c'].map(mk);
    lab.h.setAttr(a, 'r', b);
    lab.h.setAttr(b, 'r', c);
    lab.h.setAttr(c, 'r', a);
    const [x, y, z] = ['x', 'y', 'z'].map(mk);
    lab.h.setAttr(z, 'r', y);
    lab.h.setAttr(y, 'r', x);
    lab.h.setAttr(x, 'r', z);
    lab.drop(a, b, c, x, y, z);
    expect(lab.h.collect()).toBe(withDicts(v) ? 12 : 6);
    expect(lab.finalizedNames).toEqual(['a', 'b', 'c', 'x', 'y', 'z']);
  });

  it('an instance whose refcount drops to zero runs __del__ once and can resurrect itself', () => {
    const lab = new Lab(v);
    const R = lab.defineClass('R', { hasDel: true });
    lab.bind('saved', lab.h.newList());
    lab.resurrectInto = lab.global('saved');
    const r = lab.h.newInstance(R);
    lab.drop(r);
    expect(lab.h.isAlive(r)).toBe(true);
    expect(lab.h.refcount(r)).toBe(1);
    expect(lab.h.isTracked(r)).toBe(true);
    lab.resurrectInto = 0;
    lab.h.listClear(lab.global('saved'));
    expect(lab.h.isAlive(r)).toBe(false);
    expect(lab.finalized).toEqual([r]);
    lab.expectConsistent();
  });
});
