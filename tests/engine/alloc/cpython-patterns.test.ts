// Faithful in numbers: the allocator replays the exact requests CPython makes for controlled patterns and must
// end with the same blocks in use per class, pools per class and arenas as the real interpreters
// (reference §7; patterns in python/patterns.py, measured with mstats.py).
//
// Method: the real run reports `sys._debugmallocstats()` at the start and after each step. The simulated
// allocator is seeded with the start report (per class: pools and available blocks; arenas; unused pools;
// the list free list), then replays the pattern's requests. The startup heap's other classes become
// "ballast" pools of the 512-byte class, which no pattern uses.
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import { mallocStats, type MallocStats } from '../../../src-main/engine/alloc/stats';
import { checkAllocatorInvariants } from '../../../src-main/engine/alloc/invariants';
import type { ProfileId } from '../../../src-main/engine/profiles/types';
import { PYENV_VERSIONS, findInterpreters, interpreterReport } from '../../support/cpython';
import type { ParsedMallocStats } from './mallocstats-text';
import { runRealPattern as runReal } from './real-patterns';
const found = findInterpreters();
console.log(`allocator differential tests: ${interpreterReport()}`);

const BALLAST_CLASS = 31;
const LIST_FREELIST_MAX = 80;
const LIST_OBJECT = 56; // PyListObject 40 + PyGC_Head 16 (3.8-3.13)
const LIST_ITERATOR = 48; // listiterobject 32 + PyGC_Head 16
const SLOTS_NODE = 48; // two __slots__: PyGC_Head 16 + PyObject 16 + 2 x 8

/** A simulated allocator in the state the start report describes, for the classes that matter. */
function seed(profile: ProfileId, start: ParsedMallocStats, classes: number[]): { p: Pymalloc; inUse: Map<number, number[]> } {
  const p = new Pymalloc(profile);
  const inUse = new Map<number, number[]>();
  for (const c of classes) {
    const pools = start.stats.numPools[c]!;
    const avail = start.stats.availBlocks[c]!;
    const bpp = p.classBlocks[c]!;
    const blocks: number[] = [];
    for (let i = 0; i < pools * bpp; i++) blocks.push(p.malloc(p.classBytes[c]!, 1));
    // Give back `avail` blocks, never the first block of a pool (a used pool holds at least one block).
    let left = avail;
    const freed = new Set<number>();
    for (let pool = pools - 1; pool >= 0 && left > 0; pool--) {
      for (let b = bpp - 1; b >= 1 && left > 0; b--, left--) {
        p.free(blocks[pool * bpp + b]!);
        freed.add(pool * bpp + b);
      }
    }
    if (left > 0) throw new Error(`cannot seed class ${c}`);
    inUse.set(c, blocks.filter((_, i) => !freed.has(i)));
  }
  // Ballast: fill the start report's arenas with full pools, then give back its unused pools from the end.
  const ntotal = p.ntotalpoolsPerArena;
  const carved = classes.reduce((s, c) => s + start.stats.numPools[c]!, 0);
  const ballastPools = start.stats.arenasCurrent * ntotal - carved;
  const bpp = p.classBlocks[BALLAST_CLASS]!;
  const ballast: number[][] = [];
  for (let i = 0; i < ballastPools; i++) {
    const pool: number[] = [];
    for (let b = 0; b < bpp; b++) pool.push(p.malloc(p.classBytes[BALLAST_CLASS]!, 2));
    ballast.push(pool);
  }
  const emptied = new Map<number, number>();
  let left = start.stats.unusedPools;
  const lastSlot = start.stats.arenasCurrent - 1;
  for (let i = ballast.length - 1; i >= 0 && left > 0; i--) {
    const slot = Math.floor(p.poolOf(ballast[i]![0]!) / p.maxPools);
    const e = (emptied.get(slot) ?? 0) + 1;
    // A wholly free arena exists only on 3.9+, and only as the last one (bpo-37257).
    if (e === ntotal && !(p.config.keepLastEmptyArena && slot === lastSlot)) continue;
    emptied.set(slot, e);
    for (const a of ballast[i]!) p.free(a);
    left--;
  }
  if (left > 0) throw new Error('cannot seed the unused pools');
  return { p, inUse };
}

interface Compared { step: string; real: number[]; sim: number[] }

function compare(p: Pymalloc, real: MallocStats, start: MallocStats, simStartTotal: number, classes: number[], step: string): Compared {
  const s = mallocStats(p);
  const row = (m: MallocStats, t0: number) => [
    ...classes.flatMap((c) => [m.numPools[c]!, m.blocksInUse[c]!]),
    m.arenasAllocatedTotal - t0,
    m.arenasCurrent,
  ];
  return { step, real: row(real, start.arenasAllocatedTotal), sim: row(s, simStartTotal) };
}

const cls = (bytes: number) => (bytes - 1) >> 4;

describe('the allocator against real CPython', () => {
  for (const version of PYENV_VERSIONS) {
    it(`matches CPython ${version} for 60000 instances of a __slots__ class, freeing every other one, then all`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 60_000;
      const steps = runReal(version, 'slots', n, 0);
      expect(steps.map((s) => s.name)).toEqual(['start', 'built', 'freed every other', 'freed all']);
      const classes = [cls(SLOTS_NODE)];
      const start = steps[0]!.report;
      const { p } = seed(version, start, classes);
      expect(checkAllocatorInvariants(p)).toEqual([]);
      const t0 = p.ntimesArenaAllocated;
      const results: Compared[] = [];
      const nodes: number[] = [];
      let it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 0; j < n; j++) nodes.push(p.malloc(SLOTS_NODE, 10 + j));
      p.free(it);
      results.push(compare(p, steps[1]!.report.stats, start.stats, t0, classes, 'built'));
      it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 0; j < n; j += 2) p.free(nodes[j]!);
      p.free(it);
      results.push(compare(p, steps[2]!.report.stats, start.stats, t0, classes, 'freed every other'));
      it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 1; j < n; j += 2) p.free(nodes[j]!);
      p.free(it);
      results.push(compare(p, steps[3]!.report.stats, start.stats, t0, classes, 'freed all'));
      console.log(`${version} slots [pools48, blocks48, arenas allocated since start, arenas current]:`,
        results.map((r) => `${r.step}: real ${r.real} sim ${r.sim}`).join('; '));
      for (const r of results) expect({ step: r.step, counts: r.sim }).toEqual({ step: r.step, counts: r.real });
      expect(checkAllocatorInvariants(p)).toEqual([]);
    });

    it(`matches CPython ${version} when one __slots__ instance in 20000 survives and keeps its arena alive`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 200_000;
      const k = 20_000;
      // CPython's own arena counts for this pattern vary from run to run (mmap decides whether a new arena is
      // pool-aligned: 64 or 63 usable pools; seen: 3.10 reporting 9 or 10 arenas). The lab must equal the numbers
      // of a real run; up to three real runs are measured before the last comparison is reported as a failure.
      let results: Compared[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const steps = runReal(version, 'sparse', n, k);
        const classes = [cls(SLOTS_NODE)];
        const start = steps[0]!.report;
        const { p } = seed(version, start, classes);
        const t0 = p.ntimesArenaAllocated;
        results = [];
        const nodes: number[] = [];
        const loop = (body: () => void) => { const it = p.malloc(LIST_ITERATOR, 3); body(); p.free(it); };
        loop(() => { for (let j = 0; j < n; j++) nodes.push(p.malloc(SLOTS_NODE, 10 + j)); });
        results.push(compare(p, steps[1]!.report.stats, start.stats, t0, classes, 'built'));
        loop(() => { for (let j = 0; j < n; j++) if (j % k) p.free(nodes[j]!); });
        results.push(compare(p, steps[2]!.report.stats, start.stats, t0, classes, 'freed all but one in K'));
        loop(() => { for (let j = 0; j < n; j += k) p.free(nodes[j]!); });
        results.push(compare(p, steps[3]!.report.stats, start.stats, t0, classes, 'freed all'));
        console.log(`${version} sparse (real run ${attempt + 1}) [pools48, blocks48, arenas allocated since start, arenas current]:`,
          results.map((r) => `${r.step}: real ${r.real} sim ${r.sim}`).join('; '));
        if (results.every((r) => r.real.join() === r.sim.join())) break;
      }
      for (const r of results) expect({ step: r.step, counts: r.sim }).toEqual({ step: r.step, counts: r.real });
    });

    it(`matches CPython ${version} for 20000 lists of 10 items (list free list included), freeing every other one, then all`, (ctx) => {
      if (!found.has(version)) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const n = 20_000;
      const k = 10;
      const steps = runReal(version, 'lists', n, k);
      const classes = [cls(LIST_ITERATOR), cls(LIST_OBJECT), cls(8 * k)];
      const start = steps[0]!.report;
      const { p, inUse } = seed(version, start, classes);
      const t0 = p.ntimesArenaAllocated;
      // The list free list holds objects whose blocks stay in use (reference §5.10).
      const freeList = inUse.get(cls(LIST_OBJECT))!.slice(0, start.freeLists.list ?? 0);
      const newList = (owner: number) => [freeList.pop() ?? p.malloc(LIST_OBJECT, owner), p.malloc(8 * k, owner)] as const;
      const deallocList = ([obj, items]: readonly [number, number]) => {
        p.free(items); // items are released first, then the object goes to the free list if it has room
        if (freeList.length < LIST_FREELIST_MAX) freeList.push(obj);
        else p.free(obj);
      };
      const results: Compared[] = [];
      const lists: (readonly [number, number])[] = [];
      let it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 0; j < n; j++) lists.push(newList(10 + j));
      p.free(it);
      results.push(compare(p, steps[1]!.report.stats, start.stats, t0, classes, 'built'));
      it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 0; j < n; j += 2) deallocList(lists[j]!);
      p.free(it);
      results.push(compare(p, steps[2]!.report.stats, start.stats, t0, classes, 'freed every other'));
      it = p.malloc(LIST_ITERATOR, 3);
      for (let j = 1; j < n; j += 2) deallocList(lists[j]!);
      p.free(it);
      results.push(compare(p, steps[3]!.report.stats, start.stats, t0, classes, 'freed all'));
      console.log(`${version} lists [pools/blocks of 48, 64, 80; arenas allocated since start, arenas current]:`,
        results.map((r) => `${r.step}: real ${r.real} sim ${r.sim}`).join('; '));
      for (const r of results) expect({ step: r.step, counts: r.sim }).toEqual({ step: r.step, counts: r.real });
      expect(checkAllocatorInvariants(p)).toEqual([]);
    });
  }
});
