// Reads the text of a real `sys._debugmallocstats()` back into numbers (test helper, like mstats.py's parse()).
import type { MallocStats, ArenaMapStats } from '../../../src-main/engine/alloc/stats';
import type { FreeListCounts } from '../../../src-main/engine/alloc/debugmallocstats';

export interface ParsedMallocStats {
  stats: MallocStats;
  arenaMap: ArenaMapStats | null;
  freeLists: FreeListCounts;
  /** block size -> [pools, blocks in use, avail blocks] */
  classes: Map<number, [number, number, number]>;
  kv: Map<string, number>;
}

const KEYS: Record<string, keyof FreeListCounts> = {
  PyCFunctionObject: 'cfunction',
  PyDictObject: 'dict',
  PyDictKeysObject: 'dictKeys',
  PyFloatObject: 'float',
  PyFrameObject: 'frame',
  PyListObject: 'list',
  PyMethodObject: 'method',
};

export function parseMallocStats(text: string): ParsedMallocStats {
  const numPools = new Int32Array(32);
  const blocksInUse = new Int32Array(32);
  const availBlocks = new Int32Array(32);
  const classes = new Map<number, [number, number, number]>();
  for (const m of text.matchAll(/^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/gm)) {
    const [idx, size, pools, used, avail] = m.slice(1).map(Number) as [number, number, number, number, number];
    numPools[idx] = pools;
    blocksInUse[idx] = used;
    availBlocks[idx] = avail;
    classes.set(size, [pools, used, avail]);
  }
  const kv = new Map<string, number>();
  const totals: number[] = [];
  let unusedPools = 0;
  let arenaSize = 0;
  let poolSize = 0;
  for (const m of text.matchAll(/^([^=\n]+?)\s*=\s*([\d,]+)\s*$/gm)) {
    const key = m[1]!.trim();
    const value = Number(m[2]!.replace(/,/g, ''));
    if (key === 'Total') totals.push(value);
    let u = /^(\d+) unused pools \* (\d+) bytes$/.exec(key);
    if (u) { unusedPools = Number(u[1]); poolSize = Number(u[2]); kv.set('unused pools bytes', value); continue; }
    u = /^\d+ arenas \* (\d+) bytes\/arena$/.exec(key);
    if (u) { arenaSize = Number(u[1]); continue; }
    kv.set(key, value);
  }
  const freeLists: FreeListCounts = {};
  const tuple: number[] = [];
  for (const m of text.matchAll(/^\s*(\d+) free (?:(\d+)-sized )?(\w+?)s \* \d+ bytes each/gm)) {
    if (m[2]) tuple[Number(m[2])] = Number(m[1]);
    else freeLists[KEYS[m[3]!]!] = Number(m[1]) as never;
  }
  if (tuple.length) freeLists.tuple = Array.from(tuple, (x) => x ?? 0);
  const g = (k: string) => kv.get(k) ?? 0;
  const stats: MallocStats = {
    numPools,
    blocksInUse,
    availBlocks,
    arenasAllocatedTotal: g('# arenas allocated total'),
    arenasReclaimed: g('# arenas reclaimed'),
    arenasHighwater: g('# arenas highwater mark'),
    arenasCurrent: g('# arenas allocated current'),
    arenaSize,
    poolSize,
    bytesInAllocatedBlocks: g('# bytes in allocated blocks'),
    bytesInAvailableBlocks: g('# bytes in available blocks'),
    unusedPools,
    bytesInUnusedPools: g('unused pools bytes'),
    bytesLostToPoolHeaders: g('# bytes lost to pool headers'),
    bytesLostToQuantization: g('# bytes lost to quantization'),
    bytesLostToArenaAlignment: g('# bytes lost to arena alignment'),
    total: totals[0] ?? 0,
    rawBlocks: 0,
    rawBytes: 0,
  };
  const arenaMap: ArenaMapStats | null = kv.has('# arena map mid nodes')
    ? {
        midNodes: g('# arena map mid nodes'),
        botNodes: g('# arena map bot nodes'),
        rootBytes: g('# bytes lost to arena map root'),
        midBytes: g('# bytes lost to arena map mid'),
        botBytes: g('# bytes lost to arena map bot'),
        total: totals[1] ?? 0,
      }
    : null;
  return { stats, arenaMap, freeLists, classes, kv };
}
