// The report's text: CPython's exact layout per version, and numbers that add up (reference §5.7, §5.8).
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import { debugMallocStats, renderPymallocStats, freeListStatsText, printone } from '../../../src-main/engine/alloc/debugmallocstats';
import { MALLOC_STATS_FORMAT } from '../../../src-main/engine/profiles/pymalloc';
import { PYENV_VERSIONS, findInterpreters, interpreterReport, runPython } from '../../support/cpython';
import { parseMallocStats } from './mallocstats-text';

const found = findInterpreters();
console.log(`debugmallocstats format tests: ${interpreterReport()}`);

describe('sys._debugmallocstats() text', () => {
  it('prints a value line like obmalloc printone(): label to column 35, value with commas in 21 columns', () => {
    expect(printone('# arenas allocated total', 1)).toBe('# arenas allocated total           =                    1\n');
    expect(printone('Total', 1048576)).toBe('Total                              =            1,048,576\n');
  });

  for (const version of PYENV_VERSIONS) {
    it(`re-renders the report of real CPython ${version} byte for byte from its own numbers`, (ctx) => {
      const interp = found.get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const r = runPython(interp, 'import sys\nsys._debugmallocstats()\n');
      expect(r.status).toBe(0);
      const real = r.stderr;
      const parsed = parseMallocStats(real);
      const format = MALLOC_STATS_FORMAT[interp.version];
      const pymallocPart = renderPymallocStats(parsed.stats, parsed.arenaMap);
      expect(real.startsWith(pymallocPart + '\n')).toBe(true);
      expect(pymallocPart + '\n' + freeListStatsText(format, parsed.freeLists)).toBe(real);
    });
  }

  it('adds the byte breakdown up to arenas x arena size for a simulated heap', () => {
    const p = new Pymalloc('3.11');
    const keep: number[] = [];
    for (let i = 0; i < 5000; i++) keep.push(p.malloc(1 + ((i * 37) % 512), i + 1));
    for (let i = 0; i < keep.length; i += 3) p.free(keep[i]!);
    const parsed = parseMallocStats(debugMallocStats(p, '3.11'));
    const s = parsed.stats;
    const parts = s.bytesInAllocatedBlocks + s.bytesInAvailableBlocks + s.bytesInUnusedPools +
      s.bytesLostToPoolHeaders + s.bytesLostToQuantization + s.bytesLostToArenaAlignment;
    expect(parts).toBe(s.total);
    expect(s.total).toBe(s.arenasCurrent * 1048576);
  });

  it('prints the 3.10 radix-tree tables at 48-bit size and the 3.11+ ones at 64-bit size', () => {
    for (const [id, root] of [['3.10', 8192], ['3.13', 262144]] as const) {
      const p = new Pymalloc(id);
      p.malloc(24, 1);
      const m = parseMallocStats(debugMallocStats(p, id)).arenaMap!;
      expect([m.midNodes, m.botNodes, m.rootBytes]).toEqual([1, 1, root]);
    }
  });

  it('prints no arena map before 3.10 and the free-list lines of each version', () => {
    const text38 = debugMallocStats(new Pymalloc('3.8'), '3.8', { method: 7, tuple: [0, 4] });
    expect(text38).not.toContain('arena map');
    expect(text38).toContain('          7 free PyMethodObjects * 48 bytes each =                  336\n');
    expect(text38).toContain('   4 free 1-sized PyTupleObjects * 32 bytes each =                  128\n');
    expect(text38).not.toContain('20-sized');
    const text313 = debugMallocStats(new Pymalloc('3.13'), '3.13', { dictKeys: 7 });
    expect(text313).toContain('        7 free PyDictKeysObjects * 32 bytes each =                  224\n');
    expect(text313).toContain(' 0 free 20-sized PyTupleObjects * 184 bytes each =                    0\n');
  });
});
