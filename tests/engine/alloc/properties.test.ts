// Property tests: random malloc/free/realloc sequences keep pymalloc's structure consistent after every step
// (each block in one state of one pool, pool lists vs states, arena free counts, usable_arenas sorted, the report
// adding up), and every live allocation keeps its own address, size and owner.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import { checkAllocatorInvariants } from '../../../src-main/engine/alloc/invariants';
import type { PymallocConfig } from '../../../src-main/engine/profiles/types';

type Op =
  | { kind: 'malloc'; size: number; count: number }
  | { kind: 'free'; pick: number; count: number }
  | { kind: 'realloc'; pick: number; size: number };

const size = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 512 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 513, 4000) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('malloc' as const), size, count: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('free' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('realloc' as const), pick: fc.nat(), size }),
);

interface Live { addr: number; size: number; owner: number }

function run(config: PymallocConfig, ops: Op[]): void {
  const p = new Pymalloc(config);
  let live: Live[] = [];
  let owner = 1;
  const check = (what: string) => {
    const v = checkAllocatorInvariants(p);
    if (v.length) throw new Error(`after ${what}: ${v.join('; ')}`);
    const seen = new Set<number>();
    for (const l of live) {
      if (seen.has(l.addr)) throw new Error(`after ${what}: address 0x${l.addr.toString(16)} handed out twice`);
      seen.add(l.addr);
      if (p.requestedSize(l.addr) !== l.size || p.ownerOf(l.addr) !== l.owner) throw new Error(`after ${what}: block 0x${l.addr.toString(16)} lost its size or owner`);
    }
  };
  for (const o of ops) {
    if (o.kind === 'malloc') {
      for (let i = 0; i < o.count; i++) live.push({ addr: p.malloc(o.size, owner), size: o.size, owner: owner++ });
    } else if (o.kind === 'free') {
      for (let i = 0; i < o.count && live.length; i++) {
        const j = (o.pick + i * 7919) % live.length;
        p.free(live[j]!.addr);
        live[j] = live[live.length - 1]!;
        live.pop();
      }
    } else if (live.length) {
      const l = live[o.pick % live.length]!;
      l.addr = p.realloc(l.addr, o.size, l.owner);
      l.size = o.size;
    }
    check(JSON.stringify(o));
  }
  for (const l of live) p.free(l.addr);
  live = [];
  check('freeing everything');
  // With nothing allocated, 3.8 keeps no arena and 3.9+ at most one.
  expect(p.narenasCurrent).toBeLessThanOrEqual(config.keepLastEmptyArena ? 1 : 0);
}

// Tiny arenas (4 pools of 4 KiB) drive arena creation, sorting and release constantly.
const tiny = (keepLastEmptyArena: boolean, poolsPerArena: number): PymallocConfig => ({
  poolSize: 4096, arenaSize: 16384, poolsPerArena, keepLastEmptyArena,
});

describe('pymalloc under random operation sequences', () => {
  it('keeps its invariants with 3.8 policy on tiny arenas (released as soon as they are empty)', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => run(tiny(false, 4), ops)), { numRuns: 150 });
  });

  it('keeps its invariants with 3.9+ policy on tiny misaligned arenas (the last empty arena is kept)', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => run(tiny(true, 3), ops)), { numRuns: 150 });
  });

  it('keeps its invariants with the real 3.13 geometry (16 KiB pools, 63 per 1 MiB arena)', () => {
    const cfg: PymallocConfig = { poolSize: 16384, arenaSize: 1048576, poolsPerArena: 63, keepLastEmptyArena: true };
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), (ops) => run(cfg, ops)), { numRuns: 40 });
  });

  it('keeps its invariants with the real 3.8 geometry (4 KiB pools, 64 per 256 KiB arena)', () => {
    const cfg: PymallocConfig = { poolSize: 4096, arenaSize: 262144, poolsPerArena: 64, keepLastEmptyArena: false };
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), (ops) => run(cfg, ops)), { numRuns: 40 });
  });
});
