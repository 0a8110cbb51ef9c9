// The object model: a struct-of-arrays heap with CPython's reference counting, deallocation cascade, caches,
// roots (the __main__ module and a frame stack) and the gc module surface (delegated to gc/).
//
// Reference conventions follow the C API: constructors return a NEW reference (held by the caller), stores into
// containers/attributes incref the stored value and decref what was there, getters return BORROWED ids.
import type { Allocator } from '../alloc/allocator';
import { getProfile } from '../profiles';
import type { Profile } from '../profiles/profile';
import { DEFAULT_PROFILE, type ProfileId } from '../profiles/types';
import type { EngineEvent, EventSink, TraceLevel } from '../../../shared/events';
import { traceLevelRank } from '../../../shared/events';
import {
  Kind, KIND_NAMES, type ObjId,
} from './kinds';
import { Store, FIRST_ID } from './store';
import { FreeLists, type FreeListCounts } from './freelists';
import { Pymalloc } from '../alloc/pymalloc';
import * as sz from './sizes';
import * as L from '../gc/lists';
import { GcState } from '../gc/state';
import { onGcAllocated, onGcFreed, onTracked, onUntracked } from '../gc/triggers';
import { keyOf } from './keys';
import * as sets from './set-objects';
import * as lists from './list-objects';
import * as dicts from './dict-objects';
import * as gcm from '../gc/module';
import { evalBreaker as runEvalBreaker } from '../gc/triggers';
import type { GenStats } from '../gc/state';

// Hot-loop constants as enum members (kinds.ts F_* / Kind, store.ts REC): esbuild inlines same-file enum members as
// literals, where module-level consts stay context slots that V8 reloads and Smi-checks on every use.
export enum Fl { GC = 1, TRACKED = 2, FINALIZED = 4, IMMORTAL = 32, FROM_FREELIST = 128, UNICODE_KEYS = 256, SPLIT = 512, HASDEL = 1024, FRAME = 2048, MANAGED_DICT = 4096, EMBEDDED = 8192, CFUNC = 16384 }
export enum Kd { FREE = 0, NONE = 1, BOOL = 2, INT = 3, FLOAT = 4, STR = 5, BYTES = 6, TUPLE = 7, LIST = 8, DICT = 9, SET = 10, INSTANCE = 11, CLASS = 12, FUNCTION = 13, MODULE = 14, WEAKREF = 15, METHOD = 16, CELL = 17, DESCR = 18 }
export enum Rec { WR_HEAD = 1, NEXT = 2, PREV = 3, REF_OFF = 1, REF_LEN = 2, AUX = 3 }
export enum Lim {
  GEN0_HEAD = 1, // gc/lists.ts GEN0
  TRASHCAN = 50, // _PyTrash_UNWIND_LEVEL
}

/** Python code the heap must run, implemented by the interpreter (or by tests). */
export interface HeapHost {
  /**
   * Run `obj.__del__()`. The heap holds a temporary reference during the call; storing obj resurrects it.
   * Returns what the call printed (for the trace), or nothing.
   */
  finalize(obj: ObjId): string | void;
  /** Call `callback(wr)` for a weakref whose referent died; returns what it printed, or nothing. */
  weakrefCallback(callback: ObjId, wr: ObjId): string | void;
  /** Call every gc.callbacks entry with (phase, {generation, collected, uncollectable}). */
  gcCallbacks(phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void;
}

const NO_HOST: HeapHost = { finalize() {}, weakrefCallback() {}, gcCallbacks() {} };
/** Where the small ints array sits (in the interpreter image, below the raw malloc heap at alloc/raw.ts RAW_BASE). */
const SMALL_INTS_ADDR = 0x55d0c0800000;

/** A Python-level error the heap detects (the interpreter turns it into the exception of that name). */
export class PyError extends Error {
  constructor(readonly pyType: string, message: string) {
    super(message);
  }
}

export interface ClassOptions {
  /** `__slots__` names (without '__dict__'/'__weakref__'); undefined = no __slots__ (instances have a __dict__). */
  slots?: string[];
  /** With __slots__: whether '__dict__' / '__weakref__' are among them. */
  slotsDict?: boolean;
  slotsWeakref?: boolean;
  /** The class defines __del__. */
  hasDel?: boolean;
}

/** Per-class data (classes are few, so a JS object each is fine). */
export interface ClassInfo {
  name: string;
  slots: string[];
  hasDict: boolean;
  hasWeakref: boolean;
  hasDel: boolean;
  /** Instances carry a GC header (a __dict__ or object slots). */
  isGc: boolean;
  /** Shared keys: attribute names in first-set order (3.11+ values are indexed by it). */
  shared: string[];
  /** Instance layout cache for the current number of shared keys. */
  layout: { sharedLen: number; bytes: number; valuesBytes: number; n: number; nrefs: number } | null;
  /** 3.11+: the shared keys' dk_usable (30 at first; one less per instance made while > 1 and per new key). */
  keysUsable: number;
  /** The type's __dict__ (tp_dict) holding the class attributes; 0 for the lab's stand-ins of builtin types. */
  dict: ObjId;
  /** Names type_new put in the dict itself (__module__, __doc__, descriptors...): attribute lookups skip them. */
  hidden: Set<string>;
  /** tp_subclasses: a dict {address int: weakref} made at the first subclass; held by the class, not traversed. */
  subclasses: ObjId;
  /** This class's entries in its bases' tp_subclasses: [base (0: a builtin type's), int key, weakref]. */
  subclassOf: [ObjId, ObjId, ObjId][];
  /** ht_slots: the sorted __slots__ names tuple, held by the class, not traversed; 0 without __slots__. */
  slotsTuple: ObjId;
  /** 3.8-3.10 ht_cached_keys: the keys new instance dicts share; null once dropped (or with no __dict__). */
  cachedKeys: SharedKeys | null;
}

/**
 * 3.8-3.10 a shared PyDictKeysObject (split tables): attribute names in dk_entries order, one reference from the
 * class (while cached) and one per split dict using it. The keys table is an allocation of its own (pymalloc up
 * to 16 slots, raw malloc from 32).
 */
export interface SharedKeys {
  /** DK_SIZE: slots of the table; the values arrays hold USABLE_FRACTION(size) pointers. */
  size: number;
  names: string[];
  refcnt: number;
  addr: number;
}

/**
 * What __build_class__ hands type_new for a class made the way CPython makes it (python layer, compile.ts).
 * Without it Heap.newClass makes the lab's bare stand-in of a builtin type (no dict, nothing else).
 */
export interface TypeParts {
  /** The namespace the body filled (__module__, __qualname__, the body's names), borrowed. */
  ns: ObjId;
  /** The bases tuple __build_class__ made (borrowed), or 0 for none: type_new packs (object,). */
  bases: ObjId;
  /** The interpreter's static `object` type. */
  object: ObjId;
  /** init_subclass calls super(type, type) through an args tuple (<=3.10; 3.11+ vectorcall). */
  superArgsTuple: boolean;
}

/** Kd.DESCR objects: AUX says which (typeName). */
export enum Descr { MEMBER = 0, GETSET = 1 }

interface Frame {
  fn: ObjId;
  locals: number[];
  temps: number[];
}

// Local copies of imported functions used per object: the TS runners (tsx, vitest) turn imported bindings into
// getter calls, which showed up at ~10% of a collection's profile.
const listAppend = L.append;
const listUnlink = L.unlink;
const gcAllocated = onGcAllocated;
const gcFreed = onGcFreed;
const tracked = onTracked;
const untracked = onUntracked;
const SHARED_KEYS_TABLE = 64; // a class's shared keys table (usable 42 >= the 30 shared keys at most)

export class Heap {
  readonly profile: Profile;
  readonly s: Store;
  readonly alloc: Allocator;
  readonly freeLists: FreeLists;
  readonly gcs: GcState;
  host: HeapHost = NO_HOST;

  readonly None: ObjId;
  readonly True: ObjId;
  readonly False: ObjId;
  readonly emptyTuple: ObjId;
  readonly emptyStr: ObjId;
  readonly emptyBytes: ObjId;
  /** The __main__ module and its globals dict (roots). */
  readonly mainModule: ObjId;
  readonly globals: ObjId;
  /** gc.garbage. */
  readonly garbage: ObjId;

  /** References the runtime itself holds (caches, singletons, sys.modules): part of the invariant. */
  readonly internal = new Map<ObjId, number>();
  readonly classes = new Map<ObjId, ClassInfo>();
  /** Per dict: lookup key -> entry index. */
  readonly dictIndex = new Map<ObjId, Map<string, number>>();
  /** 3.11/3.12 materialised instance dicts (still split) -> the class whose shared keys they use. Shared with dict-objects.ts. */
  readonly managedDictClass = new Map<ObjId, ClassInfo>();
  /** 3.8-3.10 split instance dicts -> the shared keys they use (their own addr2 is the values array). Shared with dict-objects.ts. */
  readonly splitKeys = new Map<ObjId, SharedKeys>();
  /** 3.13+ `obj.attr = v` into a dict embedding the values: a store into the inline values, which does not track the dict. Shared with dict-objects.ts. */
  storingInline = false;
  readonly frames: Frame[] = [];

  /**
   * Small ints -5..256: CPython makes them at startup, one static array (_PyRuntime's small_ints; immortal on
   * 3.12+), 32 bytes a slot. The lab makes each one's record at its first use, so that the object numbers
   * saved in format 2 session files keep naming the same objects, but counts all 262 alive from the start
   * (liveCount: the live-object chart has no +1 at a first use) and puts each at its slot's address (id(6) -
   * id(5) == 32, id(-5) - id(5) == -320, as in CPython).
   */
  private smallInts: Int32Array;
  private smallIntsUnmade = 262;
  private latin1 = new Map<number, ObjId>();
  private interned = new Map<string, ObjId>();
  private trashDepth = 0;
  private trashLater: ObjId[] = [];

  /** count0 follows allocations (classic) or tracking (3.14.1-3.14.4). */
  private countAllocs: boolean;
  private readonly countTracked: boolean;
  /** Tracked dicts (lets a full collection skip untrack_dicts when there are none). */
  trackedDicts = 0;
  /** Number of calls into Python code (finalizers, weakref callbacks): lets the collector skip re-checks. */
  hostCalls = 0;
  /** Trace level rank (0 off .. 3 full) and sink. */
  tl = 0;
  private sink: EventSink | null = null;

  constructor(profileId: ProfileId = DEFAULT_PROFILE, allocator?: Allocator) {
    this.profile = getProfile(profileId);
    this.countAllocs = this.profile.count0Rule === 'allocations';
    this.countTracked = this.profile.count0Rule === 'tracked';
    this.s = new Store();
    this.alloc = allocator ?? new Pymalloc(profileId);
    this.freeLists = new FreeLists(this.profile);
    this.gcs = new GcState(this.profile.thresholds, this.profile.incremental?.initialWorkToDo ?? 0);
    this.gcs.heapSize = this.profile.incremental?.startupHeapSize ?? 0;
    for (let h = 1; h < FIRST_ID; h++) L.initHead(this.s, h);

    this.None = this.makeStatic(Kd.NONE, null, 0);
    this.True = this.makeStatic(Kd.BOOL, true, 0);
    this.False = this.makeStatic(Kd.BOOL, false, 0);
    this.smallInts = new Int32Array(262);
    this.emptyTuple = this.makeStatic(Kd.TUPLE, null, 0);
    this.emptyStr = this.makeStatic(Kd.STR, '', 0);
    this.emptyBytes = this.makeStatic(Kd.BYTES, new Uint8Array(0), 0);

    // sys.modules['__main__'] holds the module; the module holds its dict.
    this.globals = this.newDict();
    this.mainModule = this.newModule('__main__', this.globals);
    this.decref(this.globals);
    this.garbage = this.newList();
    this.internal.set(this.garbage, 1); // the gc module's reference
    this.frames.push({ fn: 0, locals: [], temps: [] }); // module-level frame: temporaries only
    // Building the runtime's own objects is not part of the user's counts.
    this.gcs.count = [0, 0, 0];
    this.gcs.scheduled = false;
  }

  // ---------------------------------------------------------------------------------------------- trace

  /** Choose what the heap reports: nothing ('off') up to every collector step ('full'). */
  setTrace(level: TraceLevel, sink: EventSink | null): void {
    this.tl = sink ? traceLevelRank(level) : 0;
    this.sink = sink;
  }

  /** Emit an event (callers check `tl` first so that nothing is built when tracing is off). */
  emit(e: EngineEvent): void {
    this.sink?.(e);
  }

  setHost(host: HeapHost): void {
    this.host = host;
  }

  /**
   * Call obj's __del__ through the host (the caller holds the temporary reference). At trace level 'full' the
   * 'finalize' event goes out before the call and gets the call's output once it returns.
   */
  callFinalizer(obj: ObjId): void {
    const ev: Extract<EngineEvent, { t: 'finalize' }> | null = this.tl >= 2 ? { t: 'finalize', id: obj } : null;
    if (ev) this.emit(ev);
    this.hostCalls++;
    const out = this.host.finalize(obj);
    if (ev && out) ev.output = out;
  }

  /** Call a weakref callback through the host; its 'weakref-callback' event carries the output, as above. */
  callWeakrefCallback(callback: ObjId, wr: ObjId): void {
    const ev: Extract<EngineEvent, { t: 'weakref-callback' }> | null = this.tl >= 2 ? { t: 'weakref-callback', wr } : null;
    if (ev) this.emit(ev);
    this.hostCalls++;
    const out = this.host.weakrefCallback(callback, wr);
    if (ev && out) ev.output = out;
  }

  // ---------------------------------------------------------------------------------------- refcounts

  incref(id: ObjId): void {
    const s = this.s;
    if (s.meta[id << 2] & Fl.IMMORTAL) return;
    s.hdr[id << 2]++;
    if (this.tl >= 2) this.emit({ t: 'incref', id, rc: s.hdr[id << 2] });
  }

  decref(id: ObjId): void {
    const s = this.s;
    if (s.meta[id << 2] & Fl.IMMORTAL) return;
    const rc = --s.hdr[id << 2];
    if (this.tl >= 2) this.emit({ t: 'decref', id, rc });
    if (rc === 0) this.dealloc(id);
    else if (rc < 0) throw new Error(`refcount of ${id} went negative`);
  }

  /**
   * decref for delete_garbage (tp_clear's dropped references, then the cleared object itself): an instance that
   * dies goes straight to the instance cascade, one call less per death than decref -> dealloc.
   */
  decrefCleared(id: ObjId): void {
    const s = this.s;
    const f = s.meta[id << 2];
    if (f & Fl.IMMORTAL) return;
    const rc = --s.hdr[id << 2];
    if (this.tl >= 2) this.emit({ t: 'decref', id, rc });
    if (rc === 0) {
      if (f >>> 24 === Kd.INSTANCE && this.tl < 2 && this.trashDepth < Lim.TRASHCAN) this.deallocInstanceUntraced(id);
      else this.dealloc(id);
    } else if (rc < 0) throw new Error(`refcount of ${id} went negative`);
  }

  /** Py_XDECREF */
  xdecref(id: ObjId): void {
    if (id !== 0) this.decref(id);
  }

  /** ob_refcnt as CPython reports it (immortal objects: the version's immortal value). */
  refcount(id: ObjId): number {
    if (this.s.meta[id << 2] & Fl.IMMORTAL) return this.profile.immortalRefcnt ?? this.s.hdr[id << 2];
    return this.s.hdr[id << 2];
  }

  isImmortal(id: ObjId): boolean {
    return (this.s.meta[id << 2] & Fl.IMMORTAL) !== 0;
  }

  isAlive(id: ObjId): boolean {
    return id >= FIRST_ID && id < this.s.top && (this.s.meta[id << 2] >>> 24) !== Kd.FREE;
  }

  kind(id: ObjId): Kind {
    return (this.s.meta[id << 2] >>> 24) as Kind;
  }

  typeName(id: ObjId): string {
    const k = (this.s.meta[id << 2] >>> 24) as Kind;
    if (k === Kd.INSTANCE) return this.classes.get(this.s.meta[(id << 2) + Rec.AUX])?.name ?? 'object';
    if (k === Kd.DICT && this.s.meta[id << 2] & Fl.SPLIT) return 'dict';
    if (k === Kd.METHOD && this.s.meta[id << 2] & Fl.CFUNC) return 'builtin_function_or_method';
    if (k === Kd.DESCR && this.s.meta[(id << 2) + Rec.AUX] === Descr.GETSET) return 'getset_descriptor';
    return KIND_NAMES[k];
  }

  /** The object's simulated address (id() and reprs). */
  address(id: ObjId): number {
    return this.s.addr[id];
  }

  /** Whether the object's type is a GC type. */
  isGcObject(id: ObjId): boolean {
    return (this.s.meta[id << 2] & Fl.GC) !== 0;
  }

  // ------------------------------------------------------------------------------------ allocation core

  private makeStatic(kind: Kind, payload: unknown, bytes: number): ObjId {
    const s = this.s;
    const id = s.newId();
    s.setKind(id, kind);
    if (payload !== null) s.payload[id] = payload;
    if (bytes > 0) s.addr[id] = this.alloc.malloc(bytes, id);
    else s.addr[id] = 0x1000 + id * 16; // statically allocated in the interpreter image
    if (this.profile.immortalRefcnt !== null) {
      s.meta[id << 2] |= Fl.IMMORTAL;
      s.hdr[id << 2] = 1; // not maintained: refcount() reports the profile's immortal value
    } else {
      const base = this.profile.staticRefcntBase ?? 1000; // held by the runtime; never reaches 0
      s.hdr[id << 2] = base;
      this.internal.set(id, base);
    }
    return id;
  }

  /** A new non-GC object of `bytes` (or reused from free list `fromFree`). Refcount 1. */
  private newAtom(kind: Kind, bytes: number, payload: unknown, fromFree = 0): ObjId {
    const s = this.s;
    const id = s.newId();
    s.setKind(id, kind);
    if (payload !== undefined) s.payload[id] = payload;
    s.hdr[id << 2] = 1;
    if (fromFree !== 0) {
      s.addr[id] = fromFree;
      s.meta[id << 2] |= Fl.FROM_FREELIST;
    } else s.addr[id] = this.alloc.malloc(bytes, id);
    if (this.tl >= 2) this.emit({ t: 'alloc', id, type: KIND_NAMES[kind], bytes, addr: s.addr[id], fromFreeList: fromFree !== 0 });
    return id;
  }

  /**
   * A new GC object (untracked, refcount 1). Memory comes from the free list when `fromFree` is an address;
   * otherwise from the allocator, and then count0 is bumped and an automatic collection may run right here
   * (3.8-3.11) before the object exists, as in _PyObject_GC_Alloc.
   */
  /** Internal to the heap's modules (set-objects.ts, list-objects.ts): a GC object of `kind` with its block. */
  newGc(kind: Kind, bytes: number, fromFree = 0): ObjId {
    const s = this.s;
    const id = s.newId();
    if (fromFree !== 0) {
      s.addr[id] = fromFree;
      s.meta[id << 2] |= Fl.GC | Fl.FROM_FREELIST;
    } else {
      s.addr[id] = this.alloc.malloc(bytes, id);
      s.meta[id << 2] |= Fl.GC;
      if (this.countAllocs) gcAllocated(this);
    }
    s.setKind(id, kind);
    s.hdr[id << 2] = 1;
    if (this.tl >= 2) this.emit({ t: 'alloc', id, type: KIND_NAMES[kind], bytes, addr: s.addr[id], fromFreeList: fromFree !== 0 });
    return id;
  }

  /** _PyObject_GC_TRACK: append to generation 0. */
  track(id: ObjId): void {
    const s = this.s;
    if (s.meta[id << 2] & Fl.TRACKED) return;
    s.meta[id << 2] |= Fl.TRACKED;
    if ((s.meta[id << 2] >>> 24) === Kd.DICT) this.trackedDicts++;
    listAppend(s, Lim.GEN0_HEAD, id);
    if (this.tl >= 2) this.emit({ t: 'track', id });
    if (this.countTracked) tracked(this, id);
  }

  /**
   * A constant tuple (a code object's co_consts). The lab compiles a session entry by entry, CPython the whole
   * file first: there every constant tuple has existed since the program started, in memory allocated then,
   * tracked in generation 0 with its allocation counted. So once a collection or a gc.freeze() has happened, a
   * constant compiled now takes the state it would have by then: a fresh block (not today's free list, which the
   * file would have left for the next tuple), uncounted (the count was reset since), and untracked by the first
   * collection (it holds only constants) or, when gc.freeze() came before any collection, in the permanent
   * generation. Measured, 3.8-3.13 files: `gc.collect()` then `t = ((1, 2), 3)`: count0 +0, is_tracked False.
   */
  newConstantTuple(items: readonly ObjId[]): ObjId {
    const st = this.gcs;
    if (!st.frozeBeforeCollecting && !st.stats.some((g) => g.collections > 0)) return this.newTuple(items);
    const counting = this.countAllocs;
    this.countAllocs = false;
    let t: ObjId;
    try {
      t = this.newTuple(items, false);
    } finally {
      this.countAllocs = counting;
    }
    if (!(this.s.meta[t << 2] & Fl.TRACKED)) return t;
    if (st.frozeBeforeCollecting) L.moveTo(this.s, t, L.PERMANENT);
    else this.untrack(t);
    return t;
  }

  /** _PyObject_GC_UNTRACK: unlink from its generation list. */
  untrack(id: ObjId): void {
    const s = this.s;
    if (!(s.meta[id << 2] & Fl.TRACKED)) return;
    s.meta[id << 2] &= ~Fl.TRACKED;
    if ((s.meta[id << 2] >>> 24) === Kd.DICT) this.trackedDicts--;
    listUnlink(s, id);
    if (this.tl >= 2) this.emit({ t: 'untrack', id });
    if (this.countTracked) untracked(this);
  }

  isTracked(id: ObjId): boolean {
    return (this.s.meta[id << 2] & Fl.TRACKED) !== 0;
  }

  /** Release the object's own block: free list (no count0 change) or allocator (+ count0 decrement for GC). */
  private release(id: ObjId, freeList: 'float' | 'list' | 'dict' | 'frame' | 'method' | 'cfunction' | 'tuple' | null, tupleLength = 0): void {
    const s = this.s;
    const addr = s.addr[id];
    let kept = false;
    if (freeList === 'tuple') kept = this.freeLists.pushTuple(tupleLength, addr);
    else if (freeList !== null) kept = this.freeLists.push(freeList, addr);
    if (!kept) {
      this.alloc.free(addr);
      if (this.countAllocs && s.meta[id << 2] & Fl.GC) {
        // PyObject_GC_Del (inlined: it runs for every freed GC object)
        const st = this.gcs;
        st.heapSize--;
        if (st.count[0] > 0) st.count[0]--;
        if (this.tl >= 1) gcFreed(this, id);
      }
    }
    if (this.tl >= 2) this.emit({ t: 'free', id, addr, toFreeList: kept });
    s.releaseId(id);
  }

  // ------------------------------------------------------------------------------------ deallocation

  /** tp_dealloc, called when the refcount reaches 0. */
  private dealloc(id: ObjId): void {
    const s = this.s;
    const k = (s.meta[id << 2] >>> 24) as Kind;
    if (this.tl >= 2) this.emit({ t: 'dealloc', id, type: this.typeName(id) });
    else if (k === Kd.INSTANCE && this.trashDepth < Lim.TRASHCAN) {
      this.deallocInstanceUntraced(id);
      return;
    }
    switch (k) {
      case Kd.LIST:
      case Kd.TUPLE:
      case Kd.DICT:
      case Kd.SET:
      case Kd.INSTANCE:
        // Untrack, then the trashcan bounds the nesting of container deallocations.
        this.untrack(id);
        if (this.trashDepth >= Lim.TRASHCAN) {
          this.trashLater.push(id);
          return;
        }
        this.trashDepth++;
        this.deallocContainer(id, k);
        this.trashDepth--;
        if (this.trashDepth <= 0 && this.trashLater.length > 0) this.destroyTrashChain();
        return;
      case Kd.FLOAT:
        this.release(id, 'float');
        return;
      case Kd.INT:
      case Kd.STR:
      case Kd.BYTES:
        this.release(id, null);
        return;
      case Kd.WEAKREF:
        this.untrack(id);
        this.clearWeakref(id);
        this.dropRefsForward(id);
        this.release(id, null);
        return;
      default: {
        // class, function, module, method, cell, descriptor
        this.untrack(id);
        const info = k === Kd.CLASS ? this.classes.get(id) : undefined;
        if (info) this.removeSubclassEntries(info);
        if (s.hdr[(id << 2) + Rec.WR_HEAD] !== 0) this.clearWeakrefsTo(id);
        if (info && s.meta[(id << 2) + Rec.REF_LEN] === 4) this.dropTypeRefs(id, info);
        else this.dropRefsForward(id);
        if (k === Kd.METHOD) {
          // 3.8 method_dealloc / meth_dealloc: onto their free lists while they have room
          this.release(id, s.meta[id << 2] & Fl.CFUNC ? 'cfunction' : 'method');
          return;
        }
        if (info) {
          if (info.cachedKeys) dicts.keysDecref(this, info.cachedKeys); // type_dealloc: ht_cached_keys
          this.classes.delete(id);
        }
        this.release(id, null);
      }
    }
  }

  /**
   * dealloc of an instance below the trashcan limit at trace level < 2: the cascade of a collection. Same steps
   * and order as dealloc + deallocInstance; a plain instance (no __del__ to call, no weakrefs, no materialised
   * dict, no values array) is freed here, and a slot whose referent dies as such an instance recurses straight
   * back here, one call per object instead of decref -> dealloc -> deallocInstance.
   */
  private deallocInstanceUntraced(id: ObjId): void {
    const s = this.s;
    const { hdr, meta } = s;
    const x = id << 2;
    const f = meta[x];
    if (f & Fl.TRACKED) {
      // untrack: flag off, unlinked, gen -1 (field 0), inlined (calling lists.unlink measured slower, 4 of 5 A/B rounds)
      meta[x] = f & ~Fl.TRACKED & ~(0xff << 16);
      const p = hdr[x + Rec.PREV];
      const nx = hdr[x + Rec.NEXT];
      hdr[(p << 2) + Rec.NEXT] = nx;
      hdr[(nx << 2) + Rec.PREV] = p;
      hdr[x + Rec.NEXT] = 0;
      hdr[x + Rec.PREV] = 0;
      if (this.countTracked) untracked(this);
    }
    this.trashDepth++;
    if ((f & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL || f & Fl.MANAGED_DICT || s.hdr[(id << 2) + Rec.WR_HEAD] !== 0 || s.addr2[id] !== 0) {
      this.deallocInstance(id);
    } else {
      const cls = meta[x + Rec.AUX];
      const n = meta[x + Rec.REF_LEN];
      for (let i = 0; i < n; i++) {
        const at = meta[x + Rec.REF_OFF] + i; // re-read: a nested dealloc may run code that moves the run
        const pool = s.pool;
        const r = pool[at];
        if (r === 0) continue;
        pool[at] = 0;
        // decref(r), inlined
        const fr = meta[r << 2];
        if (fr & Fl.IMMORTAL) continue;
        const rc = --hdr[r << 2];
        if (this.tl >= 2) this.emit({ t: 'decref', id: r, rc });
        if (rc === 0) {
          if (fr >>> 24 === Kd.INSTANCE && this.tl < 2 && this.trashDepth < Lim.TRASHCAN) this.deallocInstanceUntraced(r);
          else this.dealloc(r);
        } else if (rc < 0) throw new Error(`refcount of ${r} went negative`);
      }
      meta[x + Rec.REF_LEN] = 0;
      const addr = s.addr[id];
      this.alloc.free(addr);
      if (this.countAllocs && f & Fl.GC) {
        const st = this.gcs;
        st.heapSize--;
        if (st.count[0] > 0) st.count[0]--;
        if (this.tl >= 1) gcFreed(this, id);
      }
      if (this.tl >= 2) this.emit({ t: 'free', id, addr, toFreeList: false });
      s.releaseEmptyId(id);
      // decref(cls), inlined
      if (!(meta[cls << 2] & Fl.IMMORTAL)) {
        const rc = --hdr[cls << 2];
        if (this.tl >= 2) this.emit({ t: 'decref', id: cls, rc });
        if (rc === 0) this.dealloc(cls);
        else if (rc < 0) throw new Error(`refcount of ${cls} went negative`);
      }
    }
    this.trashDepth--;
    if (this.trashDepth <= 0 && this.trashLater.length > 0) this.destroyTrashChain();
  }

  /** _PyTrash_thread_destroy_chain: newest deposit first. */
  private destroyTrashChain(): void {
    while (this.trashLater.length > 0) {
      const id = this.trashLater.pop()!;
      this.trashDepth++;
      this.deallocContainer(id, (this.s.meta[id << 2] >>> 24) as Kind);
      this.trashDepth--;
    }
  }

  private deallocContainer(id: ObjId, k: Kind): void {
    const s = this.s;
    switch (k) {
      case Kd.LIST: {
        this.dropRefsBackward(id);
        if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]);
        this.release(id, 'list');
        return;
      }
      case Kd.TUPLE: {
        const n = s.meta[(id << 2) + Rec.REF_LEN]; // the free list is per length: read it before the items are dropped
        this.dropRefsBackward(id);
        this.release(id, 'tuple', n);
        return;
      }
      case Kd.DICT:
        dicts.freeDictContents(this, id);
        this.dictIndex.delete(id);
        this.managedDictClass.delete(id);
        this.release(id, s.meta[id << 2] & Fl.FRAME ? 'frame' : 'dict');
        return;
      case Kd.SET:
        if (s.hdr[(id << 2) + Rec.WR_HEAD] !== 0) this.clearWeakrefsTo(id);
        this.dropRefsForward(id);
        if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]);
        this.release(id, null);
        return;
      case Kd.INSTANCE:
        this.deallocInstance(id);
        return;
    }
  }

  /** subtype_dealloc: __del__ (once, may resurrect), weakrefs, slots, dict/values, memory, then the class. */
  private deallocInstance(id: ObjId): void {
    const s = this.s;
    const cls = s.meta[(id << 2) + Rec.AUX];
    if ((s.meta[id << 2] & (Fl.HASDEL | Fl.FINALIZED)) === Fl.HASDEL) {
      // PyObject_CallFinalizerFromDealloc: tracked again for the call, temporary reference 1.
      if (s.meta[id << 2] & Fl.GC) this.track(id);
      s.hdr[id << 2] = 1;
      s.meta[id << 2] |= Fl.FINALIZED;
      this.callFinalizer(id);
      if (--s.hdr[id << 2] > 0) return; // resurrected: stays alive (and tracked)
      this.untrack(id);
    }
    if (s.hdr[(id << 2) + Rec.WR_HEAD] !== 0) this.clearWeakrefsTo(id);
    if (s.meta[id << 2] & Fl.MANAGED_DICT) this.detachEmbeddedDict(id);
    // Slots in order, then the __dict__ (3.8-3.10) or the values in order (dropRefsForward, inlined: the run may
    // move while decrefs run code, so the offset is re-read).
    const n = s.meta[(id << 2) + Rec.REF_LEN];
    for (let i = 0; i < n; i++) {
      const at = s.meta[(id << 2) + Rec.REF_OFF] + i;
      const r = s.pool[at];
      if (r !== 0) {
        s.pool[at] = 0;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + Rec.REF_LEN] = 0;
    if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]); // 3.11/3.12 values array
    // release(id, null), inlined for the kind without a free list or payload
    const addr = s.addr[id];
    this.alloc.free(addr);
    if (this.countAllocs && s.meta[id << 2] & Fl.GC) {
      const st = this.gcs;
      st.heapSize--;
      if (st.count[0] > 0) st.count[0]--;
      if (this.tl >= 1) gcFreed(this, id);
    }
    if (this.tl >= 2) this.emit({ t: 'free', id, addr, toFreeList: false });
    s.releaseEmptyId(id);
    this.decref(cls);
  }

  /** Drop references last to first (list, tuple). */
  private dropRefsBackward(id: ObjId): void {
    const s = this.s;
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    for (let i = s.meta[(id << 2) + Rec.REF_LEN] - 1; i >= 0; i--) {
      const r = s.pool[off + i];
      if (r !== 0) {
        s.pool[off + i] = 0;
        s.meta[(id << 2) + Rec.REF_LEN] = i;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + Rec.REF_LEN] = 0;
  }

  /** Drop references first to last. The run may move while decrefs run code, so re-read the offset. */
  private dropRefsForward(id: ObjId): void {
    const s = this.s;
    const n = s.meta[(id << 2) + Rec.REF_LEN];
    for (let i = 0; i < n; i++) {
      const off = s.meta[(id << 2) + Rec.REF_OFF];
      const r = s.pool[off + i];
      if (r !== 0) {
        s.pool[off + i] = 0;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + Rec.REF_LEN] = 0;
  }

  // ---------------------------------------------------------------------------------------- weakrefs

  /** weakref.ref(target, callback): a new reference. Raises TypeError for objects that cannot be weakly referenced. */
  newWeakref(target: ObjId, callback: ObjId = 0): ObjId {
    if (!this.supportsWeakrefs(target)) {
      throw new PyError('TypeError', `cannot create weak reference to '${this.typeName(target)}' object`);
    }
    const s = this.s;
    const wr = this.newGc(Kd.WEAKREF, this.profile.sizes.weakrefObject);
    s.meta[(wr << 2) + Rec.AUX] = target;
    if (callback !== 0 && callback !== this.None) {
      s.reserveRefs(wr, 1);
      s.pool[s.meta[(wr << 2) + Rec.REF_OFF]] = callback;
      s.meta[(wr << 2) + Rec.REF_LEN] = 1;
      this.incref(callback);
    }
    s.aux2[wr] = s.hdr[(target << 2) + Rec.WR_HEAD];
    s.hdr[(target << 2) + Rec.WR_HEAD] = wr;
    this.track(wr);
    return wr;
  }

  supportsWeakrefs(id: ObjId): boolean {
    const k = (this.s.meta[id << 2] >>> 24) as Kind;
    if (k === Kd.INSTANCE) return this.classes.get(this.s.meta[(id << 2) + Rec.AUX])!.hasWeakref;
    return k === Kd.SET || k === Kd.CLASS || k === Kd.FUNCTION || k === Kd.MODULE;
  }

  /** The referent of a weakref (borrowed), or None once it died. */
  weakrefGet(wr: ObjId): ObjId {
    const t = this.s.meta[(wr << 2) + Rec.AUX];
    return t === 0 ? this.None : t;
  }

  weakrefCallbackOf(wr: ObjId): ObjId {
    return this.s.meta[(wr << 2) + Rec.REF_LEN] > 0 ? this.s.pool[this.s.meta[(wr << 2) + Rec.REF_OFF]] : 0;
  }

  /** Weakrefs to `id`, newest first. */
  weakrefsTo(id: ObjId): ObjId[] {
    const out: ObjId[] = [];
    for (let w = this.s.hdr[(id << 2) + Rec.WR_HEAD]; w !== 0; w = this.s.aux2[w]) out.push(w);
    return out;
  }

  /** clear_weakref: unlink `wr` from its referent's list; the referent becomes None. */
  clearWeakref(wr: ObjId): void {
    const s = this.s;
    const t = s.meta[(wr << 2) + Rec.AUX];
    if (t === 0) return;
    if (s.hdr[(t << 2) + Rec.WR_HEAD] === wr) s.hdr[(t << 2) + Rec.WR_HEAD] = s.aux2[wr];
    else {
      let p = s.hdr[(t << 2) + Rec.WR_HEAD];
      while (p !== 0 && s.aux2[p] !== wr) p = s.aux2[p];
      if (p !== 0) s.aux2[p] = s.aux2[wr];
    }
    s.aux2[wr] = 0;
    s.meta[(wr << 2) + Rec.AUX] = 0;
  }

  /** Detach the callback of `wr` (ownership passes to the caller). */
  takeWeakrefCallback(wr: ObjId): ObjId {
    const s = this.s;
    if (s.meta[(wr << 2) + Rec.REF_LEN] === 0) return 0;
    const cb = s.pool[s.meta[(wr << 2) + Rec.REF_OFF]];
    s.pool[s.meta[(wr << 2) + Rec.REF_OFF]] = 0;
    s.meta[(wr << 2) + Rec.REF_LEN] = 0;
    return cb;
  }

  /** PyObject_ClearWeakRefs: clear every weakref to `id`, then call the callbacks, newest first. */
  private clearWeakrefsTo(id: ObjId): void {
    const s = this.s;
    const pending: number[] = [];
    while (s.hdr[(id << 2) + Rec.WR_HEAD] !== 0) {
      const wr = s.hdr[(id << 2) + Rec.WR_HEAD];
      const cb = this.takeWeakrefCallback(wr);
      this.clearWeakref(wr);
      if (cb !== 0) {
        this.incref(wr);
        pending.push(wr, cb);
      }
    }
    for (let i = 0; i < pending.length; i += 2) {
      const wr = pending[i];
      const cb = pending[i + 1];
      this.callWeakrefCallback(cb, wr);
      this.decref(cb);
      this.decref(wr);
    }
  }

  // ----------------------------------------------------------------------------------------- atoms

  newInt(v: bigint | number): ObjId {
    const b = typeof v === 'bigint' ? v : BigInt(v);
    if (b >= -5n && b <= 256n) {
      const slot = Number(b) + 5;
      let id = this.smallInts[slot];
      if (id === 0) {
        id = this.smallInts[slot] = this.makeStatic(Kd.INT, b, 0);
        this.s.addr[id] = SMALL_INTS_ADDR + slot * 32;
        this.smallIntsUnmade--;
      }
      this.incref(id);
      return id;
    }
    return this.newAtom(Kd.INT, sz.intRequest(this.profile, sz.intDigits(b)), b);
  }

  newFloat(v: number): ObjId {
    const fromFree = this.freeLists.pop('float');
    return this.newAtom(Kd.FLOAT, this.profile.sizes.floatObject, v, fromFree);
  }

  newBool(v: boolean): ObjId {
    const id = v ? this.True : this.False;
    this.incref(id);
    return id;
  }

  newNone(): ObjId {
    this.incref(this.None);
    return this.None;
  }

  newStr(v: string): ObjId {
    if (v.length === 0) {
      this.incref(this.emptyStr);
      return this.emptyStr;
    }
    const cp = v.codePointAt(0)!;
    if (cp < 256 && v.length === 1) {
      let id = this.latin1.get(cp);
      if (id === undefined) {
        id = this.makeStatic(Kd.STR, v, 0); // the interpreter's preallocated 1-char strings
        this.latin1.set(cp, id);
      }
      this.incref(id);
      return id;
    }
    return this.newAtom(Kd.STR, sz.strRequest(this.profile, v), v);
  }

  /** An interned str (attribute names, identifiers): one object per text, held by the interning table. */
  intern(v: string): ObjId {
    if (v.length <= 1) return this.newStr(v);
    let id = this.interned.get(v);
    if (id === undefined) {
      id = this.newAtom(Kd.STR, sz.strRequest(this.profile, v), v);
      if (this.profile.immortalRefcnt !== null) {
        this.s.meta[id << 2] |= Fl.IMMORTAL;
      } else this.internal.set(id, 1);
      this.interned.set(v, id);
    }
    this.incref(id);
    return id;
  }

  newBytes(v: Uint8Array): ObjId {
    if (v.length === 0) {
      this.incref(this.emptyBytes);
      return this.emptyBytes;
    }
    return this.newAtom(Kd.BYTES, this.profile.sizes.bytesBase + v.length, v);
  }

  /** The Python value of an atom: bigint for int, number for float, string, Uint8Array, boolean, null. */
  value(id: ObjId): unknown {
    return this.s.payload[id] ?? null;
  }

  // ------------------------------------------------------------------------------------------ tuple

  /** A new tuple holding new references to `items`. */
  newTuple(items: readonly ObjId[], freeList = true): ObjId {
    const n = items.length;
    if (n === 0) {
      this.incref(this.emptyTuple);
      return this.emptyTuple;
    }
    const s = this.s;
    const id = this.newGc(Kd.TUPLE, this.profile.sizes.tupleBase + 8 * n, freeList ? this.freeLists.popTuple(n) : 0);
    s.reserveRefs(id, n);
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    let anyGc = false;
    for (let i = 0; i < n; i++) {
      s.pool[off + i] = items[i];
      this.incref(items[i]);
      if (s.meta[(items[i]) << 2] & Fl.GC) anyGc = true;
    }
    s.meta[(id << 2) + Rec.REF_LEN] = n;
    if (this.profile.tupleTrackAtCreation === 'always' || anyGc) this.track(id);
    return id;
  }

  // ------------------------------------------------------------------------------------------- list
  // list_resize and the list methods: heap/list-objects.ts.

  newList(items: readonly ObjId[] = []): ObjId { return lists.newList(this, items); }

  /** len() of a container: used entries of a dict or set, items of a list or tuple. */
  len(id: ObjId): number {
    const k = (this.s.meta[id << 2] >>> 24);
    if (k === Kd.DICT || k === Kd.SET) return this.s.meta[(id << 2) + Rec.AUX];
    return this.s.meta[(id << 2) + Rec.REF_LEN];
  }

  /** Borrowed item i of a list or tuple (i already normalised by the caller). */
  item(id: ObjId, i: number): ObjId {
    return this.s.pool[this.s.meta[(id << 2) + Rec.REF_OFF] + i];
  }

  /** Items of a list/tuple/set (borrowed ids, NULLs skipped). */
  items(id: ObjId): ObjId[] {
    const s = this.s;
    const out: ObjId[] = [];
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    for (let i = 0; i < s.meta[(id << 2) + Rec.REF_LEN]; i++) if (s.pool[off + i] !== 0) out.push(s.pool[off + i]);
    return out;
  }

  listAppend(l: ObjId, v: ObjId): void { lists.listAppend(this, l, v); }
  listInsert(l: ObjId, index: number, v: ObjId): void { lists.listInsert(this, l, index, v); }
  listPop(l: ObjId, index = -1): ObjId { return lists.listPop(this, l, index); }
  listSetItem(l: ObjId, index: number, v: ObjId): void { lists.listSetItem(this, l, index, v); }
  listDelItem(l: ObjId, index: number): void { lists.listDelItem(this, l, index); }
  listRemove(l: ObjId, v: ObjId): void { lists.listRemove(this, l, v); }
  listClear(l: ObjId): void { lists.listClear(this, l); }
  listSetSlice(l: ObjId, start: number, stop: number, values: readonly ObjId[]): void { lists.listSetSlice(this, l, start, stop, values); }

  // ------------------------------------------------------------------------------------------- dict
  // Keys tables, insertion, resize, merge, copy, deletion: heap/dict-objects.ts.

  newDict(): ObjId { return dicts.newDict(this); }
  newDictFromType(): ObjId { return dicts.newDictFromType(this); }
  newFrameStandIn(): ObjId { return dicts.newFrameStandIn(this); }
  mayBeTracked(id: ObjId): boolean { return dicts.mayBeTracked(this, id); }
  dictSetItem(d: ObjId, key: ObjId, value: ObjId): void { dicts.dictSetItem(this, d, key, value); }
  dictMerge(target: ObjId, other: ObjId): void { dicts.dictMerge(this, target, other); }
  dictCopy(d: ObjId): ObjId { return dicts.dictCopy(this, d); }
  dictGetItem(d: ObjId, key: ObjId): ObjId { return dicts.dictGetItem(this, d, key); }
  dictGetStr(d: ObjId, key: string): ObjId { return dicts.dictGetStr(this, d, key); }
  dictDelItem(d: ObjId, key: ObjId): boolean { return dicts.dictDelItem(this, d, key); }
  dictEntries(d: ObjId): [ObjId, ObjId][] { return dicts.dictEntries(this, d); }
  dictClear(d: ObjId): void { dicts.dictClear(this, d); }

  // -------------------------------------------------------------------------------------------- set
  // Objects/setobject.c's table in the set's reference run: heap/set-objects.ts.

  /** Equality of two different keys with equal hashes (the set table's callback). */
  readonly setKeyEq = (a: ObjId, b: ObjId): boolean => keyOf(this, a) === keyOf(this, b);

  newSet(items: readonly ObjId[] = []): ObjId { return sets.newSet(this, items); }
  setAdd(st: ObjId, v: ObjId): void { sets.setAdd(this, st, v); }
  setMerge(st: ObjId, items: readonly ObjId[]): void { sets.setMerge(this, st, items); }
  setUpdateFromSet(st: ObjId, other: ObjId): void { sets.setUpdateFromSet(this, st, other); }
  setUpdateFromDict(st: ObjId, d: ObjId): void { sets.setUpdateFromDict(this, st, d); }
  setDiscard(st: ObjId, v: ObjId): boolean { return sets.setDiscard(this, st, v); }
  setContains(st: ObjId, v: ObjId): boolean { return sets.setContains(this, st, v); }
  setPop(st: ObjId): ObjId { return sets.setPop(this, st); }
  setClear(st: ObjId): void { sets.setClear(this, st); }
  setDifferenceUpdate(st: ObjId, keys: readonly ObjId[] | ObjId): void { sets.setDifferenceUpdate(this, st, keys); }
  setSymmetricDifferenceUpdate(st: ObjId, other: ObjId): void { sets.setSymmetricDifferenceUpdate(this, st, other); }
  setSwapBodies(a: ObjId, b: ObjId): void { sets.setSwapBodies(this, a, b); }
  setCopy(src: ObjId): ObjId { return sets.setCopy(this, src); }

  // ------------------------------------------------------------------------------ classes, instances

  /**
   * A class object. With `parts` (a class statement) type_new's objects, in its order: the (object,) bases
   * tuple, the type's dict (a copy of the namespace, __qualname__ removed), the __slots__ list and ht_slots
   * tuple, the type (tracked at once), one member descriptor per slot and getset descriptors for
   * __dict__/__weakref__ the base lacks, '__doc__': None, the __mro__ tuple, a weakref to the class in the
   * base's tp_subclasses (a dict made at its first subclass), then set_names' copy of the dict and
   * init_subclass's super args tuple, super object and bound __init_subclass__ (all three freed). The type
   * references [dict, mro, bases, base] (type_traverse). Without `parts`: the lab's bare stand-in of a
   * builtin type (iterators, exceptions, object): the type alone, no dict.
   */
  newClass(name: string, opts: ClassOptions = {}, parts?: TypeParts): ObjId {
    const s = this.s;
    const slots = opts.slots ?? [];
    const hasSlots = opts.slots !== undefined;
    const hasDict = !hasSlots || opts.slotsDict === true;
    const hasWeakref = !hasSlots || opts.slotsWeakref === true;
    let bases = 0;
    let dict = 0;
    let slotsTuple = 0;
    if (parts) {
      if (parts.bases !== 0) {
        bases = parts.bases;
        this.incref(bases);
      } else {
        bases = this.newTuple([parts.object]);
        this.track(bases); // PyTuple_Pack: tracked at once (3.14 too)
      }
      dict = this.dictCopy(parts.ns);
      if (hasSlots) {
        // the names copied into a list, sorted, then the list turned into ht_slots
        const names = [...slots, ...(opts.slotsDict ? ['__dict__'] : []), ...(opts.slotsWeakref ? ['__weakref__'] : [])].map((n) => this.intern(n));
        const l = this.newList(names.filter((_, i) => i < slots.length));
        slotsTuple = slots.length > 0 ? this.newTuple(names.slice(0, slots.length)) : this.emptyTuple;
        if (slots.length === 0) this.incref(slotsTuple);
        this.decref(l);
        for (const n of names) this.decref(n);
      }
    }
    const id = this.newGc(Kd.CLASS, this.profile.sizes.classObject);
    const info: ClassInfo = {
      name,
      slots: [...slots],
      hasDict,
      hasWeakref,
      hasDel: opts.hasDel === true,
      isGc: true, // heap types always get Py_TPFLAGS_HAVE_GC, even with __slots__ = () (tracked on 3.8-3.13)
      shared: [],
      layout: null,
      keysUsable: sz.SHARED_KEYS_MAX,
      // type_new: _PyDict_NewKeysForClass, an empty 8-slot table (from the keys free list when it has one)
      cachedKeys: hasDict && this.profile.instanceLayout === 'separateDict'
        ? { size: 8, names: [], refcnt: 1, addr: dicts.allocKeys(this, id, 8, true) }
        : null,
      dict,
      hidden: new Set(),
      subclasses: 0,
      subclassOf: [],
      slotsTuple,
    };
    this.classes.set(id, info);
    this.track(id);
    if (parts) this.readyType(id, info, bases, parts);
    return id;
  }

  /** type_new after the allocation: PyType_Ready's descriptors, __doc__, MRO and add_subclass; set_names; init_subclass. */
  private readyType(id: ObjId, info: ClassInfo, bases: ObjId, parts: TypeParts): void {
    const s = this.s;
    const dict = info.dict;
    if (info.slotsTuple !== 0) this.hold(info.slotsTuple);
    const qual = this.intern('__qualname__');
    this.dictDelItem(dict, qual);
    this.decref(qual);
    // what the body did not write (the lab's interpreter reads no such names from a class)
    for (const n of ['__module__', '__firstlineno__', '__static_attributes__']) info.hidden.add(n);
    const base = s.pool[s.meta[(bases << 2) + Rec.REF_OFF]];
    const baseInfo = this.classes.get(base);
    const baseHasDict = baseInfo ? baseInfo.hasDict : base !== parts.object;
    const baseHasWeakref = baseInfo ? baseInfo.hasWeakref : false;
    const put = (name: string, v: ObjId): void => {
      const k = this.intern(name);
      if (this.dictGetItem(dict, k) === 0) { // PyDict_SetDefault
        this.dictSetItem(dict, k, v);
        info.hidden.add(name);
      }
      this.decref(k);
      this.decref(v);
    };
    for (const n of info.slots) put(n, this.newDescriptor(id, Descr.MEMBER)); // add_members
    if (info.hasDict && !baseHasDict) put('__dict__', this.newDescriptor(id, Descr.GETSET)); // add_getset
    if (info.hasWeakref && !baseHasWeakref) put('__weakref__', this.newDescriptor(id, Descr.GETSET));
    // mro_internal: (type, *base.__mro__); a builtin base other than object stands for (base, object)
    const tail = baseInfo && baseInfo.dict !== 0
      ? this.items(s.pool[s.meta[(base << 2) + Rec.REF_OFF] + 1])
      : base === parts.object ? [base] : [base, parts.object];
    const mro = this.newTuple([id, ...tail]);
    put('__doc__', this.None);
    this.incref(this.None);
    s.reserveRefs(id, 4);
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    s.pool[off] = dict;
    s.pool[off + 1] = mro;
    s.pool[off + 2] = bases;
    s.pool[off + 3] = base;
    this.incref(base);
    s.meta[(id << 2) + Rec.REF_LEN] = 4;
    // add_subclass for each base: {PyLong_FromVoidPtr(type): weakref(type)} in base.tp_subclasses
    for (const b of this.items(bases)) {
      const bi = this.classes.get(b);
      if (bi && bi.dict === 0) continue;
      if (bi && bi.subclasses === 0) {
        bi.subclasses = this.newDict();
        this.internal.set(bi.subclasses, (this.internal.get(bi.subclasses) ?? 0) + 1);
      }
      const key = this.newInt(BigInt(s.addr[id]));
      const wr = this.newWeakref(id);
      if (bi) {
        this.dictSetItem(bi.subclasses, key, wr);
        this.decref(wr);
        this.decref(key);
        info.subclassOf.push([b, key, wr]); // borrowed from the dict
      } else {
        // a builtin base's tp_subclasses: the interpreter's dict, not modelled; the entry's objects are held
        this.hold(key);
        this.hold(wr);
        info.subclassOf.push([0, key, wr]);
      }
    }
    // set_names: a copy of the dict to iterate over
    this.decref(this.dictCopy(dict));
    // init_subclass: super(type, type) (its args tuple), super.__init_subclass__ (a bound builtin method)
    const args = parts.superArgsTuple ? this.newTuple([id, id]) : 0;
    const sup = this.newGc(Kd.CELL, this.profile.sizes.superObject); // a stand-in: no references
    this.track(sup);
    if (args) this.decref(args);
    const m = this.newBuiltinMethod(0);
    this.decref(sup);
    this.decref(m);
  }

  /** A member (__slots__ entry) or getset (__dict__, __weakref__) descriptor of `type`: a GC object holding it. */
  private newDescriptor(type: ObjId, which: Descr): ObjId {
    const s = this.s;
    const d = this.newGc(Kd.DESCR, this.profile.sizes.descriptorObject);
    s.meta[(d << 2) + Rec.AUX] = which;
    s.reserveRefs(d, 1);
    s.pool[s.meta[(d << 2) + Rec.REF_OFF]] = type;
    s.meta[(d << 2) + Rec.REF_LEN] = 1;
    this.incref(type);
    this.track(d);
    return d;
  }

  /** A new reference the runtime holds where the collector cannot see it (internal: part of the invariant). */
  private hold(id: ObjId): void {
    this.internal.set(id, (this.internal.get(id) ?? 0) + 1);
  }

  private unhold(id: ObjId): void {
    const n = (this.internal.get(id) ?? 0) - 1;
    if (n <= 0) this.internal.delete(id);
    else this.internal.set(id, n);
    this.decref(id);
  }

  /** type_dealloc's order: tp_base, tp_dict, tp_bases, tp_mro, tp_subclasses, ht_slots (refs: dict, mro, bases, base). */
  private dropTypeRefs(id: ObjId, info: ClassInfo): void {
    const s = this.s;
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    const refs = [s.pool[off + 3], s.pool[off], s.pool[off + 2], s.pool[off + 1]];
    for (let i = 0; i < 4; i++) s.pool[off + i] = 0;
    s.meta[(id << 2) + Rec.REF_LEN] = 0;
    for (const r of refs) this.xdecref(r);
    if (info.subclasses !== 0) {
      const d = info.subclasses;
      info.subclasses = 0;
      this.unhold(d);
    }
    if (info.slotsTuple !== 0) {
      const t = info.slotsTuple;
      info.slotsTuple = 0;
      this.unhold(t);
    }
  }

  /** type_dealloc before the references go: remove_all_subclasses (the weakrefs in the bases' tp_subclasses). */
  private removeSubclassEntries(info: ClassInfo): void {
    for (const [b, key, wr] of info.subclassOf) {
      if (b === 0) {
        this.unhold(wr);
        this.unhold(key);
        continue;
      }
      const bi = this.classes.get(b);
      if (bi && bi.subclasses !== 0) this.dictDelItem(bi.subclasses, key);
    }
    info.subclassOf = [];
  }

  classInfo(cls: ObjId): ClassInfo {
    const c = this.classes.get(cls);
    if (!c) throw new Error(`${cls} is not a class`);
    return c;
  }

  /** The class of an instance (borrowed). */
  classOf(id: ObjId): ObjId {
    return this.s.meta[(id << 2) + Rec.AUX];
  }

  /** Object layout of an instance of `info` for this version: [object request, separate values array request]. */
  private instanceRequest(info: ClassInfo): [number, number, number] {
    const p = this.profile;
    const S = p.sizes;
    const extra = 8 * info.slots.length;
    if (!info.hasDict) {
      const base = (info.isGc ? S.instanceSlotsBase : S.instanceSlotsBase - S.gcHeader) + extra + (info.hasWeakref ? 8 : 0);
      return [base, 0, 0];
    }
    const n = sz.sharedValuesCapacity(info.shared.length);
    switch (p.instanceLayout) {
      case 'separateDict':
        return [S.instanceObject + extra, 0, 0];
      case 'preHeader':
      case 'managed':
        return [S.instanceObject + extra, sz.valuesArrayBytes(n), n];
      case 'inline':
        return [S.instanceObject + extra + sz.inlineValuesBytes(n), 0, n];
    }
  }

  /** A new instance of `cls` (no __init__ is run: that is the interpreter's job). */
  newInstance(cls: ObjId): ObjId {
    const s = this.s;
    const info = this.classInfo(cls);
    let lay = info.layout;
    if (lay === null || lay.sharedLen !== info.shared.length) {
      const [bytes, valuesBytes, n] = this.instanceRequest(info);
      const dictSlot = info.hasDict && this.profile.instanceLayout === 'separateDict' ? 1 : 0;
      const nrefs = info.slots.length + dictSlot + (this.profile.instanceLayout === 'separateDict' ? 0 : info.hasDict ? n : 0);
      lay = info.layout = { sharedLen: info.shared.length, bytes, valuesBytes, n, nrefs };
    }
    const { bytes, valuesBytes, n, nrefs } = lay;
    const id = info.isGc ? this.newGc(Kd.INSTANCE, bytes) : this.newAtom(Kd.INSTANCE, bytes, undefined);
    if (info.hasDel) s.meta[id << 2] |= Fl.HASDEL;
    // init_inline_values (3.11+): each new instance takes one from the shared keys' dk_usable while it is > 1.
    if (info.hasDict && this.profile.instanceLayout !== 'separateDict' && info.keysUsable > 1) info.keysUsable--;
    s.meta[(id << 2) + Rec.AUX] = cls;
    this.incref(cls);
    if (nrefs > 0) s.reserveRefs(id, nrefs);
    s.meta[(id << 2) + Rec.REF_LEN] = nrefs;
    s.aux2[id] = n;
    if (valuesBytes > 0) s.addr2[id] = this.alloc.malloc(valuesBytes, id);
    if (info.isGc) this.track(id);
    return id;
  }

  /** The separate __dict__ of an instance (3.8-3.10, or 3.11/3.12 once materialised), or 0 when it has none
   * (yet). Borrowed. */
  instanceDict(id: ObjId): ObjId {
    const info = this.classes.get(this.s.meta[(id << 2) + Rec.AUX]);
    if (!info || !info.hasDict || !this.hasDictObject(id)) return 0;
    return this.s.pool[this.s.meta[(id << 2) + Rec.REF_OFF] + info.slots.length];
  }

  /** Whether the instance's attributes live in a dict object (its run is slots + dict) rather than values. */
  private hasDictObject(id: ObjId): boolean {
    return this.profile.instanceLayout === 'separateDict' || (this.s.meta[id << 2] & Fl.MANAGED_DICT) !== 0;
  }

  /** `obj.__dict__` on 3.8-3.10 (PyObject_GenericGetDict): the split dict, made now if the instance has none
   * yet. Borrowed; 0 where the layout keeps no dict object (3.11+) or the class has no __dict__. */
  instanceDictForRead(id: ObjId): ObjId {
    const info = this.classes.get(this.s.meta[(id << 2) + Rec.AUX]);
    if (!info || !info.hasDict) return 0;
    switch (this.profile.instanceLayout) {
      case 'separateDict':
        return this.instanceDict(id) || this.materialiseSplitDict(id, info);
      case 'preHeader':
      case 'managed':
      case 'inline':
        return this.instanceDict(id) || this.materialiseManagedDict(id, info);
    }
  }

  /** Attribute lookup on the object itself (instance slots/dict/values or class attributes). Borrowed, 0 if absent. */
  getAttr(obj: ObjId, name: string): ObjId {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === Kd.CLASS) {
      const info = this.classes.get(obj)!;
      return info.dict === 0 || info.hidden.has(name) ? 0 : this.dictGetStr(info.dict, name);
    }
    if (k === Kd.MODULE) return this.dictGetStr(s.pool[s.meta[(obj << 2) + Rec.REF_OFF]], name);
    if (k !== Kd.INSTANCE) return 0;
    const info = this.classes.get(s.meta[(obj << 2) + Rec.AUX])!;
    const si = info.slots.indexOf(name);
    if (si >= 0) return s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + si];
    if (!info.hasDict) return 0;
    if (this.hasDictObject(obj)) {
      const d = this.instanceDict(obj);
      return d === 0 ? 0 : this.dictGetStr(d, name);
    }
    const vi = info.shared.indexOf(name);
    if (vi < 0 || info.slots.length + vi >= s.meta[(obj << 2) + Rec.REF_LEN]) return 0;
    return s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + info.slots.length + vi];
  }

  /** Attribute names present on the object, in order (slots first, then dict/values). */
  attrNames(obj: ObjId): string[] {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === Kd.CLASS) {
      const info = this.classes.get(obj)!;
      if (info.dict === 0) return [];
      return this.dictEntries(info.dict).map(([key]) => this.value(key) as string).filter((n) => !info.hidden.has(n));
    }
    if (k !== Kd.INSTANCE) return [];
    const info = this.classes.get(s.meta[(obj << 2) + Rec.AUX])!;
    const out = info.slots.filter((_, i) => s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + i] !== 0);
    if (!info.hasDict) return out;
    if (this.hasDictObject(obj)) {
      const d = this.instanceDict(obj);
      if (d !== 0) for (const [key] of this.dictEntries(d)) out.push(this.value(key) as string);
      return out;
    }
    for (let i = 0; i < info.shared.length; i++) {
      const at = info.slots.length + i;
      if (at < s.meta[(obj << 2) + Rec.REF_LEN] && s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + at] !== 0) out.push(info.shared[i]);
    }
    return out;
  }

  /** obj.name = v (PyObject_SetAttr): increfs v, decrefs the old value. */
  setAttr(obj: ObjId, name: string, v: ObjId): void {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === Kd.CLASS) {
      const info = this.classes.get(obj)!;
      if (info.dict === 0) throw new PyError('TypeError', `cannot set '${name}' attribute of immutable type '${info.name}'`);
      const key = this.intern(name);
      this.dictSetItem(info.dict, key, v);
      this.decref(key);
      info.hidden.delete(name);
      return;
    }
    if (k === Kd.MODULE) {
      const key = this.intern(name);
      this.dictSetItem(s.pool[s.meta[(obj << 2) + Rec.REF_OFF]], key, v);
      this.decref(key);
      return;
    }
    if (k !== Kd.INSTANCE) throw new PyError('AttributeError', `'${this.typeName(obj)}' object attribute '${name}' is read-only`);
    const info = this.classes.get(s.meta[(obj << 2) + Rec.AUX])!;
    const si = info.slots.indexOf(name);
    if (si >= 0) {
      this.incref(v);
      const old = s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + si];
      s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + si] = v;
      this.xdecref(old);
      return;
    }
    if (!info.hasDict) throw new PyError('AttributeError', `'${info.name}' object has no attribute '${name}'`);
    if (!info.shared.includes(name) && info.shared.length < sz.SHARED_KEYS_MAX) {
      info.shared.push(name);
      if (info.keysUsable > 0) info.keysUsable--; // a new shared key: dk_nentries + 1, dk_usable - 1
    }
    if (this.profile.instanceLayout === 'separateDict') {
      this.objectDictSetItem(obj, info, name, v);
      return;
    }
    if (this.hasDictObject(obj)) {
      const d = this.instanceDict(obj);
      const key = this.intern(name);
      this.storingInline = (s.meta[d << 2] & Fl.EMBEDDED) !== 0;
      try {
        this.dictSetItem(d, key, v);
      } finally {
        this.storingInline = false;
      }
      this.decref(key);
      return;
    }
    let vi = info.shared.indexOf(name);
    if (vi < 0) vi = info.shared.length; // beyond the shared keys: kept after them (a materialised dict in CPython)
    const at = info.slots.length + vi;
    if (at >= s.meta[(obj << 2) + Rec.REF_LEN]) {
      s.reserveRefs(obj, at + 1);
      for (let i = s.meta[(obj << 2) + Rec.REF_LEN]; i <= at; i++) s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + i] = 0;
      s.meta[(obj << 2) + Rec.REF_LEN] = at + 1;
    }
    this.incref(v);
    const old = s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + at];
    s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + at] = v;
    this.xdecref(old);
  }

  /**
   * 3.8-3.10: the instance's __dict__, made at the first attribute store (or delete, or read): a split table on
   * the class's cached keys (new_dict_with_shared_keys: a values array of USABLE_FRACTION(size) pointers), or a
   * plain empty dict once the class has dropped them.
   */
  private materialiseSplitDict(obj: ObjId, info: ClassInfo): ObjId {
    const s = this.s;
    const keys = info.cachedKeys;
    let d: ObjId;
    if (keys) {
      d = this.newGc(Kd.DICT, this.profile.sizes.dictObject, this.freeLists.pop('dict'));
      keys.refcnt++;
      s.meta[d << 2] |= Fl.SPLIT | Fl.UNICODE_KEYS;
      s.aux2[d] = keys.size;
      s.addr2[d] = this.alloc.malloc(8 * sz.usable(keys.size), d);
      this.splitKeys.set(d, keys);
    } else d = this.newDict();
    s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + info.slots.length] = d; // the instance owns the new reference
    return d;
  }

  /**
   * _PyObjectDict_SetItem (3.8-3.10), a store. When it resized the dict off the class's cached keys, the class
   * re-shares the dict's new keys if that dict was their only other user (make_keys_shared: the 6th attribute
   * of the first instance gives every instance 16-slot keys), else drops its cached keys: later instances get
   * plain combined dicts.
   */
  private objectDictSetItem(obj: ObjId, info: ClassInfo, name: string, v: ObjId): void {
    const d = this.instanceDict(obj) || this.materialiseSplitDict(obj, info);
    const cached = info.cachedKeys;
    const wasShared = cached !== null && this.splitKeys.get(d) === cached;
    const key = this.intern(name);
    this.dictSetItem(d, key, v);
    this.decref(key);
    if (!wasShared || info.cachedKeys !== cached || this.splitKeys.get(d) === cached) return;
    info.cachedKeys = cached.refcnt === 1 ? this.makeKeysShared(d) : null;
    dicts.keysDecref(this, cached);
  }

  /** _PyObjectDict_SetItem (3.8-3.10), a delete: the class drops its cached keys whatever the outcome. */
  private objectDictDelItem(obj: ObjId, info: ClassInfo, name: string): boolean {
    const d = this.instanceDict(obj) || this.materialiseSplitDict(obj, info);
    const key = this.intern(name);
    const ok = this.dictDelItem(d, key);
    this.decref(key);
    const cached = info.cachedKeys;
    if (cached) {
      info.cachedKeys = null;
      dicts.keysDecref(this, cached);
    }
    return ok;
  }

  /** make_keys_shared: a combined all-str (just resized, so compact) table turns split: a new values array. */
  private makeKeysShared(d: ObjId): SharedKeys | null {
    const s = this.s;
    if (!(s.meta[d << 2] & Fl.UNICODE_KEYS)) return null;
    const size = s.aux2[d];
    const names = this.dictEntries(d).map(([k]) => this.value(k) as string);
    const keys: SharedKeys = { size, names, refcnt: 2, addr: s.addr2[d] }; // the class's and the dict's
    s.addr2[d] = this.alloc.malloc(8 * sz.usable(size), d);
    s.meta[d << 2] |= Fl.SPLIT;
    this.splitKeys.set(d, keys);
    return keys;
  }

  /**
   * 3.11/3.12 `obj.__dict__` (_PyObject_MakeDictFromInstanceAttributes): a split dict (from the dict free list,
   * so count0 is unchanged while it has one) takes over the values array; the instance keeps only the dict.
   * Tracked when a value may be. Its getsizeof follows the class's shared keys (managedDictClass).
   * 3.13+ (_PyObject_MaterializeManagedDict): the same, but the dict embeds the inline values (EMBEDDED): the
   * instance's traversal visits them and the dict's nothing, until the instance dies or the table is resized.
   */
  private materialiseManagedDict(obj: ObjId, info: ClassInfo): ObjId {
    const s = this.s;
    const d = this.newGc(Kd.DICT, this.profile.sizes.dictObject, this.freeLists.pop('dict'));
    s.meta[d << 2] |= Fl.SPLIT | Fl.UNICODE_KEYS;
    if (this.profile.instanceLayout === 'inline') s.meta[d << 2] |= Fl.EMBEDDED;
    s.aux2[d] = SHARED_KEYS_TABLE;
    this.managedDictClass.set(d, info);
    const off0 = s.meta[(obj << 2) + Rec.REF_OFF] + info.slots.length;
    const n = s.meta[(obj << 2) + Rec.REF_LEN] - info.slots.length;
    for (let i = 0; i < n; i++) {
      const v = s.pool[off0 + i];
      if (v === 0) continue;
      const key = this.intern(info.shared[i]);
      this.dictSetItem(d, key, v); // maintains tracking as make_dict_from_instance_attributes does
      this.decref(key);
      s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + info.slots.length + i] = 0;
      this.decref(v); // the dict holds it now
    }
    s.addr2[d] = s.addr2[obj]; // the values array is the dict's now
    s.addr2[obj] = 0;
    s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + info.slots.length] = d; // the instance owns the new reference
    s.meta[(obj << 2) + Rec.REF_LEN] = info.slots.length + 1;
    s.meta[obj << 2] |= Fl.MANAGED_DICT;
    return d;
  }

  /** 3.13+ _PyDict_DetachFromObject: a dict embedding a dying instance's values gets its own copy of them. */
  private detachEmbeddedDict(obj: ObjId): void {
    const s = this.s;
    const d = s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + s.meta[(obj << 2) + Rec.REF_LEN] - 1];
    if (d === 0 || !(s.meta[d << 2] & Fl.EMBEDDED)) return;
    s.meta[d << 2] &= ~Fl.EMBEDDED;
    s.addr2[d] = this.alloc.malloc(sz.inlineValuesBytes(s.aux2[obj]), d);
  }

  /** del obj.name; false when absent (AttributeError is the interpreter's). */
  delAttr(obj: ObjId, name: string): boolean {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === Kd.MODULE) {
      const key = this.intern(name);
      const ok = this.dictDelItem(s.pool[s.meta[(obj << 2) + Rec.REF_OFF]], key);
      this.decref(key);
      return ok;
    }
    if (k === Kd.CLASS) {
      const info = this.classes.get(obj)!;
      if (info.dict === 0 || info.hidden.has(name)) return false;
      const key = this.intern(name);
      const ok = this.dictDelItem(info.dict, key);
      this.decref(key);
      return ok;
    }
    if (k !== Kd.INSTANCE) return false;
    const info = this.classes.get(s.meta[(obj << 2) + Rec.AUX])!;
    let at = info.slots.indexOf(name);
    if (at < 0 && info.hasDict) {
      if (this.profile.instanceLayout === 'separateDict') return this.objectDictDelItem(obj, info, name);
      if (this.hasDictObject(obj)) {
        const d = this.instanceDict(obj);
        if (d === 0) return false;
        const key = this.intern(name);
        const ok = this.dictDelItem(d, key);
        this.decref(key);
        return ok;
      }
      const vi = info.shared.indexOf(name);
      if (vi >= 0) at = info.slots.length + vi;
    }
    if (at < 0 || at >= s.meta[(obj << 2) + Rec.REF_LEN]) return false;
    const old = s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + at];
    if (old === 0) return false;
    s.pool[s.meta[(obj << 2) + Rec.REF_OFF] + at] = 0;
    this.decref(old);
    return true;
  }

  // ------------------------------------------------------------------- functions, modules, methods, cells

  /** A function object holding its globals dict and closure cells. */
  newFunction(name: string, globals: ObjId = this.globals, closure: readonly ObjId[] = []): ObjId {
    const s = this.s;
    const id = this.newGc(Kd.FUNCTION, this.profile.sizes.functionObject);
    s.payload[id] = name;
    const refs = [globals, ...closure];
    s.reserveRefs(id, refs.length);
    for (let i = 0; i < refs.length; i++) {
      s.pool[s.meta[(id << 2) + Rec.REF_OFF] + i] = refs[i];
      this.incref(refs[i]);
    }
    s.meta[(id << 2) + Rec.REF_LEN] = refs.length;
    this.track(id);
    return id;
  }

  /** A module object owning `dict` (a new reference to it is taken); held by sys.modules. */
  newModule(name: string, dict?: ObjId): ObjId {
    const s = this.s;
    const d = dict ?? this.newDict();
    if (dict !== undefined) this.incref(d);
    const id = this.newGc(Kd.MODULE, this.profile.sizes.moduleObject);
    s.payload[id] = name;
    s.reserveRefs(id, 1);
    s.pool[s.meta[(id << 2) + Rec.REF_OFF]] = d;
    s.meta[(id << 2) + Rec.REF_LEN] = 1;
    this.track(id);
    this.internal.set(id, (this.internal.get(id) ?? 0) + 1); // sys.modules
    return id;
  }

  /**
   * A bound builtin method taken as a value (`m = l.append`): PyCFunction_NewEx makes a PyCFunctionObject, a GC
   * object that holds m_self (its only referent the lab has; m_module is NULL for methods of builtin types).
   * 3.8 takes and returns its memory through the CFunction free list; 3.9+ have none (profile capacity 0).
   * `self` 0: one made and dropped inside a call (3.8 print's `file.write`), whose self the lab does not track.
   */
  newBuiltinMethod(self: ObjId): ObjId {
    const s = this.s;
    const id = this.newGc(Kd.METHOD, this.profile.sizes.cfunctionObject, this.freeLists.pop('cfunction'));
    s.meta[id << 2] |= Fl.CFUNC;
    if (self !== 0) {
      s.reserveRefs(id, 1);
      s.pool[s.meta[(id << 2) + Rec.REF_OFF]] = self;
      s.meta[(id << 2) + Rec.REF_LEN] = 1;
      this.incref(self);
    } else s.meta[(id << 2) + Rec.REF_LEN] = 0;
    this.track(id);
    return id;
  }

  /** A bound method (function + self). */
  newMethod(fn: ObjId, self: ObjId): ObjId {
    const s = this.s;
    const id = this.newGc(Kd.METHOD, this.profile.sizes.methodObject, this.freeLists.pop('method'));
    s.reserveRefs(id, 2);
    s.pool[s.meta[(id << 2) + Rec.REF_OFF]] = fn;
    s.pool[s.meta[(id << 2) + Rec.REF_OFF] + 1] = self;
    s.meta[(id << 2) + Rec.REF_LEN] = 2;
    this.incref(fn);
    this.incref(self);
    this.track(id);
    return id;
  }

  newCell(content: ObjId = 0): ObjId {
    const s = this.s;
    const id = this.newGc(Kd.CELL, this.profile.sizes.cellObject);
    s.reserveRefs(id, 1);
    s.pool[s.meta[(id << 2) + Rec.REF_OFF]] = content;
    s.meta[(id << 2) + Rec.REF_LEN] = 1;
    if (content !== 0) this.incref(content);
    this.track(id);
    return id;
  }

  cellGet(c: ObjId): ObjId {
    return this.s.pool[this.s.meta[(c << 2) + Rec.REF_OFF]];
  }

  cellSet(c: ObjId, v: ObjId): void {
    const off = this.s.meta[(c << 2) + Rec.REF_OFF];
    if (v !== 0) this.incref(v);
    const old = this.s.pool[off];
    this.s.pool[off] = v;
    this.xdecref(old);
  }

  /** Function or module name. */
  nameOf(id: ObjId): string {
    return String(this.s.payload[id] ?? '');
  }

  // -------------------------------------------------------------------------------------- roots

  /** Enter a call: the frame holds a reference to `fn` and `nlocals` empty locals. */
  pushFrame(fn: ObjId, nlocals: number): void {
    if (fn !== 0) this.incref(fn);
    this.frames.push({ fn, locals: new Array<number>(nlocals).fill(0), temps: [] });
  }

  /** Leave a call: locals first to last, then leftover temporaries, then the function are released. */
  popFrame(): void {
    if (this.frames.length <= 1) throw new Error('popFrame on the module frame');
    const f = this.frames.pop()!;
    for (const v of f.locals) this.xdecref(v);
    for (const v of f.temps) this.xdecref(v);
    this.xdecref(f.fn);
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  /** STORE_FAST: steals the reference `v`; the previous value is released. */
  setLocal(i: number, v: ObjId): void {
    const f = this.top();
    const old = f.locals[i];
    f.locals[i] = v;
    this.xdecref(old);
  }

  getLocal(i: number): ObjId {
    return this.top().locals[i];
  }

  deleteLocal(i: number): void {
    this.setLocal(i, 0);
  }

  /** Push a temporary on the value stack (steals the reference). */
  pushTemp(v: ObjId): void {
    this.top().temps.push(v);
  }

  /** Pop a temporary: the reference passes back to the caller. */
  popTemp(): ObjId {
    const v = this.top().temps.pop();
    if (v === undefined) throw new Error('popTemp on an empty value stack');
    return v;
  }

  /** Borrow the k-th temporary from the top (0 = top). */
  peekTemp(k = 0): ObjId {
    const t = this.top().temps;
    return t[t.length - 1 - k];
  }

  /** Every root reference (frame functions, locals, temporaries), with repetition. */
  rootRefs(): ObjId[] {
    const out: ObjId[] = [];
    for (const f of this.frames) {
      if (f.fn !== 0) out.push(f.fn);
      for (const v of f.locals) if (v !== 0) out.push(v);
      for (const v of f.temps) if (v !== 0) out.push(v);
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ references

  /** The references an object holds, in tp_traverse order (instances: their class last). Non-GC objects: none. */
  referents(id: ObjId): ObjId[] {
    const s = this.s;
    const out: ObjId[] = [];
    const off = s.meta[(id << 2) + Rec.REF_OFF];
    for (let i = 0; i < s.meta[(id << 2) + Rec.REF_LEN]; i++) if (s.pool[off + i] !== 0) out.push(s.pool[off + i]);
    if ((s.meta[id << 2] >>> 24) === Kd.INSTANCE) out.push(s.meta[(id << 2) + Rec.AUX]);
    return out;
  }

  /**
   * How many objects are alive, in O(1): every id below top was handed out once, and every freed one sits on
   * the store's free-id stack (releaseId / releaseEmptyId are the only ways an id dies). Equals the count of
   * liveIds() between operations (a GC allocation may collect between newId and setting the kind), plus the
   * small ints not used yet (they exist from startup: see smallInts).
   */
  liveCount(): number {
    return this.s.top - FIRST_ID - this.s.freeIdCount + this.smallIntsUnmade;
  }

  /** Every live object id (for the invariant checker and the UI). */
  *liveIds(): Generator<ObjId> {
    const s = this.s;
    for (let id = FIRST_ID; id < s.top; id++) if ((s.meta[id << 2] >>> 24) !== Kd.FREE) yield id;
  }

  /** sys.getsizeof */
  sizeof(id: ObjId): number {
    const s = this.s;
    const p = this.profile;
    const S = p.sizes;
    switch ((s.meta[id << 2] >>> 24) as Kind) {
      case Kd.INT:
        return sz.intSizeof(p, sz.intDigits(s.payload[id] as bigint));
      case Kd.BOOL:
        return s.payload[id] ? S.intBase + 4 : S.intZeroSize;
      case Kd.NONE:
        return 16;
      case Kd.FLOAT:
        return S.floatObject;
      case Kd.STR:
        return (s.payload[id] as string).length === 0 ? S.strAsciiHeader + 1 : sz.strRequest(p, s.payload[id] as string);
      case Kd.BYTES:
        return S.bytesBase + (s.payload[id] as Uint8Array).length;
      case Kd.TUPLE:
        return S.tupleBase + 8 * s.meta[(id << 2) + Rec.REF_LEN];
      case Kd.LIST:
        return S.listObject + 8 * s.meta[(id << 2) + Rec.AUX];
      case Kd.DICT: {
        const size = s.aux2[id];
        if (size === 0) return S.dictObject;
        const shared = this.splitKeys.get(id);
        if (shared) {
          // 3.8-3.10 _PyDict_SizeOf: the values array, plus the keys once this dict is their only user
          const keysBytes = shared.refcnt === 1 ? sz.dictKeysBytes(p, shared.size, true) : 0;
          return S.dictObject + 8 * sz.usable(shared.size) + keysBytes;
        }
        if (s.meta[id << 2] & Fl.SPLIT) {
          // 3.11+: shared_keys_usable_size (dk_nentries + dk_usable) of the class's keys, read now
          const cls = this.managedDictClass.get(id);
          if (cls !== undefined) return S.dictObject + 8 * (cls.shared.length + cls.keysUsable);
          return S.dictObject + 8 * sz.usable(size);
        }
        return S.dictObject + sz.dictKeysBytes(p, size, (s.meta[id << 2] & Fl.UNICODE_KEYS) !== 0);
      }
      case Kd.SET:
        return S.setObject + (s.aux2[id] > 8 ? 16 * s.aux2[id] : 0);
      case Kd.INSTANCE: {
        const info = this.classes.get(s.meta[(id << 2) + Rec.AUX])!;
        const [bytes] = this.instanceRequest(info);
        return p.instanceLayout === 'inline' && info.hasDict ? S.instanceObject + 8 * info.slots.length : bytes;
      }
      case Kd.CLASS:
        return this.classes.get(id)?.hasDict === false ? S.classObject - S.classCachedKeys : S.classObject;
      case Kd.FUNCTION:
        return S.functionObject;
      case Kd.MODULE:
        return S.moduleObject;
      case Kd.WEAKREF:
        return S.weakrefObject;
      case Kd.METHOD:
        return this.s.meta[id << 2] & Fl.CFUNC ? S.cfunctionObject : S.methodObject;
      case Kd.CELL:
        return S.cellObject;
      case Kd.DESCR:
        return S.descriptorObject;
      default:
        return 0;
    }
  }

  freeListCounts(): FreeListCounts {
    return this.freeLists.counts();
  }

  /** The GC-object free-list state note for `is_finalized`. */
  isFinalized(id: ObjId): boolean {
    return (this.s.meta[id << 2] & Fl.FINALIZED) !== 0;
  }
  // ------------------------------------------------------------------------------- the gc module

  /** gc.enable() */
  enable(): void {
    this.gcs.enabled = true;
  }

  /** gc.disable() */
  disable(): void {
    this.gcs.enabled = false;
  }

  /** gc.isenabled() */
  isEnabled(): boolean {
    return this.gcs.enabled;
  }

  /** gc.collect(generation=2) -> collected + uncollectable (0 when a collection is already running). */
  collect(generation = 2): number {
    return gcm.collect(this, generation);
  }

  /** gc.get_count() (the interpreter allocates the result tuple afterwards, like CPython). */
  getCount(): [number, number, number] {
    return gcm.getCount(this);
  }

  getThreshold(): [number, number, number] {
    return gcm.getThreshold(this);
  }

  setThreshold(t0: number, t1?: number, t2?: number): void {
    gcm.setThreshold(this, t0, t1, t2);
  }

  freeze(): void {
    gcm.freeze(this);
  }

  unfreeze(): void {
    gcm.unfreeze(this);
  }

  getFreezeCount(): number {
    return gcm.getFreezeCount(this);
  }

  /** gc.get_stats(): cumulative per collected generation. */
  getStats(): GenStats[] {
    return gcm.getStats(this);
  }

  setDebug(flags: number): void {
    this.gcs.debug = flags;
  }

  getDebug(): number {
    return this.gcs.debug;
  }

  /** gc.get_objects(generation?) as borrowed ids in list order. */
  getObjects(generation?: number): ObjId[] {
    return gcm.getObjects(this, generation);
  }

  getReferents(objs: readonly ObjId[]): ObjId[] {
    return gcm.getReferents(this, objs);
  }

  getReferrers(objs: readonly ObjId[]): ObjId[] {
    return gcm.getReferrers(this, objs);
  }

  /** 3.12+: an automatic collection waits for the next eval-breaker check. */
  get gcScheduled(): boolean {
    return this.gcs.scheduled;
  }

  /** The interpreter's eval-breaker check (loop back-edges, function entry, after calls): runs a scheduled GC. */
  evalBreaker(): void {
    runEvalBreaker(this);
  }
}
