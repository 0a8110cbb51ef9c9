// Where an address lives in pymalloc's geometry: arena, pool (POOL_SIZE-aligned chunk) and block index
// (blocks start after the 48-byte pool header, reference §5.2).
import type { MemoryMapView } from '../../shared/snapshot';

export const POOL_OVERHEAD = 48;

export interface BlockPlace {
  arena: number;
  pool: number;
  block: number;
  blockSize: number;
  sizeClass: number;
  /** Offset of the block in MemoryMapView.owners. */
  ownerIndex: number;
}

/** First POOL_SIZE-aligned address at or after the arena's start (the arena's first usable pool). */
export function firstPool(arenaAddress: number, poolSize: number): number {
  return Math.ceil(arenaAddress / poolSize) * poolSize;
}

export function locate(map: MemoryMapView, address: number): BlockPlace | null {
  let ownerBase = 0;
  for (const a of map.arenas) {
    const inArena = address >= a.address && address < a.address + map.arenaSize;
    const base = firstPool(a.address, map.poolSize);
    for (const p of a.pools) {
      const poolAddr = base + p.index * map.poolSize;
      if (inArena && address >= poolAddr && address < poolAddr + map.poolSize && p.blockSize > 0) {
        const block = Math.floor((address - poolAddr - POOL_OVERHEAD) / p.blockSize);
        return { arena: a.index, pool: p.index, block, blockSize: p.blockSize, sizeClass: p.sizeClass, ownerIndex: ownerBase + block };
      }
      ownerBase += p.capacity;
    }
  }
  return null;
}

/** The address of the block at owners[index] (inverse of locate), for hover and selection on the map. */
export function blockAt(map: MemoryMapView, index: number): { arena: number; pool: number; block: number; address: number } | null {
  let ownerBase = 0;
  for (const a of map.arenas) {
    const base = firstPool(a.address, map.poolSize);
    for (const p of a.pools) {
      if (index < ownerBase + p.capacity) {
        const block = index - ownerBase;
        return { arena: a.index, pool: p.index, block, address: base + p.index * map.poolSize + POOL_OVERHEAD + block * p.blockSize };
      }
      ownerBase += p.capacity;
    }
  }
  return null;
}
