// A session runs entry by entry, but its reference is the same program as a file (the Python export), which
// CPython compiles whole before the first statement: the constants of later entries already exist. Values as
// real CPython 3.8.18 / 3.12.1 print when these lines run as one file (python -S FILE).
import { describe, expect, it } from 'vitest';
import { createPythonSession, runProgram } from '../../src-main/engine/python/session';

const LINES = [
  'import gc, sys', 'gc.disable()', 'gc.collect()', 'print(gc.get_count(), len(gc.get_objects()))',
  'x = 1000', 'print(sys.getrefcount(x))', 'del x', 'print(gc.get_count(), len(gc.get_objects()))',
  't = ((1, 2), 3)', 'print(gc.get_count(), len(gc.get_objects()), gc.is_tracked(t), gc.is_tracked(t[0]))',
  'u = (1, 2)', 'print(gc.get_count(), len(gc.get_objects()), gc.is_tracked(u))',
];

function perEntry(python: '3.8' | '3.12'): string {
  const s = createPythonSession(python);
  return LINES.map((l) => s.exec(l).stdout).join('');
}

describe('constants of entries compiled after a collection', () => {
  it('are as CPython left them by then: untracked, their allocation not counted (file runs: 3.8 4 5 5, 3.12 5 6 7)', () => {
    expect(perEntry('3.8')).toBe('(0, 0, 0) 25\n4\n(4, 0, 0) 27\n(5, 0, 0) 27 False False\n(5, 0, 0) 27 False\n');
    expect(perEntry('3.12')).toBe('(0, 0, 0) 25\n4\n(5, 0, 0) 27\n(6, 0, 0) 27 False False\n(7, 0, 0) 27 False\n');
  });

  it('print what the whole program prints', () => {
    const whole = (python: '3.8' | '3.12') => runProgram(LINES.join('\n') + '\n', { python }).stdout;
    expect(perEntry('3.8')).toBe(whole('3.8'));
    expect(perEntry('3.12')).toBe(whole('3.12'));
  });

  it('before any collection are tracked and counted like the rest of generation 0', () => {
    const s = createPythonSession('3.8');
    s.exec('import gc');
    s.exec('gc.disable()');
    s.exec('t = ((1, 2), 3)');
    expect(s.exec('print(gc.is_tracked(t), gc.is_tracked(t[0]))').stdout).toBe('True True\n');
  });
});
