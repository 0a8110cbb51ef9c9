// The memory map data (every arena, pool and block with its owner) and the fragmentation figures.
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import { allocatorSnapshot, locateBlock, BlockState } from '../../../src-main/engine/alloc/snapshot';
import { fragmentation } from '../../../src-main/engine/alloc/fragmentation';
import { mallocStats } from '../../../src-main/engine/alloc/stats';

const count = (a: Uint8Array, v: number) => a.reduce((n, x) => n + (x === v ? 1 : 0), 0);

describe('allocator snapshot', () => {
  it('shows every allocated block with its owner, and freed blocks as free', () => {
    const p = new Pymalloc('3.12');
    const addrs = Array.from({ length: 1000 }, (_, i) => p.malloc(24, 100 + i));
    for (let i = 0; i < 1000; i += 4) p.free(addrs[i]!);
    const s = allocatorSnapshot(p);
    expect(count(s.blockState, BlockState.Allocated)).toBe(750);
    expect(count(s.blockState, BlockState.Free)).toBe(250 + 1); // + the pre-carved block on the free list
    const owners = new Set(s.blockOwner.filter((o) => o !== 0));
    expect(owners.has(101)).toBe(true);
    expect(owners.has(100)).toBe(false);
    expect(s.arenaSlot.length).toBe(1);
    expect(s.poolState.length).toBe(63);
  });

  it('gives the arena, pool and block of an address the way the memory map orders them', () => {
    const p = new Pymalloc('3.13');
    p.malloc(100, 1);
    const a = p.malloc(100, 2);
    expect(locateBlock(p, a)).toEqual({ arena: 0, pool: 0, block: 1, sizeClass: 6, blockSize: 112, raw: false });
    expect(locateBlock(p, p.malloc(1000, 3))).toMatchObject({ raw: true, sizeClass: null, blockSize: 1000 });
  });

  it('lays out a million blocks in flat arrays', () => {
    const p = new Pymalloc('3.13');
    for (let i = 0; i < 1_000_000; i++) p.malloc(16, i + 1);
    const t = performance.now();
    const s = allocatorSnapshot(p);
    const ms = performance.now() - t;
    expect(count(s.blockState, BlockState.Allocated)).toBe(1_000_000);
    console.log(`snapshot of 1e6 blocks: ${ms.toFixed(0)} ms, ${s.arenaSlot.length} arenas`);
  });
});

describe('fragmentation', () => {
  it('shows arenas kept alive by a few surviving blocks after most objects are deleted', () => {
    const p = new Pymalloc('3.11');
    const addrs = Array.from({ length: 200_000 }, (_, i) => p.malloc(24, i + 1)); // like 200000 floats
    const before = mallocStats(p).arenasCurrent;
    // Keep one object in 20000: the 6 arenas (of 7) holding a survivor cannot be returned. The 7th empties
    // while sorted before arenas with more free pools, so it is not the last usable arena and is released.
    addrs.forEach((a, i) => { if (i % 20000 !== 0) p.free(a); });
    const f = fragmentation(p);
    expect(before).toBe(7);
    expect(mallocStats(p).arenasCurrent).toBe(6);
    expect(f.arenaBytes).toBe(6 * 1048576);
    expect(f.requestedBytes).toBe(10 * 24);
    expect(f.blockBytes).toBe(10 * 32);
    expect(f.sparse.length).toBe(6);
    expect(f.utilization).toBeLessThan(0.0001);
    expect(f.sparse.flatMap((u) => u.owners).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 1 + i * 20000));
    // Deleting the survivors releases the arenas (3.9+ keeps the last empty one).
    addrs.forEach((a, i) => { if (i % 20000 === 0) p.free(a); });
    expect(mallocStats(p).arenasCurrent).toBe(1);
  });
});
