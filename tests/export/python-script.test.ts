// What the exported script contains: the statements in order, the gc calls needed to start CPython in the
// session's state, and statements that raised in the lab wrapped so the script goes on as the lab did.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../shared/session';
import { exportPython, linesStartingInString, PRINT_TRACEBACK } from '../../src-main/export';
import { fixtureSessions } from './support';

const session = (program: string[], gc?: { enabled?: boolean; thresholds?: [number, number, number] }, profile: '3.13' | '3.8' = '3.13') =>
  createSession({ app: '0.1.0', profile, program, settings: gc ? { gc } : {} });

describe('the Python export as text', () => {
  it('is the statements of the program in order, one after another, when the program makes its own imports', () => {
    const [, fixture] = fixtureSessions().find(([n]) => n === 'v1-cycle.gclab')!;
    const sources = fixture.program.map((s) => (typeof s === 'string' ? s : s.source));
    expect(exportPython(fixture)).toBe(sources.join('\n') + '\n');
  });

  it('keeps a multi-line statement whole', () => {
    const def = 'def f(x):\n    return [x]';
    expect(exportPython(session([def, 'y = f(1)']))).toBe(`${def}\ny = f(1)\n`);
  });

  it('adds no import the program does not make: using sys without importing it raises, in the lab and the script', () => {
    const handler = `except BaseException:\n    ${PRINT_TRACEBACK}`;
    expect(exportPython(session(['a = []', 'print(sys.getrefcount(a))', 'import sys', 'print(sys.getrefcount(a))']))).toBe(
      `a = []\ntry:\n    print(sys.getrefcount(a))\n${handler}\nimport sys\nprint(sys.getrefcount(a))\n`,
    );
  });

  it('wraps a multi-line statement that raised whole, and in open frames only the returns its exception forced', () => {
    const handler = `except BaseException:\n    ${PRINT_TRACEBACK}`;
    expect(exportPython(session(['for i in range(2):\n    print(i)\n\n    1 / 0', 'x = 1']))).toBe(
      `try:\n    for i in range(2):\n        print(i)\n\n        1 / 0\n${handler}\nx = 1\n`,
    );
    const program = ['def f1():', '    y = [1]', '    1 / 0\nf1()', 'print(y)'];
    expect(exportPython(session(program))).toBe(`def f1():\n    y = [1]\n    1 / 0\ntry:\n    f1()\n${handler}\ntry:\n    print(y)\n${handler}\n`);
  });

  it('imports nothing the program does not use', () => {
    expect(exportPython(session(['a = [1]', 'print(a)']))).toBe('a = [1]\nprint(a)\n');
  });

  it('turns thresholds that differ from the profile into gc.set_threshold before the first statement', () => {
    expect(exportPython(session(['import gc', 'a = []'], { thresholds: [100, 10, 10] }))).toBe(
      "__import__('gc').set_threshold(100, 10, 10)\nimport gc\na = []\n",
    );
  });

  it("leaves out thresholds equal to the profile's start-up values (700 on 3.8)", () => {
    expect(exportPython(session(['a = []'], { enabled: true, thresholds: [700, 10, 10] }, '3.8'))).toBe('a = []\n');
  });

  it('turns a disabled collector into gc.disable()', () => {
    expect(exportPython(session(['a = []'], { enabled: false }))).toBe("__import__('gc').disable()\na = []\n");
  });
});

describe('the Python export of a session saved with function frames open', () => {
  it('returns from the open frames, innermost first, so the script runs the bodies the lab ran', () => {
    const program = ['a = 1', 'def f1():', '    x = []', '    def f2():', '        y = [x]'];
    expect(exportPython(session(program))).toBe(`${program.join('\n')}\n    f2()\nf1()\n`);
  });

  it('gives a frame with no statement yet a `pass` body', () => {
    expect(exportPython(session(['def f1():', '    x = []', '    def f2():']))).toBe('def f1():\n    x = []\n    def f2():\n        pass\n    f2()\nf1()\n');
  });

  it('adds nothing for frames that already returned, or for an ordinary function definition', () => {
    const program = ['def f1():', '    x = []', 'f1()', 'def g(n):\n    return n', 'g(1)'];
    expect(exportPython(session(program))).toBe(`${program.join('\n')}\n`);
  });
});

describe('which lines of a statement continue a string literal', () => {
  it('marks the lines inside triple-quoted and backslash-continued literals, not those after them or in comments', () => {
    const src = [
      's = """one', // 0: opens a triple-quoted literal
      '  two # not a comment', // 1: inside
      "three''' \"\"\" + 'x'", // 2: inside, closes; then a one-line literal
      "t = 'a\\", // 3: a quoted literal continued by a backslash
      "b'", // 4: inside, closes
      "# '''", // 5: a comment, opens nothing
      "u = r'\\\\'", // 6: ends with an escaped backslash, closed
      'v = 1', // 7
    ];
    expect(linesStartingInString(src)).toEqual([false, true, true, false, true, false, false, false]);
  });
});
