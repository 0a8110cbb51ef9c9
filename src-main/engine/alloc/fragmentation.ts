// Why memory does not go down after `del`: bytes in use against bytes held, and the arenas that only a few
// live blocks keep mapped (pymalloc returns memory to the OS one whole arena at a time, reference §5.5).
import type { Pymalloc } from './pymalloc';
import { PoolState } from './pymalloc';

export interface ArenaUsage {
  slot: number;
  address: number;
  liveBlocks: number;
  /** Bytes of the live blocks (block sizes) and what their owners asked for. */
  liveBlockBytes: number;
  requestedBytes: number;
  usedPools: number;
  fullPools: number;
  emptyPools: number;
  /** Pools never carved or empty: what nfreepools counts. */
  freePools: number;
  /** Owners of the live blocks when there are at most `ownersUpTo` of them (else empty). */
  owners: number[];
}

export interface Fragmentation {
  /** Bytes asked for by live pymalloc allocations. */
  requestedBytes: number;
  /** Bytes of the blocks holding them (requests rounded up to 16). */
  blockBytes: number;
  /** Bytes mapped for arenas: what the process holds for pymalloc. */
  arenaBytes: number;
  /** requestedBytes / arenaBytes (0 without arenas). */
  utilization: number;
  /** The raw allocator (requests of 0 or > 512 bytes) is counted apart. */
  rawBytes: number;
  arenas: ArenaUsage[];
  /** Arenas with at least one and at most `sparseBlocks` live blocks, fewest first: freeing those blocks would release them. */
  sparse: ArenaUsage[];
}

export function fragmentation(p: Pymalloc, sparseBlocks = 16, ownersUpTo = 16): Fragmentation {
  const arenas: ArenaUsage[] = [];
  let requested = 0;
  let blockBytes = 0;
  for (let a = 0; a < p.maxarenas; a++) {
    if (p.arAddr[a] === 0) continue;
    const u: ArenaUsage = {
      slot: a, address: p.arAddr[a]!, liveBlocks: 0, liveBlockBytes: 0, requestedBytes: 0,
      usedPools: 0, fullPools: 0, emptyPools: 0, freePools: p.arNfree[a]!, owners: [],
    };
    const owners: number[] = [];
    for (let i = 0; i < p.arCarved[a]!; i++) {
      const pool = a * p.maxPools + i;
      const st = p.poolState(pool);
      if (st === PoolState.Empty) { u.emptyPools++; continue; }
      if (st === PoolState.Used) u.usedPools++;
      else if (st === PoolState.Full) u.fullPools++;
      const sz = p.poolClass(pool);
      const size = p.classBytes[sz]!;
      const base = p.poolBlockBase(pool);
      const n = p.poolNextOffset(pool);
      for (let b = 0; b < n; b++) {
        const req = p.blockRequested(base + b);
        if (req === 0) continue;
        u.liveBlocks++;
        u.liveBlockBytes += size;
        u.requestedBytes += req;
        if (owners.length <= ownersUpTo) owners.push(p.blockOwner(base + b));
      }
    }
    if (owners.length <= ownersUpTo) u.owners = owners;
    requested += u.requestedBytes;
    blockBytes += u.liveBlockBytes;
    arenas.push(u);
  }
  const arenaBytes = p.narenasCurrent * p.arenaSize;
  return {
    requestedBytes: requested,
    blockBytes,
    arenaBytes,
    utilization: arenaBytes ? requested / arenaBytes : 0,
    rawBytes: p.raw.bytes,
    arenas,
    sparse: arenas.filter((u) => u.liveBlocks > 0 && u.liveBlocks <= sparseBlocks).sort((x, y) => x.liveBlocks - y.liveBlocks),
  };
}
