// Runtime errors are Python exceptions with CPython's message text, catchable with try/except; uncaught
// ones print CPython's traceback layout (checked against CPython 3.8.18, 3.11.7 and 3.13.0 output).
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../src-main/engine/python/session';

function caught(src: string, python: '3.8' | '3.11' | '3.13' = '3.13'): string {
  const r = runProgram(`try:\n${src.split('\n').map((l) => '    ' + l).join('\n')}\nexcept Exception as e:\n    print(type(e).__name__ + ': ' + str(e))\n`, { python });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('exception messages', () => {
  it('NameError names the missing name', () => {
    expect(caught('undefined_name')).toBe("NameError: name 'undefined_name' is not defined");
  });

  it('AttributeError names the type and the attribute', () => {
    expect(caught('class Node: pass\nNode().value')).toBe("AttributeError: 'Node' object has no attribute 'value'");
    expect(caught('[].push(1)')).toBe("AttributeError: 'list' object has no attribute 'push'");
  });

  it('TypeError for operands, calls and arity uses CPython wording per version', () => {
    expect(caught('1 + "a"')).toBe("TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    expect(caught('"a" + 1')).toBe('TypeError: can only concatenate str (not "int") to str');
    expect(caught('x = 5\nx()')).toBe("TypeError: 'int' object is not callable");
    expect(caught('def f(a): pass\nf(1, 2)')).toBe('TypeError: f() takes 1 positional argument but 2 were given');
    expect(caught('class C:\n    def m(self, x): pass\nC().m()', '3.8')).toBe("TypeError: m() missing 1 required positional argument: 'x'");
    expect(caught('class C:\n    def m(self, x): pass\nC().m()', '3.11')).toBe("TypeError: C.m() missing 1 required positional argument: 'x'");
  });

  it('IndexError, KeyError and ZeroDivisionError read as in CPython', () => {
    expect(caught('[1, 2][5]')).toBe('IndexError: list index out of range');
    expect(caught('[].pop()')).toBe('IndexError: pop from empty list');
    expect(caught('{}["missing"]')).toBe("KeyError: 'missing'");
    expect(caught('1 / 0')).toBe('ZeroDivisionError: division by zero');
    expect(caught('1 // 0')).toBe('ZeroDivisionError: integer division or modulo by zero');
  });

  it('gc.collect with a generation out of range raises ValueError', () => {
    expect(caught('import gc\ngc.collect(3)')).toBe('ValueError: invalid generation');
  });

  it('UnboundLocalError changed wording in 3.11', () => {
    const src = 'def f():\n    print(x)\n    x = 1\nf()';
    expect(caught(src, '3.8')).toBe("UnboundLocalError: local variable 'x' referenced before assignment");
    expect(caught(src, '3.13')).toBe("UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
  });
});

describe('try/except/finally', () => {
  it('catches by base class, runs else and finally in order', () => {
    const r = runProgram('try:\n    [][1]\nexcept LookupError as e:\n    print("caught", type(e).__name__)\nelse:\n    print("else")\nfinally:\n    print("finally")\ntry:\n    pass\nexcept Exception:\n    pass\nelse:\n    print("no error")\n');
    expect(r.stdout).toBe('caught IndexError\nfinally\nno error\n');
  });

  it('raises and catches a user-defined exception class with its message', () => {
    const r = runProgram('class AppError(Exception):\n    pass\ntry:\n    raise AppError("boom")\nexcept AppError as e:\n    print(repr(e), e.args)\n');
    expect(r.stdout).toBe("AppError('boom') ('boom',)\n");
  });
});

describe('uncaught exceptions', () => {
  const prog = 'def inner(d):\n    return d["missing"] + 1\n\ndef outer():\n    x = inner({})\n    return x\n\nouter()\n';

  it('print the 3.8 traceback without caret lines and exit 1', () => {
    const r = runProgram(prog, { python: '3.8', filename: 'tb.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "tb.py", line 8, in <module>\n    outer()\n  File "tb.py", line 5, in outer\n' +
      '    x = inner({})\n  File "tb.py", line 2, in inner\n    return d["missing"] + 1\nKeyError: \'missing\'\n',
    );
  });

  it('print 3.11 caret lines under the call and the failing subscript', () => {
    const r = runProgram(prog, { python: '3.11', filename: 'tb.py' });
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "tb.py", line 8, in <module>\n    outer()\n  File "tb.py", line 5, in outer\n' +
      '    x = inner({})\n        ^^^^^^^^^\n  File "tb.py", line 2, in inner\n    return d["missing"] + 1\n           ~^^^^^^^^^^^\n' +
      "KeyError: 'missing'\n",
    );
  });

  it('print 3.13 call anchors and skip carets for a plain call assignment', () => {
    const r = runProgram(prog, { python: '3.13', filename: 'tb.py' });
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "tb.py", line 8, in <module>\n    outer()\n    ~~~~~^^\n  File "tb.py", line 5, in outer\n' +
      '    x = inner({})\n  File "tb.py", line 2, in inner\n    return d["missing"] + 1\n           ~^^^^^^^^^^^\n' +
      "KeyError: 'missing'\n",
    );
  });

  it('show the exception being handled when another one is raised', () => {
    const r = runProgram('try:\n    {}["k"]\nexcept KeyError:\n    x = 1 + "a"\n', { python: '3.11', filename: 'tb.py' });
    expect(r.stderr).toContain("KeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n");
    expect(r.stderr).toContain('    x = 1 + "a"\n        ~~^~~~~\nTypeError:');
  });

  it('print the cause first for raise ... from', () => {
    const r = runProgram('raise RuntimeError("x") from ValueError("y")\n', { python: '3.13', filename: 'c.py' });
    expect(r.stderr).toBe('ValueError: y\n\nThe above exception was the direct cause of the following exception:\n\n' +
      'Traceback (most recent call last):\n  File "c.py", line 1, in <module>\n    raise RuntimeError("x") from ValueError("y")\nRuntimeError: x\n');
  });

  it('suggest a close name on 3.10+', () => {
    expect(runProgram('counter = 1\nprint(countr)\n', { python: '3.10' }).stderr).toContain("NameError: name 'countr' is not defined. Did you mean: 'counter'?");
    expect(runProgram('counter = 1\nprint(countr)\n', { python: '3.9' }).stderr).toContain("NameError: name 'countr' is not defined\n");
  });
});

describe('limits', () => {
  it('stops an endless loop at the step limit with a message saying so', () => {
    const r = runProgram('while True:\n    pass\n', { maxSteps: 10_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('GC Lab stopped the program after 10000 steps (step limit)');
  });

  it('stops runaway allocation at the memory limit with a message saying so', () => {
    const r = runProgram('keep = []\nwhile True:\n    keep.append([])\n', { maxObjects: 100_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/GC Lab stopped the program: \d+ objects alive, more than the memory limit of 100000/);
  });

  it('stops runaway recursion with RecursionError', () => {
    const r = runProgram('def f(n):\n    return f(n + 1)\nf(0)\n');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('RecursionError: maximum recursion depth exceeded');
  });
});
