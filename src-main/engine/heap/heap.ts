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
  Kind, KIND_NAMES, type ObjId, STATIC_GC_BASE,
  F_GC, F_TRACKED, F_FINALIZED, F_IMMORTAL, F_FROM_FREELIST, F_UNICODE_KEYS, F_SPLIT, F_HASDEL, F_FRAME, F_MANAGED_DICT, F_EMBEDDED, F_CFUNC,
} from './kinds';
import { Store, FIRST_ID, REC } from './store';
import { FreeLists, type FreeListCounts } from './freelists';
import { Pymalloc } from '../alloc/pymalloc';
import * as sz from './sizes';
import * as L from '../gc/lists';
import { GcState } from '../gc/state';
import { onGcAllocated, onGcFreed, onTracked, onUntracked } from '../gc/triggers';
import { keyOf } from './keys';
import { hashInto, HASH } from './hash';
import { findInsert, lookup, insertClean, resizeTarget, tableWords, LooseTable, FREESLOT, MINSIZE } from './set-table';
import { SET_HASHING } from '../profiles/set-hashing';
import * as gcm from '../gc/module';
import { evalBreaker as runEvalBreaker } from '../gc/triggers';
import type { GenStats } from '../gc/state';
const { AUX, NEXT, PREV, REF_LEN, REF_OFF, WR_HEAD } = REC; // record offsets (store.ts)

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
  /** Class attribute names; values are the class object's references, same index. */
  attrNames: string[];
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

interface Frame {
  fn: ObjId;
  locals: number[];
  temps: number[];
}

// Module-local copies of the shared constants (see gc/classic.ts).
const GC = F_GC;
const TRACKED = F_TRACKED;
const FINALIZED = F_FINALIZED;
const IMMORTAL = F_IMMORTAL;
const FROM_FREELIST = F_FROM_FREELIST;
const UNICODE_KEYS = F_UNICODE_KEYS;
const SPLIT = F_SPLIT;
const MANAGED_DICT = F_MANAGED_DICT;
const EMBEDDED = F_EMBEDDED;
const HASDEL = F_HASDEL;
const FRAME = F_FRAME;
const CFUNC = F_CFUNC;
const K_BOOL = Kind.Bool;
const K_BYTES = Kind.Bytes;
const K_CELL = Kind.Cell;
const K_CLASS = Kind.Class;
const K_DICT = Kind.Dict;
const K_FLOAT = Kind.Float;
const K_FREE = Kind.Free;
const K_FUNCTION = Kind.Function;
const K_INSTANCE = Kind.Instance;
const K_INT = Kind.Int;
const K_LIST = Kind.List;
const K_METHOD = Kind.Method;
const K_MODULE = Kind.Module;
const K_NONE = Kind.None;
const K_SET = Kind.Set;
const K_STR = Kind.Str;
const K_TUPLE = Kind.Tuple;
const K_WEAKREF = Kind.Weakref;

// Local copies of imported functions used per object: the TS runners (tsx, vitest) turn imported bindings into
// getter calls, which showed up at ~10% of a collection's profile.
const listAppend = L.append;
const listUnlink = L.unlink;
const GEN0_HEAD = L.GEN0;
const gcAllocated = onGcAllocated;
const gcFreed = onGcFreed;
const tracked = onTracked;
const untracked = onUntracked;
const TRASHCAN_LIMIT = 50; // _PyTrash_UNWIND_LEVEL
const SHARED_KEYS_TABLE = 64; // a class's shared keys table (usable 42 >= the 30 shared keys at most)
/** Copy of a set's old table while set_table_resize rebuilds it in place. */
let setScratch = new Int32Array(64);

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
  /** 3.11/3.12 materialised instance dicts (still split) -> the class whose shared keys they use. */
  private readonly managedDictClass = new Map<ObjId, ClassInfo>();
  /** 3.8-3.10 split instance dicts -> the shared keys they use (their own addr2 is the values array). */
  private readonly splitKeys = new Map<ObjId, SharedKeys>();
  /** 3.13+ `obj.attr = v` into a dict embedding the values: a store into the inline values, which does not track the dict. */
  private storingInline = false;
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

    this.None = this.makeStatic(K_NONE, null, 0);
    this.True = this.makeStatic(K_BOOL, true, 0);
    this.False = this.makeStatic(K_BOOL, false, 0);
    this.smallInts = new Int32Array(262);
    this.emptyTuple = this.makeStatic(K_TUPLE, null, 0);
    this.emptyStr = this.makeStatic(K_STR, '', 0);
    this.emptyBytes = this.makeStatic(K_BYTES, new Uint8Array(0), 0);

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
    if (s.meta[id << 2] & IMMORTAL) return;
    s.hdr[id << 2]++;
    if (this.tl >= 2) this.emit({ t: 'incref', id, rc: s.hdr[id << 2] });
  }

  decref(id: ObjId): void {
    const s = this.s;
    if (s.meta[id << 2] & IMMORTAL) return;
    const rc = --s.hdr[id << 2];
    if (this.tl >= 2) this.emit({ t: 'decref', id, rc });
    if (rc === 0) this.dealloc(id);
    else if (rc < 0) throw new Error(`refcount of ${id} went negative`);
  }

  /** Py_XDECREF */
  xdecref(id: ObjId): void {
    if (id !== 0) this.decref(id);
  }

  /** ob_refcnt as CPython reports it (immortal objects: the version's immortal value). */
  refcount(id: ObjId): number {
    if (this.s.meta[id << 2] & IMMORTAL) return this.profile.immortalRefcnt ?? this.s.hdr[id << 2];
    return this.s.hdr[id << 2];
  }

  isImmortal(id: ObjId): boolean {
    return (this.s.meta[id << 2] & IMMORTAL) !== 0;
  }

  isAlive(id: ObjId): boolean {
    return id >= FIRST_ID && id < this.s.top && (this.s.meta[id << 2] >>> 24) !== K_FREE;
  }

  kind(id: ObjId): Kind {
    return (this.s.meta[id << 2] >>> 24) as Kind;
  }

  typeName(id: ObjId): string {
    const k = (this.s.meta[id << 2] >>> 24) as Kind;
    if (k === K_INSTANCE) return this.classes.get(this.s.meta[(id << 2) + AUX])?.name ?? 'object';
    if (k === K_DICT && this.s.meta[id << 2] & SPLIT) return 'dict';
    if (k === K_METHOD && this.s.meta[id << 2] & CFUNC) return 'builtin_function_or_method';
    return KIND_NAMES[k];
  }

  /** The object's simulated address (id() and reprs). */
  address(id: ObjId): number {
    return this.s.addr[id];
  }

  /** Whether the object's type is a GC type. */
  isGcObject(id: ObjId): boolean {
    return (this.s.meta[id << 2] & GC) !== 0;
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
      s.meta[id << 2] |= IMMORTAL;
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
      s.meta[id << 2] |= FROM_FREELIST;
    } else s.addr[id] = this.alloc.malloc(bytes, id);
    if (this.tl >= 2) this.emit({ t: 'alloc', id, type: KIND_NAMES[kind], bytes, addr: s.addr[id], fromFreeList: fromFree !== 0 });
    return id;
  }

  /**
   * A new GC object (untracked, refcount 1). Memory comes from the free list when `fromFree` is an address;
   * otherwise from the allocator, and then count0 is bumped and an automatic collection may run right here
   * (3.8-3.11) before the object exists, as in _PyObject_GC_Alloc.
   */
  private newGc(kind: Kind, bytes: number, fromFree = 0): ObjId {
    const s = this.s;
    const id = s.newId();
    if (fromFree !== 0) {
      s.addr[id] = fromFree;
      s.meta[id << 2] |= GC | FROM_FREELIST;
    } else {
      s.addr[id] = this.alloc.malloc(bytes, id);
      s.meta[id << 2] |= GC;
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
    if (s.meta[id << 2] & TRACKED) return;
    s.meta[id << 2] |= TRACKED;
    if ((s.meta[id << 2] >>> 24) === K_DICT) this.trackedDicts++;
    listAppend(s, GEN0_HEAD, id);
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
    if (!(this.s.meta[t << 2] & TRACKED)) return t;
    if (st.frozeBeforeCollecting) L.moveTo(this.s, t, L.PERMANENT);
    else this.untrack(t);
    return t;
  }

  /** _PyObject_GC_UNTRACK: unlink from its generation list. */
  untrack(id: ObjId): void {
    const s = this.s;
    if (!(s.meta[id << 2] & TRACKED)) return;
    s.meta[id << 2] &= ~TRACKED;
    if ((s.meta[id << 2] >>> 24) === K_DICT) this.trackedDicts--;
    listUnlink(s, id);
    if (this.tl >= 2) this.emit({ t: 'untrack', id });
    if (this.countTracked) untracked(this);
  }

  isTracked(id: ObjId): boolean {
    return (this.s.meta[id << 2] & TRACKED) !== 0;
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
      if (this.countAllocs && s.meta[id << 2] & GC) {
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
    else if (k === K_INSTANCE && this.trashDepth < TRASHCAN_LIMIT) {
      this.deallocInstanceUntraced(id);
      return;
    }
    switch (k) {
      case K_LIST:
      case K_TUPLE:
      case K_DICT:
      case K_SET:
      case K_INSTANCE:
        // Untrack, then the trashcan bounds the nesting of container deallocations.
        this.untrack(id);
        if (this.trashDepth >= TRASHCAN_LIMIT) {
          this.trashLater.push(id);
          return;
        }
        this.trashDepth++;
        this.deallocContainer(id, k);
        this.trashDepth--;
        if (this.trashDepth <= 0 && this.trashLater.length > 0) this.destroyTrashChain();
        return;
      case K_FLOAT:
        this.release(id, 'float');
        return;
      case K_INT:
      case K_STR:
      case K_BYTES:
        this.release(id, null);
        return;
      case K_WEAKREF:
        this.untrack(id);
        this.clearWeakref(id);
        this.dropRefsForward(id);
        this.release(id, null);
        return;
      default: {
        // class, function, module, method, cell
        this.untrack(id);
        if (s.hdr[(id << 2) + WR_HEAD] !== 0) this.clearWeakrefsTo(id);
        this.dropRefsForward(id);
        if (k === K_METHOD) {
          // 3.8 method_dealloc / meth_dealloc: onto their free lists while they have room
          this.release(id, s.meta[id << 2] & CFUNC ? 'cfunction' : 'method');
          return;
        }
        if (k === K_CLASS) {
          const keys = this.classes.get(id)?.cachedKeys;
          if (keys) this.keysDecref(keys); // type_dealloc: ht_cached_keys
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
    if (f & TRACKED) {
      // untrack: flag off, unlinked, gen -1 (field 0), inlined
      meta[x] = f & ~TRACKED & ~(0xff << 16);
      const p = hdr[x + PREV];
      const nx = hdr[x + NEXT];
      hdr[(p << 2) + NEXT] = nx;
      hdr[(nx << 2) + PREV] = p;
      hdr[x + NEXT] = 0;
      hdr[x + PREV] = 0;
      if (this.countTracked) untracked(this);
    }
    this.trashDepth++;
    if ((f & (HASDEL | FINALIZED)) === HASDEL || f & MANAGED_DICT || s.hdr[(id << 2) + WR_HEAD] !== 0 || s.addr2[id] !== 0) {
      this.deallocInstance(id);
    } else {
      const cls = meta[x + AUX];
      const n = meta[x + REF_LEN];
      for (let i = 0; i < n; i++) {
        const at = meta[x + REF_OFF] + i; // re-read: a nested dealloc may run code that moves the run
        const pool = s.pool;
        const r = pool[at];
        if (r === 0) continue;
        pool[at] = 0;
        // decref(r), inlined
        const fr = meta[r << 2];
        if (fr & IMMORTAL) continue;
        const rc = --hdr[r << 2];
        if (this.tl >= 2) this.emit({ t: 'decref', id: r, rc });
        if (rc === 0) {
          if (fr >>> 24 === K_INSTANCE && this.tl < 2 && this.trashDepth < TRASHCAN_LIMIT) this.deallocInstanceUntraced(r);
          else this.dealloc(r);
        } else if (rc < 0) throw new Error(`refcount of ${r} went negative`);
      }
      meta[x + REF_LEN] = 0;
      const addr = s.addr[id];
      this.alloc.free(addr);
      if (this.countAllocs && f & GC) {
        const st = this.gcs;
        st.heapSize--;
        if (st.count[0] > 0) st.count[0]--;
        if (this.tl >= 1) gcFreed(this, id);
      }
      if (this.tl >= 2) this.emit({ t: 'free', id, addr, toFreeList: false });
      s.releaseEmptyId(id);
      // decref(cls), inlined
      if (!(meta[cls << 2] & IMMORTAL)) {
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
      case K_LIST: {
        this.dropRefsBackward(id);
        if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]);
        this.release(id, 'list');
        return;
      }
      case K_TUPLE: {
        const n = s.meta[(id << 2) + REF_LEN]; // the free list is per length: read it before the items are dropped
        this.dropRefsBackward(id);
        this.release(id, 'tuple', n);
        return;
      }
      case K_DICT:
        this.freeDictContents(id);
        this.dictIndex.delete(id);
        this.managedDictClass.delete(id);
        this.release(id, s.meta[id << 2] & FRAME ? 'frame' : 'dict');
        return;
      case K_SET:
        if (s.hdr[(id << 2) + WR_HEAD] !== 0) this.clearWeakrefsTo(id);
        this.dropRefsForward(id);
        if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]);
        this.release(id, null);
        return;
      case K_INSTANCE:
        this.deallocInstance(id);
        return;
    }
  }

  /** subtype_dealloc: __del__ (once, may resurrect), weakrefs, slots, dict/values, memory, then the class. */
  private deallocInstance(id: ObjId): void {
    const s = this.s;
    const cls = s.meta[(id << 2) + AUX];
    if ((s.meta[id << 2] & (HASDEL | FINALIZED)) === HASDEL) {
      // PyObject_CallFinalizerFromDealloc: tracked again for the call, temporary reference 1.
      if (s.meta[id << 2] & GC) this.track(id);
      s.hdr[id << 2] = 1;
      s.meta[id << 2] |= FINALIZED;
      this.callFinalizer(id);
      if (--s.hdr[id << 2] > 0) return; // resurrected: stays alive (and tracked)
      this.untrack(id);
    }
    if (s.hdr[(id << 2) + WR_HEAD] !== 0) this.clearWeakrefsTo(id);
    if (s.meta[id << 2] & MANAGED_DICT) this.detachEmbeddedDict(id);
    // Slots in order, then the __dict__ (3.8-3.10) or the values in order (dropRefsForward, inlined: the run may
    // move while decrefs run code, so the offset is re-read).
    const n = s.meta[(id << 2) + REF_LEN];
    for (let i = 0; i < n; i++) {
      const at = s.meta[(id << 2) + REF_OFF] + i;
      const r = s.pool[at];
      if (r !== 0) {
        s.pool[at] = 0;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + REF_LEN] = 0;
    if (s.addr2[id] !== 0) this.alloc.free(s.addr2[id]); // 3.11/3.12 values array
    // release(id, null), inlined for the kind without a free list or payload
    const addr = s.addr[id];
    this.alloc.free(addr);
    if (this.countAllocs && s.meta[id << 2] & GC) {
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
    const off = s.meta[(id << 2) + REF_OFF];
    for (let i = s.meta[(id << 2) + REF_LEN] - 1; i >= 0; i--) {
      const r = s.pool[off + i];
      if (r !== 0) {
        s.pool[off + i] = 0;
        s.meta[(id << 2) + REF_LEN] = i;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + REF_LEN] = 0;
  }

  /** Drop references first to last. The run may move while decrefs run code, so re-read the offset. */
  private dropRefsForward(id: ObjId): void {
    const s = this.s;
    const n = s.meta[(id << 2) + REF_LEN];
    for (let i = 0; i < n; i++) {
      const off = s.meta[(id << 2) + REF_OFF];
      const r = s.pool[off + i];
      if (r !== 0) {
        s.pool[off + i] = 0;
        this.decref(r);
      }
    }
    s.meta[(id << 2) + REF_LEN] = 0;
  }

  // ---------------------------------------------------------------------------------------- weakrefs

  /** weakref.ref(target, callback): a new reference. Raises TypeError for objects that cannot be weakly referenced. */
  newWeakref(target: ObjId, callback: ObjId = 0): ObjId {
    if (!this.supportsWeakrefs(target)) {
      throw new PyError('TypeError', `cannot create weak reference to '${this.typeName(target)}' object`);
    }
    const s = this.s;
    const wr = this.newGc(K_WEAKREF, this.profile.sizes.weakrefObject);
    s.meta[(wr << 2) + AUX] = target;
    if (callback !== 0 && callback !== this.None) {
      s.reserveRefs(wr, 1);
      s.pool[s.meta[(wr << 2) + REF_OFF]] = callback;
      s.meta[(wr << 2) + REF_LEN] = 1;
      this.incref(callback);
    }
    s.aux2[wr] = s.hdr[(target << 2) + WR_HEAD];
    s.hdr[(target << 2) + WR_HEAD] = wr;
    this.track(wr);
    return wr;
  }

  supportsWeakrefs(id: ObjId): boolean {
    const k = (this.s.meta[id << 2] >>> 24) as Kind;
    if (k === K_INSTANCE) return this.classes.get(this.s.meta[(id << 2) + AUX])!.hasWeakref;
    return k === K_SET || k === K_CLASS || k === K_FUNCTION || k === K_MODULE;
  }

  /** The referent of a weakref (borrowed), or None once it died. */
  weakrefGet(wr: ObjId): ObjId {
    const t = this.s.meta[(wr << 2) + AUX];
    return t === 0 ? this.None : t;
  }

  weakrefCallbackOf(wr: ObjId): ObjId {
    return this.s.meta[(wr << 2) + REF_LEN] > 0 ? this.s.pool[this.s.meta[(wr << 2) + REF_OFF]] : 0;
  }

  /** Weakrefs to `id`, newest first. */
  weakrefsTo(id: ObjId): ObjId[] {
    const out: ObjId[] = [];
    for (let w = this.s.hdr[(id << 2) + WR_HEAD]; w !== 0; w = this.s.aux2[w]) out.push(w);
    return out;
  }

  /** clear_weakref: unlink `wr` from its referent's list; the referent becomes None. */
  clearWeakref(wr: ObjId): void {
    const s = this.s;
    const t = s.meta[(wr << 2) + AUX];
    if (t === 0) return;
    if (s.hdr[(t << 2) + WR_HEAD] === wr) s.hdr[(t << 2) + WR_HEAD] = s.aux2[wr];
    else {
      let p = s.hdr[(t << 2) + WR_HEAD];
      while (p !== 0 && s.aux2[p] !== wr) p = s.aux2[p];
      if (p !== 0) s.aux2[p] = s.aux2[wr];
    }
    s.aux2[wr] = 0;
    s.meta[(wr << 2) + AUX] = 0;
  }

  /** Detach the callback of `wr` (ownership passes to the caller). */
  takeWeakrefCallback(wr: ObjId): ObjId {
    const s = this.s;
    if (s.meta[(wr << 2) + REF_LEN] === 0) return 0;
    const cb = s.pool[s.meta[(wr << 2) + REF_OFF]];
    s.pool[s.meta[(wr << 2) + REF_OFF]] = 0;
    s.meta[(wr << 2) + REF_LEN] = 0;
    return cb;
  }

  /** PyObject_ClearWeakRefs: clear every weakref to `id`, then call the callbacks, newest first. */
  private clearWeakrefsTo(id: ObjId): void {
    const s = this.s;
    const pending: number[] = [];
    while (s.hdr[(id << 2) + WR_HEAD] !== 0) {
      const wr = s.hdr[(id << 2) + WR_HEAD];
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
        id = this.smallInts[slot] = this.makeStatic(K_INT, b, 0);
        this.s.addr[id] = SMALL_INTS_ADDR + slot * 32;
        this.smallIntsUnmade--;
      }
      this.incref(id);
      return id;
    }
    return this.newAtom(K_INT, sz.intRequest(this.profile, sz.intDigits(b)), b);
  }

  newFloat(v: number): ObjId {
    const fromFree = this.freeLists.pop('float');
    return this.newAtom(K_FLOAT, this.profile.sizes.floatObject, v, fromFree);
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
        id = this.makeStatic(K_STR, v, 0); // the interpreter's preallocated 1-char strings
        this.latin1.set(cp, id);
      }
      this.incref(id);
      return id;
    }
    return this.newAtom(K_STR, sz.strRequest(this.profile, v), v);
  }

  /** An interned str (attribute names, identifiers): one object per text, held by the interning table. */
  intern(v: string): ObjId {
    if (v.length <= 1) return this.newStr(v);
    let id = this.interned.get(v);
    if (id === undefined) {
      id = this.newAtom(K_STR, sz.strRequest(this.profile, v), v);
      if (this.profile.immortalRefcnt !== null) {
        this.s.meta[id << 2] |= IMMORTAL;
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
    return this.newAtom(K_BYTES, this.profile.sizes.bytesBase + v.length, v);
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
    const id = this.newGc(K_TUPLE, this.profile.sizes.tupleBase + 8 * n, freeList ? this.freeLists.popTuple(n) : 0);
    s.reserveRefs(id, n);
    const off = s.meta[(id << 2) + REF_OFF];
    let anyGc = false;
    for (let i = 0; i < n; i++) {
      s.pool[off + i] = items[i];
      this.incref(items[i]);
      if (s.meta[(items[i]) << 2] & GC) anyGc = true;
    }
    s.meta[(id << 2) + REF_LEN] = n;
    if (this.profile.tupleTrackAtCreation === 'always' || anyGc) this.track(id);
    return id;
  }

  // ------------------------------------------------------------------------------------------- list

  /** A new list holding new references to `items` (exactly sized, like `[a, b]` or list(x)). */
  newList(items: readonly ObjId[] = []): ObjId {
    const s = this.s;
    const n = items.length;
    const id = this.newGc(K_LIST, this.profile.sizes.listObject, this.freeLists.pop('list'));
    if (n > 0) {
      s.addr2[id] = this.alloc.malloc(8 * n, id);
      s.reserveRefs(id, n);
      const off = s.meta[(id << 2) + REF_OFF];
      for (let i = 0; i < n; i++) {
        s.pool[off + i] = items[i];
        this.incref(items[i]);
      }
    }
    s.meta[(id << 2) + REF_LEN] = n;
    s.meta[(id << 2) + AUX] = n; // allocated
    this.track(id);
    return id;
  }

  len(id: ObjId): number {
    const k = (this.s.meta[id << 2] >>> 24);
    if (k === K_DICT || k === K_SET) return this.s.meta[(id << 2) + AUX];
    return this.s.meta[(id << 2) + REF_LEN];
  }

  /** Borrowed item i of a list or tuple (i already normalised by the caller). */
  item(id: ObjId, i: number): ObjId {
    return this.s.pool[this.s.meta[(id << 2) + REF_OFF] + i];
  }

  /** Items of a list/tuple/set (borrowed ids, NULLs skipped). */
  items(id: ObjId): ObjId[] {
    const s = this.s;
    const out: ObjId[] = [];
    const off = s.meta[(id << 2) + REF_OFF];
    for (let i = 0; i < s.meta[(id << 2) + REF_LEN]; i++) if (s.pool[off + i] !== 0) out.push(s.pool[off + i]);
    return out;
  }

  /** list_resize: reallocate the item array per CPython's over-allocation rule. */
  private listResize(id: ObjId, newsize: number): void {
    const s = this.s;
    const na = sz.listResize(this.profile, newsize, s.meta[(id << 2) + AUX], s.meta[(id << 2) + REF_LEN]);
    if (na >= 0) {
      s.addr2[id] = s.addr2[id] === 0 ? this.alloc.malloc(8 * na, id) : this.alloc.realloc(s.addr2[id], 8 * na, id);
      s.meta[(id << 2) + AUX] = na;
    }
    s.reserveRefs(id, newsize);
  }

  listAppend(l: ObjId, v: ObjId): void {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    this.listResize(l, n + 1);
    this.incref(v);
    s.pool[s.meta[(l << 2) + REF_OFF] + n] = v;
    s.meta[(l << 2) + REF_LEN] = n + 1;
  }

  listInsert(l: ObjId, index: number, v: ObjId): void {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    let i = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    this.listResize(l, n + 1);
    const off = s.meta[(l << 2) + REF_OFF];
    for (let j = n; j > i; j--) s.pool[off + j] = s.pool[off + j - 1];
    this.incref(v);
    s.pool[off + i] = v;
    s.meta[(l << 2) + REF_LEN] = n + 1;
    i = 0;
  }

  /** list.pop(i): returns a NEW reference to the removed item. */
  listPop(l: ObjId, index = -1): ObjId {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    if (n === 0) throw new PyError('IndexError', 'pop from empty list');
    const i = index < 0 ? index + n : index;
    if (i < 0 || i >= n) throw new PyError('IndexError', 'pop index out of range');
    const off = s.meta[(l << 2) + REF_OFF];
    const v = s.pool[off + i];
    for (let j = i; j < n - 1; j++) s.pool[off + j] = s.pool[off + j + 1];
    s.pool[off + n - 1] = 0;
    s.meta[(l << 2) + REF_LEN] = n - 1;
    const na = sz.listResize(this.profile, n - 1, s.meta[(l << 2) + AUX], n);
    if (na >= 0) {
      s.addr2[l] = na === 0 && s.addr2[l] !== 0 ? (this.alloc.free(s.addr2[l]), 0) : this.alloc.realloc(s.addr2[l], 8 * na, l);
      s.meta[(l << 2) + AUX] = na;
    }
    return v; // the list's reference passes to the caller
  }

  /** list[i] = v */
  listSetItem(l: ObjId, index: number, v: ObjId): void {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    const i = index < 0 ? index + n : index;
    if (i < 0 || i >= n) throw new PyError('IndexError', 'list assignment index out of range');
    this.incref(v);
    const off = s.meta[(l << 2) + REF_OFF];
    const old = s.pool[off + i];
    s.pool[off + i] = v;
    this.xdecref(old);
  }

  /** del list[i] */
  listDelItem(l: ObjId, index: number): void {
    this.decref(this.listPop(l, index));
  }

  /** list.remove(v) by Python equality of atoms (identity otherwise). */
  listRemove(l: ObjId, v: ObjId): void {
    const s = this.s;
    const want = keyOf(this, v);
    for (let i = 0; i < s.meta[(l << 2) + REF_LEN]; i++) {
      const x = s.pool[s.meta[(l << 2) + REF_OFF] + i];
      if (x === v || keyOf(this, x) === want) {
        this.listDelItem(l, i);
        return;
      }
    }
    throw new PyError('ValueError', 'list.remove(x): x not in list');
  }

  /** list.clear(): items dropped last to first, then the array is freed. */
  listClear(l: ObjId): void {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    const items: number[] = [];
    const off = s.meta[(l << 2) + REF_OFF];
    for (let i = 0; i < n; i++) items.push(s.pool[off + i]);
    s.meta[(l << 2) + REF_LEN] = 0;
    const arr = s.addr2[l];
    s.addr2[l] = 0;
    s.meta[(l << 2) + AUX] = 0;
    for (let i = n - 1; i >= 0; i--) this.xdecref(items[i]);
    if (arr !== 0) this.alloc.free(arr);
  }

  /** list[start:stop] = values (start/stop already clamped, 0 <= start <= stop <= len). */
  listSetSlice(l: ObjId, start: number, stop: number, values: readonly ObjId[]): void {
    const s = this.s;
    const n = s.meta[(l << 2) + REF_LEN];
    const old: number[] = [];
    for (let i = start; i < stop; i++) old.push(s.pool[s.meta[(l << 2) + REF_OFF] + i]);
    for (const v of values) this.incref(v);
    const newsize = n - (stop - start) + values.length;
    const tail: number[] = [];
    for (let i = stop; i < n; i++) tail.push(s.pool[s.meta[(l << 2) + REF_OFF] + i]);
    if (newsize > n) this.listResize(l, newsize);
    const off = s.meta[(l << 2) + REF_OFF];
    let j = start;
    for (const v of values) s.pool[off + j++] = v;
    for (const v of tail) s.pool[off + j++] = v;
    for (let i = newsize; i < n; i++) s.pool[off + i] = 0;
    s.meta[(l << 2) + REF_LEN] = newsize;
    if (newsize < n) {
      const na = sz.listResize(this.profile, newsize, s.meta[(l << 2) + AUX], n);
      if (na >= 0) {
        s.addr2[l] = na === 0 ? (this.alloc.free(s.addr2[l]), 0) : this.alloc.realloc(s.addr2[l], 8 * na, l);
        s.meta[(l << 2) + AUX] = na;
      }
    }
    for (const o of old) this.xdecref(o);
  }

  // ------------------------------------------------------------------------------------------- dict

  newDict(): ObjId {
    const id = this.newGc(K_DICT, this.profile.sizes.dictObject, this.freeLists.pop('dict'));
    this.s.aux2[id] = 0; // Py_EMPTY_KEYS
    if (this.profile.dictTracking === 'always') this.track(id);
    return id;
  }

  /**
   * dict_new, the `dict(...)` constructor: type->tp_alloc, so never a dict from the free list (a GC allocation
   * every time); an 8-slot keys table at once on 3.8-3.9 (profile `dictNewKeys`), the empty keys on 3.10+.
   */
  newDictFromType(): ObjId {
    const id = this.newGc(K_DICT, this.profile.sizes.dictObject, 0);
    this.s.aux2[id] = 0;
    if (this.profile.dictNewKeys === 'minsize') {
      this.s.addr2[id] = this.allocKeys(id, 8, true);
      this.s.aux2[id] = 8;
      this.s.meta[id << 2] |= UNICODE_KEYS;
    }
    if (this.profile.dictTracking === 'always') this.track(id);
    return id;
  }

  /**
   * A dict standing in for a frame object (3.8-3.10): its memory comes from and returns to the frame free list
   * (frameobject.c free_list), never the dict one, so frames do not use up dicts' reusable blocks.
   */
  newFrameStandIn(): ObjId {
    const id = this.newGc(K_DICT, this.profile.sizes.dictObject, this.freeLists.pop('frame'));
    this.s.meta[id << 2] |= FRAME;
    this.s.aux2[id] = 0; // Py_EMPTY_KEYS
    if (this.profile.dictTracking === 'always') this.track(id);
    return id;
  }

  /** _PyObject_GC_MAY_BE_TRACKED */
  mayBeTracked(id: ObjId): boolean {
    const s = this.s;
    if (!(s.meta[id << 2] & GC)) return id >= STATIC_GC_BASE; // static modules (kinds.ts)
    if ((s.meta[id << 2] >>> 24) === K_TUPLE) return (s.meta[id << 2] & TRACKED) !== 0;
    return true;
  }

  private allocKeys(d: ObjId, size: number, unicode: boolean): number {
    const p = this.profile;
    const reuse = size === 8 && (unicode || p.sizes.dictEntryUnicode === p.sizes.dictEntryGeneric);
    const a = reuse ? this.freeLists.pop('dictKeys') : 0;
    return a !== 0 ? a : this.alloc.malloc(sz.dictKeysBytes(p, size, unicode), d);
  }

  private freeKeys(addr: number, size: number, unicode: boolean): void {
    const p = this.profile;
    const reuse = size === 8 && (unicode || p.sizes.dictEntryUnicode === p.sizes.dictEntryGeneric);
    if (!(reuse && this.freeLists.push('dictKeys', addr))) this.alloc.free(addr);
  }

  /** dictkeys_decref of shared keys: the table goes (to the keys free list when it can) with its last user. */
  private keysDecref(keys: SharedKeys): void {
    if (--keys.refcnt === 0) this.freeKeys(keys.addr, keys.size, true);
  }

  /** dictresize: a new keys table for `minUsed`, entries compacted in insertion order. */
  private dictResize(d: ObjId, minUsed: number, unicode: boolean): void {
    const s = this.s;
    const oldSize = s.aux2[d];
    const oldUnicode = (s.meta[d << 2] & UNICODE_KEYS) !== 0;
    const size = sz.dictSizeFor(this.profile, minUsed);
    const oldAddr = s.addr2[d];
    s.addr2[d] = this.allocKeys(d, size, unicode);
    s.aux2[d] = size;
    if (unicode) s.meta[d << 2] |= UNICODE_KEYS;
    else s.meta[d << 2] &= ~UNICODE_KEYS;
    // compact holes
    const off = s.meta[(d << 2) + REF_OFF];
    let j = 0;
    for (let i = 0; i < s.meta[(d << 2) + REF_LEN]; i += 2) {
      if (s.pool[off + i] !== 0) {
        s.pool[off + j] = s.pool[off + i];
        s.pool[off + j + 1] = s.pool[off + i + 1];
        j += 2;
      }
    }
    for (let i = j; i < s.meta[(d << 2) + REF_LEN]; i++) s.pool[off + i] = 0;
    s.meta[(d << 2) + REF_LEN] = j;
    this.reindexDict(d);
    if (oldSize > 0 && oldAddr !== 0) {
      if (s.meta[d << 2] & SPLIT) this.alloc.free(oldAddr);
      else this.freeKeys(oldAddr, oldSize, oldUnicode);
    }
    if (s.meta[d << 2] & SPLIT) {
      s.meta[d << 2] &= ~(SPLIT | EMBEDDED); // a resized split table becomes combined
      this.managedDictClass.delete(d);
      const keys = this.splitKeys.get(d);
      if (keys) {
        this.splitKeys.delete(d);
        this.keysDecref(keys);
      }
    }
  }

  /**
   * insertdict of a new str key into a 3.8-3.10 split table: the name joins the shared keys (seen by every dict
   * sharing them) when this dict holds all of them, in their order, and they have room; a name out of order or
   * a full table resizes the dict into a combined one (insertion_resize, GROWTH_RATE = used * 3).
   */
  private splitInsert(d: ObjId, key: ObjId): void {
    const keys = this.splitKeys.get(d)!;
    const used = this.s.meta[(d << 2) + AUX];
    const name = this.s.payload[key] as string;
    const ix = keys.names.indexOf(name);
    if (ix >= 0 ? ix === used : used === keys.names.length && used < sz.usable(keys.size)) {
      if (ix < 0) keys.names.push(name);
      return;
    }
    this.dictResize(d, used * 3, true);
  }

  private reindexDict(d: ObjId): void {
    const s = this.s;
    const idx = new Map<string, number>();
    const off = s.meta[(d << 2) + REF_OFF];
    for (let i = 0; i < s.meta[(d << 2) + REF_LEN]; i += 2) {
      const k = s.pool[off + i];
      if (k !== 0) idx.set(keyOf(this, k), i);
    }
    this.dictIndex.set(d, idx);
  }

  private dictSlot(d: ObjId, key: ObjId): number {
    return this.dictIndex.get(d)?.get(keyOf(this, key)) ?? -1;
  }

  /** d[key] = value */
  dictSetItem(d: ObjId, key: ObjId, value: ObjId): void {
    const s = this.s;
    const hk = keyOf(this, key); // raises for unhashable keys before anything changes
    const idx = this.dictIndex.get(d);
    const at = idx?.get(hk);
    this.incref(value);
    if (at !== undefined) {
      const off = s.meta[(d << 2) + REF_OFF];
      const old = s.pool[off + at + 1];
      s.pool[off + at + 1] = value;
      this.maintainTracking(d, key, value);
      this.decref(old);
      return;
    }
    this.incref(key);
    const isStr = (s.meta[key << 2] >>> 24) === K_STR;
    const used = s.meta[(d << 2) + AUX];
    const size = s.aux2[d];
    const nentries = s.meta[(d << 2) + REF_LEN] >> 1;
    if (size === 0) {
      s.addr2[d] = this.allocKeys(d, 8, isStr);
      s.aux2[d] = 8;
      if (isStr) s.meta[d << 2] |= UNICODE_KEYS;
      else s.meta[d << 2] &= ~UNICODE_KEYS;
    } else if (!isStr && s.meta[d << 2] & UNICODE_KEYS) {
      // the first non-str key: a split table always resizes (insertion_resize, GROWTH_RATE = used * 3); a
      // combined one only where all-str entries are smaller (3.11+), else it just changes its lookup
      if (s.meta[d << 2] & SPLIT || this.profile.dictNonStrKey === 'resize') this.dictResize(d, used * 3, false);
      else {
        s.meta[d << 2] &= ~UNICODE_KEYS;
        if (nentries >= sz.usable(size)) this.dictResize(d, used * 3, false);
      }
    } else if (this.splitKeys.has(d)) {
      this.splitInsert(d, key);
    } else if (nentries >= sz.usable(size)) {
      this.dictResize(d, used * 3, (s.meta[d << 2] & UNICODE_KEYS) !== 0); // GROWTH_RATE = used * 3
    }
    const n = s.meta[(d << 2) + REF_LEN];
    s.reserveRefs(d, n + 2);
    const off = s.meta[(d << 2) + REF_OFF];
    s.pool[off + n] = key;
    s.pool[off + n + 1] = value;
    s.meta[(d << 2) + REF_LEN] = n + 2;
    s.meta[(d << 2) + AUX] = used + 1;
    let map = this.dictIndex.get(d);
    if (!map) {
      map = new Map();
      this.dictIndex.set(d, map);
    }
    map.set(hk, n);
    this.maintainTracking(d, key, value);
  }

  /**
   * dict_merge(target, other, override=1) for a dict source (`dict(d)`, `target.update(d)`, the slow path of
   * `copy()`): 3.10+ clone a clean combined source into an empty target (profile `dictMergeClones`); else one
   * resize up front to ESTIMATE_SIZE(used + other's used) = (n * 3 + 1) >> 1 when the target's usable slots are
   * fewer than the source's keys, then the items in order.
   */
  dictMerge(target: ObjId, other: ObjId): void {
    const s = this.s;
    if (target === other) return;
    const otherUsed = s.meta[(other << 2) + AUX];
    if (s.meta[(target << 2) + AUX] === 0 && this.profile.dictMergeClones && this.isCleanCombined(other, true)) {
      this.cloneTable(target, other);
      return;
    }
    if (sz.usable(s.aux2[target]) < otherUsed) {
      const unicode = (s.meta[other << 2] & UNICODE_KEYS) !== 0 && (s.meta[(target << 2) + AUX] === 0 || (s.meta[target << 2] & UNICODE_KEYS) !== 0);
      this.dictResize(target, ((s.meta[(target << 2) + AUX] + otherUsed) * 3 + 1) >> 1, unicode);
    }
    for (const [k, v] of this.dictEntries(other)) this.dictSetItem(target, k, v);
  }

  /**
   * PyDict_Copy: an empty dict for an empty one; a split table shares its keys (3.8-3.10); a combined table at
   * most a third of whose entries are deleted is cloned as it is (clone_combined_dict: same size, same holes);
   * otherwise a new dict merged from it (compact).
   */
  dictCopy(d: ObjId): ObjId {
    const s = this.s;
    if (s.meta[(d << 2) + AUX] === 0) return this.newDict();
    if (s.meta[d << 2] & SPLIT) return this.splitCopy(d);
    const c = this.newDict();
    if (!(s.meta[d << 2] & SPLIT) && s.meta[(d << 2) + AUX] >= (((s.meta[(d << 2) + REF_LEN] >> 1) * 2) / 3 | 0)) this.cloneTable(c, d);
    else this.dictMerge(c, d);
    return c;
  }

  /** Combined, no deleted entries, and (for dict_merge) a minimal or more than half-full table. */
  private isCleanCombined(d: ObjId, mergeRule: boolean): boolean {
    const s = this.s;
    const size = s.aux2[d];
    if (size === 0 || s.meta[d << 2] & SPLIT || s.meta[(d << 2) + AUX] !== s.meta[(d << 2) + REF_LEN] >> 1) return false;
    return !mergeRule || size === 8 || sz.usable(size >> 1) < s.meta[(d << 2) + AUX];
  }

  /** clone_combined_dict: `target` (empty) takes a copy of the source's table: size, entries, holes. */
  private cloneTable(target: ObjId, src: ObjId): void {
    const s = this.s;
    if (s.aux2[target] > 0 && s.addr2[target] !== 0) this.freeDictContents(target);
    const unicode = (s.meta[src << 2] & UNICODE_KEYS) !== 0;
    const size = s.aux2[src];
    s.addr2[target] = this.alloc.malloc(sz.dictKeysBytes(this.profile, size, unicode), target); // PyObject_Malloc
    s.aux2[target] = size;
    if (unicode) s.meta[target << 2] |= UNICODE_KEYS;
    else s.meta[target << 2] &= ~UNICODE_KEYS;
    const n = s.meta[(src << 2) + REF_LEN];
    s.reserveRefs(target, n);
    const from = s.meta[(src << 2) + REF_OFF];
    const to = s.meta[(target << 2) + REF_OFF];
    for (let i = 0; i < n; i++) {
      const r = s.pool[from + i];
      s.pool[to + i] = r;
      if (r !== 0) this.incref(r);
    }
    s.meta[(target << 2) + REF_LEN] = n;
    s.meta[(target << 2) + AUX] = s.meta[(src << 2) + AUX];
    this.reindexDict(target);
    if (s.meta[src << 2] & TRACKED && !(s.meta[target << 2] & TRACKED)) this.track(target);
  }

  /**
   * PyDict_Copy of a split table: PyObject_GC_New (no free list), a new values array on the same keys: 3.8-3.10
   * USABLE_FRACTION(size) pointers; 3.11+ shared_keys_usable_size (dk_nentries + dk_usable) values, never
   * embedded.
   */
  private splitCopy(d: ObjId): ObjId {
    const s = this.s;
    const c = this.newGc(K_DICT, this.profile.sizes.dictObject, 0);
    s.meta[c << 2] |= SPLIT | UNICODE_KEYS;
    s.aux2[c] = s.aux2[d];
    const keys = this.splitKeys.get(d);
    const cls = this.managedDictClass.get(d);
    if (keys) {
      keys.refcnt++;
      this.splitKeys.set(c, keys);
      s.addr2[c] = this.alloc.malloc(8 * sz.usable(keys.size), c);
    } else if (cls) {
      const n = cls.shared.length + cls.keysUsable;
      this.managedDictClass.set(c, cls);
      const bytes = this.profile.instanceLayout === 'inline' ? sz.inlineValuesBytes(n) : sz.valuesArrayBytes(n);
      s.addr2[c] = this.alloc.malloc(bytes, c);
    }
    const n = s.meta[(d << 2) + REF_LEN];
    s.reserveRefs(c, n);
    for (let i = 0; i < n; i++) {
      const r = s.pool[s.meta[(d << 2) + REF_OFF] + i];
      s.pool[s.meta[(c << 2) + REF_OFF] + i] = r;
      if (r !== 0) this.incref(r);
    }
    s.meta[(c << 2) + REF_LEN] = n;
    s.meta[(c << 2) + AUX] = s.meta[(d << 2) + AUX];
    this.reindexDict(c);
    if (s.meta[d << 2] & TRACKED) this.track(c);
    return c;
  }

  /** MAINTAIN_TRACKING: an untracked dict becomes tracked when it receives a possibly-tracked key or value. */
  private maintainTracking(d: ObjId, key: ObjId, value: ObjId): void {
    if (this.s.meta[d << 2] & TRACKED || this.storingInline) return;
    if (this.mayBeTracked(key) || this.mayBeTracked(value)) this.track(d);
  }

  /** d[key] (borrowed) or 0 when missing. */
  dictGetItem(d: ObjId, key: ObjId): ObjId {
    const at = this.dictSlot(d, key);
    return at < 0 ? 0 : this.s.pool[this.s.meta[(d << 2) + REF_OFF] + at + 1];
  }

  /** Lookup by a str key without creating an object. */
  dictGetStr(d: ObjId, key: string): ObjId {
    const at = this.dictIndex.get(d)?.get('s:' + key);
    return at === undefined ? 0 : this.s.pool[this.s.meta[(d << 2) + REF_OFF] + at + 1];
  }

  /** del d[key]; false when the key is missing (KeyError is the interpreter's). Key, then value, are dropped. */
  dictDelItem(d: ObjId, key: ObjId): boolean {
    const s = this.s;
    const hk = keyOf(this, key);
    const idx = this.dictIndex.get(d);
    const at = idx?.get(hk);
    if (at === undefined) return false;
    if (this.splitKeys.has(d)) {
      // 3.8-3.10: a split table does not delete; it is combined first, at the same size
      this.dictResize(d, s.aux2[d], true);
      return this.dictDelItem(d, key);
    }
    idx!.delete(hk);
    const off = s.meta[(d << 2) + REF_OFF];
    const k = s.pool[off + at];
    const v = s.pool[off + at + 1];
    s.pool[off + at] = 0;
    s.pool[off + at + 1] = 0;
    s.meta[(d << 2) + AUX]--;
    this.decref(k);
    this.decref(v);
    return true;
  }

  /** Keys / values / items (borrowed ids) in insertion order. */
  dictEntries(d: ObjId): [ObjId, ObjId][] {
    const s = this.s;
    const out: [ObjId, ObjId][] = [];
    const off = s.meta[(d << 2) + REF_OFF];
    for (let i = 0; i < s.meta[(d << 2) + REF_LEN]; i += 2) if (s.pool[off + i] !== 0) out.push([s.pool[off + i], s.pool[off + i + 1]]);
    return out;
  }

  /** dict.clear(): back to the shared empty keys; entries dropped in insertion order. */
  dictClear(d: ObjId): void {
    const s = this.s;
    this.freeDictContents(d);
    s.meta[(d << 2) + AUX] = 0;
    s.aux2[d] = 0;
    s.addr2[d] = 0;
    s.meta[d << 2] &= ~(UNICODE_KEYS | SPLIT | EMBEDDED);
    this.dictIndex.delete(d);
    this.managedDictClass.delete(d);
  }

  /** Drop every entry (key then value, insertion order) and free the keys table or split values. */
  private freeDictContents(d: ObjId): void {
    const s = this.s;
    const n = s.meta[(d << 2) + REF_LEN];
    const entries: number[] = [];
    const off = s.meta[(d << 2) + REF_OFF];
    for (let i = 0; i < n; i++) entries.push(s.pool[off + i]);
    for (let i = 0; i < n; i++) s.pool[off + i] = 0;
    s.meta[(d << 2) + REF_LEN] = 0;
    s.meta[(d << 2) + AUX] = 0;
    const size = s.aux2[d];
    const keysAddr = s.addr2[d];
    const split = (s.meta[d << 2] & SPLIT) !== 0;
    const unicode = (s.meta[d << 2] & UNICODE_KEYS) !== 0;
    const shared = this.splitKeys.get(d);
    this.splitKeys.delete(d);
    s.addr2[d] = 0;
    s.aux2[d] = 0;
    for (let i = 0; i < n; i++) if (entries[i] !== 0) this.decref(entries[i]);
    if (size > 0 && keysAddr !== 0) {
      if (split) this.alloc.free(keysAddr); // the values array; the shared keys belong to the class
      else this.freeKeys(keysAddr, size, unicode);
    }
    if (shared) this.keysDecref(shared);
  }

  // -------------------------------------------------------------------------------------------- set
  // The table is Objects/setobject.c's (heap/set-table.ts): keys live at their slots in the set's reference run,
  // so iteration, repr, pop and the collector's traversal go in slot order. aux = used, aux2 = table size,
  // addr2 = the malloc'ed table (tables of more than PySet_MINSIZE slots).

  /** Equality of two different keys with equal hashes. */
  private readonly setKeyEq = (a: ObjId, b: ObjId): boolean => keyOf(this, a) === keyOf(this, b);

  newSet(items: readonly ObjId[] = []): ObjId {
    const s = this.s;
    const id = this.newGc(K_SET, this.profile.sizes.setObject);
    s.reserveRefs(id, tableWords(MINSIZE));
    s.pool.fill(0, s.meta[(id << 2) + REF_OFF], s.meta[(id << 2) + REF_OFF] + tableWords(MINSIZE));
    s.meta[(id << 2) + REF_LEN] = MINSIZE;
    s.meta[(id << 2) + AUX] = 0;
    s.aux2[id] = MINSIZE;
    this.track(id);
    for (const x of items) this.setAdd(id, x);
    return id;
  }

  /** set.add / BUILD_SET / set_add_key: raises TypeError for an unhashable value before anything changes. */
  setAdd(st: ObjId, v: ObjId): void {
    hashInto(this, v);
    this.setAddEntry(st, v, HASH[0], HASH[1]);
  }

  /** set_add_entry with a known hash. */
  private setAddEntry(st: ObjId, v: ObjId, lo: number, hi: number): void {
    const s = this.s;
    const n = s.aux2[st];
    const off = s.meta[(st << 2) + REF_OFF];
    const t = s.pool;
    const r = findInsert(t, off, n, lo, hi, v, this.setKeyEq);
    if (r < 0) return;
    this.incref(v);
    s.meta[(st << 2) + AUX]++;
    const slot = FREESLOT[0] >= 0 && SET_HASHING[this.profile.id].reuseDummy ? FREESLOT[0] : r;
    t[off + slot] = v;
    t[off + n + slot] = lo;
    t[off + 2 * n + slot] = hi;
    if (slot !== r) return; // found_unused_or_dummy with a freeslot: fill unchanged, no resize check
    const fill = ++t[off + 3 * n];
    if (fill * 5 >= (n - 1) * 3) {
      const used = s.meta[(st << 2) + AUX];
      this.setTableResize(st, used > 50000 ? used * 2 : used * 4);
    }
  }

  /**
   * set_table_resize: a table of the smallest power of two > minused, the active entries reinserted with
   * set_insert_clean in old slot order (dummies dropped; fill = used; the pop finger kept).
   */
  private setTableResize(st: ObjId, minused: number): void {
    const s = this.s;
    const n = s.aux2[st];
    const ns = resizeTarget(minused);
    const oldOff = s.meta[(st << 2) + REF_OFF];
    if (ns === MINSIZE && n === MINSIZE && s.pool[oldOff + 3 * n] === s.meta[(st << 2) + AUX]) return; // no dummies to purge
    const words = tableWords(n);
    if (setScratch.length < words) setScratch = new Int32Array(words * 2);
    const old = setScratch;
    old.set(s.pool.subarray(oldOff, oldOff + words));
    const oldAddr = s.addr2[st];
    s.addr2[st] = ns > MINSIZE ? this.alloc.malloc(16 * ns, st) : 0;
    s.reserveRefs(st, tableWords(ns));
    const off = s.meta[(st << 2) + REF_OFF];
    const t = s.pool;
    t.fill(0, off, off + tableWords(ns));
    for (let i = 0; i < n; i++) if (old[i] !== 0) insertClean(t, off, ns, old[i], old[n + i], old[2 * n + i]);
    t[off + 3 * ns] = s.meta[(st << 2) + AUX];
    t[off + 3 * ns + 1] = old[3 * n + 1];
    s.meta[(st << 2) + REF_LEN] = ns;
    s.aux2[st] = ns;
    if (oldAddr !== 0) this.alloc.free(oldAddr);
  }

  /**
   * SET_UPDATE from the frozenset constant of a set display of constants (3.9+). The compiler builds
   * frozenset(items), and merge_consts_recursive rebuilds it from that frozenset's iteration order, so the
   * constant's table is that of the second build (a third one when intern_constants swaps one of its strs, see
   * SetHashing.reinternsLatin1Chars; a single build on 3.14); then set_merge copies it.
   */
  setMerge(st: ObjId, items: readonly ObjId[]): void {
    const rules = SET_HASHING[this.profile.id];
    const reuse = rules.reuseDummy;
    const s = this.s;
    const reinterned = rules.reinternsLatin1Chars &&
      items.some((x) => (s.meta[x << 2] >>> 24) === K_STR && /^[A-Za-z0-9_]$/.test(s.payload[x] as string));
    let table = new LooseTable();
    for (let pass = 0; pass < rules.constFrozensetBuilds + (reinterned ? 1 : 0); pass++) {
      const order = pass === 0 ? items : table.keys();
      table = new LooseTable();
      for (const x of order) {
        hashInto(this, x);
        table.add(x, HASH[0], HASH[1], this.setKeyEq, reuse);
      }
    }
    this.setMergeTable(st, table.t, table.n, table.used);
  }

  /** set_update_internal(st, other set): set_merge (set(s), s.copy(), s | t, s.update(t), s |= t). */
  setUpdateFromSet(st: ObjId, other: ObjId): void {
    if (other === st) return;
    const s = this.s;
    const n = s.aux2[other];
    const t = new Int32Array(s.pool.subarray(s.meta[(other << 2) + REF_OFF], s.meta[(other << 2) + REF_OFF] + tableWords(n)));
    this.setMergeTable(st, t, n, s.meta[(other << 2) + AUX]);
  }

  /** set_merge from a table (of another set or a frozenset constant): keys are increfed as they are stored. */
  private setMergeTable(st: ObjId, o: Int32Array, on: number, oused: number): void {
    const s = this.s;
    if (oused === 0) return;
    // one big resize first, expecting few overlapping keys
    if ((s.pool[s.meta[(st << 2) + REF_OFF] + 3 * s.aux2[st]] + oused) * 5 >= (s.aux2[st] - 1) * 3) {
      this.setTableResize(st, (s.meta[(st << 2) + AUX] + oused) * 2);
    }
    const n = s.aux2[st];
    const off = s.meta[(st << 2) + REF_OFF];
    const t = s.pool;
    const fill = t[off + 3 * n];
    const ofill = o[3 * on];
    if (fill === 0 && n === on && ofill === oused) {
      // empty table of the same size, no dummies on either side: copy the slots
      for (let i = 0; i < on; i++) {
        if (o[i] !== 0) {
          this.incref(o[i]);
          t[off + i] = o[i];
          t[off + n + i] = o[on + i];
          t[off + 2 * n + i] = o[2 * on + i];
        }
      }
    } else if (fill === 0) {
      for (let i = 0; i < on; i++) {
        if (o[i] !== 0) {
          this.incref(o[i]);
          insertClean(t, off, n, o[i], o[on + i], o[2 * on + i]);
        }
      }
    } else {
      for (let i = 0; i < on; i++) if (o[i] !== 0) this.setAddEntry(st, o[i], o[on + i], o[2 * on + i]);
      return;
    }
    t[off + 3 * n] = oused;
    s.meta[(st << 2) + AUX] = oused;
  }

  /** set_update_internal(st, dict): presize for the dict's size, then add its keys in dict order. */
  setUpdateFromDict(st: ObjId, d: ObjId): void {
    const s = this.s;
    const dn = s.meta[(d << 2) + AUX];
    if ((s.pool[s.meta[(st << 2) + REF_OFF] + 3 * s.aux2[st]] + dn) * 5 >= (s.aux2[st] - 1) * 3) {
      this.setTableResize(st, (s.meta[(st << 2) + AUX] + dn) * 2);
    }
    for (const [k] of this.dictEntries(d)) this.setAdd(st, k);
  }

  /** set_discard_entry: the slot becomes a dummy (no resize). */
  setDiscard(st: ObjId, v: ObjId): boolean {
    const s = this.s;
    hashInto(this, v);
    const n = s.aux2[st];
    const off = s.meta[(st << 2) + REF_OFF];
    const at = lookup(s.pool, off, n, HASH[0], HASH[1], v, this.setKeyEq);
    if (at < 0) return false;
    const x = s.pool[off + at];
    s.pool[off + at] = 0;
    s.pool[off + n + at] = -1;
    s.pool[off + 2 * n + at] = -1;
    s.meta[(st << 2) + AUX]--;
    this.decref(x);
    return true;
  }

  setContains(st: ObjId, v: ObjId): boolean {
    const s = this.s;
    hashInto(this, v);
    return lookup(s.pool, s.meta[(st << 2) + REF_OFF], s.aux2[st], HASH[0], HASH[1], v, this.setKeyEq) >= 0;
  }

  /**
   * set.pop(): the first active slot from the finger on (wrapping), left as a dummy; the finger moves past it.
   * Returns the set's reference (NEW for the caller), or 0 when the set is empty.
   */
  setPop(st: ObjId): ObjId {
    const s = this.s;
    if (s.meta[(st << 2) + AUX] === 0) return 0;
    const n = s.aux2[st];
    const off = s.meta[(st << 2) + REF_OFF];
    const t = s.pool;
    let i = t[off + 3 * n + 1] & (n - 1);
    while (t[off + i] === 0) i = i + 1 > n - 1 ? 0 : i + 1;
    const key = t[off + i];
    t[off + i] = 0;
    t[off + n + i] = -1;
    t[off + 2 * n + i] = -1;
    s.meta[(st << 2) + AUX]--;
    t[off + 3 * n + 1] = i + 1;
    return key;
  }

  /**
   * set_clear_internal (set.clear() and the collector's tp_clear): the set is emptied to a fresh small table first,
   * then the old entries are dropped in slot order and a malloc'ed table freed.
   */
  setClear(st: ObjId): void {
    const s = this.s;
    const n = s.aux2[st];
    const off = s.meta[(st << 2) + REF_OFF];
    const keys: number[] = [];
    for (let i = 0; i < n; i++) if (s.pool[off + i] !== 0) keys.push(s.pool[off + i]);
    const finger = s.pool[off + 3 * n + 1];
    const table = s.addr2[st];
    s.pool.fill(0, off, off + tableWords(n));
    s.pool[off + 3 * MINSIZE + 1] = finger;
    s.meta[(st << 2) + REF_LEN] = MINSIZE;
    s.aux2[st] = MINSIZE;
    s.meta[(st << 2) + AUX] = 0;
    s.addr2[st] = 0;
    for (const k of keys) this.decref(k);
    if (table !== 0) this.alloc.free(table);
  }

  /**
   * set_difference_update_internal: each key of `keys` discarded (st itself: clear), then the table is rebuilt
   * when more than a quarter of it is dummies.
   */
  setDifferenceUpdate(st: ObjId, keys: readonly ObjId[] | ObjId): void {
    if (keys === st) {
      this.setClear(st);
      return;
    }
    const list = typeof keys === 'number' ? this.items(keys) : keys;
    for (const k of list) this.setDiscard(st, k);
    const s = this.s;
    const n = s.aux2[st];
    if (s.pool[s.meta[(st << 2) + REF_OFF] + 3 * n] - s.meta[(st << 2) + AUX] <= Math.floor((n - 1) / 4)) return;
    const used = s.meta[(st << 2) + AUX];
    this.setTableResize(st, used > 50000 ? used * 2 : used * 4);
  }

  /** set_symmetric_difference_update from a set: each of its keys (slot order) discarded, or added if absent. */
  setSymmetricDifferenceUpdate(st: ObjId, other: ObjId): void {
    if (other === st) {
      this.setClear(st);
      return;
    }
    for (const k of this.items(other)) {
      this.incref(k); // the key may have been st's last reference
      if (!this.setDiscard(st, k)) this.setAdd(st, k);
      this.decref(k);
    }
  }

  /**
   * set_swap_bodies (s &= t: set_intersection_update swaps the set with the intersection it built): the tables,
   * fill, used and size change places; each set keeps its own pop finger. (The memory map still names the set the
   * table was malloc'ed for.)
   */
  setSwapBodies(a: ObjId, b: ObjId): void {
    const s = this.s;
    const fa = s.pool[s.meta[(a << 2) + REF_OFF] + 3 * s.aux2[a] + 1];
    const fb = s.pool[s.meta[(b << 2) + REF_OFF] + 3 * s.aux2[b] + 1];
    let t = s.meta[(a << 2) + REF_OFF]; s.meta[(a << 2) + REF_OFF] = s.meta[(b << 2) + REF_OFF]; s.meta[(b << 2) + REF_OFF] = t;
    t = s.refCapLog[a]; s.refCapLog[a] = s.refCapLog[b]; s.refCapLog[b] = t;
    t = s.meta[(a << 2) + REF_LEN]; s.meta[(a << 2) + REF_LEN] = s.meta[(b << 2) + REF_LEN]; s.meta[(b << 2) + REF_LEN] = t;
    t = s.meta[(a << 2) + AUX]; s.meta[(a << 2) + AUX] = s.meta[(b << 2) + AUX]; s.meta[(b << 2) + AUX] = t;
    t = s.aux2[a]; s.aux2[a] = s.aux2[b]; s.aux2[b] = t;
    const ad = s.addr2[a]; s.addr2[a] = s.addr2[b]; s.addr2[b] = ad;
    s.pool[s.meta[(a << 2) + REF_OFF] + 3 * s.aux2[a] + 1] = fa;
    s.pool[s.meta[(b << 2) + REF_OFF] + 3 * s.aux2[b] + 1] = fb;
  }

  /** A new set with the items of `src` (set_copy: make_new_set + set_merge). */
  setCopy(src: ObjId): ObjId {
    const id = this.newSet();
    this.setUpdateFromSet(id, src);
    return id;
  }

  // ------------------------------------------------------------------------------ classes, instances

  /** A class object (heap type) with class attributes `attrs` (name -> value, new references taken). */
  newClass(name: string, opts: ClassOptions = {}, attrs: readonly [string, ObjId][] = []): ObjId {
    const s = this.s;
    const id = this.newGc(K_CLASS, this.profile.sizes.classObject);
    const slots = opts.slots ?? [];
    const hasSlots = opts.slots !== undefined;
    const hasDict = !hasSlots || opts.slotsDict === true;
    const hasWeakref = !hasSlots || opts.slotsWeakref === true;
    this.classes.set(id, {
      name,
      slots: [...slots],
      hasDict,
      hasWeakref,
      hasDel: opts.hasDel === true,
      isGc: true, // heap types always get Py_TPFLAGS_HAVE_GC, even with __slots__ = () (tracked on 3.8-3.13)
      shared: [],
      attrNames: [],
      layout: null,
      keysUsable: sz.SHARED_KEYS_MAX,
      // type_new: _PyDict_NewKeysForClass, an empty 8-slot table (from the keys free list when it has one)
      cachedKeys: hasDict && this.profile.instanceLayout === 'separateDict'
        ? { size: 8, names: [], refcnt: 1, addr: this.allocKeys(id, 8, true) }
        : null,
    });
    this.track(id);
    for (const [k, v] of attrs) this.setAttr(id, k, v);
    return id;
  }

  classInfo(cls: ObjId): ClassInfo {
    const c = this.classes.get(cls);
    if (!c) throw new Error(`${cls} is not a class`);
    return c;
  }

  /** The class of an instance (borrowed). */
  classOf(id: ObjId): ObjId {
    return this.s.meta[(id << 2) + AUX];
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
    const id = info.isGc ? this.newGc(K_INSTANCE, bytes) : this.newAtom(K_INSTANCE, bytes, undefined);
    if (info.hasDel) s.meta[id << 2] |= HASDEL;
    // init_inline_values (3.11+): each new instance takes one from the shared keys' dk_usable while it is > 1.
    if (info.hasDict && this.profile.instanceLayout !== 'separateDict' && info.keysUsable > 1) info.keysUsable--;
    s.meta[(id << 2) + AUX] = cls;
    this.incref(cls);
    if (nrefs > 0) s.reserveRefs(id, nrefs);
    s.meta[(id << 2) + REF_LEN] = nrefs;
    s.aux2[id] = n;
    if (valuesBytes > 0) s.addr2[id] = this.alloc.malloc(valuesBytes, id);
    if (info.isGc) this.track(id);
    return id;
  }

  /** The separate __dict__ of an instance (3.8-3.10, or 3.11/3.12 once materialised), or 0 when it has none
   * (yet). Borrowed. */
  instanceDict(id: ObjId): ObjId {
    const info = this.classes.get(this.s.meta[(id << 2) + AUX]);
    if (!info || !info.hasDict || !this.hasDictObject(id)) return 0;
    return this.s.pool[this.s.meta[(id << 2) + REF_OFF] + info.slots.length];
  }

  /** Whether the instance's attributes live in a dict object (its run is slots + dict) rather than values. */
  private hasDictObject(id: ObjId): boolean {
    return this.profile.instanceLayout === 'separateDict' || (this.s.meta[id << 2] & MANAGED_DICT) !== 0;
  }

  /** `obj.__dict__` on 3.8-3.10 (PyObject_GenericGetDict): the split dict, made now if the instance has none
   * yet. Borrowed; 0 where the layout keeps no dict object (3.11+) or the class has no __dict__. */
  instanceDictForRead(id: ObjId): ObjId {
    const info = this.classes.get(this.s.meta[(id << 2) + AUX]);
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
    if (k === K_CLASS) {
      const i = this.classes.get(obj)!.attrNames.indexOf(name);
      return i < 0 ? 0 : s.pool[s.meta[(obj << 2) + REF_OFF] + i];
    }
    if (k === K_MODULE) return this.dictGetStr(s.pool[s.meta[(obj << 2) + REF_OFF]], name);
    if (k !== K_INSTANCE) return 0;
    const info = this.classes.get(s.meta[(obj << 2) + AUX])!;
    const si = info.slots.indexOf(name);
    if (si >= 0) return s.pool[s.meta[(obj << 2) + REF_OFF] + si];
    if (!info.hasDict) return 0;
    if (this.hasDictObject(obj)) {
      const d = this.instanceDict(obj);
      return d === 0 ? 0 : this.dictGetStr(d, name);
    }
    const vi = info.shared.indexOf(name);
    if (vi < 0 || info.slots.length + vi >= s.meta[(obj << 2) + REF_LEN]) return 0;
    return s.pool[s.meta[(obj << 2) + REF_OFF] + info.slots.length + vi];
  }

  /** Attribute names present on the object, in order (slots first, then dict/values). */
  attrNames(obj: ObjId): string[] {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === K_CLASS) return [...this.classes.get(obj)!.attrNames];
    if (k !== K_INSTANCE) return [];
    const info = this.classes.get(s.meta[(obj << 2) + AUX])!;
    const out = info.slots.filter((_, i) => s.pool[s.meta[(obj << 2) + REF_OFF] + i] !== 0);
    if (!info.hasDict) return out;
    if (this.hasDictObject(obj)) {
      const d = this.instanceDict(obj);
      if (d !== 0) for (const [key] of this.dictEntries(d)) out.push(this.value(key) as string);
      return out;
    }
    for (let i = 0; i < info.shared.length; i++) {
      const at = info.slots.length + i;
      if (at < s.meta[(obj << 2) + REF_LEN] && s.pool[s.meta[(obj << 2) + REF_OFF] + at] !== 0) out.push(info.shared[i]);
    }
    return out;
  }

  /** obj.name = v (PyObject_SetAttr): increfs v, decrefs the old value. */
  setAttr(obj: ObjId, name: string, v: ObjId): void {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === K_CLASS) {
      const info = this.classes.get(obj)!;
      let i = info.attrNames.indexOf(name);
      this.incref(v);
      if (i < 0) {
        i = info.attrNames.length;
        info.attrNames.push(name);
        s.reserveRefs(obj, i + 1);
        s.meta[(obj << 2) + REF_LEN] = i + 1;
        s.pool[s.meta[(obj << 2) + REF_OFF] + i] = 0;
      }
      const old = s.pool[s.meta[(obj << 2) + REF_OFF] + i];
      s.pool[s.meta[(obj << 2) + REF_OFF] + i] = v;
      this.xdecref(old);
      return;
    }
    if (k === K_MODULE) {
      const key = this.intern(name);
      this.dictSetItem(s.pool[s.meta[(obj << 2) + REF_OFF]], key, v);
      this.decref(key);
      return;
    }
    if (k !== K_INSTANCE) throw new PyError('AttributeError', `'${this.typeName(obj)}' object attribute '${name}' is read-only`);
    const info = this.classes.get(s.meta[(obj << 2) + AUX])!;
    const si = info.slots.indexOf(name);
    if (si >= 0) {
      this.incref(v);
      const old = s.pool[s.meta[(obj << 2) + REF_OFF] + si];
      s.pool[s.meta[(obj << 2) + REF_OFF] + si] = v;
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
      this.storingInline = (s.meta[d << 2] & EMBEDDED) !== 0;
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
    if (at >= s.meta[(obj << 2) + REF_LEN]) {
      s.reserveRefs(obj, at + 1);
      for (let i = s.meta[(obj << 2) + REF_LEN]; i <= at; i++) s.pool[s.meta[(obj << 2) + REF_OFF] + i] = 0;
      s.meta[(obj << 2) + REF_LEN] = at + 1;
    }
    this.incref(v);
    const old = s.pool[s.meta[(obj << 2) + REF_OFF] + at];
    s.pool[s.meta[(obj << 2) + REF_OFF] + at] = v;
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
      d = this.newGc(K_DICT, this.profile.sizes.dictObject, this.freeLists.pop('dict'));
      keys.refcnt++;
      s.meta[d << 2] |= SPLIT | UNICODE_KEYS;
      s.aux2[d] = keys.size;
      s.addr2[d] = this.alloc.malloc(8 * sz.usable(keys.size), d);
      this.splitKeys.set(d, keys);
    } else d = this.newDict();
    s.pool[s.meta[(obj << 2) + REF_OFF] + info.slots.length] = d; // the instance owns the new reference
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
    this.keysDecref(cached);
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
      this.keysDecref(cached);
    }
    return ok;
  }

  /** make_keys_shared: a combined all-str (just resized, so compact) table turns split: a new values array. */
  private makeKeysShared(d: ObjId): SharedKeys | null {
    const s = this.s;
    if (!(s.meta[d << 2] & UNICODE_KEYS)) return null;
    const size = s.aux2[d];
    const names = this.dictEntries(d).map(([k]) => this.value(k) as string);
    const keys: SharedKeys = { size, names, refcnt: 2, addr: s.addr2[d] }; // the class's and the dict's
    s.addr2[d] = this.alloc.malloc(8 * sz.usable(size), d);
    s.meta[d << 2] |= SPLIT;
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
    const d = this.newGc(K_DICT, this.profile.sizes.dictObject, this.freeLists.pop('dict'));
    s.meta[d << 2] |= SPLIT | UNICODE_KEYS;
    if (this.profile.instanceLayout === 'inline') s.meta[d << 2] |= EMBEDDED;
    s.aux2[d] = SHARED_KEYS_TABLE;
    this.managedDictClass.set(d, info);
    const off0 = s.meta[(obj << 2) + REF_OFF] + info.slots.length;
    const n = s.meta[(obj << 2) + REF_LEN] - info.slots.length;
    for (let i = 0; i < n; i++) {
      const v = s.pool[off0 + i];
      if (v === 0) continue;
      const key = this.intern(info.shared[i]);
      this.dictSetItem(d, key, v); // maintains tracking as make_dict_from_instance_attributes does
      this.decref(key);
      s.pool[s.meta[(obj << 2) + REF_OFF] + info.slots.length + i] = 0;
      this.decref(v); // the dict holds it now
    }
    s.addr2[d] = s.addr2[obj]; // the values array is the dict's now
    s.addr2[obj] = 0;
    s.pool[s.meta[(obj << 2) + REF_OFF] + info.slots.length] = d; // the instance owns the new reference
    s.meta[(obj << 2) + REF_LEN] = info.slots.length + 1;
    s.meta[obj << 2] |= MANAGED_DICT;
    return d;
  }

  /** 3.13+ _PyDict_DetachFromObject: a dict embedding a dying instance's values gets its own copy of them. */
  private detachEmbeddedDict(obj: ObjId): void {
    const s = this.s;
    const d = s.pool[s.meta[(obj << 2) + REF_OFF] + s.meta[(obj << 2) + REF_LEN] - 1];
    if (d === 0 || !(s.meta[d << 2] & EMBEDDED)) return;
    s.meta[d << 2] &= ~EMBEDDED;
    s.addr2[d] = this.alloc.malloc(sz.inlineValuesBytes(s.aux2[obj]), d);
  }

  /** del obj.name; false when absent (AttributeError is the interpreter's). */
  delAttr(obj: ObjId, name: string): boolean {
    const s = this.s;
    const k = (s.meta[obj << 2] >>> 24);
    if (k === K_MODULE) {
      const key = this.intern(name);
      const ok = this.dictDelItem(s.pool[s.meta[(obj << 2) + REF_OFF]], key);
      this.decref(key);
      return ok;
    }
    if (k === K_CLASS) {
      const info = this.classes.get(obj)!;
      const i = info.attrNames.indexOf(name);
      if (i < 0) return false;
      const off = s.meta[(obj << 2) + REF_OFF];
      const old = s.pool[off + i];
      for (let j = i; j < s.meta[(obj << 2) + REF_LEN] - 1; j++) s.pool[off + j] = s.pool[off + j + 1];
      s.meta[(obj << 2) + REF_LEN]--;
      info.attrNames.splice(i, 1);
      this.xdecref(old);
      return true;
    }
    if (k !== K_INSTANCE) return false;
    const info = this.classes.get(s.meta[(obj << 2) + AUX])!;
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
    if (at < 0 || at >= s.meta[(obj << 2) + REF_LEN]) return false;
    const old = s.pool[s.meta[(obj << 2) + REF_OFF] + at];
    if (old === 0) return false;
    s.pool[s.meta[(obj << 2) + REF_OFF] + at] = 0;
    this.decref(old);
    return true;
  }

  // ------------------------------------------------------------------- functions, modules, methods, cells

  /** A function object holding its globals dict and closure cells. */
  newFunction(name: string, globals: ObjId = this.globals, closure: readonly ObjId[] = []): ObjId {
    const s = this.s;
    const id = this.newGc(K_FUNCTION, this.profile.sizes.functionObject);
    s.payload[id] = name;
    const refs = [globals, ...closure];
    s.reserveRefs(id, refs.length);
    for (let i = 0; i < refs.length; i++) {
      s.pool[s.meta[(id << 2) + REF_OFF] + i] = refs[i];
      this.incref(refs[i]);
    }
    s.meta[(id << 2) + REF_LEN] = refs.length;
    this.track(id);
    return id;
  }

  /** A module object owning `dict` (a new reference to it is taken); held by sys.modules. */
  newModule(name: string, dict?: ObjId): ObjId {
    const s = this.s;
    const d = dict ?? this.newDict();
    if (dict !== undefined) this.incref(d);
    const id = this.newGc(K_MODULE, this.profile.sizes.moduleObject);
    s.payload[id] = name;
    s.reserveRefs(id, 1);
    s.pool[s.meta[(id << 2) + REF_OFF]] = d;
    s.meta[(id << 2) + REF_LEN] = 1;
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
    const id = this.newGc(K_METHOD, this.profile.sizes.cfunctionObject, this.freeLists.pop('cfunction'));
    s.meta[id << 2] |= CFUNC;
    if (self !== 0) {
      s.reserveRefs(id, 1);
      s.pool[s.meta[(id << 2) + REF_OFF]] = self;
      s.meta[(id << 2) + REF_LEN] = 1;
      this.incref(self);
    } else s.meta[(id << 2) + REF_LEN] = 0;
    this.track(id);
    return id;
  }

  /** A bound method (function + self). */
  newMethod(fn: ObjId, self: ObjId): ObjId {
    const s = this.s;
    const id = this.newGc(K_METHOD, this.profile.sizes.methodObject, this.freeLists.pop('method'));
    s.reserveRefs(id, 2);
    s.pool[s.meta[(id << 2) + REF_OFF]] = fn;
    s.pool[s.meta[(id << 2) + REF_OFF] + 1] = self;
    s.meta[(id << 2) + REF_LEN] = 2;
    this.incref(fn);
    this.incref(self);
    this.track(id);
    return id;
  }

  newCell(content: ObjId = 0): ObjId {
    const s = this.s;
    const id = this.newGc(K_CELL, this.profile.sizes.cellObject);
    s.reserveRefs(id, 1);
    s.pool[s.meta[(id << 2) + REF_OFF]] = content;
    s.meta[(id << 2) + REF_LEN] = 1;
    if (content !== 0) this.incref(content);
    this.track(id);
    return id;
  }

  cellGet(c: ObjId): ObjId {
    return this.s.pool[this.s.meta[(c << 2) + REF_OFF]];
  }

  cellSet(c: ObjId, v: ObjId): void {
    const off = this.s.meta[(c << 2) + REF_OFF];
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
    const off = s.meta[(id << 2) + REF_OFF];
    for (let i = 0; i < s.meta[(id << 2) + REF_LEN]; i++) if (s.pool[off + i] !== 0) out.push(s.pool[off + i]);
    if ((s.meta[id << 2] >>> 24) === K_INSTANCE) out.push(s.meta[(id << 2) + AUX]);
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
    for (let id = FIRST_ID; id < s.top; id++) if ((s.meta[id << 2] >>> 24) !== K_FREE) yield id;
  }

  /** sys.getsizeof */
  sizeof(id: ObjId): number {
    const s = this.s;
    const p = this.profile;
    const S = p.sizes;
    switch ((s.meta[id << 2] >>> 24) as Kind) {
      case K_INT:
        return sz.intSizeof(p, sz.intDigits(s.payload[id] as bigint));
      case K_BOOL:
        return s.payload[id] ? S.intBase + 4 : S.intZeroSize;
      case K_NONE:
        return 16;
      case K_FLOAT:
        return S.floatObject;
      case K_STR:
        return (s.payload[id] as string).length === 0 ? S.strAsciiHeader + 1 : sz.strRequest(p, s.payload[id] as string);
      case K_BYTES:
        return S.bytesBase + (s.payload[id] as Uint8Array).length;
      case K_TUPLE:
        return S.tupleBase + 8 * s.meta[(id << 2) + REF_LEN];
      case K_LIST:
        return S.listObject + 8 * s.meta[(id << 2) + AUX];
      case K_DICT: {
        const size = s.aux2[id];
        if (size === 0) return S.dictObject;
        const shared = this.splitKeys.get(id);
        if (shared) {
          // 3.8-3.10 _PyDict_SizeOf: the values array, plus the keys once this dict is their only user
          const keysBytes = shared.refcnt === 1 ? sz.dictKeysBytes(p, shared.size, true) : 0;
          return S.dictObject + 8 * sz.usable(shared.size) + keysBytes;
        }
        if (s.meta[id << 2] & SPLIT) {
          // 3.11+: shared_keys_usable_size (dk_nentries + dk_usable) of the class's keys, read now
          const cls = this.managedDictClass.get(id);
          if (cls !== undefined) return S.dictObject + 8 * (cls.shared.length + cls.keysUsable);
          return S.dictObject + 8 * sz.usable(size);
        }
        return S.dictObject + sz.dictKeysBytes(p, size, (s.meta[id << 2] & UNICODE_KEYS) !== 0);
      }
      case K_SET:
        return S.setObject + (s.aux2[id] > 8 ? 16 * s.aux2[id] : 0);
      case K_INSTANCE: {
        const info = this.classes.get(s.meta[(id << 2) + AUX])!;
        const [bytes] = this.instanceRequest(info);
        return p.instanceLayout === 'inline' && info.hasDict ? S.instanceObject + 8 * info.slots.length : bytes;
      }
      case K_CLASS:
        return S.classObject;
      case K_FUNCTION:
        return S.functionObject;
      case K_MODULE:
        return S.moduleObject;
      case K_WEAKREF:
        return S.weakrefObject;
      case K_METHOD:
        return this.s.meta[id << 2] & CFUNC ? S.cfunctionObject : S.methodObject;
      case K_CELL:
        return S.cellObject;
      default:
        return 0;
    }
  }

  freeListCounts(): FreeListCounts {
    return this.freeLists.counts();
  }

  /** The GC-object free-list state note for `is_finalized`. */
  isFinalized(id: ObjId): boolean {
    return (this.s.meta[id << 2] & FINALIZED) !== 0;
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
