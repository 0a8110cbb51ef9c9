// Placeholder pymalloc geometry (reference §5.2, §5.5) until the allocator engineer's profiles/pymalloc.ts lands;
// then versions.ts reads theirs and this file goes away.
import type { PymallocConfig } from './types';

export const PYMALLOC_SMALL_POOLS = (keepLastEmptyArena: boolean): PymallocConfig => ({
  poolSize: 4096,
  arenaSize: 262144,
  poolsPerArena: 64,
  keepLastEmptyArena,
});

export const PYMALLOC_LARGE_POOLS: PymallocConfig = {
  poolSize: 16384,
  arenaSize: 1048576,
  poolsPerArena: 63,
  keepLastEmptyArena: true,
};
