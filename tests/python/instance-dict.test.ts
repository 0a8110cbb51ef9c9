// `obj.__dict__`, `vars(obj)` and `hasattr(obj, '__dict__')` (3.8-3.10 exactly: corpus 95 against CPython).
// 3.11+ materialise a dict the lab does not model yet: it says so instead of a wrong answer.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

const SRC = 'class A:\n    pass\na = A()\na.x = 1\n';

describe('instance __dict__', () => {
  it('on 3.11+ reading __dict__ stops with an error naming what is not modelled', () => {
    const r = runProgram(SRC + 'print(a.__dict__)\n', { python: '3.12' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('NotImplementedError: GC Lab does not model `__dict__` on 3.11+ yet');
  });

  it('on 3.11+ hasattr does not turn that error into False', () => {
    const r = runProgram(SRC + 'print(hasattr(a, "__dict__"))\n', { python: '3.13' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('GC Lab does not model `__dict__` on 3.11+ yet');
  });

  it('hasattr still answers False for a missing attribute', () => {
    expect(runProgram(SRC + 'print(hasattr(a, "y"), hasattr(a, "x"))\n', { python: '3.13' }).stdout).toBe('False True\n');
  });

  it('on 3.10 vars(a) is a.__dict__, the dict attributes live in', () => {
    const r = runProgram(SRC + 'd = vars(a)\nd["y"] = 2\nprint(d is a.__dict__, a.y, d)\n', { python: '3.10' });
    expect(r.stdout).toBe("True 2 {'x': 1, 'y': 2}\n");
  });
});
