// Sets keep their items at their hash-table slots (Objects/setobject.c): print, list(), iteration, pop() and
// gc.get_referents show that order. Each program runs in the lab and in every real CPython found here (with
// PYTHONHASHSEED=0, as runPython does); the outputs must be identical. A missing interpreter is a runtime skip.
import { describe, expect, it } from 'vitest';
import { findInterpreters, interpreterReport, runPython, PYENV_VERSIONS } from '../support/cpython';
import { createPythonSession, runProgram } from '../../src-main/engine/python/session';
import { checkHeapInvariants } from '../../src-main/engine/heap/invariants';
import { PROFILE_IDS } from '../../src-main/engine/profiles/types';

const found = findInterpreters();
console.log(`set order tests: ${interpreterReport()}`);

const PROGRAMS: Record<string, string> = {
  smallInts: `
s = set()
for x in (3, 1, 2, 100, 33, 64, 8, 16):
    s.add(x)
print(s)
print(list(s))
print({3, 1, 2, 100, 33})
`,
  negativeAndBigInts: `
s = set()
for x in (-1, -2, -3, -8, -9, 5, -100, -2 ** 40, 2 ** 61, 2 ** 61 - 1, 2 ** 64 + 3, -(2 ** 70)):
    s.add(x)
def same_key(v):
    return 0
print(s)
print(sorted(s, key=same_key))
`,
  strings: `
s = set()
for w in ('apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', '', 'caf\\xe9', '\\u20ac', '\\U0001f600'):
    s.add(w)
print(s)
`,
  tuples: `
s = set()
for t in ((1, 2), (2, 1), (), (1,), ('a', 1), (1.5, (2, 3)), ((),), (-1, -2)):
    s.add(t)
print(s)
`,
  mixed: `
s = set()
for v in (1.5, 2, 'x', b'y', (1, 'a'), True, 0.25, -7, 2.0, b'', float('inf'), -0.5):
    s.add(v)
print(s)
`,
  discardThenAdd: `
s = set()
for k in (1, 2, 9, 17):
    s.add(k)
s.discard(1)
s.discard(9)
s.add(25)
print(list(s))
t = {1, 9}
t.discard(1)
t.add(17)
print(t)
`,
  growth: `
import sys
s = set()
i = 0
while len(s) < 700:
    s.add(i * 37 % 1009)
    i += 1
    if len(s) in (4, 5, 18, 19, 76, 77, 307, 308, 699):
        print(len(s), sys.getsizeof(s), list(s))
`,
  pop: `
s = set(range(20))
for x in (3, 4, 5):
    s.discard(x)
out = []
for i in range(6):
    out.append(s.pop())
s.add(0)
s.add(40)
out.append(s.pop())
out.append(s.pop())
print(out, s)
`,
  referents: `
import gc
s = {'b', 'a', 3, 40, (1, 2), 2.5}
print(gc.get_referents(s))
`,
  hashes: `
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(2 ** 100), hash(True), hash(False))
print(hash(0.5), hash(-0.0), hash(1.0), hash(0.1), hash(1e300), hash(-1e-300), hash(float('inf')), hash(float('-inf')))
print(hash(''), hash('a'), hash('abc'), hash('caf\\xe9'), hash('\\u20ac'), hash('\\U0001f600'), hash('a much longer string, past 8 bytes'))
print(hash(b''), hash(b'a'), hash(b'abc'), hash(b'\\x00\\xff' * 9))
print(hash(()), hash((1,)), hash((1, 2)), hash(('a', (2, 3.5))), hash((-1,)))
`,
  algebra: `
a = set(range(0, 40, 3))
b = set(range(0, 60, 5))
print(a | b)
print(a & b, b & a)
print(a - b, b - a)
print(a ^ b, b ^ a)
c = set(range(100))
print(c - {1, 2, 3})
d = a.copy()
d |= {1000, 2000}
d -= {0, 3}
d ^= {6, 7}
print(d, set(a), set({5: 1, 13: 2, 21: 3}))
a.update([9, 17, 25, 33], {41})
print(a)
`,
  displays: `
print({7, 15, 8})
x = 7
print({x, 15, 8})
print({8, 16, 24, 32, 40, 48})
`,
  intersectionUpdate: `
import sys
a = set(range(0, 100, 3))
keep = a
a &= set(range(0, 100, 5))
print(a is keep, a, sys.getsizeof(a))
d = set(range(40))
for i in range(5):
    d.pop()
d &= set(range(10, 100))
print(d.pop(), d.pop(), sys.getsizeof(d))
`,
  methods: `
a = set(range(0, 40, 3))
b = set(range(0, 60, 5))
print(a.union(b, [100, 7], {200: 1}), a.intersection(b), a.intersection([30, 15, 0, 99], range(0, 40, 15)))
print(a.difference(b), a.difference([0, 3, 6], {9: 1}), a.difference({0: 1}), set(range(50)).difference({1: 1}))
print(a.symmetric_difference(b), a.symmetric_difference([1, 2, 3, 0]), a.symmetric_difference({7: 0, 3: 0}))
c = set(range(30))
c.difference_update([1, 2, 3], {4, 5}, range(10, 30))
d = set(range(30))
d.intersection_update(range(5, 50, 2), {7, 9, 11, 13})
e = set(range(10))
e.symmetric_difference_update({20: 0, 3: 0, 21: 0})
e.symmetric_difference_update([30, 4, 31])
print(c, d, e)
`,
  clear: `
import sys
s = set(range(50))
s.clear()
print(sys.getsizeof(s), s)
for x in (9, 1, 17):
    s.add(x)
print(s)
`,
};

describe.each([...PYENV_VERSIONS])('sets on CPython %s', (v) => {
  const same = (name: string) => async (ctx: { skip: (note?: string) => void }) => {
    const py = found.get(v);
    if (!py) return ctx.skip(`CPython ${v} is not installed here`);
    const src = PROGRAMS[name];
    const real = runPython(py, src);
    expect(real.stderr).toBe('');
    const lab = runProgram(src, { python: v });
    expect(lab.stderr).toBe('');
    expect(lab.stdout).toBe(real.stdout);
  };

  it('prints a set of small ints in table order, not insertion order', same('smallInts'));
  it('orders negative and big ints by their hash modulo 2**61 - 1', same('negativeAndBigInts'));
  it('orders strs by their siphash with PYTHONHASHSEED=0 (1, 2 and 4 bytes per character)', same('strings'));
  it('orders tuples by their xxHash-based hash', same('tuples'));
  it('orders a mix of floats, ints, strs, bytes and tuples', same('mixed'));
  it('reuses a dummy slot on add exactly when this version does', same('discardThenAdd'));
  it('reinserts the items in old-table order at every resize, with the same sizes', same('growth'));
  it('pops from the finger on, wrapping, and keeps the finger after adds', same('pop'));
  it('lists gc.get_referents of a set in slot order', same('referents'));
  it('gives the same hash() for ints, floats, strs, bytes and tuples', same('hashes'));
  it('builds |, &, -, ^ and their in-place forms in the order setobject.c does', same('algebra'));
  it('builds a set display of constants from the merged frozenset constant', same('displays'));
  it('empties to a small table on clear() and refills it from scratch', same('clear'));
  it('walks the operands of union, intersection, difference and their _update forms as setobject.c does', same('methods'));
  it('swaps the intersection into the set itself on &=, keeping its pop finger', same('intersectionUpdate'));
});

// Sets in cycles, emptied every way (discard, pop, clear, &=, -=, resizes) and collected: refcounts, tracking and
// the generation lists stay consistent, and the collector frees every set of the cycles.
const CYCLES = `
class Node:
    pass
out = []
for r in range(30):
    s = set()
    n = Node()
    n.s = s
    s.add(n)
    for i in range(r * 7):
        s.add(i)
    for i in range(0, r * 7, 2):
        s.discard(i)
    if r % 4 == 0:
        s.clear()
        s.add(n)
    elif r % 4 == 1:
        s &= {n, 3, 5}
    elif r % 4 == 2:
        s -= set(range(0, 100, 3))
    else:
        for i in range(min(r, len(s) - 1)):
            x = s.pop()
            if x is n:
                s.add(n)
    out.append(len(s))
s = n = x = None
print(out)
`;

describe.each([...PROFILE_IDS])('set tables on the %s heap', (v) => {
  it('keep the heap invariants through discard, pop, clear, &=, -= and collecting cycles through sets', () => {
    const session = createPythonSession(v);
    session.heap.disable(); // (no gc import: a module is a static object the heap checker does not know)
    const r = session.exec(CYCLES, { wholeProgram: true });
    expect(r.stderr).toBe('');
    expect(checkHeapInvariants(session.heap)).toEqual([]);
    expect(session.heap.collect(2)).toBeGreaterThanOrEqual(60); // 30 sets and their 30 nodes
    expect(checkHeapInvariants(session.heap)).toEqual([]);
    expect(session.heap.getObjects().filter((id) => session.heap.typeName(id) === 'set')).toEqual([]);
  });
});
