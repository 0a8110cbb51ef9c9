// The renderer's view of the heap (shared/snapshot.ts), read from the engine's typed arrays. Nothing here
// changes the heap: no incref, no allocation, no collection. Reading getCount() etc. is side-effect free in
// the engine (the interpreter, not the heap, allocates gc.get_count()'s tuple).
import type { EngineEvent } from '../../shared/events';
import type {
  ArenaView,
  CollectionRecord,
  HeapSample,
  GcView,
  GenTag,
  HeapSnapshot,
  MemoryMapView,
  PoolView,
  SnapFrame,
  SnapName,
  SnapObject,
  SnapRef,
  SnapshotRequest,
  TablePage,
  TableQuery,
  TypeCount,
} from '../../shared/snapshot';
import { Pymalloc } from '../engine/alloc/pymalloc';
import { allocatorSnapshot, BlockState, locateBlock } from '../engine/alloc/snapshot';
import { POOL_OVERHEAD } from '../engine/alloc/size-classes';
import { debugMallocStats } from '../engine/alloc/debugmallocstats';
import * as L from '../engine/gc/lists';
import type { Heap } from '../engine/heap/heap';
import { Kind, type ObjId } from '../engine/heap/kinds';

const KIND_TEXT: Record<number, string> = {
  [Kind.None]: 'none',
  [Kind.Bool]: 'bool',
  [Kind.Int]: 'int',
  [Kind.Float]: 'float',
  [Kind.Str]: 'str',
  [Kind.Bytes]: 'bytes',
  [Kind.Tuple]: 'tuple',
  [Kind.List]: 'list',
  [Kind.Dict]: 'dict',
  [Kind.Set]: 'set',
  [Kind.Instance]: 'instance',
  [Kind.Class]: 'class',
  [Kind.Function]: 'function',
  [Kind.Module]: 'module',
  [Kind.Weakref]: 'weakref',
  [Kind.Method]: 'method',
  [Kind.Cell]: 'cell',
  [Kind.Descr]: 'descriptor',
};

const ATOMS = new Set<number>([Kind.None, Kind.Bool, Kind.Int, Kind.Float, Kind.Str, Kind.Bytes]);

/** Names the lab's session may give to frames' local slots (the heap knows only slot numbers). */
export interface FrameNames {
  /** For frame index i (1 = first call), its function name and local names by slot. */
  frame(i: number): { function: string; locals: string[]; qualname?: string; frameObject?: number | null; indent?: string; headerIndent?: string; empty?: boolean } | undefined;
}

let seqCounter = 0;

/**
 * Whether an id names an object of the heap's arrays. The interpreter keeps its own immortal objects (builtin
 * functions and types, the gc/sys/weakref modules) at ids outside them (heap-adapter.ts STATIC_BASE): the view
 * skips those, as it skips modules.
 */
function inHeap(heap: Heap, id: ObjId): boolean {
  return id > 0 && id < heap.s.top && heap.s.kindOf(id) !== Kind.Free;
}

/**
 * The objects a session's runtime made before the user's first statement (builtins' constants, caches that
 * are not registered as internal references), by id with their address, so they are never drawn as the
 * user's garbage. Recorded by HeapTracker.attach, which the service calls right after creating a session.
 */
const baselines = new WeakMap<Heap, Map<ObjId, number>>();

export function recordBaseline(heap: Heap): void {
  const m = new Map<ObjId, number>();
  for (const id of heap.liveIds()) m.set(id, heap.address(id));
  baselines.set(heap, m);
}

function isBaseline(heap: Heap, id: ObjId): boolean {
  const a = baselines.get(heap)?.get(id);
  return a !== undefined && a === heap.address(id);
}

/** Python repr of an atom, shortened for the canvas. */
export function atomRepr(heap: Heap, id: ObjId, max = 14): string {
  const k = heap.kind(id);
  const v = heap.value(id);
  let t: string;
  switch (k) {
    case Kind.None: t = 'None'; break;
    case Kind.Bool: t = v ? 'True' : 'False'; break;
    case Kind.Int: t = String(v); break;
    case Kind.Float: {
      const n = v as number;
      t = Number.isInteger(n) && Math.abs(n) < 1e16 ? `${n}.0` : String(n);
      break;
    }
    case Kind.Str: t = `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`; break;
    case Kind.Bytes: t = `b'${Array.from(v as Uint8Array, (b) => (b >= 32 && b < 127 && b !== 39 && b !== 92 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'`; break;
    default: t = '';
  }
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function label(heap: Heap, id: ObjId): string {
  const k = heap.kind(id);
  if (ATOMS.has(k)) return atomRepr(heap, id);
  switch (k) {
    case Kind.List: return `[${heap.len(id)}]`;
    case Kind.Tuple: return `(${heap.len(id)})`;
    case Kind.Dict: return `{${heap.len(id)}}`;
    case Kind.Set: return `{${heap.len(id)}}`;
    case Kind.Class: return heap.classInfo(id).name;
    case Kind.Function: return `${heap.nameOf(id)}()`;
    case Kind.Module: return heap.nameOf(id);
    case Kind.Weakref: {
      const t = heap.weakrefGet(id);
      return t === heap.None ? 'dead' : `→ #${t}`;
    }
    default: return '';
  }
}

export function genTag(heap: Heap, id: ObjId): GenTag {
  if (!heap.isGcObject(id)) return 'none';
  const g = heap.s.genOf(id);
  if (g === -1) return 'untracked';
  if (g === L.GEN0) return 0;
  if (g === L.GEN1) return 1;
  if (g === L.PERMANENT) return 'permanent';
  return 2;
}

/** The references an object holds, labelled the way Python code reaches them. */
export function refsOf(heap: Heap, id: ObjId, hidden: ReadonlySet<ObjId>): SnapRef[] {
  const out: SnapRef[] = [];
  let n = 0;
  const add = (to: ObjId, r: Omit<SnapRef, 'id' | 'from' | 'to'>) => {
    if (!inHeap(heap, to) || hidden.has(to)) return;
    out.push({ id: `${id}:${n++}`, from: id, to, ...r });
  };
  const s = heap.s;
  switch (heap.kind(id)) {
    case Kind.List:
    case Kind.Tuple: {
      for (let i = 0; i < s.refLenOf(id); i++) add(s.refAt(id, i), { kind: 'item', label: `[${i}]`, index: i });
      break;
    }
    case Kind.Dict:
      for (const [k, v] of heap.dictEntries(id)) {
        const atomKey = ATOMS.has(heap.kind(k));
        const key = atomKey ? atomRepr(heap, k, 1e9) : `#${k}`;
        // Atom keys are shown in the value's label rather than as nodes of their own.
        if (!atomKey) add(k, { kind: 'key', label: 'key' });
        add(v, { kind: 'value', label: `[${atomRepr(heap, k, 12) || key}]`, key: atomKey ? key : undefined });
      }
      break;
    case Kind.Set:
      for (const m of heap.items(id)) add(m, { kind: 'member', label: '∈' });
      break;
    case Kind.Instance: {
      const info = heap.classInfo(heap.classOf(id));
      const d = heap.instanceDict(id);
      if (d !== 0) {
        for (const name of info.slots) add(heap.getAttr(id, name), { kind: 'slot', label: `.${name}`, key: name });
        add(d, { kind: 'dict', label: '__dict__' });
      } else {
        for (const name of heap.attrNames(id)) {
          add(heap.getAttr(id, name), { kind: info.slots.includes(name) ? 'slot' : 'attr', label: `.${name}`, key: name });
        }
      }
      add(heap.classOf(id), { kind: 'class', label: '__class__' });
      break;
    }
    case Kind.Class: {
      // A class statement's type: its __dict__ (the attributes, descriptors, __module__...), __mro__, __bases__
      // and base (type_traverse); the bare stand-ins of builtin types hold nothing.
      const r = heap.referents(id);
      if (r.length === 4) {
        add(r[0]!, { kind: 'dict', label: '__dict__' });
        add(r[1]!, { kind: 'other', label: '__mro__' });
        add(r[2]!, { kind: 'other', label: '__bases__' });
        add(r[3]!, { kind: 'other', label: '__base__' });
      }
      break;
    }
    case Kind.Weakref: {
      const t = heap.weakrefGet(id);
      if (t !== heap.None) add(t, { kind: 'weak', label: 'weak' });
      const cb = heap.weakrefCallbackOf(id);
      if (cb) add(cb, { kind: 'other', label: 'callback' });
      break;
    }
    default:
      for (const r of heap.referents(id)) add(r, { kind: 'other', label: '' });
  }
  return out;
}

/** Objects that belong to the machinery and are never drawn: modules, the __main__ namespace, gc.garbage when empty. */
function hiddenSet(heap: Heap): Set<ObjId> {
  const h = new Set<ObjId>([heap.globals, heap.mainModule]);
  if (heap.len(heap.garbage) === 0) h.add(heap.garbage);
  for (const id of heap.liveIds()) if (heap.kind(id) === Kind.Module) h.add(id);
  return h;
}

/** User roots: globals that are not dunder names or modules, and the locals of called frames. */
function roots(heap: Heap, hidden: Set<ObjId>, names?: FrameNames): { globals: SnapName[]; frames: SnapFrame[] } {
  const globals: SnapName[] = [];
  for (const [k, v] of heap.dictEntries(heap.globals)) {
    const name = String(heap.value(k));
    if (name.startsWith('__') || hidden.has(v) || !inHeap(heap, v)) continue;
    globals.push({ name, scope: 'global', target: v });
  }
  const frames: SnapFrame[] = [];
  heap.frames.forEach((f, i) => {
    if (i === 0) return; // the module-level frame holds only temporaries
    const info = names?.frame(i);
    const locals: SnapName[] = [];
    f.locals.forEach((v, slot) => {
      if (inHeap(heap, v)) locals.push({ name: info?.locals[slot] ?? `local${slot}`, scope: i, target: v });
    });
    const frame: SnapFrame = { index: i, function: info?.function ?? (f.fn ? heap.nameOf(f.fn) : '?'), locals };
    if (info?.qualname !== undefined) frame.qualname = info.qualname;
    if (info?.frameObject !== undefined) frame.frameObject = info.frameObject;
    if (info?.indent !== undefined) frame.indent = info.indent;
    if (info?.headerIndent !== undefined) frame.headerIndent = info.headerIndent;
    if (info?.empty !== undefined) frame.empty = info.empty;
    frames.push(frame);
  });
  return { globals, frames };
}

function objectView(heap: Heap, id: ObjId, names: string[]): SnapObject {
  const k = heap.kind(id);
  const addr = heap.address(id);
  let request = 0;
  let sizeClass: number | null = null;
  const a = heap.alloc;
  if (a instanceof Pymalloc) {
    request = a.requestedSize(addr) ?? 0;
    sizeClass = locateBlock(a, addr)?.sizeClass ?? null;
  }
  let size = 0;
  try {
    size = heap.sizeof(id);
  } catch {
    size = 0;
  }
  const cls = k === Kind.Instance ? heap.classOf(id) : 0;
  return {
    id,
    kind: KIND_TEXT[k] ?? 'object',
    typeName: heap.typeName(id),
    label: label(heap, id),
    names,
    refcount: heap.refcount(id),
    immortal: heap.isImmortal(id),
    gen: genTag(heap, id),
    size,
    request,
    sizeClass,
    address: addr,
    finalized: heap.isGcObject(id) && heap.isFinalized(id),
    hasDel: cls !== 0 && heap.classInfo(cls).hasDel,
    weakrefs: ATOMS.has(k) ? 0 : heap.weakrefsTo(id).length,
  };
}

export function gcView(heap: Heap): GcView {
  const counts = heap.getCount();
  const thresholds = heap.getThreshold();
  const enabled = heap.isEnabled();
  const s = heap.s;
  return {
    counts,
    thresholds,
    enabled,
    // count0 must exceed threshold0: threshold0 + 1 - count0 more GC allocations.
    nextAutoIn: enabled && thresholds[0] > 0 ? Math.max(0, thresholds[0] + 1 - counts[0]) : null,
    permanent: heap.getFreezeCount(),
    sizes: [L.listLength(s, L.GEN0), L.listLength(s, L.GEN1), L.listLength(s, L.GEN2)],
    incremental: heap.profile.incremental !== null,
  };
}

/**
 * Which objects the lab shows: everything reachable from the user's roots, plus GC objects that nothing
 * reaches at all (garbage waiting for the collector). What only the runtime reaches (caches, builtins) is hidden.
 */
function visible(heap: Heap, hidden: Set<ObjId>, rootIds: ObjId[]): ObjId[] {
  const seen = new Set<ObjId>();
  const order: ObjId[] = [];
  const walk = (start: ObjId[], into: Set<ObjId>, out: ObjId[] | null) => {
    // Breadth first from the roots in order, so the table and the canvas list objects as the program named them.
    const queue = [...start];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      if (into.has(id) || hidden.has(id) || !inHeap(heap, id)) continue;
      into.add(id);
      out?.push(id);
      for (const r of heap.referents(id)) if (!into.has(r)) queue.push(r);
      if (heap.kind(id) === Kind.Weakref) {
        const t = heap.weakrefGet(id);
        if (t !== heap.None && !into.has(t)) queue.push(t);
      }
    }
  };
  walk(rootIds, seen, order);
  // Everything the runtime reaches (its internal references, frames, modules).
  const runtime = new Set<ObjId>();
  const internalRoots: ObjId[] = [...heap.internal.keys(), ...heap.rootRefs()];
  for (const id of heap.liveIds()) if (heap.kind(id) === Kind.Module) internalRoots.push(...heap.referents(id));
  const stack = internalRoots.filter((x) => x !== 0);
  while (stack.length) {
    const id = stack.pop()!;
    if (runtime.has(id) || !inHeap(heap, id)) continue;
    runtime.add(id);
    for (const r of heap.referents(id)) stack.push(r);
  }
  const orphans: ObjId[] = [];
  for (const id of heap.liveIds()) {
    if (seen.has(id) || runtime.has(id) || hidden.has(id) || !heap.isGcObject(id) || isBaseline(heap, id)) continue;
    orphans.push(id);
  }
  walk(orphans, seen, order);
  return order;
}

/** The heap as the canvas draws it (see SnapshotRequest for the modes). */
export function buildSnapshot(heap: Heap, req: SnapshotRequest = {}, frameNames?: FrameNames): HeapSnapshot {
  const seq = ++seqCounter;
  const hidden = hiddenSet(heap);
  const { globals, frames } = roots(heap, hidden, frameNames);
  const gc = gcView(heap);
  const base = { profile: heap.profile.id, seq, focus: null, globals, frames, gc };
  const max = req.maxObjects ?? 2500;
  if (max === 0) {
    return { ...base, mode: 'summary', totalObjects: 0, objects: [], refs: [], byType: [] };
  }
  const rootIds = [...globals.map((g) => g.target), ...frames.flatMap((f) => f.locals.map((l) => l.target))];
  const ids = visible(heap, hidden, rootIds);
  const nameMap = new Map<ObjId, string[]>();
  for (const g of globals) nameMap.set(g.target, [...(nameMap.get(g.target) ?? []), g.name]);
  for (const f of frames) for (const l of f.locals) nameMap.set(l.target, [...(nameMap.get(l.target) ?? []), `${f.function}:${l.name}`]);

  let chosen = ids;
  let mode: HeapSnapshot['mode'] = 'full';
  let focus: number | null = null;
  if (ids.length > max) {
    if (req.focus != null && inHeap(heap, req.focus)) {
      mode = 'neighbourhood';
      focus = req.focus;
      chosen = neighbourhood(heap, req.focus, req.radius ?? 2, max, hidden);
    } else {
      mode = 'summary';
      chosen = [];
    }
  }
  const objects = chosen.map((id) => objectView(heap, id, nameMap.get(id) ?? []));
  const inView = new Set(chosen);
  const refs: SnapRef[] = [];
  for (const id of chosen) for (const r of refsOf(heap, id, hidden)) if (inView.has(r.to)) refs.push(r);
  return {
    ...base,
    focus,
    mode,
    totalObjects: ids.length,
    objects,
    refs,
    globals: mode === 'full' ? globals : globals.filter((g) => inView.has(g.target)),
    byType: mode === 'summary' ? countByType(heap, ids) : [],
  };
}

/** References followed from each object past the focus: a 50,000-item list that holds the focus shows the items
 * around it, not all of them (they would bury the focus in a grid of its siblings). */
const FANOUT = 16;

/** At most FANOUT of `refs`: a window around the first one already shown (the way we came), else the first ones. */
function around(refs: ObjId[], shown: Map<ObjId, number>): ObjId[] {
  if (refs.length <= FANOUT) return refs;
  const at = Math.max(0, refs.findIndex((r) => shown.has(r)));
  const start = Math.max(0, Math.min(at - FANOUT / 2, refs.length - FANOUT));
  return refs.slice(start, start + FANOUT);
}

/** Objects within `radius` references of `focus`, following references both ways, at most `max`. */
function neighbourhood(heap: Heap, focus: ObjId, radius: number, max: number, hidden: Set<ObjId>): ObjId[] {
  const dist = new Map<ObjId, number>([[focus, 0]]);
  const out: ObjId[] = [focus];
  let frontier = [focus];
  for (let d = 1; d <= radius && out.length < max; d++) {
    const set = new Set(frontier);
    const next: ObjId[] = [];
    const visit = (x: ObjId) => {
      if (dist.has(x) || hidden.has(x) || out.length >= max) return;
      dist.set(x, d);
      out.push(x);
      next.push(x);
    };
    for (const id of frontier) {
      const refs = heap.referents(id).filter((r) => inHeap(heap, r));
      for (const r of id === focus ? refs : around(refs, dist)) visit(r);
    }
    // referrers: one scan of the heap per ring (bounded by radius); past the focus's own, a few per ring
    const cap = d === 1 ? Infinity : FANOUT;
    let taken = 0;
    for (const id of heap.liveIds()) {
      if (out.length >= max || taken >= cap) break;
      if (dist.has(id) || hidden.has(id)) continue;
      if (heap.referents(id).some((r) => set.has(r))) {
        visit(id);
        taken++;
      }
    }
    frontier = next;
  }
  return out;
}

function countByType(heap: Heap, ids: ObjId[]): TypeCount[] {
  const m = new Map<string, TypeCount>();
  for (const id of ids) {
    const t = heap.typeName(id);
    const c = m.get(t) ?? { typeName: t, count: 0, bytes: 0 };
    c.count++;
    try {
      c.bytes += heap.sizeof(id);
    } catch {
      /* sizes of exotic kinds are not needed for the summary */
    }
    m.set(t, c);
  }
  return [...m.values()].sort((a, b) => b.count - a.count);
}

/** The objects table: every visible object, searched, sorted and paged here so the renderer stays light. */
export function tablePage(heap: Heap, q: TableQuery, frameNames?: FrameNames): TablePage {
  const hidden = hiddenSet(heap);
  const { globals, frames } = roots(heap, hidden, frameNames);
  const rootIds = [...globals.map((g) => g.target), ...frames.flatMap((f) => f.locals.map((l) => l.target))];
  const ids = visible(heap, hidden, rootIds);
  const nameMap = new Map<ObjId, string[]>();
  for (const g of globals) nameMap.set(g.target, [...(nameMap.get(g.target) ?? []), g.name]);
  let rows = ids.map((id) => objectView(heap, id, nameMap.get(id) ?? []));
  const term = q.search?.trim().toLowerCase();
  if (term) rows = rows.filter((r) => `${r.id} ${r.typeName} ${r.kind} ${r.label} ${r.names.join(' ')}`.toLowerCase().includes(term));
  const key = q.sortBy ?? 'id';
  const genRank = (g: GenTag) => (typeof g === 'number' ? g : g === 'permanent' ? 3 : g === 'untracked' ? 4 : 5);
  const val = (r: SnapObject): number | string =>
    key === 'kind' ? r.typeName : key === 'names' ? r.names.join(',') : key === 'gen' ? genRank(r.gen) : r[key];
  rows.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return q.descending ? -c : c;
  });
  const offset = q.offset ?? 0;
  return { total: rows.length, rows: rows.slice(offset, offset + (q.limit ?? 200)) };
}

/** Arenas, pools and block owners for the memory map, plus the sys._debugmallocstats() text. */
export function memoryMapView(heap: Heap): MemoryMapView | null {
  const a = heap.alloc;
  if (!(a instanceof Pymalloc)) return null;
  const snap = allocatorSnapshot(a);
  const arenas: ArenaView[] = [];
  const owners: number[] = [];
  const STATES = ['unused', 'used', 'full', 'empty'] as const;
  for (let ai = 0; ai < snap.arenaSlot.length; ai++) {
    const pools: PoolView[] = [];
    const first = snap.arenaFirstPool[ai]!;
    for (let i = 0; i < snap.arenaTotalPools[ai]!; i++) {
      const pi = first + i;
      const state = STATES[snap.poolState[pi]!] ?? 'unused';
      const cls = snap.poolClass[pi]!;
      // Empty pools keep their last class but hold no blocks worth drawing.
      const capacity = state === 'used' || state === 'full' ? snap.poolCapacity[pi]! : 0;
      pools.push({ index: i, state, sizeClass: Math.max(0, cls), blockSize: cls >= 0 ? (cls + 1) * 16 : 0, capacity, used: snap.poolUsed[pi]! });
      const fb = snap.poolFirstBlock[pi]!;
      for (let b = 0; b < capacity; b++) {
        if (snap.blockState[fb + b] !== BlockState.Allocated) {
          owners.push(0);
          continue;
        }
        const owner = snap.blockOwner[fb + b]!;
        const addr = snap.poolAddress[pi]! + POOL_OVERHEAD + b * (cls + 1) * 16;
        // A block whose owner is dead or lives elsewhere sits on a type free list: allocated, but no object's.
        const mine = owner > 0 && heap.isAlive(owner) && (heap.address(owner) === addr || heap.s.addr2[owner] === addr);
        owners.push(mine ? owner : -1);
      }
    }
    arenas.push({ index: snap.arenaSlot[ai]!, address: snap.arenaAddress[ai]!, pools });
  }
  let report = '';
  try {
    report = debugMallocStats(a, heap.profile.id, heap.freeListCounts());
  } catch (e) {
    report = `(report unavailable: ${(e as Error).message})`;
  }
  return { poolSize: snap.poolSize, arenaSize: snap.arenaSize, arenas, owners, report };
}

// ---- Over time: samples for the chart, the collection log, and traced collections for the player ----------

/**
 * Follows one session's heap across operations: a sample after each operation (live objects, bytes in
 * pymalloc blocks, bytes of arenas held) and a record of every collection. Attach it to each new heap
 * (a replay builds a new one, and the tracker starts over with it).
 */
export class HeapTracker {
  samples: HeapSample[] = [];
  collections: CollectionRecord[] = [];
  private ops = 0;
  private heap: Heap | null = null;
  private collectedIn: number | undefined;
  private capture: EngineEvent[] | null = null;

  /**
   * Follow `heap` from now on, with an empty history. Returns what puts the previous heap, its samples and its
   * collection log back (an open that fails half way keeps the session it replaced, views and all).
   */
  attach(heap: Heap): () => void {
    const { heap: prevHeap, samples, collections, ops, collectedIn, pendingReason } = this;
    this.heap = heap;
    recordBaseline(heap);
    this.samples = [];
    this.collections = [];
    this.ops = 0;
    this.collectedIn = undefined;
    heap.setTrace('counters', (e) => this.onEvent(e));
    // The previous heap keeps its trace into this tracker, so putting the fields back is enough.
    return () => {
      this.heap = prevHeap;
      this.samples = samples;
      this.collections = collections;
      this.ops = ops;
      this.collectedIn = collectedIn;
      this.pendingReason = pendingReason;
    };
  }

  private onEvent(e: EngineEvent): void {
    if (this.capture) this.capture.push(e);
    if (e.t === 'gc-start') {
      const h = this.heap!;
      const t0 = h.getThreshold()[0];
      // An automatic collection starts only with count0 over threshold0 while enabled; anything else was asked for.
      this.pendingReason = h.isEnabled() && t0 > 0 && e.counts[0] > t0 ? 'automatic' : 'manual';
    } else if (e.t === 'gc-done') {
      this.collections.push({
        seq: this.ops + 1,
        generation: e.generation,
        collected: e.collected,
        uncollectable: e.uncollectable,
        reason: this.pendingReason,
      });
      this.collectedIn = e.generation;
    }
  }
  private pendingReason: 'manual' | 'automatic' = 'manual';

  /** Call after each operation has run. */
  afterOperation(): void {
    const h = this.heap;
    if (!h) return;
    this.ops++;
    // O(1) counters, not walks of the ids or pools: an open or undo samples after every statement it replays.
    let blockBytes = 0;
    let arenaBytes = 0;
    if (h.alloc instanceof Pymalloc) {
      blockBytes = h.alloc.bytesInAllocatedBlocks;
      arenaBytes = h.alloc.narenasCurrent * h.alloc.arenaSize;
    }
    const s: HeapSample = { seq: this.ops, liveObjects: h.liveCount(), blockBytes, arenaBytes };
    if (this.collectedIn !== undefined) s.collection = this.collectedIn;
    this.collectedIn = undefined;
    this.samples.push(s);
  }

  /** Run `fn` with the 'full' trace on and return every event it produced (for step-by-step playback). */
  traced<T>(fn: () => T): { value: T; events: EngineEvent[] } {
    const h = this.heap!;
    const events: EngineEvent[] = [];
    this.capture = events;
    h.setTrace('full', (e) => this.onEvent(e));
    try {
      return { value: fn(), events };
    } finally {
      this.capture = null;
      h.setTrace('counters', (e) => this.onEvent(e));
    }
  }
}

/** What the lab service asks of the heap views, per session (see LabServiceDeps.views). */
export interface HeapViews<S> {
  /** Follow `session` from now on; the returned function goes back to the session followed before. */
  attach(session: S): () => void;
  afterOperation(session: S): void;
  table(session: S, q: TableQuery): TablePage;
  memoryMap(session: S): MemoryMapView | null;
  samples(): HeapSample[];
  collections(): CollectionRecord[];
  traced<T>(session: S, fn: () => T): { value: T; events: EngineEvent[] };
}

/** The session's names for frame slots (open frames of the program), when it has them. */
export function sessionFrameNames(session: { frameNames?(i: number): ReturnType<FrameNames['frame']> }): FrameNames | undefined {
  return session.frameNames ? { frame: (i) => session.frameNames!(i) } : undefined;
}

export function createHeapViews<S extends { heap: Heap; frameNames?(i: number): ReturnType<FrameNames['frame']> }>(): HeapViews<S> {
  const tracker = new HeapTracker();
  return {
    attach: (session) => tracker.attach(session.heap),
    afterOperation: () => tracker.afterOperation(),
    table: (session, q) => tablePage(session.heap, q, sessionFrameNames(session)),
    memoryMap: (session) => memoryMapView(session.heap),
    samples: () => tracker.samples,
    collections: () => tracker.collections,
    traced: (_session, fn) => tracker.traced(fn),
  };
}
