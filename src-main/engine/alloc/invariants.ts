// Structural invariants of the simulated pymalloc (reference §5.4, §5.5). Returns the violations found; the
// property tests run it after every operation. O(arenas x pools + carved blocks).
import type { Pymalloc } from './pymalloc';
import { PoolState } from './pymalloc';
import { NUM_SIZE_CLASSES, POOL_OVERHEAD } from './size-classes';
import { mallocStats } from './stats';

export function checkAllocatorInvariants(p: Pymalloc, limit = 20): string[] {
  const out: string[] = [];
  const fail = (msg: string) => { if (out.length < limit) out.push(msg); };

  // usedpools lists: every member is a used pool of that class, links agree, no cycles.
  const inUsedList = new Uint8Array(p.maxarenas * p.maxPools);
  for (let sz = 0; sz < NUM_SIZE_CLASSES; sz++) {
    let prev = -1;
    let steps = 0;
    for (let pool = p.usedHead[sz]!; pool !== -1; pool = p.poolNextLink(pool)) {
      if (++steps > inUsedList.length) { fail(`usedpools[${sz}] has a cycle`); break; }
      if (inUsedList[pool]) fail(`pool ${pool} is linked twice in usedpools`);
      inUsedList[pool] = 1;
      if (p.poolState(pool) !== PoolState.Used) fail(`pool ${pool} in usedpools[${sz}] is in state ${p.poolState(pool)}`);
      if (p.poolClass(pool) !== sz) fail(`pool ${pool} in usedpools[${sz}] has class ${p.poolClass(pool)}`);
      if (p.poolPrevLink(pool) !== prev) fail(`pool ${pool}: prevpool ${p.poolPrevLink(pool)} != ${prev}`);
      prev = pool;
    }
  }

  let narenas = 0;
  const inUsable = new Uint8Array(p.maxarenas);
  for (let a = 0; a < p.maxarenas; a++) {
    if (p.arAddr[a] === 0) continue;
    narenas++;
    if (p.arAddr[a] !== p.arenaAddressOfSlot(a)) fail(`arena ${a} is mapped at an unexpected address`);
    const carved = p.arCarved[a]!;
    const ntotal = p.arNtotal[a]!;
    if (carved > ntotal) fail(`arena ${a}: ${carved} pools carved of ${ntotal}`);
    // freepools: exactly the empty pools of this arena.
    const onFreeList = new Set<number>();
    for (let pool = p.arFreepools[a]!; pool !== -1; pool = p.poolNextLink(pool)) {
      if (onFreeList.has(pool)) { fail(`arena ${a}: freepools has a cycle`); break; }
      onFreeList.add(pool);
      if (Math.floor(pool / p.maxPools) !== a) fail(`pool ${pool} on freepools of arena ${a} belongs to another arena`);
      if (p.poolState(pool) !== PoolState.Empty) fail(`pool ${pool} on freepools is in state ${p.poolState(pool)}`);
    }
    if (p.arNfree[a] !== ntotal - carved + onFreeList.size) {
      fail(`arena ${a}: nfreepools ${p.arNfree[a]} != ${ntotal - carved} uncarved + ${onFreeList.size} empty`);
    }
    for (let i = 0; i < p.maxPools; i++) {
      const pool = a * p.maxPools + i;
      const st = p.poolState(pool);
      if (i >= carved) {
        if (st !== PoolState.Uncarved) fail(`pool ${pool} beyond the arena's high-water mark is in state ${st}`);
        continue;
      }
      if (p.poolAddress(pool) !== p.arAddr[a]! + p.firstPoolOffset + i * p.poolSize) fail(`pool ${pool} has a wrong address`);
      if (st === PoolState.Empty) {
        if (!onFreeList.has(pool)) fail(`empty pool ${pool} is not on its arena's freepools`);
        if (p.poolRefCount(pool) !== 0) fail(`empty pool ${pool} has ref count ${p.poolRefCount(pool)}`);
      } else if (st === PoolState.Used) {
        if (!inUsedList[pool]) fail(`used pool ${pool} is not in usedpools[${p.poolClass(pool)}]`);
      } else if (st === PoolState.Full) {
        if (inUsedList[pool]) fail(`full pool ${pool} is linked in usedpools`);
      } else {
        fail(`carved pool ${pool} is in state ${st}`);
        continue;
      }
      const sz = p.poolClass(pool);
      if (sz < 0) continue; // an empty pool that never served a class cannot exist, but don't crash on it
      const nextOff = p.poolNextOffset(pool);
      const bpp = p.classBlocks[sz]!;
      if (nextOff > bpp || POOL_OVERHEAD + nextOff * p.classBytes[sz]! > p.poolSize) fail(`pool ${pool}: carved past its end`);
      // Each carved block is either allocated or on the pool's free list, never both.
      let live = 0;
      for (let b = 0; b < nextOff; b++) if (p.blockInUse(p.poolBlockBase(pool) + b)) live++;
      const freeList = p.poolFreeList(pool);
      const nfree = freeList.length;
      const seen = new Set<number>();
      for (const b of freeList) {
        if (seen.has(b) || b >= nextOff || b < 0) { fail(`pool ${pool}: free list is corrupt at block ${b}`); break; }
        seen.add(b);
        if (p.blockInUse(p.poolBlockBase(pool) + b)) fail(`pool ${pool}: block ${b} is allocated and on the free list`);
      }
      if (live + nfree !== nextOff) fail(`pool ${pool}: ${live} allocated + ${nfree} free != ${nextOff} carved`);
      if (st !== PoolState.Empty) {
        if (p.poolRefCount(pool) !== live) fail(`pool ${pool}: ref count ${p.poolRefCount(pool)} != ${live} allocated blocks`);
        const full = live === bpp;
        if (full !== (st === PoolState.Full)) fail(`pool ${pool}: ${live}/${bpp} blocks but state ${st}`);
        if (st === PoolState.Used && p.poolFreeCount(pool) === 0) fail(`used pool ${pool} has no free block`);
      } else if (live !== 0) fail(`empty pool ${pool} holds ${live} allocated blocks`);
    }
  }
  // Block records: each carved pool owns a run big enough for its class, and no two pools share a record.
  const runs: [number, number, number][] = [];
  for (let a = 0; a < p.maxarenas; a++) {
    if (p.arAddr[a] === 0) continue;
    for (let i = 0; i < p.arCarved[a]!; i++) {
      const pool = a * p.maxPools + i;
      const sz = p.poolClass(pool);
      if (sz < 0) continue;
      if (p.poolBlockCapacity(pool) < p.classBlocks[sz]!) fail(`pool ${pool} has ${p.poolBlockCapacity(pool)} block records for ${p.classBlocks[sz]} blocks`);
      runs.push([p.poolBlockBase(pool), p.poolBlockBase(pool) + p.poolBlockCapacity(pool), pool]);
    }
  }
  runs.sort((x, y) => x[0] - y[0]);
  for (let r = 1; r < runs.length; r++) {
    if (runs[r]![0] < runs[r - 1]![1]) fail(`pools ${runs[r - 1]![2]} and ${runs[r]![2]} share block records`);
  }
  if (narenas !== p.narenasCurrent) fail(`narenas_currently_allocated ${p.narenasCurrent} != ${narenas} mapped`);

  // usable_arenas: linked both ways, sorted by nfreepools ascending, exactly the arenas with a free pool;
  // nfp2lasta[k] is the last arena with k free pools.
  let prev = -1;
  let steps = 0;
  const lastWith = new Int32Array(p.nfp2lasta.length).fill(-1);
  for (let a = p.usableArenas; a !== -1; a = p.arNext[a]!) {
    if (++steps > p.maxarenas) { fail('usable_arenas has a cycle'); break; }
    inUsable[a] = 1;
    if (p.arAddr[a] === 0) fail(`unmapped arena ${a} is in usable_arenas`);
    if (p.arPrev[a] !== prev) fail(`arena ${a}: prevarena ${p.arPrev[a]} != ${prev}`);
    if (prev !== -1 && p.arNfree[prev]! > p.arNfree[a]!) fail(`usable_arenas is not sorted at arena ${a}`);
    lastWith[p.arNfree[a]!] = a;
    prev = a;
  }
  for (let a = 0; a < p.maxarenas; a++) {
    if (p.arAddr[a] !== 0 && (p.arNfree[a]! > 0) !== (inUsable[a] === 1)) {
      fail(`arena ${a} with ${p.arNfree[a]} free pools ${inUsable[a] ? 'is' : 'is not'} in usable_arenas`);
    }
  }
  for (let k = 1; k < lastWith.length; k++) {
    if (p.nfp2lasta[k] !== lastWith[k]) fail(`nfp2lasta[${k}] = ${p.nfp2lasta[k]}, last arena with ${k} free pools is ${lastWith[k]}`);
  }
  // Unused arena objects: exactly the unmapped slots.
  let unused = 0;
  steps = 0;
  for (let a = p.unusedArenas; a !== -1; a = p.arNext[a]!) {
    if (++steps > p.maxarenas) { fail('unused_arena_objects has a cycle'); break; }
    if (p.arAddr[a] !== 0) fail(`mapped arena ${a} is on unused_arena_objects`);
    unused++;
  }
  if (unused !== p.maxarenas - narenas) fail(`${unused} unused arena objects, expected ${p.maxarenas - narenas}`);

  // The report's parts add up to the arenas' bytes.
  const s = mallocStats(p);
  if (s.total !== s.arenasCurrent * s.arenaSize) fail(`report total ${s.total} != ${s.arenasCurrent} arenas x ${s.arenaSize}`);
  // The running count malloc and free keep (what the lab samples) agrees with the pool walk.
  if (p.bytesInAllocatedBlocks !== s.bytesInAllocatedBlocks) fail(`bytesInAllocatedBlocks ${p.bytesInAllocatedBlocks} != ${s.bytesInAllocatedBlocks} in the pools`);
  return out;
}
