// Values print as CPython writes them. Expected texts are CPython 3.13.0's output for the same lines
// (also identical on 3.8.18).
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

const out = (src: string, python: '3.8' | '3.13' = '3.13') => {
  const r = runProgram(src, { python });
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('repr', () => {
  it('shows recursive containers as [...] and {...}', () => {
    expect(out("a = [1]\na.append(a)\nd = {'k': None}\nd['k'] = d\nprint(a, d)\n")).toBe("[1, [...]] {'k': {...}}\n");
  });

  it('writes floats with the shortest round-trip digits and CPython exponent rules', () => {
    expect(out('print(0.1, 1e16, 123456789012345678.0, 1e-5, 2.5e-7, 1/3, -0.0, 1e300*1e10, 7.5 // 2, 2 ** -1)\n'))
      .toBe('0.1 1e+16 1.2345678901234568e+17 1e-05 2.5e-07 0.3333333333333333 -0.0 inf 3.0 0.5\n');
  });

  it('quotes strings and bytes the way CPython chooses quotes and escapes', () => {
    expect(out(`print(repr("it's"), repr('say "hi"'), repr("both ' and \\""), repr("tab\\there\\n"), repr('\\x7f\\x80é'), b'\\x00ab\\xff', repr(b"it's"))\n`))
      .toBe(`"it's" 'say "hi"' 'both \\' and "' 'tab\\there\\n' '\\x7f\\x80é' b'\\x00ab\\xff' b"it's"\n`);
  });

  it('writes empty and one-element containers like CPython', () => {
    expect(out('print(set(), {1}, (), (1,), {}, [], None, True)\n')).toBe('set() {1} () (1,) {} [] None True\n');
  });

  it('shows instances of user classes with their module, class name and a 64-bit address', () => {
    expect(out('class Node:\n    pass\nprint(Node())\n')).toMatch(/^<__main__\.Node object at 0x[0-9a-f]{12}>\n$/);
  });

  it('gives an object the same id() for its whole life', () => {
    expect(out('x = []\na = id(x)\ny = [x, x]\nprint(a == id(x), a == id(y[1]), hex(a) in repr(object()) or True)\n')).toBe('True True True\n');
  });
});

describe('formatting and builtins', () => {
  it('applies f-string format specs and conversions', () => {
    expect(out(`print(f"{3.14159:.2f}|{42:>5}|{'x':*^7}|{255:#x}|{1234567:,}|{0.5:%}|{7:03d}|{'a'!r}")\n`))
      .toBe("3.14|   42|***x***|0xff|1,234,567|50.000000%|007|'a'\n");
  });

  it('computes sorted, sum, min, max, any and all', () => {
    expect(out("print(sorted([3, 1, 2]), sorted(['b', 'a'], reverse=True), sum([1, 2, 3]), min(4, 2, 8), max([1, 9, 3]), any([0, 1]), all([]))\n"))
      .toBe("[1, 2, 3] ['b', 'a'] 6 2 9 True True\n");
  });

  it('builds values with the type constructors', () => {
    expect(out("print(list(range(2, 10, 3)), tuple('ab'), dict(a=1, b=2), int('42'), float('1.5'), str(12), list({'x': 1}.items()))\n"))
      .toBe("[2, 5, 8] ('a', 'b') {'a': 1, 'b': 2} 42 1.5 12 [('x', 1)]\n");
  });

  it('answers type questions: isinstance, type().__name__, identity of type objects', () => {
    expect(out('class Node:\n    pass\nprint(isinstance(True, int), isinstance(Node(), Node), type(1).__name__, type(Node()).__name__, type([]) is list)\n'))
      .toBe('True True int Node True\n');
  });

  it('prints with sep and end', () => {
    expect(out("print('a', 'b', sep='-', end='!\\n')\nprint()\n")).toBe('a-b!\n\n');
  });

  it('slices and deletes items, and formats with %', () => {
    expect(out("x = [1, 2, 3, 4, 5]\nprint(x[1:3], x[::-1], x[-2:], 'hello'[1:4])\ndel x[0], x[1]\nprint(x)\nprint('%s is %d years and %.1f%%' % ('Bob', 42, 99.5))\n"))
      .toBe('[2, 3] [5, 4, 3, 2, 1] [4, 5] ell\n[2, 4, 5]\nBob is 42 years and 99.5%\n');
  });

  it('uses floor division, modulo and banker\'s rounding like CPython', () => {
    expect(out('print(-7 // 2, -7 % 3, divmod(7, 2), round(2.5), round(3.5), round(2.675, 2), 10**20)\n'))
      .toBe('-4 2 (3, 1) 2 4 2.67 100000000000000000000\n');
  });

  it('evaluates chained comparisons, and/or/not and conditional expressions', () => {
    expect(out("print(not 0 and 1 or 2, 1 if [] else 2, 5 > 3 > 1, 1 < 3 < 2, 2 in [1, 2], 3 not in {1: 2}, 1 == 1.0)\n"))
      .toBe('1 2 True False True True True\n');
  });
});

describe('methods', () => {
  it('runs the list, dict and set methods of the subset', () => {
    expect(out([
      'l = [3, 1]', 'l.append(2); l.extend([5, 5]); l.insert(0, 9)', 'print(l, l.pop(), l.pop(0), l.index(2), l.count(5))',
      'l.remove(1); print(l); l.clear(); print(l)',
      "d = {'a': 1}", "print(d.get('a'), d.get('z', 0), d.setdefault('b', 2), d.pop('a'), d)",
      "d.update({'c': 3}, e=4); print(list(d.keys()), list(d.values()), d.items())",
      's = {1}', 's.add(2); s.discard(7); s.remove(1); print(s)',
    ].join('\n') + '\n')).toBe(
      '[3, 1, 2, 5] 5 9 2 1\n[3, 2, 5]\n[]\n1 0 2 1 {\'b\': 2}\n' +
      "['b', 'c', 'e'] [2, 3, 4] dict_items([('b', 2), ('c', 3), ('e', 4)])\n{2}\n",
    );
  });
});
