// pymalloc's size classes on 64-bit builds (reference §5.2, §5.3).

export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NUM_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT; // 32
/** sizeof(struct pool_header) rounded to ALIGNMENT. */
export const POOL_OVERHEAD = 48;

/** Block size of class `idx`. */
export function classSize(idx: number): number {
  return (idx + 1) << ALIGNMENT_SHIFT;
}

/** Size class of a request of 1..512 bytes; -1 for requests pymalloc hands to the raw allocator (0 or > 512). */
export function sizeClassOf(nbytes: number): number {
  return nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD ? (nbytes - 1) >> ALIGNMENT_SHIFT : -1;
}

/** Blocks per pool of class `idx`: (POOL_SIZE - 48) / size. */
export function blocksPerPool(poolSize: number, idx: number): number {
  return Math.floor((poolSize - POOL_OVERHEAD) / classSize(idx));
}
