// pymalloc per CPython version (reference §5.2, §5.5, §5.8): the allocator's geometry and arena policy, and what
// `sys._debugmallocstats()` prints around the pymalloc table in that version (arena map, free-list lines).
import type { ProfileId, PymallocConfig } from './types';

const SMALL_POOLS = { poolSize: 4096, arenaSize: 262144, poolsPerArena: 64 } as const;
// 16 KiB pools: mmap on Linux returns page-aligned (4 KiB) arenas, so one pool is lost to alignment (63 usable).
const LARGE_POOLS = { poolSize: 16384, arenaSize: 1048576, poolsPerArena: 63 } as const;

/** Geometry and policy; `keepLastEmptyArena` is bpo-37257 (3.9+). */
export const PYMALLOC: Readonly<Record<ProfileId, PymallocConfig>> = {
  '3.8': { ...SMALL_POOLS, keepLastEmptyArena: false },
  '3.9': { ...SMALL_POOLS, keepLastEmptyArena: true },
  '3.10': { ...LARGE_POOLS, keepLastEmptyArena: true },
  '3.11': { ...LARGE_POOLS, keepLastEmptyArena: true },
  '3.12': { ...LARGE_POOLS, keepLastEmptyArena: true },
  '3.13': { ...LARGE_POOLS, keepLastEmptyArena: true },
  '3.14.2': { ...LARGE_POOLS, keepLastEmptyArena: true },
  '3.14': { ...LARGE_POOLS, keepLastEmptyArena: true },
};

/**
 * The radix tree that answers "is this address pymalloc's?" (3.10+, printed as "arena map counts").
 * 3.10 covers 48 address bits, 3.11+ all 64, so the node tables differ in size (measured: 8192/8192/2048 on
 * 3.10.13, 262144/262144/131072 on 3.11-3.13).
 */
export interface ArenaMapGeometry {
  /** Address bits covered by one bottom node (arena bits + bottom bits). */
  botShift: number;
  /** Address bits covered by one mid node. */
  midShift: number;
  rootBytes: number;
  midNodeBytes: number;
  botNodeBytes: number;
}

const ARENA_MAP_48: ArenaMapGeometry = { botShift: 20 + 8, midShift: 20 + 8 + 10, rootBytes: 8192, midNodeBytes: 8192, botNodeBytes: 2048 };
const ARENA_MAP_64: ArenaMapGeometry = { botShift: 20 + 14, midShift: 20 + 14 + 15, rootBytes: 262144, midNodeBytes: 262144, botNodeBytes: 131072 };

/** A free-list line of the report: `"%d free %ss * %zd bytes each"`; key names the count the heap provides. */
export interface FreeListLine {
  key: 'cfunction' | 'dict' | 'dictKeys' | 'float' | 'frame' | 'list' | 'method';
  name: string; // e.g. "PyDictObject" (the report appends "s")
  structBytes: number; // sizeof the struct, not the pymalloc block
}

export interface MallocStatsFormat {
  arenaMap: ArenaMapGeometry | null;
  /** Lines printed before the tuple lines, in CPython's order. */
  freeLists: readonly FreeListLine[];
  /** Tuple free lists are printed for lengths 1..tupleMaxLength. */
  tupleMaxLength: number;
}

const DICT: FreeListLine = { key: 'dict', name: 'PyDictObject', structBytes: 48 };
const FLOAT: FreeListLine = { key: 'float', name: 'PyFloatObject', structBytes: 24 };
const LIST: FreeListLine = { key: 'list', name: 'PyListObject', structBytes: 40 };

/** Measured on 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0 (`python -S -c "import sys; sys._debugmallocstats()"`). */
export const MALLOC_STATS_FORMAT: Readonly<Record<ProfileId, MallocStatsFormat>> = {
  '3.8': {
    arenaMap: null,
    freeLists: [
      { key: 'cfunction', name: 'PyCFunctionObject', structBytes: 56 },
      DICT,
      FLOAT,
      { key: 'frame', name: 'PyFrameObject', structBytes: 368 },
      LIST,
      { key: 'method', name: 'PyMethodObject', structBytes: 48 },
    ],
    tupleMaxLength: 19,
  },
  '3.9': { arenaMap: null, freeLists: [DICT, FLOAT, { key: 'frame', name: 'PyFrameObject', structBytes: 368 }, LIST], tupleMaxLength: 19 },
  '3.10': { arenaMap: ARENA_MAP_48, freeLists: [DICT, FLOAT, { key: 'frame', name: 'PyFrameObject', structBytes: 360 }, LIST], tupleMaxLength: 19 },
  '3.11': { arenaMap: ARENA_MAP_64, freeLists: [DICT, FLOAT, LIST], tupleMaxLength: 20 },
  '3.12': { arenaMap: ARENA_MAP_64, freeLists: [DICT, FLOAT, LIST], tupleMaxLength: 20 },
  '3.13': {
    arenaMap: ARENA_MAP_64,
    freeLists: [DICT, { key: 'dictKeys', name: 'PyDictKeysObject', structBytes: 32 }, FLOAT, LIST],
    tupleMaxLength: 20,
  },
  // 3.14: Pyodide's CPython 3.14.2 prints the same lines in the same order (dict, dict keys, float, list, tuples
  // 1-20; 32-bit struct sizes there); 64-bit sizes as in 3.13 (reference §6.2). Its pymalloc section was not seen.
  '3.14.2': {
    arenaMap: ARENA_MAP_64,
    freeLists: [DICT, { key: 'dictKeys', name: 'PyDictKeysObject', structBytes: 32 }, FLOAT, LIST],
    tupleMaxLength: 20,
  },
  '3.14': {
    arenaMap: ARENA_MAP_64,
    freeLists: [DICT, { key: 'dictKeys', name: 'PyDictKeysObject', structBytes: 32 }, FLOAT, LIST],
    tupleMaxLength: 20,
  },
};

export function pymallocConfig(id: ProfileId): PymallocConfig {
  const c = PYMALLOC[id];
  if (!c) throw new Error(`unknown profile ${String(id)}`);
  return c;
}
