// Methods of builtin types taken as values (`m = l.append`) are builtin_function_or_method heap objects, with
// the values real CPython 3.8.18-3.13.0 print for the same statements (corpus 105).
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

const out = (src: string, python: '3.8' | '3.9' | '3.12' | '3.13') => {
  const r = runProgram(src, { python });
  expect(r.stderr).toBe('');
  return r.stdout;
};

const STEPS = [
  'import gc, sys', 'print([0], (0,), {0: 0})', 'r = [None] * 5', 'l = []', 'm = None', 'gc.disable()', 'gc.collect()',
  'r[0] = gc.get_count()', 'm = l.append', 'r[1] = gc.get_count()', 'm = None', 'r[2] = gc.get_count()',
  'm = l.append', 'r[3] = gc.get_count()', 'print([c[0] - r[0][0] for c in r[1:4]], sys.getrefcount(l))', '',
].join('\n');

describe('bound builtin methods', () => {
  it('cost one GC allocation each; 3.8 reuses a dead one from the CFunction free list', () => {
    expect(out(STEPS, '3.8')).toBe('[0] (0,) {0: 0}\n[2, 3, 4] 3\n');
    expect(out(STEPS, '3.9')).toBe('[0] (0,) {0: 0}\n[2, 2, 4] 3\n');
    expect(out(STEPS, '3.13')).toBe('[0] (0,) {0: 0}\n[2, 2, 4] 3\n');
  });

  it('hold their self: a referent, a referrer, released with the method', () => {
    const src = 'import gc, sys\nl = []\nm = l.append\nprint(gc.get_referents(m) == [l], len(gc.get_referrers(l)), gc.is_tracked(m))\n' +
      'print(type(m).__name__, sys.getsizeof(m), m.__self__ is l, m.__name__)\ndel m\nprint(sys.getrefcount(l), len(gc.get_referrers(l)))\n';
    expect(out(src, '3.12')).toBe('True 2 True\nbuiltin_function_or_method 72 True append\n2 1\n');
  });

  it('are new per access, equal for the same self and name, callable, and collectable in a cycle', () => {
    const src = 'import gc\nl = []\nd = {}\nprint(l.append is l.append, l.append == l.append, l.append == d.get)\n' +
      'f = l.append\nf(3)\ng = d.get\nprint(l, g(1, "no"))\nc = []\nc.append(c.append)\nc = None\ngc.disable()\nprint(gc.collect())\n';
    expect(out(src, '3.8')).toBe('False True False\n[3] no\n2\n');
  });
});
