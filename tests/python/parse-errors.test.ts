// Code outside the subset is refused before it runs, naming the construct and where it is; real syntax
// errors are reported the way CPython words them.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

function unsupported(src: string): string {
  const r = runProgram(src, { filename: 'prog.py' });
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

describe('constructs outside the subset', () => {
  it('names async def with its line and column', () => {
    expect(unsupported('import gc\nx = 1\nasync def f():\n    pass\n')).toBe('GC Lab does not run `async def` yet, line 3, column 1\n');
  });

  it('names a with statement inside a function body at its indented column', () => {
    expect(unsupported('def f():\n    with open("x") as fh:\n        pass\n')).toBe('GC Lab does not run `with` yet, line 2, column 5\n');
  });

  it('names decorators, yield, nonlocal and the walrus operator', () => {
    expect(unsupported('@d\ndef f(): pass\n')).toContain('`decorators`');
    expect(unsupported('def g():\n    yield 1\n')).toBe('GC Lab does not run `yield` yet, line 2, column 5\n');
    expect(unsupported('def g():\n    nonlocal x\n')).toBe('GC Lab does not run `nonlocal` yet, line 2, column 5\n');
    expect(unsupported('if (n := 3): pass\n')).toBe('GC Lab does not run `:=` yet, line 1, column 5\n');
  });

  it('names generator expressions, star arguments and modules other than gc, sys and weakref', () => {
    expect(unsupported('x = sum(i for i in range(3))\n')).toBe('GC Lab does not run `generator expressions` yet, line 1, column 8\n');
    expect(unsupported('def f(*args): pass\n')).toBe('GC Lab does not run `*args` yet, line 1, column 7\n');
    expect(unsupported('import gc, os\n')).toBe('GC Lab does not run `import os` yet, line 1, column 1\n');
    expect(unsupported('from collections import deque\n')).toBe('GC Lab does not run `from collections import` yet, line 1, column 1\n');
  });

  it('names a closure over a variable of an enclosing function instead of raising NameError', () => {
    expect(unsupported('def outer():\n    name = "x"\n    def inner():\n        return name\n    return inner()\nouter()\n'))
      .toBe('GC Lab does not run `closures` yet, line 4, column 16\n');
  });

  it('reports the unsupported construct in the error field with 1-based line and column', () => {
    const r = runProgram('\n\n  \nx = [i async for i in y]\n');
    expect(r.error).toMatchObject({ type: 'Unsupported', line: 4 });
  });

  it('runs nothing of a program that contains an unsupported construct', () => {
    const r = runProgram('print("before")\nwith x: pass\n');
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(2);
  });
});

describe('syntax errors', () => {
  it('names a bracket that was never closed, as CPython 3.10+ does', () => {
    const r = runProgram('x = [1,\n', { filename: 'prog.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('  File "prog.py", line 1\n    x = [1,\n        ^\nSyntaxError: \'[\' was never closed\n');
  });

  it('rejects assignment to a literal and a non-default parameter after a default one', () => {
    expect(runProgram('1 = x\n').stderr).toContain('SyntaxError: cannot assign to literal');
    expect(runProgram('def f(a=1, b): pass\n').stderr).toContain('SyntaxError: non-default argument follows default argument');
  });

  it('asks for parentheses around a Python 2 print statement', () => {
    expect(runProgram('print "hi"\n').stderr).toContain("SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?");
  });
});
