// The free-list lines of sys._debugmallocstats() against real CPython 3.8-3.10, for a program that first empties
// every free list with a full collection (the startup heap's leftovers are not modelled), then leaves dead bound
// methods, dicts, floats, lists, frames and tuples on them (and, on 3.8, print's bound builtin method); then
// what print leaves on 3.14.2's free lists, against Pyodide.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../src-main/engine/python/session';
import { findInterpreters, interpreterReport, runPyodide, runPythonAsync } from '../../support/cpython';

const found = findInterpreters();

const PROGRAM = `
import gc, sys
class A:
    def f(self):
        return 1
def g(n):
    if n == 0:
        return 0
    return g(n - 1)
a = A()
x = 1.5
ms = ds = fs = ls = None
gc.disable()
gc.collect()
ms = [a.f, a.f, a.f]
ds = [{}, {}]
fs = [x * 2, x * 3]
ls = [[], [], [], []]
t = (fs[0], fs[1])
g(3)
print("print fetches file.write: a bound builtin method on 3.8")
ms = ds = fs = ls = t = None
sys._debugmallocstats()
`;

/** "N free PyXObjects" lines (non-zero tuple lengths only), in report order. */
const freeLines = (stderr: string) =>
  stderr.split('\n').filter((l) => / free /.test(l) && !/^\s*0 free \d+-sized/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));

describe('sys._debugmallocstats() free-list lines against real CPython', () => {
  // 3.8 also prints its PyCFunctionObject free list: print's bound `file.write` goes there (1).
  for (const [version, method] of [['3.8', 3], ['3.9', null], ['3.10', null]] as const) {
    it(`CPython ${version}: ${method === null ? 'no method free list' : `${method} bound methods on the method free list`}`, async (ctx) => {
      const interp = found.get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const real = freeLines((await runPythonAsync(interp, PROGRAM)).stderr);
      const lab = freeLines(runProgram(PROGRAM, { python: version }).stderr);
      const methodLine = real.find((l) => l.includes('PyMethodObjects'));
      expect(methodLine?.startsWith(`${method} free`) ?? null).toBe(method === null ? null : true);
      expect(lab).toEqual(real);
    });
  }
});

// Pyodide's stdout is a line-buffered tty: TextIOWrapper.write turns the second pending write into a list, freed
// when a newline flushes it (Runtime.write). Piped 3.8-3.13 keep no such list; nothing else is allocated by print
// on 3.9+ (no bound `write` method, no stand-in objects).
describe('print on 3.14.2 leaves on the free lists what Pyodide leaves', () => {
  const cases = ['print(1)', 'print()', "print('a', end='')\nprint('b')", "print('x\\ny', end='')", "print('', end='\\n')", 'print(1, 2, 3)'];
  /** "N free PyXObjects" with the sizes left out (Pyodide is 32-bit). */
  const counts = (stderr: string) => freeLines(stderr).map((l) => l.replace(/ \*.*$/, ''));
  for (const c of cases) {
    it(`${JSON.stringify(c)} after a full collection`, async (ctx) => {
      const program = `import gc, sys\ngc.disable()\ngc.collect()\n${c}\nsys._debugmallocstats()\n`;
      const real = await runPyodide(program);
      if (!real) return ctx.skip('Pyodide is not installed');
      const lab = counts(runProgram(program, { python: '3.14.2' }).stderr);
      expect(lab).toEqual(counts(real.stderr));
      expect(lab.filter((l) => l.includes('PyListObjects'))).toEqual([c === 'print()' || c.includes('x\\ny') ? '0 free PyListObjects' : '1 free PyListObjects']);
    });
  }
});
