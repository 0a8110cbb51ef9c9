// pymalloc (Objects/obmalloc.c) as struct-of-arrays: arenas, pools and blocks are indexes into typed arrays.
// The list discipline follows CPython exactly (reference §5.4, §5.5):
//  - usedpools[class]: doubly linked; allocation serves the head pool; a pool that was full and frees a block is
//    inserted at the head; a pool that becomes full is unlinked; an empty pool moves to its arena's freepools.
//  - freepools per arena: singly linked, last in first out; an empty pool remembers its class and free list.
//  - virgin blocks are carved lowest address first, one at a time, when a pool's free list runs dry.
//  - usable_arenas: doubly linked, sorted by nfreepools ascending (nfp2lasta keeps it sorted in O(1)); pools come
//    from its head (the most used arena); a wholly free arena is released (3.8) or kept when it is the last
//    usable arena (3.9+, bpo-37257).
// Ids: arena = arena-object slot (CPython's `arenas[]` index), pool = slot * poolsPerArenaMax + index in arena,
// block = first block record of the pool + index in pool (each pool owns a run of block records sized for its class).
// Arena slots sit at fixed addresses, so pools lie on one POOL_SIZE grid below ARENA_TOP: the pool of an address
// and the address of a pool are arithmetic (no table lookup, no call), see gridPool / poolAddress.
import type { Address, Allocator } from './allocator';
import type { PymallocConfig, ProfileId } from '../profiles/types';
import { pymallocConfig } from '../profiles/pymalloc';
import * as sc from './size-classes';
import { RawHeap } from './raw';
import type { AllocatorListener } from './events';

/** Arenas are mapped downwards from here, as mmap does on Linux x86-64 (1 MiB aligned, not on a radix-tree node edge). */
export const ARENA_TOP = 0x7f5a4c800000;
const INITIAL_ARENA_OBJECTS = 16;
// Local copies: an imported binding can compile to a getter call (CommonJS interop), too slow on the hot path.
const NUM_SIZE_CLASSES = sc.NUM_SIZE_CLASSES;
const POOL_OVERHEAD = sc.POOL_OVERHEAD;
const SMALL_REQUEST_THRESHOLD = sc.SMALL_REQUEST_THRESHOLD;
const { blocksPerPool, classSize } = sc;

export const enum PoolState {
  Uncarved = 0,
  Used = 1,
  Full = 2,
  Empty = 3,
}

const NONE = -1;

// Per pool, 8 int32 fields side by side (pool id << 3): malloc and free touch one half cache line per pool.
const REF = 0; // blocks in use (ref.count)
const FREE = 1; // head of the freeblock list (block index in pool), -1 none
const NEXTOFF = 2; // next virgin block index
const SZ = 3; // size class; -1 = never used (DUMMY_SIZE_IDX)
const BLK = 4; // first block record of the pool
const NEXT = 5; // usedpools / freepools link
const PREV = 6;
const STATE = 7; // PoolState
/** Block index from (offset - header) / 16 by multiply and shift: exact for offsets < 2^16 (see constructor). */
const MAGIC_SHIFT = 20;

export class Pymalloc implements Allocator {
  readonly config: PymallocConfig;
  readonly poolSize: number;
  readonly arenaSize: number;
  /** ARENA_SIZE / POOL_SIZE: pool slots per arena in the id space (64). */
  readonly maxPools: number;
  /** Blocks per pool of class 0: block slots per pool in the id space. */
  readonly maxBlocks: number;
  /** Arena address modulo POOL_SIZE (0: aligned, all pools usable; else one pool lost to alignment). */
  readonly misalign: number;
  /** Offset of the first pool from the arena address. */
  readonly firstPoolOffset: number;
  readonly ntotalpoolsPerArena: number;
  private readonly invPoolSize: number;
  /**
   * The pool grid: g = ceil((ARENA_TOP - addr) / POOL_SIZE) - gridAdj counts pool cells down from ARENA_TOP, and the
   * pool id is g ^ poolMask (slot = g / maxPools, index in arena = maxPools - 1 - g % maxPools). Aligned arenas
   * start on the grid (adj 1); misaligned ones lose their first partial cell (adj 0, index maxPools - 1 is never
   * carved, so it reads as "not pymalloc").
   */
  private readonly gridAdj: number;
  private readonly poolMask: number;
  /** maxarenas * maxPools: grid cells that have pool records. */
  private poolLimit = 0;

  /** Per size class: block size and blocks per pool. */
  readonly classBytes = new Int32Array(NUM_SIZE_CLASSES);
  readonly classBlocks = new Int32Array(NUM_SIZE_CLASSES);
  /** Per size class: ceil(2^MAGIC_SHIFT / (class + 1)), to divide by the block size without a division. */
  private readonly classMagic = new Int32Array(NUM_SIZE_CLASSES);

  // ---- arenas (indexed by arena-object slot) ----
  maxarenas = 0;
  arAddr = new Float64Array(0); // 0: slot unused
  arNfree = new Int32Array(0);
  arNtotal = new Int32Array(0);
  arCarved = new Int32Array(0); // pools carved so far (CPython's pool_address high-water mark)
  arFreepools = new Int32Array(0); // head pool id of freepools, -1 none
  arNext = new Int32Array(0); // usable_arenas / unused_arena_objects link
  arPrev = new Int32Array(0);
  usableArenas = NONE;
  unusedArenas = NONE;
  /** nfp2lasta[k]: last arena of usable_arenas with k free pools, -1 none. */
  readonly nfp2lasta: Int32Array;
  narenasCurrent = 0;
  ntimesArenaAllocated = 0;
  narenasHighwater = 0;

  // ---- pools ----
  /** Pool records, 8 ints per pool id (fields REF..STATE above); read them through the pool* methods. */
  private pools = new Int32Array(0);
  /** Per pool: how many block records its run holds (cold: only read when a pool is initialised). */
  private blkCap = new Int32Array(0);
  /** usedpools[class] head pool id, -1 when empty. */
  readonly usedHead = new Int32Array(NUM_SIZE_CLASSES).fill(NONE);

  // ---- blocks ----
  /**
   * Per block one int, so the records of live blocks stay small in the cache (free touches only this): an
   * allocated block holds its owner object id (>= 0), a free one -2 - its freeblock link (-1 = end of list).
   * Read them through blockRequested / blockOwner / blockNextFree.
   */
  private blk = new Int32Array(0);
  /** Per block, bytes requested (valid while the block is allocated; written by malloc only). */
  private blkReq = new Uint16Array(0);
  private blkTop = 0;

  readonly raw = new RawHeap();

  private lastPool = 0;
  /** Receives arena and pool transitions (see events.ts); null = nothing emitted. */
  listener: AllocatorListener | null = null;

  constructor(config: PymallocConfig | ProfileId = '3.13', readonly profile?: ProfileId) {
    if (typeof config === 'string') {
      this.profile = config;
      config = pymallocConfig(config);
    }
    this.config = config;
    this.poolSize = config.poolSize;
    this.arenaSize = config.arenaSize;
    this.maxPools = config.arenaSize / config.poolSize;
    this.invPoolSize = 1 / config.poolSize;
    if (config.poolsPerArena !== this.maxPools && config.poolsPerArena !== this.maxPools - 1) {
      throw new Error(`poolsPerArena must be ${this.maxPools} (aligned arenas) or ${this.maxPools - 1} (page-aligned)`);
    }
    // The grid arithmetic needs powers of two, and the magic division offsets below 2^16.
    if ((this.maxPools & (this.maxPools - 1)) !== 0 || (config.poolSize & (config.poolSize - 1)) !== 0 || config.poolSize > 65536) {
      throw new Error('pool and arena sizes must be powers of two, pools at most 64 KiB');
    }
    this.ntotalpoolsPerArena = config.poolsPerArena;
    this.misalign = config.poolsPerArena === this.maxPools ? 0 : 4096 % config.poolSize || config.poolSize / 2;
    this.firstPoolOffset = this.misalign === 0 ? 0 : config.poolSize - this.misalign;
    this.gridAdj = this.misalign === 0 ? 1 : 0;
    this.poolMask = this.maxPools - 1;
    this.maxBlocks = blocksPerPool(config.poolSize, 0);
    for (let i = 0; i < NUM_SIZE_CLASSES; i++) {
      this.classBytes[i] = classSize(i);
      this.classBlocks[i] = blocksPerPool(config.poolSize, i);
      // u < 2^12, so u * magic / 2^20 is off u/d by less than 2^-8 < 1/d: the floor is exact.
      this.classMagic[i] = Math.ceil(2 ** MAGIC_SHIFT / (i + 1));
    }
    this.nfp2lasta = new Int32Array(this.maxPools + 1).fill(NONE);
  }

  /** Address an arena-object slot maps to (fixed per slot: an unmapped arena's hole is where mmap maps the next). */
  arenaAddressOfSlot(slot: number): number {
    return ARENA_TOP - (slot + 1) * this.arenaSize + this.misalign;
  }

  /** Address of pool id `pool` (its header), from the grid. */
  poolAddress(pool: number): number {
    return ARENA_TOP - ((pool ^ this.poolMask) + this.gridAdj) * this.poolSize;
  }

  // ================================================================== malloc

  malloc(nbytes: number, owner: number): Address {
    if (!(nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD)) return this.raw.malloc(nbytes, owner);
    if (owner < 0) throw new Error(`owner must be an object id (>= 0), got ${owner}`);
    const sz = (nbytes - 1) >> 4;
    let pool = this.usedHead[sz]!;
    let b: number;
    if (pool !== NONE) {
      const pools = this.pools;
      const r = pool << 3;
      pools[r + REF]++;
      b = pools[r + FREE]!;
      const next = -2 - this.blk[pools[r + BLK]! + b]!;
      pools[r + FREE] = next;
      if (next === NONE) this.poolExtend(pool, sz);
    } else {
      b = this.allocateFromNewPool(sz); // may grow the arrays: read them after
      pool = this.lastPool;
    }
    const k = this.pools[(pool << 3) + BLK]! + b;
    this.blk[k] = owner;
    this.blkReq[k] = nbytes;
    return ARENA_TOP - ((pool ^ this.poolMask) + this.gridAdj) * this.poolSize + POOL_OVERHEAD + b * this.classBytes[sz]!;
  }

  /** The free list ran dry: carve the next virgin block, or the pool is full and leaves usedpools. */
  private poolExtend(pool: number, sz: number): void {
    const r = pool << 3;
    const off = this.pools[r + NEXTOFF]!;
    if (off < this.classBlocks[sz]!) {
      this.pools[r + FREE] = off;
      this.blk[this.pools[r + BLK]! + off] = NONE; // end of the free list
      this.pools[r + NEXTOFF] = off + 1;
      return;
    }
    this.unlinkUsed(pool, sz);
    this.pools[r + STATE] = PoolState.Full;
    if (this.listener) this.listener({ t: 'pool-full', arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
  }

  /** usedpools[sz] is empty: take a pool from the head of usable_arenas (a new arena if none). Returns the block index. */
  private allocateFromNewPool(sz: number): number {
    if (this.usableArenas === NONE) {
      const a = this.newArena();
      this.usableArenas = a;
      this.arNext[a] = NONE;
      this.arPrev[a] = NONE;
      this.nfp2lasta[this.arNfree[a]!] = a;
    }
    const ua = this.usableArenas;
    const nf = this.arNfree[ua]!;
    // The head has the fewest free pools; taking one keeps it first.
    if (this.nfp2lasta[nf] === ua) this.nfp2lasta[nf] = NONE;
    if (nf > 1) this.nfp2lasta[nf - 1] = ua;

    const pools = this.pools;
    let pool = this.arFreepools[ua]!;
    if (pool !== NONE) {
      this.arFreepools[ua] = pools[(pool << 3) + NEXT]!;
    } else {
      // Carve a new pool at the arena's high-water mark.
      const i = this.arCarved[ua]!;
      pool = ua * this.maxPools + i;
      pools[(pool << 3) + SZ] = -1;
      this.arCarved[ua] = i + 1;
    }
    this.arNfree[ua] = nf - 1;
    if (nf - 1 === 0) {
      // Wholly allocated: leaves usable_arenas.
      const next = this.arNext[ua]!;
      this.usableArenas = next;
      if (next !== NONE) this.arPrev[next] = NONE;
      this.arNext[ua] = NONE;
    }

    // Frontlink to usedpools (the list was empty).
    const r = pool << 3;
    this.usedHead[sz] = pool;
    pools[r + NEXT] = NONE;
    pools[r + PREV] = NONE;
    pools[r + REF] = 1;
    pools[r + STATE] = PoolState.Used;
    this.lastPool = pool;
    if (this.listener) {
      this.listener({ t: 'pool-init', arena: ua, pool: pool % this.maxPools, sizeClass: sz, reused: pools[r + SZ] === sz });
    }
    if (pools[r + SZ] === sz) {
      // Last held the same class: header and free list are still valid.
      const b = pools[r + FREE]!;
      pools[r + FREE] = -2 - this.blk[pools[r + BLK]! + b]!;
      return b;
    }
    // Initialise: hand out block 0, block 1 on the free list, virgin from block 2.
    pools[r + SZ] = sz;
    if (this.blkCap[pool]! < this.classBlocks[sz]!) this.assignBlockRecords(pool, this.classBlocks[sz]!);
    pools[r + FREE] = 1;
    this.blk[pools[r + BLK]! + 1] = NONE; // end of the free list
    pools[r + NEXTOFF] = 2;
    return 0;
  }

  private newArena(): number {
    if (this.unusedArenas === NONE) {
      const numarenas = this.maxarenas ? this.maxarenas << 1 : INITIAL_ARENA_OBJECTS;
      this.growArenas(numarenas);
      for (let i = this.maxarenas; i < numarenas; i++) {
        this.arAddr[i] = 0;
        this.arNext[i] = i < numarenas - 1 ? i + 1 : NONE;
      }
      this.unusedArenas = this.maxarenas;
      this.maxarenas = numarenas;
      this.poolLimit = numarenas * this.maxPools;
    }
    const a = this.unusedArenas;
    this.unusedArenas = this.arNext[a]!;
    const address = this.arenaAddressOfSlot(a);
    this.arAddr[a] = address;
    this.narenasCurrent++;
    this.ntimesArenaAllocated++;
    if (this.narenasCurrent > this.narenasHighwater) this.narenasHighwater = this.narenasCurrent;
    this.arFreepools[a] = NONE;
    this.arCarved[a] = 0;
    this.arNfree[a] = this.ntotalpoolsPerArena;
    this.arNtotal[a] = this.ntotalpoolsPerArena;
    for (let i = 0; i < this.maxPools; i++) this.pools[((a * this.maxPools + i) << 3) + STATE] = PoolState.Uncarved;
    this.mappedAddresses.add(address);
    if (this.listener) this.listener({ t: 'arena-new', arena: a, address, pools: this.ntotalpoolsPerArena });
    return a;
  }

  /** Arena addresses ever mapped: the radix tree (3.10+) keeps its nodes for them forever. */
  readonly mappedAddresses = new Set<number>();

  private growArenas(n: number): void {
    const f64 = (a: Float64Array, len: number) => { const b = new Float64Array(len); b.set(a); return b; };
    const i32 = (a: Int32Array, len: number) => { const b = new Int32Array(len); b.set(a); return b; };
    this.arAddr = f64(this.arAddr, n);
    this.arNfree = i32(this.arNfree, n);
    this.arNtotal = i32(this.arNtotal, n);
    this.arCarved = i32(this.arCarved, n);
    this.arFreepools = i32(this.arFreepools, n);
    this.arNext = i32(this.arNext, n);
    this.arPrev = i32(this.arPrev, n);
    const np = n * this.maxPools;
    const old = this.pools.length >> 3;
    this.pools = i32(this.pools, np << 3);
    for (let pool = old; pool < np; pool++) this.pools[(pool << 3) + SZ] = -1;
    this.blkCap = i32(this.blkCap, np);
  }

  /**
   * Give `pool` a run of `cap` block records. Runs are packed in carving order, so the records of live blocks
   * stay dense (good for the cache); a pool re-initialised for a class with more blocks gets a new run (the old
   * one is not reused: rare, and bounded by the number of classes).
   */
  private assignBlockRecords(pool: number, cap: number): void {
    const base = this.blkTop;
    this.blkTop += cap;
    if (this.blkTop > this.blk.length) {
      const n = Math.max(this.blkTop, this.blk.length * 2);
      const grown = new Int32Array(n);
      grown.set(this.blk);
      this.blk = grown;
      const req = new Uint16Array(n);
      req.set(this.blkReq);
      this.blkReq = req;
    }
    // Not allocated until malloc says so (0 would read as "allocated, owner 0").
    this.blk.fill(NONE, base, base + cap);
    this.pools[(pool << 3) + BLK] = base;
    this.blkCap[pool] = cap;
  }

  // ================================================================== free

  free(addr: Address): void {
    // Kept small so the JIT inlines it; the rare paths are separate methods.
    // address_in_range: the grid cell, then its pool must be used or full (ref > 0).
    const q = Math.ceil((ARENA_TOP - addr) * this.invPoolSize);
    const g = q - this.gridAdj;
    if (!(g >= 0 && g < this.poolLimit)) return this.raw.free(addr);
    const pool = g ^ this.poolMask;
    const r = pool << 3;
    const pools = this.pools;
    const ref = pools[r + REF]!;
    if (ref === 0) return this.raw.free(addr);
    // Offset past the pool header; the block index by multiply and shift, checked by multiplying back.
    const xf = addr - ARENA_TOP + q * this.poolSize - POOL_OVERHEAD;
    const x = xf | 0;
    const sz = pools[r + SZ]!;
    const u = x >> 4;
    const b = Math.imul(u, this.classMagic[sz]!) >>> MAGIC_SHIFT;
    const k = pools[r + BLK]! + b;
    const blk = this.blk;
    // Allocated blocks hold their owner (>= 0); free ones a negative link.
    if (x !== xf || x < 0 || (x & 15) !== 0 || b * (sz + 1) !== u || b >= pools[r + NEXTOFF]! || blk[k]! < 0) {
      return this.badFree(addr);
    }
    const last = pools[r + FREE]!;
    blk[k] = -2 - last;
    pools[r + FREE] = b;
    pools[r + REF] = ref - 1;
    if (last === NONE) this.relinkFullPool(pool, sz);
    else if (ref === 1) this.poolBecameEmpty(pool, sz);
  }

  private badFree(addr: Address): void {
    throw new Error(`free of an address pymalloc did not hand out: 0x${addr.toString(16)}`);
  }

  /** The pool was full: link it at the front of usedpools so the next request reuses the freed block. */
  private relinkFullPool(pool: number, sz: number): void {
    const pools = this.pools;
    const head = this.usedHead[sz]!;
    pools[(pool << 3) + NEXT] = head;
    pools[(pool << 3) + PREV] = NONE;
    if (head !== NONE) pools[(head << 3) + PREV] = pool;
    this.usedHead[sz] = pool;
    pools[(pool << 3) + STATE] = PoolState.Used;
    if (this.listener) this.listener({ t: 'pool-used', arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
  }

  /** Empty: unlink from usedpools, push on the arena's freepools. */
  private poolBecameEmpty(pool: number, sz: number): void {
    this.unlinkUsed(pool, sz);
    this.pools[(pool << 3) + STATE] = PoolState.Empty;
    if (this.listener) this.listener({ t: 'pool-empty', arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
    this.insertToFreepool(pool);
  }

  private unlinkUsed(pool: number, sz: number): void {
    const pools = this.pools;
    const next = pools[(pool << 3) + NEXT]!;
    const prev = pools[(pool << 3) + PREV]!;
    if (prev === NONE) this.usedHead[sz] = next;
    else pools[(prev << 3) + NEXT] = next;
    if (next !== NONE) pools[(next << 3) + PREV] = prev;
  }

  private insertToFreepool(pool: number): void {
    const ao = (pool / this.maxPools) | 0;
    this.pools[(pool << 3) + NEXT] = this.arFreepools[ao]!;
    this.arFreepools[ao] = pool;
    let nf = this.arNfree[ao]!;
    const lastnf = nf === 0 ? NONE : this.nfp2lasta[nf]!;
    if (lastnf === ao) {
      const p = this.arPrev[ao]!;
      this.nfp2lasta[nf] = p !== NONE && this.arNfree[p] === nf ? p : NONE;
    }
    this.arNfree[ao] = ++nf;

    // Case 1: wholly free. 3.8 releases it; 3.9+ keeps it when it is the last of usable_arenas.
    if (nf === this.arNtotal[ao] && (!this.config.keepLastEmptyArena || this.arNext[ao] !== NONE)) {
      const prev = this.arPrev[ao]!;
      const next = this.arNext[ao]!;
      if (prev === NONE) this.usableArenas = next;
      else this.arNext[prev] = next;
      if (next !== NONE) this.arPrev[next] = prev;
      this.arNext[ao] = this.unusedArenas;
      this.unusedArenas = ao;
      this.releaseArena(ao);
      return;
    }
    if (nf === 1) {
      // Case 2: the arena was full; it goes to the head of usable_arenas.
      this.arNext[ao] = this.usableArenas;
      this.arPrev[ao] = NONE;
      if (this.usableArenas !== NONE) this.arPrev[this.usableArenas] = ao;
      this.usableArenas = ao;
      if (this.nfp2lasta[1] === NONE) this.nfp2lasta[1] = ao;
      return;
    }
    if (this.nfp2lasta[nf] === NONE) this.nfp2lasta[nf] = ao;
    // Case 4: it was the rightmost with the old count, so it is still in order.
    if (ao === lastnf) return;
    // Case 3: slide right, to just after lastnf.
    const prev = this.arPrev[ao]!;
    const next = this.arNext[ao]!;
    if (prev !== NONE) this.arNext[prev] = next;
    else this.usableArenas = next;
    this.arPrev[next] = prev;
    this.arPrev[ao] = lastnf;
    const after = this.arNext[lastnf]!;
    this.arNext[ao] = after;
    if (after !== NONE) this.arPrev[after] = ao;
    this.arNext[lastnf] = ao;
  }

  private releaseArena(ao: number): void {
    if (this.listener) this.listener({ t: 'arena-release', arena: ao, address: this.arAddr[ao]! });
    this.arAddr[ao] = 0;
    this.arCarved[ao] = 0;
    this.arFreepools[ao] = NONE;
    this.arNfree[ao] = 0;
    this.arPrev[ao] = NONE;
    for (let i = 0; i < this.maxPools; i++) {
      const r = (ao * this.maxPools + i) << 3;
      this.pools[r + STATE] = PoolState.Uncarved;
      this.pools[r + SZ] = -1;
    }
    this.narenasCurrent--;
  }

  // ================================================================== realloc

  realloc(addr: Address, nbytes: number, owner: number): Address {
    if (addr === 0) return this.malloc(nbytes, owner);
    const pool = this.poolOf(addr);
    if (pool === NONE) return this.raw.realloc(addr, nbytes, owner); // a raw block stays raw
    const size = this.classBytes[this.pools[(pool << 3) + SZ]!]!;
    if (nbytes <= size && 4 * nbytes > 3 * size) {
      // Same class, or shrinking by less than a quarter: keep the block.
      const bi = this.blockIdOf(addr);
      if (owner < 0) throw new Error(`owner must be an object id (>= 0), got ${owner}`);
      this.blk[bi] = owner;
      this.blkReq[bi] = nbytes;
      return addr;
    }
    // New block first, then free the old one (as obmalloc does: malloc, memcpy, free).
    const moved = this.malloc(nbytes, owner);
    this.free(addr);
    return moved;
  }

  // ================================================================== lookups

  /** Pool id holding `addr`, or -1 when pymalloc does not manage the address (address_in_range). */
  poolOf(addr: Address): number {
    const g = Math.ceil((ARENA_TOP - addr) * this.invPoolSize) - this.gridAdj;
    if (!(g >= 0 && g < this.poolLimit)) return NONE;
    const pool = g ^ this.poolMask;
    const st = this.pools[(pool << 3) + STATE]!;
    // Uncarved (beyond the high-water mark, in an unmapped arena, or the misaligned cell) and empty pools are not in range.
    return st === PoolState.Used || st === PoolState.Full ? pool : NONE;
  }

  /** Block id of a live pymalloc address, -1 otherwise. */
  blockIdOf(addr: Address): number {
    const pool = this.poolOf(addr);
    if (pool === NONE) return NONE;
    const b = (addr - this.poolAddress(pool) - POOL_OVERHEAD) / this.classBytes[this.pools[(pool << 3) + SZ]!]!;
    if (!Number.isInteger(b) || b < 0 || b >= this.pools[(pool << 3) + NEXTOFF]!) return NONE;
    const bi = this.pools[(pool << 3) + BLK]! + b;
    return this.blk[bi]! < 0 ? NONE : bi;
  }

  /** Bytes requested for block id `bi`, 0 when it is not allocated. */
  blockRequested(bi: number): number {
    return this.blk[bi]! < 0 ? 0 : this.blkReq[bi]!;
  }

  /** Owner object id of block id `bi`, 0 when it is not allocated. */
  blockOwner(bi: number): number {
    return this.blk[bi]! < 0 ? 0 : this.blk[bi]!;
  }

  /** Next block index (in the same pool) on the free list after free block id `bi`; -1 at the end. */
  blockNextFree(bi: number): number {
    return -2 - this.blk[bi]!;
  }

  // Pool fields for readers (stats, snapshot, invariants); the hot paths use the records directly.

  /** First block id of a carved pool: its blocks are ids [poolBlockBase(pool), + blocks per pool of its class). */
  poolBlockBase(pool: number): number {
    return this.pools[(pool << 3) + BLK]!;
  }

  /** Block records the pool's run holds (>= blocks per pool of its class once carved). */
  poolBlockCapacity(pool: number): number {
    return this.blkCap[pool]!;
  }

  /** Blocks in use (CPython's pool->ref.count). */
  poolRefCount(pool: number): number {
    return this.pools[(pool << 3) + REF]!;
  }

  /** Size class the pool serves (or last served, when empty); -1 when never used. */
  poolClass(pool: number): number {
    return this.pools[(pool << 3) + SZ]!;
  }

  poolState(pool: number): PoolState {
    return this.pools[(pool << 3) + STATE]! as PoolState;
  }

  /** Head of the pool's free block list (block index in the pool), -1 when none. */
  poolFreeHead(pool: number): number {
    return this.pools[(pool << 3) + FREE]!;
  }

  /** Blocks carved so far (CPython's nextoffset, as a block index). */
  poolNextOffset(pool: number): number {
    return this.pools[(pool << 3) + NEXTOFF]!;
  }

  /** Next pool on usedpools or freepools, -1 at the end. */
  poolNextLink(pool: number): number {
    return this.pools[(pool << 3) + NEXT]!;
  }

  /** Previous pool on usedpools, -1 at the head. */
  poolPrevLink(pool: number): number {
    return this.pools[(pool << 3) + PREV]!;
  }

  /** Owner object id of a live block (pymalloc or raw), undefined if not allocated. */
  ownerOf(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== NONE) return this.blk[bi];
    return this.raw.ownerOf(addr);
  }

  /** Bytes the caller asked for at `addr` (pymalloc or raw), undefined if not allocated. */
  requestedSize(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== NONE) return this.blkReq[bi];
    return this.raw.sizeOf(addr);
  }

  /** Whether `addr` lies in a pymalloc pool (the rest is the raw allocator's). */
  isPymalloc(addr: Address): boolean {
    return this.poolOf(addr) !== NONE;
  }

  /** Blocks handed out by pymalloc: the sum of the used and full pools' counts. */
  get blocksInUse(): number {
    let n = 0;
    for (let a = 0; a < this.maxarenas; a++) {
      if (this.arAddr[a] === 0) continue;
      const p0 = a * this.maxPools;
      for (let i = 0; i < this.arCarved[a]!; i++) n += this.pools[((p0 + i) << 3) + REF]!;
    }
    return n;
  }

  /** sys.getallocatedblocks(): pymalloc blocks in use + raw blocks obtained through PyObject_Malloc. */
  allocatedBlocks(): number {
    return this.blocksInUse + this.raw.count;
  }
}
