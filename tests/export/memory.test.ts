// The memory report export is the simulated sys._debugmallocstats() of the replayed heap.
import { describe, expect, it } from 'vitest';
import { memoryReport, replaySession } from '../../src-main/export';
import { buildSession } from './support';

describe('memory report export', () => {
  it("is what sys._debugmallocstats() writes at the end of the session's program", () => {
    const program = ['import sys', 'x = [[] for i in range(300)]', 'y = [1.5 * i for i in range(100)]'];
    const report = memoryReport(replaySession(buildSession('3.11', program)).python);
    const r = replaySession(buildSession('3.11', [...program, 'sys._debugmallocstats()']));
    expect(report).toBe(r.stderr);
  });

  it('follows the layout of the profile: the arena map section from 3.10 on', () => {
    const text = (p: '3.9' | '3.10') => memoryReport(replaySession(buildSession(p, ['x = [[] for i in range(10)]'])).python);
    expect(text('3.9')).not.toContain('arena map counts');
    expect(text('3.10')).toContain('arena map counts');
  });
});
