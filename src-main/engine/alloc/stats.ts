// The numbers `sys._debugmallocstats()` prints, computed the way obmalloc.c computes them: walk every allocated
// arena and every carved pool at call time (reference §5.8).
import type { Pymalloc } from './pymalloc';
import { PoolState } from './pymalloc';
import { NUM_SIZE_CLASSES, POOL_OVERHEAD } from './size-classes';
import type { ArenaMapGeometry } from '../profiles/pymalloc';

export interface MallocStats {
  /** Per size class (index = class): used + full pools, blocks in use, avail blocks (incl. virgin ones). */
  numPools: Int32Array;
  blocksInUse: Int32Array;
  availBlocks: Int32Array;
  arenasAllocatedTotal: number;
  arenasReclaimed: number;
  arenasHighwater: number;
  arenasCurrent: number;
  arenaSize: number;
  poolSize: number;
  /** The byte breakdown; the six parts add up to `total` = arenasCurrent x arenaSize. */
  bytesInAllocatedBlocks: number;
  bytesInAvailableBlocks: number;
  unusedPools: number;
  bytesInUnusedPools: number;
  bytesLostToPoolHeaders: number;
  bytesLostToQuantization: number;
  bytesLostToArenaAlignment: number;
  total: number;
  /** Raw allocator (requests of 0 or > 512 bytes): blocks and bytes requested, counted apart. */
  rawBlocks: number;
  rawBytes: number;
}

export function mallocStats(p: Pymalloc): MallocStats {
  const numPools = new Int32Array(NUM_SIZE_CLASSES);
  const blocksInUse = new Int32Array(NUM_SIZE_CLASSES);
  const availBlocks = new Int32Array(NUM_SIZE_CLASSES);
  let unusedPools = 0;
  let alignment = 0;
  for (let a = 0; a < p.maxarenas; a++) {
    if (p.arAddr[a] === 0) continue;
    unusedPools += p.arNfree[a]!;
    if (p.misalign !== 0) alignment += p.poolSize;
    const p0 = a * p.maxPools;
    const carved = p.arCarved[a]!;
    for (let i = 0; i < carved; i++) {
      const pool = p0 + i;
      const ref = p.poolRefCount(pool);
      if (ref === 0) continue; // empty: on the arena's freepools
      const sz = p.poolClass(pool);
      numPools[sz]++;
      blocksInUse[sz] += ref;
      availBlocks[sz] += p.classBlocks[sz]! - ref;
    }
  }
  let allocated = 0;
  let available = 0;
  let headers = 0;
  let quantization = 0;
  for (let i = 0; i < NUM_SIZE_CLASSES; i++) {
    const size = p.classBytes[i]!;
    allocated += blocksInUse[i]! * size;
    available += availBlocks[i]! * size;
    headers += numPools[i]! * POOL_OVERHEAD;
    quantization += numPools[i]! * ((p.poolSize - POOL_OVERHEAD) % size);
  }
  const bytesInUnusedPools = unusedPools * p.poolSize;
  return {
    numPools,
    blocksInUse,
    availBlocks,
    arenasAllocatedTotal: p.ntimesArenaAllocated,
    arenasReclaimed: p.ntimesArenaAllocated - p.narenasCurrent,
    arenasHighwater: p.narenasHighwater,
    arenasCurrent: p.narenasCurrent,
    arenaSize: p.arenaSize,
    poolSize: p.poolSize,
    bytesInAllocatedBlocks: allocated,
    bytesInAvailableBlocks: available,
    unusedPools,
    bytesInUnusedPools,
    bytesLostToPoolHeaders: headers,
    bytesLostToQuantization: quantization,
    bytesLostToArenaAlignment: alignment,
    total: allocated + available + bytesInUnusedPools + headers + quantization + alignment,
    rawBlocks: p.raw.count,
    rawBytes: p.raw.bytes,
  };
}

export interface ArenaMapStats {
  midNodes: number;
  botNodes: number;
  rootBytes: number;
  midBytes: number;
  botBytes: number;
  total: number;
}

/** Radix-tree node counts: every arena ever mapped created the nodes covering its first and last byte. */
export function arenaMapStats(p: Pymalloc, g: ArenaMapGeometry): ArenaMapStats {
  const mids = new Set<number>();
  const bots = new Set<number>();
  for (const base of p.mappedAddresses) {
    // An arena that is not ARENA_SIZE-aligned also marks the chunk holding its tail.
    const ends = base % p.arenaSize === 0 ? [base] : [base, base + p.arenaSize];
    for (const addr of ends) {
      mids.add(Math.floor(addr / 2 ** g.midShift));
      bots.add(Math.floor(addr / 2 ** g.botShift));
    }
  }
  const midBytes = mids.size * g.midNodeBytes;
  const botBytes = bots.size * g.botNodeBytes;
  return {
    midNodes: mids.size,
    botNodes: bots.size,
    rootBytes: g.rootBytes,
    midBytes,
    botBytes,
    total: g.rootBytes + midBytes + botBytes,
  };
}

export { PoolState };
