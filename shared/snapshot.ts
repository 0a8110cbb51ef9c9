// The heap as the renderer sees it: plain, serialisable data built by src-main/lab/snapshot.ts from the
// engine's typed arrays. The renderer never reads the engine; it only reads these views.

/** Where an object sits for the cycle collector. 'none' = not a GC type (int, str, ...): never tracked. */
export type GenTag = 0 | 1 | 2 | 'permanent' | 'untracked' | 'none';

export interface SnapObject {
  id: number;
  /** Engine kind: 'list', 'dict', 'instance', 'int', ... */
  kind: string;
  /** Python type name as type(x).__name__ shows it ('list', 'Node', 'NoneType'). */
  typeName: string;
  /** Short text for the canvas: a value for atoms (42, 'ab'), a size for containers ([3], {2}). */
  label: string;
  /** Names bound to it: 'a' for a global, 'f:x' for local x of the frame running f. */
  names: string[];
  /** ob_refcnt (sys.getrefcount minus its own argument). */
  refcount: number;
  immortal: boolean;
  gen: GenTag;
  /** sys.getsizeof. */
  size: number;
  /** Bytes requested from the allocator for the object itself, and its pymalloc class (null: raw malloc or static). */
  request: number;
  sizeClass: number | null;
  /** Simulated address, id(obj). */
  address: number;
  finalized: boolean;
  /** Its class defines __del__ (tp_finalize). */
  hasDel: boolean;
  /** Live weakrefs pointing at it. */
  weakrefs: number;
}

/** How a reference is held, so the canvas can label it and the UI can write the statement that deletes it. */
export type RefKind = 'item' | 'key' | 'value' | 'member' | 'attr' | 'slot' | 'class' | 'dict' | 'weak' | 'other';

export interface SnapRef {
  /** Stable within one snapshot: `${from}:${ordinal}`. */
  id: string;
  from: number;
  to: number;
  kind: RefKind;
  /** What the canvas prints on the edge: '[0]', "['k']", '.attr', 'key', '__class__'. */
  label: string;
  /** List/tuple position for kind 'item'. */
  index?: number;
  /** Python source of the dict key (repr) for kind 'value' / 'key', attribute name for 'attr' / 'slot'. */
  key?: string;
}

export interface SnapName {
  name: string;
  /** 'global' or the frame index it lives in. */
  scope: 'global' | number;
  target: number;
}

export interface SnapFrame {
  index: number;
  function: string;
  locals: SnapName[];
  /** Frames the program opened (Call function): its qualified name ('f1.<locals>.f2'). */
  qualname?: string;
  /** <=3.10: the frame object (PyFrameObject) of the call; null on 3.11+, where frames live in the data stack. */
  frameObject?: number | null;
  /** Indentation of a statement run in this frame, and of its `def` line (where the Return `f1()` goes). */
  indent?: string;
  headerIndent?: string;
  /** No statement has run in the frame yet (its Return must add `pass`: a def needs a body). */
  empty?: boolean;
}

export interface GcView {
  counts: [number, number, number];
  thresholds: [number, number, number];
  enabled: boolean;
  /** GC allocations left before count0 exceeds threshold0 (null when automatic collection cannot run). */
  nextAutoIn: number | null;
  permanent: number;
  /** Objects tracked in each generation. */
  sizes: [number, number, number];
  /** Incremental collector (3.14.0-3.14.4) shows young/old spaces instead of three generations. */
  incremental: boolean;
}

export interface TypeCount {
  typeName: string;
  count: number;
  bytes: number;
}

/**
 * 'full': every object is in `objects`. 'neighbourhood': the objects within `radius` references of `focus`
 * (plus the roots' direct targets). 'summary': too many to draw; `byType` describes the heap.
 */
export type SnapshotMode = 'full' | 'neighbourhood' | 'summary';

export interface HeapSnapshot {
  profile: string;
  /** Increases with every operation; lets views skip redundant redraws. */
  seq: number;
  mode: SnapshotMode;
  focus: number | null;
  totalObjects: number;
  objects: SnapObject[];
  refs: SnapRef[];
  globals: SnapName[];
  frames: SnapFrame[];
  gc: GcView;
  byType: TypeCount[];
}

export interface SnapshotRequest {
  /** Draw everything up to this many objects; beyond it fall back to a neighbourhood or a summary. */
  maxObjects?: number;
  focus?: number | null;
  radius?: number;
  /** Include the interpreter's own objects (module, builtins' types...), normally hidden. */
  includeInternal?: boolean;
}

/** One row of the objects table, which covers the whole heap however big (paged). */
export interface TableQuery {
  search?: string;
  sortBy?: 'id' | 'kind' | 'names' | 'refcount' | 'gen' | 'size';
  descending?: boolean;
  offset?: number;
  limit?: number;
}
export interface TablePage {
  total: number;
  rows: SnapObject[];
}

/** One pymalloc pool on the memory map. */
export interface PoolView {
  /** Index in its arena. */
  index: number;
  state: 'used' | 'full' | 'empty' | 'unused';
  sizeClass: number;
  blockSize: number;
  capacity: number;
  used: number;
}
export interface ArenaView {
  index: number;
  address: number;
  pools: PoolView[];
}
/**
 * Arenas, pools and block owners. `owners` is flat: for each arena in order, each pool in order, `capacity`
 * entries, each the owning object id, 0 for a free block, -1 for memory held by a type free list.
 */
export interface MemoryMapView {
  poolSize: number;
  arenaSize: number;
  arenas: ArenaView[];
  owners: Int32Array | number[];
  /** sys._debugmallocstats() text as CPython prints it. */
  report: string;
}

/** Trend point for the charts, taken after each operation. */
export interface HeapSample {
  seq: number;
  liveObjects: number;
  blockBytes: number;
  arenaBytes: number;
  /** Set when this operation ran a collection (generation). */
  collection?: number;
}

/** One line of the collection log. */
export interface CollectionRecord {
  seq: number;
  generation: number;
  collected: number;
  uncollectable: number;
  reason: 'manual' | 'automatic';
}

/** Canvas-friendly inspector facts about one object. */
export interface ObjectDetail {
  object: SnapObject;
  referrers: { from: number; label: string; count: number; root?: string }[];
  referents: SnapRef[];
  /** Names and frames count as roots; the path is root name then object ids from the root to this object. */
  pathFromRoot: { root: string; ids: number[]; refIds: string[] } | null;
  /** Strongly connected component containing it (only itself when in no cycle). */
  cycle: number[];
  memory: { arena: number; pool: number; block: number; sizeClass: number | null; blockSize: number; raw: boolean } | null;
}
