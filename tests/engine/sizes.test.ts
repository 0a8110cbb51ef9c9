// Byte requests and sys.getsizeof per version, pinned to cpython-experiments/sizes.out (tracemalloc traces of
// 3,000 creations per kind on 3.8.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0) and reference §6.
import { describe, it, expect } from 'vitest';
import { Heap, type ProfileId } from '../../src-main/engine/index';
import { RecordingAllocator } from './support/recording-allocator';

function lab(v: ProfileId) {
  const a = new RecordingAllocator();
  const h = new Heap(v, a);
  h.disable();
  return { h, a };
}

/** A class like `class Plain: def __init__(self): self.a = 1; self.b = 2`, after a first instance set a and b. */
function plainClass(h: Heap): number {
  const C = h.newClass('Plain');
  h.pushTemp(C);
  const first = h.newInstance(C);
  const one = h.newInt(1);
  h.setAttr(first, 'a', one);
  h.setAttr(first, 'b', one);
  h.decref(one);
  h.pushTemp(first);
  return C;
}

function plainInstance(h: Heap, C: number): number {
  const o = h.newInstance(C);
  const one = h.newInt(1);
  const two = h.newInt(2);
  h.setAttr(o, 'a', one);
  h.setAttr(o, 'b', two);
  h.decref(one);
  h.decref(two);
  return o;
}

const cases: [string, ProfileId[], (h: Heap) => number, number[], number][] = [
  ['[]', ['3.8', '3.10', '3.11', '3.12', '3.13'], (h) => h.newList(), [56], 56],
  ['[None]*4', ['3.8', '3.13'], (h) => h.newList([h.None, h.None, h.None, h.None]), [56, 32], 88],
  ['[None]*10', ['3.8', '3.13'], (h) => h.newList(Array(10).fill(h.None)), [56, 80], 136],
  ['(x,)', ['3.8', '3.13'], (h) => h.newTuple([h.None]), [48], 48],
  ['(x, y, z)', ['3.8', '3.13'], (h) => h.newTuple([h.None, h.None, h.None]), [64], 64],
  ['{}', ['3.8', '3.13'], (h) => h.newDict(), [64], 64],
  ['set()', ['3.8', '3.13'], (h) => h.newSet(), [216], 216],
  ['float', ['3.8', '3.13'], (h) => h.newFloat(0.5), [24], 24],
  ['int of 1 digit', ['3.8', '3.10'], (h) => h.newInt(1000001), [28], 28],
  ['int of 1 digit', ['3.11', '3.12', '3.13'], (h) => h.newInt(1000001), [32], 28],
  ['int of 2 digits (arithmetic)', ['3.8', '3.13'], (h) => h.newInt(2n ** 40n + 1n), [36], 32],
  ['str of 10 ASCII chars', ['3.8', '3.10', '3.11'], (h) => h.newStr('0000000001'), [59], 59],
  ['str of 10 ASCII chars', ['3.12', '3.13'], (h) => h.newStr('0000000001'), [51], 51],
  ['str of 100 ASCII chars', ['3.8'], (h) => h.newStr('x'.repeat(100)), [149], 149],
  ['bytes of 10', ['3.8', '3.13'], (h) => h.newBytes(new Uint8Array(10)), [43], 43],
  ['bytes of 100', ['3.12'], (h) => h.newBytes(new Uint8Array(100)), [133], 133],
];

describe('object sizes', () => {
  for (const [what, versions, make, requests, size] of cases) {
    it.each(versions)(`${what} requests ${requests.join(' + ')} bytes and has getsizeof ${size} on %s`, (v) => {
      const { h, a } = lab(v);
      let id = 0;
      expect(a.during(() => (id = make(h)))).toEqual(requests);
      expect(h.sizeof(id)).toBe(size);
    });
  }

  it.each([
    ['3.8', [64, 168], 232],
    ['3.10', [64, 168], 232],
    ['3.11', [64, 120], 184],
    ['3.13', [64, 120], 184],
  ] as const)("{'a': 1} on %s requests %j and has getsizeof %i", (v, requests, size) => {
    const { h, a } = lab(v);
    let d = 0;
    const k = h.newStr('ab');
    expect(a.during(() => {
      d = h.newDict();
      h.dictSetItem(d, k, h.newInt(1));
    })).toEqual(requests);
    expect(h.sizeof(d)).toBe(size);
  });

  it.each([
    ['3.8', 360],
    ['3.11', 272],
  ] as const)('a dict of 6 str keys on %s has getsizeof %i (keys table resized from 8 to 16 slots)', (v, size) => {
    const { h } = lab(v);
    const d = h.newDict();
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const key = h.newStr(k + k);
      const val = h.newInt(1);
      h.dictSetItem(d, key, val);
      h.decref(key);
    }
    expect(h.sizeof(d)).toBe(size);
  });

  it.each([
    ['3.8', 1, [], 232],
    ['3.10', 1, [], 232],
    ['3.10', 5, [360 - 64], 360], // full table: the usual resize, to 16 slots
    ['3.11', 0, [32 + 8 + 5 * 24], 224], // an empty dict gets its first table, general at once
    ['3.11', 1, [32 + 16 + 10 * 24], 352], // calculate_log2_keysize(3) = 16 slots of 24-byte entries
    ['3.13', 5, [32 + 16 + 10 * 24], 352],
    ['3.13', 6, [32 + 32 + 21 * 24], 632],
  ] as const)('on %s an int key after %i str keys requests %j for the keys and gives getsizeof %i', (v, n, requests, size) => {
    const { h, a } = lab(v);
    const d = h.newDict();
    for (let i = 0; i < n; i++) h.dictSetItem(d, h.newStr('k' + i), h.newInt(i));
    const k = h.newInt(5);
    expect(a.during(() => h.dictSetItem(d, k, h.newInt(6)))).toEqual(requests);
    expect(h.sizeof(d)).toBe(size);
  });

  it.each([
    ['3.9', 232],
    ['3.10', 360],
    ['3.13', 352],
  ] as const)('on %s a full 8-slot table with one key left resizes to getsizeof %i', (v, size) => {
    const { h } = lab(v);
    const d = h.newDict();
    const keys = [0, 1, 2, 3, 4].map((i) => h.newInt(i));
    for (const k of keys) h.dictSetItem(d, k, h.None);
    for (const k of keys.slice(0, 4)) h.dictDelItem(d, k);
    h.dictSetItem(d, h.newInt(9), h.None);
    expect(h.sizeof(d)).toBe(size);
  });

  it.each([
    ['3.8', [48, 64, 40]],
    ['3.10', [48, 64, 40]],
    ['3.11', [56, 32]],
    ['3.12', [48, 32]],
    ['3.13', [88]],
  ] as const)('an instance with two attributes on %s requests %j (object, __dict__, values)', (v, requests) => {
    const { h, a } = lab(v);
    const C = plainClass(h);
    expect(a.during(() => plainInstance(h, C))).toEqual(requests);
  });

  it.each([
    ['3.8', [48], 48],
    ['3.11', [56, 16], 56],
    ['3.12', [48, 16], 48],
    ['3.13', [72], 48],
  ] as const)('an instance of an empty class on %s requests %j and has getsizeof %i', (v, requests, size) => {
    const { h, a } = lab(v);
    const C = h.newClass('Empty');
    let o = 0;
    expect(a.during(() => (o = h.newInstance(C)))).toEqual(requests);
    expect(h.sizeof(o)).toBe(size);
  });

  it.each(['3.8', '3.11', '3.13'] as const)('an instance of a two-slot class requests 48 bytes on %s', (v) => {
    const { h, a } = lab(v);
    const C = h.newClass('Slots', { slots: ['a', 'b'] });
    let o = 0;
    expect(a.during(() => (o = h.newInstance(C)))).toEqual([48]);
    expect(h.sizeof(o)).toBe(48);
  });

  it.each([
    ['3.8', [4, 8, 16, 25, 35, 46, 58, 72, 88]],
    ['3.9', [4, 8, 16, 24, 32, 40, 52, 64, 76, 92]],
  ] as const)('appending grows a list on %s through capacities %j', (v, caps) => {
    const { h } = lab(v);
    const l = h.newList();
    const seen: number[] = [];
    for (let i = 0; i < caps[caps.length - 1]; i++) {
      h.listAppend(l, h.None);
      const cap = (h.sizeof(l) - 56) / 8;
      if (seen[seen.length - 1] !== cap) seen.push(cap);
    }
    expect(seen).toEqual(caps);
  });
});

describe('set tables', () => {
  it.each(['3.8', '3.13'] as const)('five set.add calls grow the table to 32 entries on %s (getsizeof 728)', (v) => {
    const { h } = lab(v);
    const st = h.newSet();
    for (let i = 0; i < 5; i++) h.setAdd(st, h.newInt(i));
    expect(h.sizeof(st)).toBe(728);
  });

  it('merging five items at once presizes the table to 16 entries (3.13 {1, 2, 3, 4, 5}: getsizeof 472)', () => {
    const { h } = lab('3.13');
    const st = h.newSet();
    h.setMerge(st, [1, 2, 3, 4, 5].map((i) => h.newInt(i)));
    expect(h.sizeof(st)).toBe(472);
  });
});
