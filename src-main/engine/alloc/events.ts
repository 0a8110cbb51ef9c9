// Structural changes of the allocator, for the memory map to animate (arenas mapped and released, pools changing
// state). Emitted only on these rare transitions, never per block, and only when a listener is set.

export type AllocatorEvent =
  /** new_arena(): an arena was mapped at `address` in arena-object slot `arena`. */
  | { t: 'arena-new'; arena: number; address: number; pools: number }
  /** A wholly free arena was unmapped (3.8 always; 3.9+ unless it was the last usable arena). */
  | { t: 'arena-release'; arena: number; address: number }
  /** A pool (index in its arena) started serving size class `sizeClass` (fresh, or re-initialised). */
  | { t: 'pool-init'; arena: number; pool: number; sizeClass: number; reused: boolean }
  /** A used pool ran out of blocks and left usedpools. */
  | { t: 'pool-full'; arena: number; pool: number; sizeClass: number }
  /** A full pool freed a block and went to the front of usedpools. */
  | { t: 'pool-used'; arena: number; pool: number; sizeClass: number }
  /** A pool's last block was freed: it went to its arena's freepools. */
  | { t: 'pool-empty'; arena: number; pool: number; sizeClass: number };

export type AllocatorListener = (e: AllocatorEvent) => void;
