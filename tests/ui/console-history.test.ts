// The console's Up/Down recall of statements run, as Python's REPL walks its history.
import { describe, expect, it } from 'vitest';
import { ConsoleHistory } from '../../src-renderer/components/console-history';

function withRuns(...sources: string[]): ConsoleHistory {
  const h = new ConsoleHistory();
  for (const s of sources) h.record(s);
  return h;
}

describe('console history', () => {
  it('Up recalls the statements run, newest first, and stops at the oldest', () => {
    const h = withRuns('a = []', 'b = {}');
    expect(h.older('')).toBe('b = {}');
    expect(h.older('b = {}')).toBe('a = []');
    expect(h.older('a = []')).toBeNull();
  });

  it('Down past the newest brings back what was being typed', () => {
    const h = withRuns('a = []', 'b = {}');
    expect(h.older('x = 1')).toBe('b = {}');
    expect(h.older('b = {}')).toBe('a = []');
    expect(h.newer()).toBe('b = {}');
    expect(h.newer()).toBe('x = 1');
    expect(h.newer()).toBeNull();
  });

  it('running the same statement twice in a row keeps one entry', () => {
    const h = withRuns('gc.collect()', 'gc.collect()\n');
    expect(h.size).toBe(1);
  });

  it('a run starts the walk again from the newest statement', () => {
    const h = withRuns('a = []', 'b = {}');
    h.older('');
    h.older('');
    h.record('c = ()');
    expect(h.older('')).toBe('c = ()');
  });

  it('keeps only the newest statements beyond its limit', () => {
    const h = new ConsoleHistory(2);
    for (const s of ['one', 'two', 'three']) h.record(s);
    expect(h.older('')).toBe('three');
    expect(h.older('')).toBe('two');
    expect(h.older('')).toBeNull();
  });
});
