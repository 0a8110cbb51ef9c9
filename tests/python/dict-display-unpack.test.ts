// `{**d}` in dict displays: sizes and count0 as real CPython 3.8.18-3.13.0 print them (corpus 106).
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

const out = (src: string, python: '3.8' | '3.9' | '3.10' | '3.11' | '3.13') => {
  const r = runProgram(src, { python });
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('dict displays with **', () => {
  it('merge in order, later values winning, keys keeping their first position', () => {
    const src = "a = {'a': 1, 'b': 2}\nb = {'b': 3, 'c': 4}\nprint({**a, **b}, {'b': 0, **a}, {**a, 'a': 9}, {**{}})\n";
    expect(out(src, '3.8')).toBe("{'a': 1, 'b': 3, 'c': 4} {'b': 2, 'a': 1} {'a': 9, 'b': 2} {}\n");
    expect(out(src, '3.13')).toBe("{'a': 1, 'b': 3, 'c': 4} {'b': 2, 'a': 1} {'a': 9, 'b': 2} {}\n");
  });

  it('presize once for the source, or clone a clean source table on 3.10+', () => {
    // d: 4 str keys inserted, 3 deleted (8 slots, not clean); e: 6 keys (16 slots, clean)
    const src = "import sys\nd = {}\nfor i in range(4):\n    d['k%d' % i] = i\ndel d['k0'], d['k1'], d['k2']\n" +
      "e = {}\nfor i in range(6):\n    e['k%d' % i] = i\nprint(sys.getsizeof({**d}), sys.getsizeof({**e}), sys.getsizeof({**e, 'x': 1}))\n";
    expect(out(src, '3.8')).toBe('232 360 360\n');
    expect(out(src, '3.9')).toBe('232 360 360\n');
    expect(out(src, '3.10')).toBe('360 360 360\n');
    expect(out(src, '3.11')).toBe('272 272 272\n');
  });

  it('builds the key: value run as its own dict: 3.8 then merges into a new one (two dicts), 3.9+ into it', () => {
    const src = "import gc\nprint([0], (0,), {0: 0})\na = {'a': 1}\nr = [None] * 2\ne = None\ngc.disable()\ngc.collect()\n" +
      "r[0] = gc.get_count()\ne = {'z': 1, **a}\nr[1] = gc.get_count()\nprint(r[1][0] - r[0][0])\n";
    expect(out(src, '3.8')).toBe('[0] (0,) {0: 0}\n3\n');
    expect(out(src, '3.9')).toBe('[0] (0,) {0: 0}\n2\n');
  });

  it('refuses what is not a mapping, as CPython words it', () => {
    const src = "try:\n    {'a': 1, **[1]}\nexcept TypeError as ex:\n    print(ex)\n";
    expect(out(src, '3.11')).toBe("'list' object is not a mapping\n");
  });
});
