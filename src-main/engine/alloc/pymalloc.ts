// pymalloc (Objects/obmalloc.c) as struct-of-arrays: arenas, pools and blocks are indexes into typed arrays.
// The list discipline follows CPython exactly (reference §5.4, §5.5):
//  - usedpools[class]: doubly linked; allocation serves the head pool; a pool that was full and frees a block is
//    inserted at the head; a pool that becomes full is unlinked; an empty pool moves to its arena's freepools.
//  - freepools per arena: singly linked, last in first out; an empty pool remembers its class and free list.
//    A pool's free list is kept as a stack (last freed on top) rather than links through the blocks: the same
//    order, but pushes and pops touch the pool's stack top instead of a random freed block.
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

// Constants the hot paths use are const enum members: the compilers inline them as literals, where a module-level
// `const` stays a context slot that V8 reloads and type-checks on every use.
const enum C {
  NONE = -1,
  ARENA_TOP = 0x7f5a4c800000,
  POOL_OVERHEAD = 48,
  SMALL_REQUEST_THRESHOLD = 512,
  /** A large owner's record (in bigOwners) is owner * REQ_SPAN + bytes requested (exact for owners below 2^43). */
  REQ_SPAN = 1024,
  /** Owners that fit a block record with the low 4 bits of the request: 0 .. 2^27 - 1 (the record stays >= 0). */
  OWNER_MASK = 0x7ffffff,
}
// Per pool, 8 int32 fields side by side (pool id << 3): malloc and free touch one half cache line per pool.
// CPython's ref.count is not stored: every carved block is either in use or on the free list, so it is
// NEXTOFF - NFREE (one store less on malloc and free, and their bytecode stays within V8's inlining budget).
const enum F {
  // The free stack's top block index (pool->freeblock), valid when NFREE > 0; the rest of the stack is in stk.
  // Field 0, so the hot paths index it as pools[r] (an `r + 0` is bytecode V8 counts against the inlining budget).
  TOP = 0,
  NFREE = 1, // blocks on the freeblock list (depth of the pool's free stack; its top is the list head)
  NEXTOFF = 2, // next virgin block index
  SZ = 3, // size class; -1 = never used (DUMMY_SIZE_IDX)
  BLK = 4, // first block record of the pool
  NEXT = 5, // usedpools / freepools link
  PREV = 6, // usedpools back link; not kept for the head of usedpools (poolPrevLink answers -1 for it)
  STATE = 7, // PoolState stored: Uncarved, Used (in use: used or full, see poolState) or Empty
}
if (sc.POOL_OVERHEAD !== C.POOL_OVERHEAD || sc.SMALL_REQUEST_THRESHOLD !== C.SMALL_REQUEST_THRESHOLD) {
  throw new Error('pymalloc constants disagree with size-classes.ts');
}

/** Arenas are mapped downwards from here, as mmap does on Linux x86-64 (1 MiB aligned, not on a radix-tree node edge). */
export const ARENA_TOP: number = C.ARENA_TOP;
const INITIAL_ARENA_OBJECTS = 16;
const NUM_SIZE_CLASSES = sc.NUM_SIZE_CLASSES;
const { blocksPerPool, classSize } = sc;

export const enum PoolState {
  Uncarved = 0,
  Used = 1,
  Full = 2,
  Empty = 3,
}

export class Pymalloc implements Allocator {
  readonly config: PymallocConfig;
  // Numeric fields get a value of their final kind at definition (a class field is first defined as undefined,
  // which would make V8 keep it boxed and type-check every load on the hot paths).
  readonly poolSize: number = 0;
  readonly arenaSize: number = 0;
  /** ARENA_SIZE / POOL_SIZE: pool slots per arena in the id space (64). */
  readonly maxPools: number = 0;
  /** Blocks per pool of class 0: block slots per pool in the id space. */
  readonly maxBlocks: number = 0;
  /** Arena address modulo POOL_SIZE (0: aligned, all pools usable; else one pool lost to alignment). */
  readonly misalign: number = 0;
  /** Offset of the first pool from the arena address. */
  readonly firstPoolOffset: number = 0;
  readonly ntotalpoolsPerArena: number = 0;
  private readonly invPoolSize: number = 0.5;
  /**
   * The pool grid: g = ceil((ARENA_TOP - addr) / POOL_SIZE) - gridAdj counts pool cells down from ARENA_TOP, and the
   * pool id is g ^ poolMask (slot = g / maxPools, index in arena = maxPools - 1 - g % maxPools). Aligned arenas
   * start on the grid (adj 1); misaligned ones lose their first partial cell (adj 0, index maxPools - 1 is never
   * carved, so it reads as "not pymalloc").
   */
  private readonly gridAdj: number = 0;
  private readonly poolMask: number = 0;
  /** maxarenas * maxPools: grid cells that have pool records. */
  private poolLimit = 0;

  /** Per size class: block size and blocks per pool. */
  readonly classBytes = new Int32Array(NUM_SIZE_CLASSES);
  readonly classBlocks = new Int32Array(NUM_SIZE_CLASSES);
  /** 1 / block size: free finds the block index by multiplying (a float division was a fifth of free's time). */
  private readonly classInv = new Float64Array(NUM_SIZE_CLASSES);

  // ---- arenas (indexed by arena-object slot) ----
  maxarenas = 0;
  arAddr = new Float64Array(0); // 0: slot unused
  arNfree = new Int32Array(0);
  arNtotal = new Int32Array(0);
  arCarved = new Int32Array(0); // pools carved so far (CPython's pool_address high-water mark)
  arFreepools = new Int32Array(0); // head pool id of freepools, -1 none
  arNext = new Int32Array(0); // usable_arenas / unused_arena_objects link
  arPrev = new Int32Array(0);
  usableArenas = C.NONE;
  unusedArenas = C.NONE;
  /** nfp2lasta[k]: last arena of usable_arenas with k free pools, -1 none. */
  readonly nfp2lasta: Int32Array;
  narenasCurrent = 0;
  ntimesArenaAllocated = 0;
  narenasHighwater = 0;
  /**
   * Bytes in allocated pymalloc blocks (block size x blocks in use, summed over pools: the "# bytes in allocated
   * blocks" line), kept by malloc and free so the lab can sample it after every statement without a pool walk.
   */
  bytesInAllocatedBlocks = 0;

  // ---- pools ----
  /** Pool records, 8 ints per pool id (fields of F above); read them through the pool* methods. */
  private pools = new Int32Array(0);
  /** Per pool: how many block records its run holds (cold: only read when a pool is initialised). */
  private blkCap = new Int32Array(0);
  /** usedpools[class] head pool id, -1 when empty. */
  readonly usedHead = new Int32Array(NUM_SIZE_CLASSES).fill(C.NONE);

  // ---- blocks ----
  /**
   * Per block record (ids [pool's BLK, + its capacity)): owner << 4 | (bytes requested - 1) & 15, one int32 store
   * (the size class gives the rest of the request: it lies in (class size - 16, class size]), valid while the bit
   * of bi in `inUse` is set. Four bytes, not a float64's eight: malloc's one random store touches half the memory
   * (the bench's own data then stays in the cache). -1: the owner is outside 0..OWNER_MASK (interpreter statics
   * are >= 2^29) or the request outside the class's range (realloc), its record is in bigOwners. Written by malloc only; free just clears the bit (a small,
   * cache-resident bitmap), so a free never waits on a random block's record. Read through blockOwner/Requested.
   */
  private rec = new Int32Array(0);
  /** Records that do not fit `rec` (owner * REQ_SPAN + bytes); an entry is stale once rec[bi] >= 0 again. */
  private readonly bigOwners = new Map<number, number>();
  /** Block record runs in carving order: the first record of each run and its pool (to find a record's class). */
  private readonly runBase: number[] = [];
  private readonly runPool: number[] = [];
  private inUse = new Int32Array(0);
  /**
   * Per block record slot: the pool's free stack below its top (F.TOP in the pool record): with depth d, the
   * entries under the top are at [BLK + 1, BLK + d - 1], bottom first (the slot at BLK is not used).
   */
  private stk = new Uint16Array(0);
  private blkTop = 0;

  readonly raw = new RawHeap();

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
    // The grid arithmetic needs powers of two; block indexes live in a Uint16Array.
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
      this.classInv[i] = 1 / classSize(i);
      this.classBlocks[i] = blocksPerPool(config.poolSize, i);
    }
    this.nfp2lasta = new Int32Array(this.maxPools + 1).fill(C.NONE);
  }

  /** Address an arena-object slot maps to (fixed per slot: an unmapped arena's hole is where mmap maps the next). */
  arenaAddressOfSlot(slot: number): number {
    return C.ARENA_TOP - (slot + 1) * this.arenaSize + this.misalign;
  }

  /** Address of pool id `pool` (its header), from the grid. */
  poolAddress(pool: number): number {
    return C.ARENA_TOP - ((pool ^ this.poolMask) + this.gridAdj) * this.poolSize;
  }

  // ================================================================== malloc

  malloc(nbytes: number, owner: number): Address {
    // One exit for the rare requests: raw sizes, and owners a block record cannot hold (see rec).
    if (!(nbytes >= 1 && nbytes <= C.SMALL_REQUEST_THRESHOLD) || owner > C.OWNER_MASK) return this.mallocApart(nbytes, owner);
    const n1 = nbytes - 1;
    const sz = n1 >> 4;
    const size = (sz + 1) << 4;
    let pool = this.usedHead[sz]!;
    // No used pool: one is linked in with its free list ready, so the same pop serves both cases.
    if (pool === C.NONE) pool = this.allocateFromNewPool(sz); // may grow the arrays: read them after
    const pools = this.pools;
    const r = pool << 3;
    const base = pools[r + F.BLK]!;
    const depth = pools[r + F.NFREE]! - 1;
    const b = pools[r]!; // F.TOP
    pools[r + F.NFREE] = depth;
    this.bytesInAllocatedBlocks += size;
    // The next entry down becomes the top: in a steady load the list mostly holds one block, and stk is not read.
    if (depth !== 0) pools[r] = this.stk[base + depth]!; // F.TOP
    else this.poolExtend(pool, sz);
    const k = base + b;
    const inUse = this.inUse;
    const w = k >> 5;
    inUse[w] = inUse[w]! | (1 << (k & 31));
    this.rec[k] = (owner << 4) | (n1 & 15);
    return C.ARENA_TOP - ((pool ^ this.poolMask) + this.gridAdj) * this.poolSize + C.POOL_OVERHEAD + b * size;
  }

  private mallocApart(nbytes: number, owner: number): Address {
    if (!(nbytes >= 1 && nbytes <= C.SMALL_REQUEST_THRESHOLD)) return this.raw.malloc(nbytes, owner);
    const addr = this.malloc(nbytes, 0);
    this.recordApart(this.blockIdOf(addr), owner, nbytes);
    return addr;
  }

  /**
   * The free list ran dry: carve the next virgin block, or the pool is full and leaves usedpools. Small, so that
   * malloc and free both fit V8's cumulative inlining budget at a call site (920 bytes of bytecode; V8 inlines
   * malloc and poolExtend first, then admits free only if what is inlined so far + 1.2 x free's size fits: today
   * 291 + 83 + 1.2 x 450 = 914). free not inlined costs a call and a boxed address per free.
   */
  private poolExtend(pool: number, sz: number): void {
    const pools = this.pools;
    const r = pool << 3;
    const off = pools[r + F.NEXTOFF]!;
    if (off < this.classBlocks[sz]!) {
      pools[r] = off; // F.TOP: the list is just this virgin block
      pools[r + F.NFREE] = 1;
      pools[r + F.NEXTOFF] = off + 1;
    } else this.poolFull(pool, sz);
  }

  private poolFull(pool: number, sz: number): void {
    const pools = this.pools;
    const r = pool << 3;
    // Full: malloc serves the head of usedpools, so unlinking it is popping the head (the new head's back link
    // is not kept, and the stored state stays Used: a pool in use with no free block is full, see poolState).
    this.usedHead[sz] = pools[r + F.NEXT]!;
    if (this.listener) this.emitPool('pool-full', pool, sz);
  }

  private emitPoolUsed(pool: number, sz: number): void {
    this.emitPool('pool-used', pool, sz);
  }

  /** Out of line so the hot methods that report transitions stay small (an object literal is a lot of bytecode). */
  private emitPool(t: 'pool-full' | 'pool-used' | 'pool-empty', pool: number, sz: number): void {
    this.listener!({ t, arena: (pool / this.maxPools) | 0, pool: pool % this.maxPools, sizeClass: sz });
  }

  /** usedpools[sz] is empty: take a pool from the head of usable_arenas (a new arena if none), link it as the head. */
  private allocateFromNewPool(sz: number): number {
    if (this.usableArenas === C.NONE) {
      const a = this.newArena();
      this.usableArenas = a;
      this.arNext[a] = C.NONE;
      this.arPrev[a] = C.NONE;
      this.nfp2lasta[this.arNfree[a]!] = a;
    }
    const ua = this.usableArenas;
    const nf = this.arNfree[ua]!;
    // The head has the fewest free pools; taking one keeps it first.
    if (this.nfp2lasta[nf] === ua) this.nfp2lasta[nf] = C.NONE;
    if (nf > 1) this.nfp2lasta[nf - 1] = ua;

    const pools = this.pools;
    let pool = this.arFreepools[ua]!;
    if (pool !== C.NONE) {
      this.arFreepools[ua] = pools[(pool << 3) + F.NEXT]!;
    } else {
      // Carve a new pool at the arena's high-water mark.
      const i = this.arCarved[ua]!;
      pool = ua * this.maxPools + i;
      pools[(pool << 3) + F.SZ] = -1;
      this.arCarved[ua] = i + 1;
    }
    this.arNfree[ua] = nf - 1;
    if (nf - 1 === 0) {
      // Wholly allocated: leaves usable_arenas.
      const next = this.arNext[ua]!;
      this.usableArenas = next;
      if (next !== C.NONE) this.arPrev[next] = C.NONE;
      this.arNext[ua] = C.NONE;
    }

    // Frontlink to usedpools (the list was empty). malloc pops the first block, as CPython hands it out here.
    const r = pool << 3;
    this.usedHead[sz] = pool;
    pools[r + F.NEXT] = C.NONE;
    pools[r + F.STATE] = PoolState.Used;
    if (this.listener) {
      this.listener({ t: 'pool-init', arena: ua, pool: pool % this.maxPools, sizeClass: sz, reused: pools[r + F.SZ] === sz });
    }
    // Last held the same class: header and free list are still valid.
    if (pools[r + F.SZ] === sz) return pool;
    // Initialise: block 0 to hand out, block 1 on the free list after it, virgin from block 2.
    pools[r + F.SZ] = sz;
    if (this.blkCap[pool]! < this.classBlocks[sz]!) this.assignBlockRecords(pool, this.classBlocks[sz]!);
    this.pools[r + F.TOP] = 0;
    this.stk[this.pools[r + F.BLK]! + 1] = 1;
    this.pools[r + F.NFREE] = 2;
    this.pools[r + F.NEXTOFF] = 2;
    return pool;
  }

  private newArena(): number {
    if (this.unusedArenas === C.NONE) {
      const numarenas = this.maxarenas ? this.maxarenas << 1 : INITIAL_ARENA_OBJECTS;
      this.growArenas(numarenas);
      for (let i = this.maxarenas; i < numarenas; i++) {
        this.arAddr[i] = 0;
        this.arNext[i] = i < numarenas - 1 ? i + 1 : C.NONE;
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
    this.arFreepools[a] = C.NONE;
    this.arCarved[a] = 0;
    this.arNfree[a] = this.ntotalpoolsPerArena;
    this.arNtotal[a] = this.ntotalpoolsPerArena;
    for (let i = 0; i < this.maxPools; i++) this.pools[((a * this.maxPools + i) << 3) + F.STATE] = PoolState.Uncarved;
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
    for (let pool = old; pool < np; pool++) this.pools[(pool << 3) + F.SZ] = -1;
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
    if (this.blkTop > this.stk.length) {
      const n = Math.max(this.blkTop + 32, this.stk.length * 2);
      const stk = new Uint16Array(n);
      stk.set(this.stk);
      this.stk = stk;
      const rec = new Int32Array(n);
      rec.set(this.rec);
      this.rec = rec;
      const bits = new Int32Array((n + 31) >> 5);
      bits.set(this.inUse);
      this.inUse = bits;
    }
    this.pools[(pool << 3) + F.BLK] = base;
    this.blkCap[pool] = cap;
    this.runBase.push(base);
    this.runPool.push(pool);
  }

  // ================================================================== free

  free(addr: Address): void {
    // Kept under V8's inlining limit (460 bytes of bytecode), with few array accesses (each one costs a bounds
    // check) and one exit to the rare path: the other rare paths are separate methods.
    // address_in_range: the grid cell, then its pool must be used or full (ref > 0).
    const q = Math.ceil((C.ARENA_TOP - addr) * this.invPoolSize);
    const g = q - this.gridAdj;
    const pools = this.pools;
    const r = (g ^ this.poolMask) << 3;
    if (g >= 0 && g < this.poolLimit) {
      const nextoff = pools[r + F.NEXTOFF]!;
      const depth = pools[r + F.NFREE]!;
      // ref.count = NEXTOFF - NFREE is 0 for uncarved (both 0) and empty pools; an uncarved pool has no class (-1),
      // so nothing below reads classInv for it.
      if (nextoff !== depth) {
        const sz = pools[r + F.SZ]!;
        const size = (sz + 1) << 4;
        const base = pools[r + F.BLK]!;
        const top = pools[r]!; // F.TOP
        // Offset past the pool header, and the block there; multiplying back rejects addresses inside a block, and
        // those in the header (x < 0: b * size > x, b truncates towards zero).
        const x = addr - C.ARENA_TOP + q * this.poolSize - C.POOL_OVERHEAD;
        // floor(x / size): x + 0.5 keeps exact multiples at least 1/1024 above the integer, far beyond rounding
        const b = ((x + 0.5) * this.classInv[sz]!) | 0;
        const k = base + b;
        const inUse = this.inUse;
        const word = inUse[k >> 5]!;
        const bit = 1 << (k & 31);
        if (b * size === x && b < nextoff && word & bit) {
          inUse[k >> 5] = word ^ bit;
          pools[r] = b; // F.TOP
          pools[r + F.NFREE] = depth + 1;
          this.bytesInAllocatedBlocks -= size;
          if (!depth) {
            // The pool was full: insert_to_usedpool, at the front (most frees of a steady load, so inline).
            const pool = r >> 3;
            const head = this.usedHead[sz]!;
            pools[r + F.NEXT] = head;
            if (head >= 0) pools[(head << 3) + F.PREV] = pool;
            this.usedHead[sz] = pool;
            if (this.listener) this.emitPoolUsed(pool, sz);
          } else {
            this.stk[base + depth] = top; // the old top goes one down
            if (nextoff - depth === 1) this.poolEmptied(r >> 3, sz);
          }
          return;
        }
      }
    }
    this.freeOther(addr);
  }

  /** Not a live pymalloc block: the raw allocator's when no used pool holds it, else a bad free (one call site, little bytecode). */
  private freeOther(addr: Address): void {
    if (this.poolOf(addr) === C.NONE) return this.raw.free(addr);
    throw new Error(`free of an address pymalloc did not hand out: 0x${addr.toString(16)}`);
  }

  /**
   * The last block of a pool was freed (CPython's insert_to_freepool): it leaves usedpools for its arena's
   * freepools. Larger than V8's per-function inlining limit (460 bytes of bytecode), so the optimized free never
   * carries it and free itself stays within its callers' inlining budget (see poolExtend).
   */
  private poolEmptied(pool: number, sz: number): void {
    const pools = this.pools;
    const r = pool << 3;
    // Unlink from usedpools (the head keeps no back link)...
    const nextPool = pools[r + F.NEXT]!;
    if (this.usedHead[sz] === pool) {
      this.usedHead[sz] = nextPool;
    } else {
      const prevPool = pools[r + F.PREV]!;
      pools[(prevPool << 3) + F.NEXT] = nextPool;
      if (nextPool !== C.NONE) pools[(nextPool << 3) + F.PREV] = prevPool;
    }
    pools[r + F.STATE] = PoolState.Empty;
    if (this.listener) this.emitPool('pool-empty', pool, sz);
    // ...and push it on its arena's freepools; the arena moves in usable_arenas (kept sorted by nfreepools).
    const ao = (pool / this.maxPools) | 0;
    this.pools[(pool << 3) + F.NEXT] = this.arFreepools[ao]!;
    this.arFreepools[ao] = pool;
    let nf = this.arNfree[ao]!;
    const lastnf = nf === 0 ? C.NONE : this.nfp2lasta[nf]!;
    if (lastnf === ao) {
      const p = this.arPrev[ao]!;
      this.nfp2lasta[nf] = p !== C.NONE && this.arNfree[p] === nf ? p : C.NONE;
    }
    this.arNfree[ao] = ++nf;

    // Case 1: wholly free. 3.8 releases it; 3.9+ keeps it when it is the last of usable_arenas.
    if (nf === this.arNtotal[ao] && (!this.config.keepLastEmptyArena || this.arNext[ao] !== C.NONE)) {
      const prev = this.arPrev[ao]!;
      const next = this.arNext[ao]!;
      if (prev === C.NONE) this.usableArenas = next;
      else this.arNext[prev] = next;
      if (next !== C.NONE) this.arPrev[next] = prev;
      this.arNext[ao] = this.unusedArenas;
      this.unusedArenas = ao;
      this.releaseArena(ao);
      return;
    }
    if (nf === 1) {
      // Case 2: the arena was full; it goes to the head of usable_arenas.
      this.arNext[ao] = this.usableArenas;
      this.arPrev[ao] = C.NONE;
      if (this.usableArenas !== C.NONE) this.arPrev[this.usableArenas] = ao;
      this.usableArenas = ao;
      if (this.nfp2lasta[1] === C.NONE) this.nfp2lasta[1] = ao;
      return;
    }
    if (this.nfp2lasta[nf] === C.NONE) this.nfp2lasta[nf] = ao;
    // Case 4: it was the rightmost with the old count, so it is still in order.
    if (ao === lastnf) return;
    // Case 3: slide right, to just after lastnf.
    const prev = this.arPrev[ao]!;
    const next = this.arNext[ao]!;
    if (prev !== C.NONE) this.arNext[prev] = next;
    else this.usableArenas = next;
    this.arPrev[next] = prev;
    this.arPrev[ao] = lastnf;
    const after = this.arNext[lastnf]!;
    this.arNext[ao] = after;
    if (after !== C.NONE) this.arPrev[after] = ao;
    this.arNext[lastnf] = ao;
  }

  private releaseArena(ao: number): void {
    if (this.listener) this.listener({ t: 'arena-release', arena: ao, address: this.arAddr[ao]! });
    this.arAddr[ao] = 0;
    this.arCarved[ao] = 0;
    this.arFreepools[ao] = C.NONE;
    this.arNfree[ao] = 0;
    this.arPrev[ao] = C.NONE;
    for (let i = 0; i < this.maxPools; i++) {
      const r = (ao * this.maxPools + i) << 3;
      this.pools[r + F.STATE] = PoolState.Uncarved;
      this.pools[r + F.SZ] = -1;
    }
    this.narenasCurrent--;
  }

  // ================================================================== realloc

  realloc(addr: Address, nbytes: number, owner: number): Address {
    if (addr === 0) return this.malloc(nbytes, owner);
    const pool = this.poolOf(addr);
    if (pool === C.NONE) return this.raw.realloc(addr, nbytes, owner); // a raw block stays raw
    const sz = this.pools[(pool << 3) + F.SZ]!;
    const size = this.classBytes[sz]!;
    if (nbytes <= size && 4 * nbytes > 3 * size) {
      // Same class, or shrinking by less than a quarter: keep the block (a smaller request than the class's
      // range does not fit the block record, see rec).
      const bi = this.blockIdOf(addr);
      const v = owner & C.OWNER_MASK;
      if (v === owner && (nbytes - 1) >> 4 === sz) this.rec[bi] = (v << 4) | ((nbytes - 1) & 15);
      else this.recordApart(bi, owner, nbytes);
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
    const g = Math.ceil((C.ARENA_TOP - addr) * this.invPoolSize) - this.gridAdj;
    if (!(g >= 0 && g < this.poolLimit)) return C.NONE;
    const pool = g ^ this.poolMask;
    const st = this.pools[(pool << 3) + F.STATE]!;
    // Uncarved (beyond the high-water mark, in an unmapped arena, or the misaligned cell) and empty pools are not in range.
    return st === PoolState.Used ? pool : C.NONE;
  }

  /** Block id of a live pymalloc address, -1 otherwise. */
  blockIdOf(addr: Address): number {
    const pool = this.poolOf(addr);
    if (pool === C.NONE) return C.NONE;
    const b = (addr - this.poolAddress(pool) - C.POOL_OVERHEAD) / this.classBytes[this.pools[(pool << 3) + F.SZ]!]!;
    if (!Number.isInteger(b) || b < 0 || b >= this.pools[(pool << 3) + F.NEXTOFF]!) return C.NONE;
    const bi = this.pools[(pool << 3) + F.BLK]! + b;
    return this.blockInUse(bi) ? bi : C.NONE;
  }

  /** Whether block id `bi` is allocated. */
  blockInUse(bi: number): boolean {
    return (this.inUse[bi >> 5]! & (1 << (bi & 31))) !== 0;
  }

  /** Bytes requested for block id `bi`, 0 when it is not allocated. */
  blockRequested(bi: number): number {
    return this.blockInUse(bi) ? this.requestedOf(bi) : 0;
  }

  /** The rare path: the owner does not fit a block record, or realloc kept a block for a smaller class (see rec). */
  private recordApart(bi: number, owner: number, nbytes: number): void {
    this.rec[bi] = -1;
    this.bigOwners.set(bi, owner * C.REQ_SPAN + nbytes);
  }

  private ownerOfBlock(bi: number): number {
    const v = this.rec[bi]!;
    return v >= 0 ? v >> 4 : Math.floor(this.bigOwners.get(bi)! / C.REQ_SPAN);
  }

  private requestedOf(bi: number): number {
    const v = this.rec[bi]!;
    if (v >= 0) return (this.poolClass(this.poolOfRecord(bi)) << 4) + 1 + (v & 15);
    const big = this.bigOwners.get(bi)!;
    return big - Math.floor(big / C.REQ_SPAN) * C.REQ_SPAN;
  }

  /** Pool whose run holds block record `bi` (binary search over the runs, which ascend). */
  private poolOfRecord(bi: number): number {
    const runs = this.runBase;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]! <= bi) lo = mid;
      else hi = mid - 1;
    }
    return this.runPool[lo]!;
  }

  /** Owner object id of block id `bi`, 0 when it is not allocated. */
  blockOwner(bi: number): number {
    return this.blockInUse(bi) ? this.ownerOfBlock(bi) : 0;
  }

  // Pool fields for readers (stats, snapshot, invariants); the hot paths use the records directly.

  /** First block id of a carved pool: its blocks are ids [poolBlockBase(pool), + blocks per pool of its class). */
  poolBlockBase(pool: number): number {
    return this.pools[(pool << 3) + F.BLK]!;
  }

  /** Block records the pool's run holds (>= blocks per pool of its class once carved). */
  poolBlockCapacity(pool: number): number {
    return this.blkCap[pool]!;
  }

  /** Blocks in use (CPython's pool->ref.count). */
  poolRefCount(pool: number): number {
    return this.pools[(pool << 3) + F.NEXTOFF]! - this.pools[(pool << 3) + F.NFREE]!;
  }

  /** Size class the pool serves (or last served, when empty); -1 when never used. */
  poolClass(pool: number): number {
    return this.pools[(pool << 3) + F.SZ]!;
  }

  poolState(pool: number): PoolState {
    const st = this.pools[(pool << 3) + F.STATE]! as PoolState;
    // Full is not stored: a pool in use whose free list is empty is full (malloc carves a virgin block as soon as
    // the list runs dry, while one is left).
    return st === PoolState.Used && this.pools[(pool << 3) + F.NFREE] === 0 ? PoolState.Full : st;
  }

  /** Blocks on the pool's free list. */
  poolFreeCount(pool: number): number {
    return this.pools[(pool << 3) + F.NFREE]!;
  }

  /** The pool's free list in CPython's order: entry 0 is pool->freeblock (the next block malloc hands out). */
  poolFreeList(pool: number): number[] {
    const base = this.pools[(pool << 3) + F.BLK]!;
    const depth = this.pools[(pool << 3) + F.NFREE]!;
    const out: number[] = depth > 0 ? [this.pools[(pool << 3) + F.TOP]!] : [];
    for (let i = depth - 1; i >= 1; i--) out.push(this.stk[base + i]!);
    return out;
  }

  /** Blocks carved so far (CPython's nextoffset, as a block index). */
  poolNextOffset(pool: number): number {
    return this.pools[(pool << 3) + F.NEXTOFF]!;
  }

  /** Next pool on usedpools or freepools, -1 at the end. */
  poolNextLink(pool: number): number {
    return this.pools[(pool << 3) + F.NEXT]!;
  }

  /** Previous pool on usedpools, -1 at the head. */
  poolPrevLink(pool: number): number {
    return this.usedHead[this.pools[(pool << 3) + F.SZ]!] === pool ? C.NONE : this.pools[(pool << 3) + F.PREV]!;
  }

  /** Owner object id of a live block (pymalloc or raw), undefined if not allocated. */
  ownerOf(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== C.NONE) return this.ownerOfBlock(bi);
    return this.raw.ownerOf(addr);
  }

  /** Bytes the caller asked for at `addr` (pymalloc or raw), undefined if not allocated. */
  requestedSize(addr: Address): number | undefined {
    const bi = this.blockIdOf(addr);
    if (bi !== C.NONE) return this.requestedOf(bi);
    return this.raw.sizeOf(addr);
  }

  /** Whether `addr` lies in a pymalloc pool (the rest is the raw allocator's). */
  isPymalloc(addr: Address): boolean {
    return this.poolOf(addr) !== C.NONE;
  }

  /** Blocks handed out by pymalloc: the sum of the used and full pools' counts. */
  get blocksInUse(): number {
    let n = 0;
    for (let a = 0; a < this.maxarenas; a++) {
      if (this.arAddr[a] === 0) continue;
      const p0 = a * this.maxPools;
      for (let i = 0; i < this.arCarved[a]!; i++) n += this.poolRefCount(p0 + i);
    }
    return n;
  }

  /** sys.getallocatedblocks(): pymalloc blocks in use + raw blocks obtained through PyObject_Malloc. */
  allocatedBlocks(): number {
    return this.blocksInUse + this.raw.count;
  }
}
