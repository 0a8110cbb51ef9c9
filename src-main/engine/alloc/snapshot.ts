// The allocator's full state for the memory map: every mapped arena, every pool, every carved block with its
// state and owner, as flat typed arrays (a million blocks cost ~7 MB and no JS object per block).
import type { Pymalloc } from './pymalloc';
import { PoolState } from './pymalloc';
import { POOL_OVERHEAD } from './size-classes';

export const enum BlockState {
  Virgin = 0, // inside a pool's class layout but never handed out (above nextoffset)
  Free = 1, // on the pool's free list
  Allocated = 2,
}

export interface AllocatorSnapshot {
  poolSize: number;
  arenaSize: number;
  /** Mapped arenas in arena-object order. */
  arenaSlot: Int32Array;
  arenaAddress: Float64Array;
  arenaFreePools: Int32Array;
  arenaTotalPools: Int32Array;
  /** Pools of the mapped arenas: arena i holds pools [arenaFirstPool[i], arenaFirstPool[i] + arenaTotalPools[i]). */
  arenaFirstPool: Int32Array;
  poolAddress: Float64Array;
  poolState: Uint8Array; // PoolState: 0 never carved, 1 used, 2 full, 3 empty
  poolClass: Int8Array; // size class, -1 when never carved
  poolUsed: Int32Array;
  /** Blocks of the pool's class (0 when never carved); its blocks are [poolFirstBlock, poolFirstBlock + capacity). */
  poolCapacity: Int32Array;
  poolFirstBlock: Int32Array;
  blockState: Uint8Array;
  blockOwner: Int32Array; // owner object id, 0 when not allocated
  blockRequested: Uint16Array; // bytes asked for, 0 when not allocated
  raw: { address: Float64Array; bytes: Float64Array; owner: Int32Array };
}

export function allocatorSnapshot(p: Pymalloc): AllocatorSnapshot {
  const slots: number[] = [];
  for (let a = 0; a < p.maxarenas; a++) if (p.arAddr[a] !== 0) slots.push(a);
  let npools = 0;
  let nblocks = 0;
  for (const a of slots) {
    npools += p.arNtotal[a]!;
    for (let i = 0; i < p.arCarved[a]!; i++) {
      const sz = p.poolClass(a * p.maxPools + i);
      if (sz >= 0) nblocks += p.classBlocks[sz]!;
    }
  }
  const s: AllocatorSnapshot = {
    poolSize: p.poolSize,
    arenaSize: p.arenaSize,
    arenaSlot: Int32Array.from(slots),
    arenaAddress: new Float64Array(slots.length),
    arenaFreePools: new Int32Array(slots.length),
    arenaTotalPools: new Int32Array(slots.length),
    arenaFirstPool: new Int32Array(slots.length),
    poolAddress: new Float64Array(npools),
    poolState: new Uint8Array(npools),
    poolClass: new Int8Array(npools).fill(-1),
    poolUsed: new Int32Array(npools),
    poolCapacity: new Int32Array(npools),
    poolFirstBlock: new Int32Array(npools),
    blockState: new Uint8Array(nblocks),
    blockOwner: new Int32Array(nblocks),
    blockRequested: new Uint16Array(nblocks),
    raw: p.raw.blocks(),
  };
  let pi = 0;
  let bi = 0;
  slots.forEach((a, ai) => {
    s.arenaAddress[ai] = p.arAddr[a]!;
    s.arenaFreePools[ai] = p.arNfree[a]!;
    s.arenaTotalPools[ai] = p.arNtotal[a]!;
    s.arenaFirstPool[ai] = pi;
    for (let i = 0; i < p.arNtotal[a]!; i++, pi++) {
      const pool = a * p.maxPools + i;
      s.poolAddress[pi] = p.arAddr[a]! + p.firstPoolOffset + i * p.poolSize;
      s.poolFirstBlock[pi] = bi;
      const st = i < p.arCarved[a]! ? p.poolState(pool) : PoolState.Uncarved;
      s.poolState[pi] = st;
      const sz = st === PoolState.Uncarved ? -1 : p.poolClass(pool);
      if (sz < 0) continue;
      s.poolClass[pi] = sz;
      s.poolUsed[pi] = st === PoolState.Empty ? 0 : p.poolRefCount(pool);
      const cap = p.classBlocks[sz]!;
      s.poolCapacity[pi] = cap;
      const nextOff = p.poolNextOffset(pool);
      const base = p.poolBlockBase(pool);
      for (let b = 0; b < cap; b++, bi++) {
        const req = p.blockRequested(base + b);
        if (b >= nextOff) continue; // virgin
        if (req !== 0) {
          s.blockState[bi] = BlockState.Allocated;
          s.blockOwner[bi] = p.blockOwner(base + b);
          s.blockRequested[bi] = req;
        } else s.blockState[bi] = BlockState.Free;
      }
    }
  });
  return s;
}

/** Where an address lives, for the inspector: arena/pool/block indexes of the snapshot order, or raw. */
export interface BlockLocation {
  arena: number;
  pool: number;
  block: number;
  sizeClass: number | null;
  blockSize: number;
  raw: boolean;
}

export function locateBlock(p: Pymalloc, addr: number): BlockLocation | null {
  const pool = p.poolOf(addr);
  if (pool === -1) {
    const size = p.raw.sizeOf(addr);
    return size === undefined ? null : { arena: -1, pool: -1, block: -1, sizeClass: null, blockSize: size, raw: true };
  }
  const slot = Math.floor(pool / p.maxPools);
  let arena = 0;
  for (let a = 0; a < slot; a++) if (p.arAddr[a] !== 0) arena++;
  const sz = p.poolClass(pool);
  const size = p.classBytes[sz]!;
  return {
    arena,
    pool: pool - slot * p.maxPools,
    block: (addr - p.poolAddress(pool) - POOL_OVERHEAD) / size,
    sizeClass: sz,
    blockSize: size,
    raw: false,
  };
}
