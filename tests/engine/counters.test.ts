// count0/count1/count2 rules, thresholds, free lists, freeze (reference §3.3, §3.8, §5.10; gc_basic.out).
import { describe, it, expect } from 'vitest';
import { Lab } from './support/lab';

const CLASSIC = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'] as const;

describe.each(CLASSIC)('CPython %s', (v) => {
  it('count0 rises by one per GC allocation, also for an untracked {}', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    h.collect();
    const before = h.getCount()[0];
    h.pushTemp(h.newList());
    h.pushTemp(h.newDict());
    h.pushTemp(h.newStr('not a gc object'));
    expect(h.getCount()[0] - before).toBe(2);
  });

  it('100 lists replaced by 100 dicts raise count0 by 80: 100 dicts minus the 20 lists the free list could not keep', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    h.collect();
    const keep = h.newList(Array(100).fill(h.None));
    h.pushTemp(keep);
    for (let i = 0; i < 100; i++) {
      const one = h.newInt(1);
      const l = h.newList([one]);
      h.decref(one);
      h.listSetItem(keep, i, l);
      h.decref(l);
    }
    const c2 = h.getCount()[0];
    for (let i = 0; i < 100; i++) {
      const d = h.newDict();
      h.listSetItem(keep, i, d);
      h.decref(d);
    }
    const c3 = h.getCount()[0];
    expect(c3 - c2).toBe(80);
    expect(h.freeListCounts().list).toBe(80);
  });

  it('100 dicts replaced by floats lower count0 by 20: 80 dicts go to the dict free list', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    h.collect();
    const keep = h.newList(Array(100).fill(h.None));
    h.pushTemp(keep);
    for (let i = 0; i < 100; i++) {
      const d = h.newDict();
      h.listSetItem(keep, i, d);
      h.decref(d);
    }
    const c3 = h.getCount()[0];
    for (let i = 0; i < 100; i++) {
      const f = h.newFloat(1.5 + i);
      h.listSetItem(keep, i, f);
      h.decref(f);
    }
    expect(h.getCount()[0] - c3).toBe(-20);
    expect(h.freeListCounts().dict).toBe(80);
  });

  it('a full collection empties the type free lists', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    lab.drop(...Array.from({ length: 10 }, () => h.newList()));
    lab.drop(...Array.from({ length: 10 }, (_, i) => h.newFloat(i + 0.5)));
    expect(h.freeListCounts().list).toBe(10);
    expect(h.freeListCounts().float).toBe(10);
    h.collect(1);
    expect(h.freeListCounts().list).toBe(10);
    h.collect(2);
    expect(h.freeListCounts().list).toBe(0);
    expect(h.freeListCounts().float).toBe(0);
  });

  it('count0 never goes below 0 when objects are freed after a collection', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const objs = Array.from({ length: 200 }, () => h.newSet());
    h.collect();
    expect(h.getCount()).toEqual([0, 0, 0]);
    lab.drop(...objs);
    expect(h.getCount()[0]).toBe(0);
  });

  it('collect(0) bumps count1, collect(1) bumps count2 and zeroes 0-1, collect(2) zeroes all', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    h.collect(0);
    h.collect(0);
    expect(h.getCount()).toEqual([0, 2, 0]);
    h.collect(1);
    expect(h.getCount()).toEqual([0, 0, 1]);
    h.collect(2);
    expect(h.getCount()).toEqual([0, 0, 0]);
  });

  it('gc.freeze moves every tracked object to the permanent generation and zeroes the counts; unfreeze puts them in generation 2', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    for (let i = 0; i < 5; i++) h.pushTemp(h.newList());
    const tracked = h.getObjects().length;
    const atStartup = h.getFreezeCount(); // 375 on 3.12, else 0
    h.freeze();
    expect(h.getFreezeCount()).toBe(atStartup + tracked);
    expect(h.getObjects()).toEqual([]);
    expect(h.getCount()).toEqual([0, 0, 0]);
    h.unfreeze();
    expect(h.getFreezeCount()).toBe(0);
    expect(h.getObjects(2)).toHaveLength(tracked);
    lab.expectConsistent();
  });

  it('get_referrers does not see frozen objects', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    const inner = h.newList();
    const outer = h.newList([inner]);
    h.pushTemp(outer);
    expect(h.getReferrers([inner])).toEqual([outer]);
    h.freeze();
    expect(h.getReferrers([inner])).toEqual([]);
    h.decref(inner);
  });
});

describe('default thresholds', () => {
  it.each([
    ['3.8', [700, 10, 10]], ['3.9', [700, 10, 10]], ['3.10', [700, 10, 10]], ['3.11', [700, 10, 10]],
    ['3.12', [700, 10, 10]], ['3.13', [2000, 10, 10]], ['3.14.2', [2000, 10, 0]], ['3.14', [2000, 10, 10]],
  ] as const)('gc.get_threshold() on %s is %j', (v, t) => {
    expect(new Lab(v).h.getThreshold()).toEqual(t);
  });
});

describe.each(['3.8', '3.13'] as const)('tuple free lists on %s', (v) => {
  it('a dead 2-tuple goes to the free list of its length, so the next 2-tuple does not change count0', () => {
    const lab = new Lab(v);
    const h = lab.h;
    h.disable();
    h.collect();
    const t1 = h.newTuple([h.None, h.None]);
    expect(h.getCount()[0]).toBe(1);
    h.decref(t1);
    expect(h.getCount()[0]).toBe(1);
    expect(h.freeListCounts().tuple[2]).toBe(1);
    h.pushTemp(h.newTuple([h.None, h.None]));
    expect(h.getCount()[0]).toBe(1);
  });
});

describe('the permanent generation at startup', () => {
  it('3.12 reports 375 frozen objects before any freeze (immortal startup objects), 3.13 reports 0', () => {
    expect(new Lab('3.12').h.getFreezeCount()).toBe(375);
    expect(new Lab('3.13').h.getFreezeCount()).toBe(0);
  });

  it('3.12: unfreeze releases them to generation 2 and the next full collection moves them back', () => {
    const h = new Lab('3.12').h;
    h.disable();
    h.unfreeze();
    expect(h.getFreezeCount()).toBe(0);
    h.collect();
    expect(h.getFreezeCount()).toBe(375);
  });
});
