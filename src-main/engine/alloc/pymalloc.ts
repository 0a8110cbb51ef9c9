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
// block = poolBlk[pool] + index in pool (each pool owns a run of block records sized for its class).
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
  private readonly invArenaSize: number;
  private readonly invPoolSize: number;

  /** Per size class: block size and blocks per pool. */
  readonly classBytes = new Int32Array(NUM_SIZE_CLASSES);
  readonly classBlocks = new Int32Array(NUM_SIZE_CLASSES);

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
  poolRef = new Int32Array(0);
  poolSz = new Int8Array(0); // size class; -1 = never used (DUMMY_SIZE_IDX)
  poolState = new Uint8Array(0);
  poolFree = new Int32Array(0); // head of the freeblock list (block index in pool), -1 none
  poolNextOff = new Int32Array(0); // next virgin block index
  poolNext = new Int32Array(0);
  poolPrev = new Int32Array(0);
  poolBase = new Float64Array(0);
  /** usedpools[class] head pool id, -1 when empty. */
  readonly usedHead = new Int32Array(NUM_SIZE_CLASSES).fill(NONE);

  // ---- blocks ----
  /**
   * Per block, 2 ints side by side (one cache line serves a malloc or a free). [bi*2]: an allocated block holds
   * `requested bytes << 16` (>= 65536); a free one holds its freeblock link + 1 (0 = end of list).
   * [bi*2+1]: owner object id (0 when free). Read them through blockRequested / blockOwner / blockNextFree.
   */
  blk = new Int32Array(0);
  /** Per pool: first block record and how many records it owns. */
  poolBlk = new Int32Array(0);
  poolBlkCap = new Int32Array(0);
  private blkTop = 0;

  readonly raw = new RawHeap();

  private lastPool = 0;
  /** Pool of the previous free (a hint only, checked on use). */
  private lastFreePool = 0;
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
    this.invArenaSize = 1 / config.arenaSize;
    this.invPoolSize = 1 / config.poolSize;
    if (config.poolsPerArena !== this.maxPools && config.poolsPerArena !== this.maxPools - 1) {
      throw new Error(`poolsPerArena must be ${this.maxPools} (aligned arenas) or ${this.maxPools - 1} (page-aligned)`);
    }
    this.ntotalpoolsPerArena = config.poolsPerArena;
    this.misalign = config.poolsPerArena === this.maxPools ? 0 : 4096 % config.poolSize || config.poolSize / 2;
    this.firstPoolOffset = this.misalign === 0 ? 0 : config.poolSize - this.misalign;
    this.maxBlocks = blocksPerPool(config.poolSize, 0);
    for (let i = 0; i < NUM_SIZE_CLASSES; i++) {
      this.classBytes[i] = classSize(i);
      this.classBlocks[i] = blocksPerPool(config.poolSize, i);
    }
    this.nfp2lasta = new Int32Array(this.maxPools + 1).fill(NONE);
  }

  /** Address an arena-object slot maps to (fixed per slot: an unmapped arena's hole is where mmap maps the next). */
  arenaAddressOfSlot(slot: number): number {
    return ARENA_TOP - (slot + 1) * this.arenaSize + this.misalign;
  }

  // ================================================================== malloc

  malloc(nbytes: number, owner: number): Address {
    if (!(nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD)) return this.raw.malloc(nbytes, owner);
    const sz = (nbytes - 1) >> 4;
    let pool = this.usedHead[sz]!;
    let b: number;
    if (pool !== NONE) {
      this.poolRef[pool]++;
      b = this.poolFree[pool]!;
      const next = this.blk[(this.poolBlk[pool]! + b) << 1]! - 1;
      this.poolFree[pool] = next;
      if (next === NONE) this.poolExtend(pool, sz);
    } else {
      b = this.allocateFromNewPool(sz);
      pool = this.lastPool;
    }
    const bi = this.poolBlk[pool]! + b;
    this.blk[bi << 1] = nbytes << 16;
    this.blk[(bi << 1) + 1] = owner;
    return this.poolBase[pool]! + POOL_OVERHEAD + b * this.classBytes[sz]!;
  }

  /** The free list ran dry: carve the next virgin block, or the pool is full and leaves usedpools. */
  private poolExtend(pool: number, sz: number): void {
    const off = this.poolNextOff[pool]!;
    if (off < this.classBlocks[sz]!) {
      this.poolFree[pool] = off;
      this.blk[(this.poolBlk[pool]! + off) << 1] = 0; // end of the free list
      this.poolNextOff[pool] = off + 1;
      return;
    }
    this.unlinkUsed(pool, sz);
    this.poolState[pool] = PoolState.Full;
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

    let pool = this.arFreepools[ua]!;
    if (pool !== NONE) {
      this.arFreepools[ua] = this.poolNext[pool]!;
    } else {
      // Carve a new pool at the arena's high-water mark.
      const i = this.arCarved[ua]!;
      pool = ua * this.maxPools + i;
      this.poolBase[pool] = this.arAddr[ua]! + this.firstPoolOffset + i * this.poolSize;
      this.poolSz[pool] = -1;
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
    this.usedHead[sz] = pool;
    this.poolNext[pool] = NONE;
    this.poolPrev[pool] = NONE;
    this.poolRef[pool] = 1;
    this.poolState[pool] = PoolState.Used;
    this.lastPool = pool;
    if (this.listener) {
      this.listener({ t: 'pool-init', arena: ua, pool: pool % this.maxPools, sizeClass: sz, reused: this.poolSz[pool] === sz });
    }
    if (this.poolSz[pool] === sz) {
      // Last held the same class: header and free list are still valid.
      const b = this.poolFree[pool]!;
      this.poolFree[pool] = this.blk[(this.poolBlk[pool]! + b) << 1]! - 1;
      return b;
    }
    // Initialise: hand out block 0, block 1 on the free list, virgin from block 2.
    this.poolSz[pool] = sz;
    if (this.poolBlkCap[pool]! < this.classBlocks[sz]!) this.assignBlockRecords(pool, this.classBlocks[sz]!);
    this.poolFree[pool] = 1;
    this.blk[(this.poolBlk[pool]! + 1) << 1] = 0; // end of the free list
    this.poolNextOff[pool] = 2;
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
    const p0 = a * this.maxPools;
    this.poolState.fill(PoolState.Uncarved, p0, p0 + this.maxPools);
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
    this.poolRef = i32(this.poolRef, np);
    const sz = new Int8Array(np).fill(-1);
    sz.set(this.poolSz);
    this.poolSz = sz;
    const st = new Uint8Array(np);
    st.set(this.poolState);
    this.poolState = st;
    this.poolFree = i32(this.poolFree, np);
    this.poolNextOff = i32(this.poolNextOff, np);
    this.poolNext = i32(this.poolNext, np);
    this.poolPrev = i32(this.poolPrev, np);
    this.poolBase = f64(this.poolBase, np);
    this.poolBlk = i32(this.poolBlk, np);
    this.poolBlkCap = i32(this.poolBlkCap, np);
  }

  /**
   * Give `pool` a run of `cap` block records. Runs are packed in carving order, so the records of live blocks
   * stay dense (good for the cache); a pool re-initialised for a class with more blocks gets a new run (the old
   * one is not reused: rare, and bounded by the number of classes).
   */
  private assignBlockRecords(pool: number, cap: number): void {
    const base = this.blkTop;
    this.blkTop += cap;
    if (this.blkTop * 2 > this.blk.length) {
      const grown = new Int32Array(Math.max(this.blkTop * 2, this.blk.length * 2));
      grown.set(this.blk);
      this.blk = grown;
    }
    this.poolBlk[pool] = base;
    this.poolBlkCap[pool] = cap;
  }

  // ================================================================== free

  free(addr: Address): void {
    // Kept small so the JIT inlines it; the rare paths are separate methods.
    const poolRef = this.poolRef;
    // Frees come in runs within one pool (a cascade frees neighbours): first try the pool of the previous free. A
    // pool in use (ref > 0) has a current base, and live arenas do not overlap, so an address inside its range is
    // the pool address_in_range would find.
    let pool = this.lastFreePool;
    const pb = this.poolBase[pool]!;
    if (!(poolRef[pool]! > 0 && addr >= pb && addr < pb + this.poolSize)) {
      // address_in_range: arena slot from the address, then the pool, which must be used or full (ref > 0).
      const slot = Math.ceil((ARENA_TOP + this.misalign - addr) * this.invArenaSize) - 1;
      const base = slot >= 0 && slot < this.maxarenas ? this.arAddr[slot]! : 0;
      const i = Math.floor((addr - base - this.firstPoolOffset) * this.invPoolSize);
      pool = slot * this.maxPools + i;
      if (base === 0 || i < 0 || i >= this.arCarved[slot]! || poolRef[pool] === 0) return this.raw.free(addr);
      this.lastFreePool = pool;
    }
    const sz = this.poolSz[pool]!;
    const b = (addr - this.poolBase[pool]! - POOL_OVERHEAD) / this.classBytes[sz]!;
    const k = (this.poolBlk[pool]! + b) << 1;
    const blk = this.blk;
    // Allocated blocks hold their size << 16; free ones (and stale ones of an old class layout) hold less.
    if ((b | 0) !== b || b < 0 || blk[k]! < 65536) return this.badFree(addr);
    const last = this.poolFree[pool]!;
    blk[k] = last + 1;
    blk[k + 1] = 0;
    this.poolFree[pool] = b;
    if (last === NONE) this.relinkFullPool(pool, sz);
    else if (--poolRef[pool]! === 0) this.poolBecameEmpty(pool, sz);
  }

  private badFree(addr: Address): void {
    throw new Error(`free of an address pymalloc did not hand out: 0x${addr.toString(16)}`);
  }

  /** The pool was full: link it at the front of usedpools so the next request reuses the freed block. */
  private relinkFullPool(pool: number, sz: number): void {
    this.poolRef[pool]--;
    const head = this.usedHead[sz]!;
    this.poolNext[pool] = head;
    this.poolPrev[pool] = NONE;
    if (head !== NONE) this.poolPrev[head] = pool;
    this.usedHead[sz] = pool;
    this.poolState[pool] = PoolState.Used;
    if (this.listener) this.listener({ t: 'pool-used', arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
  }

  /** Empty: unlink from usedpools, push on the arena's freepools. */
  private poolBecameEmpty(pool: number, sz: number): void {
    this.unlinkUsed(pool, sz);
    this.poolState[pool] = PoolState.Empty;
    if (this.listener) this.listener({ t: 'pool-empty', arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
    this.insertToFreepool(pool);
  }

  private unlinkUsed(pool: number, sz: number): void {
    const next = this.poolNext[pool]!;
    const prev = this.poolPrev[pool]!;
    if (prev === NONE) this.usedHead[sz] = next;
    else this.poolNext[prev] = next;
    if (next !== NONE) this.poolPrev[next] = prev;
  }

  private insertToFreepool(pool: number): void {
    const ao = (pool / this.maxPools) | 0;
    this.poolNext[pool] = this.arFreepools[ao]!;
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
    const p0 = ao * this.maxPools;
    this.poolState.fill(PoolState.Uncarved, p0, p0 + this.maxPools);
    this.poolSz.fill(-1, p0, p0 + this.maxPools);
    this.narenasCurrent--;
  }

  // ================================================================== realloc

  realloc(addr: Address, nbytes: number, owner: number): Address {
    if (addr === 0) return this.malloc(nbytes, owner);
    const pool = this.poolOf(addr);
    if (pool === NONE) return this.raw.realloc(addr, nbytes, owner); // a raw block stays raw
    const size = this.classBytes[this.poolSz[pool]!]!;
    if (nbytes <= size && 4 * nbytes > 3 * size) {
      // Same class, or shrinking by less than a quarter: keep the block.
      const bi = this.blockIdOf(addr);
      this.blk[bi << 1] = nbytes << 16;
      this.blk[(bi << 1) + 1] = owner;
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
    // Sizes are powers of two: multiplying by their reciprocals is exact and cheaper than dividing.
    const slot = Math.ceil((ARENA_TOP + this.misalign - addr) * this.invArenaSize) - 1;
    if (slot < 0 || slot >= this.maxarenas) return NONE;
    const base = this.arAddr[slot]!;
    if (base === 0) return NONE;
    const i = Math.floor((addr - base - this.firstPoolOffset) * this.invPoolSize);
    if (i < 0 || i >= this.arCarved[slot]!) return NONE;
    const pool = slot * this.maxPools + i;
    const st = this.poolState[pool]!;
    return st === PoolState.Used || st === PoolState.Full ? pool : NONE;
  }

  /** Block id of a live pymalloc address, -1 otherwise. */
  blockIdOf(addr: Address): number {
    const pool = this.poolOf(addr);
    if (pool === NONE) return NONE;
    const b = (addr - this.poolBase[pool]! - POOL_OVERHEAD) / this.classBytes[this.poolSz[pool]!]!;
    if (!Number.isInteger(b) || b < 0 || b >= this.poolNextOff[pool]!) return NONE;
    const bi = this.poolBlk[pool]! + b;
    return this.blk[bi << 1]! < 65536 ? NONE : bi;
  }

  /** Bytes requested for block id `bi`, 0 when it is not allocated. */
  blockRequested(bi: number): number {
    return this.blk[bi << 1]! >>> 16;
  }

  /** Owner object id of block id `bi`, 0 when it is not allocated. */
  blockOwner(bi: number): number {
    return this.blk[(bi << 1) + 1]!;
  }

  /** Next block index (in the same pool) on the free list after free block id `bi`; -1 at the end. */
  blockNextFree(bi: number): number {
    return this.blk[bi << 1]! - 1;
  }

  /** First block id of a carved pool: its blocks are ids [poolBlockBase(pool), + blocks per pool of its class). */
  poolBlockBase(pool: number): number {
    return this.poolBlk[pool]!;
  }

  /** Owner object id of a live block (pymalloc or raw), undefined if not allocated. */
  ownerOf(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== NONE) return this.blk[(bi << 1) + 1];
    return this.raw.ownerOf(addr);
  }

  /** Bytes the caller asked for at `addr` (pymalloc or raw), undefined if not allocated. */
  requestedSize(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== NONE) return this.blk[bi << 1]! >>> 16;
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
      for (let i = 0; i < this.arCarved[a]!; i++) n += this.poolRef[p0 + i]!;
    }
    return n;
  }

  /** sys.getallocatedblocks(): pymalloc blocks in use + raw blocks obtained through PyObject_Malloc. */
  allocatedBlocks(): number {
    return this.blocksInUse + this.raw.count;
  }
}
