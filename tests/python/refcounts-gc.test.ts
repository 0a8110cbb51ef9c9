// What sys.getrefcount and the gc module report, per version, with the values real CPython 3.8.18-3.13.0
// print for the same statements (reference §1.3, §3.7 and the interpreter experiments in the PR notes).
import { describe, expect, it } from 'vitest';
import { createPythonSession, runProgram } from '../../src-main/engine/python/session';
import { checkHeapInvariants } from '../../src-main/engine/heap/invariants';

const out = (src: string, python: '3.8' | '3.10' | '3.11' | '3.12' | '3.13' | '3.14.2') => {
  const r = runProgram(src, { python });
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('sys.getrefcount', () => {
  it('counts names, container slots and the call argument itself', () => {
    expect(out('import sys\nx = []\nprint(sys.getrefcount(x))\nl = [x, x]\nprint(sys.getrefcount(x))\n', '3.13')).toBe('2\n4\n');
  });

  it('sees the caller still holding arguments on 3.8-3.10 but not on 3.11+', () => {
    const src = 'import sys\ndef f(x):\n    return sys.getrefcount(x)\na = []\nprint(f(a))\n';
    expect(out(src, '3.8')).toBe('4\n');
    expect(out(src, '3.10')).toBe('4\n');
    expect(out(src, '3.11')).toBe('3\n');
    expect(out(src, '3.13')).toBe('3\n');
  });

  it('does not count a local variable borrowed onto the stack on 3.14 (Pyodide 3.14.2 prints 2 and 3)', () => {
    const src = 'import sys\ndef show(a):\n    print(sys.getrefcount(a))\ndef two(p, q):\n    print(sys.getrefcount(p))\nthing = [1]\nshow(thing)\ntwo(thing, thing)\n';
    expect(out(src, '3.14.2')).toBe('2\n3\n');
    expect(out(src, '3.13')).toBe('3\n4\n');
  });

  it('counts the reference a bound method holds to its instance', () => {
    expect(out('import sys\nclass C:\n    def m(self): pass\nc = C()\nm = c.m\nprint(sys.getrefcount(c))\n', '3.12')).toBe('3\n');
  });

  it('reports the immortal refcount of None on 3.12+', () => {
    expect(out('import sys\nprint(sys.getrefcount(None) == 2**32 - 1)\n', '3.12')).toBe('True\n');
  });
});

describe('gc through Python', () => {
  it('leaves the call\'s own argument tuple out of gc.get_referrers (real 3.8 and 3.13 print 3 referrers)', () => {
    const src = 'import gc\nclass A:\n    pass\na = A()\nb = [a, a, a]\nd = {"k": a}\nr = gc.get_referrers(a)\nprint(len(r), [type(x).__name__ for x in r])\n';
    expect(out(src, '3.8')).toBe("3 ['dict', 'list', 'dict']\n");
    expect(out(src, '3.13')).toBe("3 ['dict', 'list', 'dict']\n");
  });

  it('collects a two-instance cycle: 4 objects with the instance dicts on 3.8-3.10, 2 on 3.11+', () => {
    const src = 'import gc\ngc.disable()\ngc.collect()\nclass C:\n    pass\na = C(); b = C()\na.o = b; b.o = a\ndel a, b\nprint(gc.collect())\n';
    expect(out(src, '3.8')).toBe('4\n');
    expect(out(src, '3.11')).toBe('2\n');
  });

  it('runs __del__ when the last name goes away and keeps resurrected objects', () => {
    const src = [
      'import gc', 'gc.disable()', 'saved = []',
      'class R:', '    def __del__(self):', '        print("del", self.name)', '        saved.append(self)',
      'r = R(); r.name = "one"', 'del r', 'print(len(saved), gc.is_finalized(saved[0]))',
    ].join('\n') + '\n';
    expect(out(src, '3.13')).toBe('del one\n1 True\n');
  });

  it('calls a weakref callback when the referent dies and the weakref then returns None', () => {
    const src = 'import weakref\nclass C:\n    pass\nc = C()\nw = weakref.ref(c, lambda ref: print("gone", ref() is None))\nprint(w() is c)\ndel c\nprint(w())\n';
    expect(out(src, '3.13')).toBe('True\ngone True\nNone\n');
  });

  it('keeps collected objects in gc.garbage with DEBUG_SAVEALL', () => {
    const src = 'import gc\ngc.disable()\ngc.collect()\ngc.set_debug(gc.DEBUG_SAVEALL)\nl = []\nl.append(l)\ndel l\nprint(gc.collect(), len(gc.garbage), gc.garbage[0] is gc.garbage[0][0])\n';
    expect(out(src, '3.13')).toBe('1 1 True\n');
  });

  it('allocates the tuple gc.get_count() returns after reading the counts', () => {
    const src = 'import gc\ngc.disable()\ngc.collect()\nx = gc.get_count()\ny = gc.get_count()\nprint(x[0], y[0])\n';
    expect(out(src, '3.13')).toBe('0 1\n');
  });

  it('invokes gc.callbacks with the phase and an info dict', () => {
    const src = 'import gc\nseen = []\ndef cb(phase, info):\n    seen.append((phase, info["generation"], info["collected"]))\ngc.callbacks.append(cb)\nl = []\nl.append(l)\ndel l\ngc.collect(1)\nprint(seen)\n';
    expect(out(src, '3.13')).toBe("[('start', 1, 0), ('stop', 1, 1)]\n");
  });
});

describe('a session', () => {
  it('keeps the heap invariants when modules and builtins are stored in containers (they are the interpreter\'s statics)', () => {
    for (const v of ['3.8', '3.11', '3.13', '3.14.2'] as const) {
      const s = createPythonSession(v);
      expect(s.exec('import gc, sys, weakref\nx = [gc, len, list]\nd = {"m": sys}\ndel x\ngc.collect()').exitCode).toBe(0);
      expect(checkHeapInvariants(s.heap)).toEqual([]);
    }
  });

  it('keeps __main__ across statements executed one by one, as the lab service does', () => {
    const s = createPythonSession('3.12');
    expect(s.exec('import sys, gc').exitCode).toBe(0);
    s.exec('a = []');
    s.exec('b = [a]');
    s.exec('a.append(b)');
    expect(s.exec('print(sys.getrefcount(a))').stdout).toBe('3\n');
    s.exec('del a, b');
    expect(s.exec('print(gc.collect())').stdout).toBe('2\n');
  });

  it('reports an error in one statement without losing the names bound before', () => {
    const s = createPythonSession('3.13');
    s.exec('x = 41');
    const bad = s.exec('x + "1"');
    expect(bad.exitCode).toBe(1);
    expect(bad.error?.type).toBe('TypeError');
    expect(s.exec('print(x + 1)').stdout).toBe('42\n');
  });

  it('leaves the heap consistent: refcounts equal references from objects, roots and temporaries', () => {
    const s = createPythonSession('3.13');
    s.exec('class Node:\n    def __init__(self, v):\n        self.v = v\n        self.peer = None\nnodes = [Node(i) for i in range(50)]\nfor i in range(49):\n    nodes[i].peer = nodes[i + 1]\nd = {n.v: n for n in []} if False else {}\ndel nodes[10:20]\n');
    expect(checkHeapInvariants(s.heap)).toEqual([]);
  });
});
