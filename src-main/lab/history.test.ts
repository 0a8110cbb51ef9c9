import { describe, expect, it } from 'vitest';
import { ProgramHistory } from './history';

describe('the program history', () => {
  it('undo takes back the last gesture and redo puts it back', () => {
    const h = new ProgramHistory();
    h.record('a = []');
    h.record('b = [a]');
    expect(h.undo()).toBe('b = [a]');
    expect(h.program).toEqual(['a = []']);
    expect(h.redo()).toBe('b = [a]');
    expect(h.program).toEqual(['a = []', 'b = [a]']);
  });

  it('a new gesture after undo drops the redo branch', () => {
    const h = new ProgramHistory();
    h.record('a = []');
    h.undo();
    h.record('c = {}');
    expect([h.canRedo, h.redo()]).toEqual([false, undefined]);
  });

  it('undo on an empty program does nothing', () => {
    const h = new ProgramHistory();
    expect([h.undo(), h.canUndo, h.program.length]).toEqual([undefined, false, 0]);
  });
});
