// Gestures as statements: the program the canvas writes runs unchanged in real CPython and in the lab,
// with the same results.
import { describe, expect, it } from 'vitest';
import {
  addRefStatement,
  classStatement,
  collectStatement,
  createStatement,
  deleteNameStatement,
  deleteRefStatement,
  keyLiteral,
  nextObjName,
  withImports,
} from '../../src-renderer/components/ops';
import { createPythonSession } from '../../src-main/engine/python/session';
import { newestInterpreter, runPython } from '../support/cpython';

/** The gestures of issue 6's first scene, in order: two lists, references both ways, names deleted, Collect 2. */
function twoListsScene(): string[] {
  const out: string[] = [];
  const say = (s: string) => out.push(withImports(out.join('\n'), s));
  say(createStatement('list', { name: 'obj1' }));
  say(createStatement('list', { name: 'obj2' }));
  say(addRefStatement('obj1', 'obj2', { source: 'list' }));
  say(addRefStatement('obj2', 'obj1', { source: 'list' }));
  say(deleteNameStatement('obj1'));
  say(deleteNameStatement('obj2'));
  say(`print(${collectStatement(2)})`);
  return out;
}

describe('gestures as Python', () => {
  it('names new objects obj1, obj2, ... after the highest one in use', () => {
    expect(nextObjName([])).toBe('obj1');
    expect(nextObjName(['obj1', 'a', 'obj7'])).toBe('obj8');
  });

  it('writes dict keys typed as digits as ints and anything else as a str literal', () => {
    expect(addRefStatement('d', 'x', { source: 'dict', key: '3' })).toBe('d[3] = x');
    expect(addRefStatement('d', 'x', { source: 'dict', key: "it's" })).toBe("d['it\\'s'] = x");
    expect(keyLiteral("'k'")).toBe("'k'");
  });

  it('deletes a reference by list position, dict key, attribute or set member', () => {
    expect(deleteRefStatement('a', { kind: 'item', index: 2 }, 'b')).toBe('del a[2]');
    expect(deleteRefStatement('d', { kind: 'value', key: "'k'" }, 'b')).toBe("del d['k']");
    expect(deleteRefStatement('o', { kind: 'attr', key: 'next' }, 'b')).toBe('del o.next');
    expect(deleteRefStatement('s', { kind: 'member' }, 'b')).toBe('s.discard(b)');
  });

  it('the two-lists scene runs in the lab and in real CPython with the same collect() result', (ctx) => {
    const program = twoListsScene().join('\n') + '\n';
    expect(program).toContain('import gc\nprint(gc.collect(2))');
    const py = newestInterpreter();
    const lab = createPythonSession(py?.version ?? '3.13').exec(program);
    expect(lab.stdout).toBe('2\n');
    if (!py) return ctx.skip('no CPython 3.8-3.13 interpreter found (pyenv)');
    expect(runPython(py, program).stdout).toBe(lab.stdout);
  });

  it('the __del__ class a palette instance needs finalizes both instances of a cycle in creation order, as CPython does', (ctx) => {
    const program = [
      classStatement('Node', true).replace("print('__del__', type(self).__name__, id(self))", "print('__del__', self.n)"),
      'obj1 = Node()', 'obj1.n = 1', 'obj2 = Node()', 'obj2.n = 2',
      'obj1.other = obj2', 'obj2.other = obj1', 'del obj1', 'del obj2', 'import gc', 'print(gc.collect(2))',
    ].join('\n') + '\n';
    const py = newestInterpreter();
    const lab = createPythonSession(py?.version ?? '3.13').exec(program).stdout;
    if (!py) return ctx.skip('no CPython 3.8-3.13 interpreter found (pyenv)');
    expect(lab).toBe(runPython(py, program).stdout);
    expect(lab.split('\n').slice(0, 2)).toEqual(['__del__ 1', '__del__ 2']);
  });
});
