// What the interpreter needs of the heap, in one interface. It follows the agreed engine API (CPython's
// reference conventions: constructors return NEW references, stores incref the stored value, getters
// return BORROWED ids). `heap-adapter.ts` binds it to the heap engineer's `Heap`; keeping the seam here
// means a renamed heap method is a one-line change.
import type { ObjId } from '../heap/kinds';
import type { TypeParts } from '../heap/heap';

export type { ObjId };

/** Kinds as the interpreter distinguishes them (the heap's Kind plus interpreter-owned static objects). */
export type PyKind =
  | 'none' | 'bool' | 'int' | 'float' | 'str' | 'bytes' | 'tuple' | 'list' | 'dict' | 'set' | 'instance'
  | 'class' | 'function' | 'module' | 'weakref' | 'method' | 'cell' | 'builtin'
  /** A bound builtin method taken as a value (`l.append`): a heap object holding its self. */
  | 'bmethod'
  /** A member or getset descriptor in a class's dict. */
  | 'descriptor';

export interface GcCollectResult {
  collected: number;
  uncollectable: number;
}

export interface HostHooks {
  /** Run `__del__` of obj (the heap holds a temporary reference); returns what it printed. */
  finalize(obj: ObjId): string | void;
  /** Call a weakref callback with the weakref; returns what it printed. */
  weakrefCallback(callback: ObjId, wr: ObjId): string | void;
  /** Call every function in gc.callbacks (phase 'start' | 'stop'). */
  gcCallbacks(phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void;
}

export interface HeapPort {
  readonly None: ObjId;
  readonly True: ObjId;
  readonly False: ObjId;
  /** The __main__ module's globals dict (a root). */
  readonly globals: ObjId;
  setHost(h: HostHooks): void;
  /** A reference the interpreter itself keeps for good (code constants, module attributes, caches): the heap
   * counts it among its internal references so the invariant refcount = references + roots + internal holds. */
  keep(id: ObjId): void;
  /** Undo one keep() (before the interpreter drops that reference). */
  release(id: ObjId): void;
  /** An interned str (identifiers): one object per text, held by the heap's interning table. NEW reference. */
  internStr(s: string): ObjId;

  kind(id: ObjId): PyKind;
  incref(id: ObjId): void;
  decref(id: ObjId): void;
  /** ob_refcnt as sys.getrefcount reports it (immortal value on 3.12+). */
  refcount(id: ObjId): number;
  address(id: ObjId): number;
  getsizeof(id: ObjId): number;
  /** How many objects are alive (for the memory limit). */
  liveObjects(): number;

  // ---- constructors: NEW references ----
  newInt(v: bigint): ObjId;
  newFloat(x: number): ObjId;
  newStr(s: string): ObjId;
  newBytes(s: string): ObjId;
  /** Items are increfed (PyTuple_Pack). */
  newTuple(items: readonly ObjId[]): ObjId;
  /** PyTuple_New then filled (Py_BuildValue, PyTuple_Pack): tracked whatever it holds, even on 3.14. */
  newTupleTracked(items: readonly ObjId[]): ObjId;
  /** Items are increfed. */
  newList(items: readonly ObjId[]): ObjId;
  newDict(): ObjId;
  /** `dict(...)`: dict_new (tp_alloc, not the free list; 3.8-3.9 with an 8-slot table). */
  newDictFromType(): ObjId;
  /** A bound builtin method made and dropped inside one call (a PyCFunctionObject; 3.8 has a free list of
   * them). Its self is left out: nothing can reach it. New reference. */
  newTransientBuiltinMethod(): ObjId;
  /** A frame object's stand-in (3.8-3.10): a dict on the frame free list, not the dict one. */
  newFrameStandIn(): ObjId;
  newSet(): ObjId;
  newModule(name: string): ObjId;
  /** A Python function; `code` is the interpreter's compiled body (opaque to the heap). */
  newFunction(name: string, code: unknown, defaults: ObjId /* tuple or 0 */, globals: ObjId): ObjId;
  /**
   * A heap type. `slots` null = instances have a __dict__. With `parts` (a class statement: the namespace dict
   * and the bases tuple, both borrowed) type_new's objects (heap.newClass); without, a bare stand-in of a builtin type.
   */
  newClass(name: string, bases: readonly ObjId[], slots: readonly string[] | null, hasDel: boolean, parts?: TypeParts): ObjId;
  newInstance(cls: ObjId): ObjId;
  newMethod(fn: ObjId, self: ObjId): ObjId;
  /** A constant tuple made at compile time, in the state it would have had if made when the program started,
   * as CPython compiles the whole file first (heap.newConstantTuple). Items are increfed. */
  newConstantTuple(items: readonly ObjId[]): ObjId;
  /** `obj.name` for a method of a builtin type: a builtin_function_or_method holding obj. */
  newBuiltinMethod(self: ObjId, name: string): ObjId;
  /** The self and method name of a 'bmethod' (borrowed). */
  builtinMethodParts(m: ObjId): [ObjId, string];
  newWeakref(target: ObjId, callback: ObjId /* or 0 */): ObjId;
  /** Interpreter-owned immortal object (builtin function, builtin type, exception class): never freed, not GC;
   * with `gc` (modules) it counts as a tracked GC object (is_tracked, dicts holding it stay tracked). */
  newStatic(name: string, data: unknown, gc?: boolean): ObjId;

  // ---- values ----
  intValue(id: ObjId): bigint;
  floatValue(id: ObjId): number;
  strValue(id: ObjId): string;
  bytesValue(id: ObjId): string;
  staticData(id: ObjId): unknown;
  functionCode(fn: ObjId): unknown;
  functionDefaults(fn: ObjId): ObjId;
  functionName(fn: ObjId): string;
  methodParts(m: ObjId): [fn: ObjId, self: ObjId];
  /** The type of a 'descriptor' object. */
  descriptorType(d: ObjId): 'member_descriptor' | 'getset_descriptor';
  /** A class statement's type: its __dict__, __mro__ and __bases__ (borrowed); null for the bare stand-ins. */
  classParts(cls: ObjId): [dict: ObjId, mro: ObjId, bases: ObjId] | null;
  /** Borrowed referent, or 0 once the referent died. */
  weakrefTarget(wr: ObjId): ObjId;
  weakrefCallback(wr: ObjId): ObjId;
  moduleName(m: ObjId): string;

  // ---- tuples and lists (borrowed reads, stores incref) ----
  seqLen(id: ObjId): number;
  /** len() of a tuple, list, dict or set. */
  seqLenOrSize(id: ObjId): number;
  seqItem(id: ObjId, i: number): ObjId;
  listAppend(l: ObjId, v: ObjId): void;
  listSet(l: ObjId, i: number, v: ObjId): void;
  listInsert(l: ObjId, i: number, v: ObjId): void;
  /** Removes item i and returns it as a NEW reference (the list's reference moves to the caller). */
  listPop(l: ObjId, i: number): ObjId;
  /** Replaces items [lo, hi) with `items` (increfed), like list_ass_slice. */
  listSetSlice(l: ObjId, lo: number, hi: number, items: readonly ObjId[]): void;
  listClear(l: ObjId): void;

  // ---- dicts: lookup by Python equality/hash of atoms, identity otherwise ----
  dictLen(d: ObjId): number;
  dictGet(d: ObjId, key: ObjId): ObjId; // borrowed or 0
  dictSet(d: ObjId, key: ObjId, v: ObjId): void;
  dictDel(d: ObjId, key: ObjId): boolean;
  dictClear(d: ObjId): void;
  /** Borrowed keys and values in insertion order. */
  dictEntries(d: ObjId): [ObjId, ObjId][];
  /** dict_merge of a dict into `target` (presized once, as CPython does). */
  dictMerge(target: ObjId, other: ObjId): void;
  /** PyDict_Copy. */
  dictCopy(d: ObjId): ObjId;

  // ---- sets ----
  setLen(s: ObjId): number;
  setAdd(s: ObjId, v: ObjId): void;
  /** SET_UPDATE from a frozenset of `items` (equal items kept once, the first wins): set_merge's presizing. */
  setUpdateFrozen(s: ObjId, items: readonly ObjId[]): void;
  setDiscard(s: ObjId, v: ObjId): boolean;
  setHas(s: ObjId, v: ObjId): boolean;
  /** Borrowed items in the table's slot order (iteration, repr, get_referents). */
  setItems(s: ObjId): ObjId[];
  /** set.pop(): a NEW reference, or 0 when the set is empty. */
  setPop(s: ObjId): ObjId;
  setClear(s: ObjId): void;
  /** A new set with the items of `src` (set_copy). */
  setCopy(src: ObjId): ObjId;
  /** set_update_internal from a set (set_merge) or from a dict (presized, dict order). */
  setUpdateFromSet(s: ObjId, other: ObjId): void;
  setUpdateFromDict(s: ObjId, d: ObjId): void;
  /** s -= other (a set, or borrowed keys). */
  setDifferenceUpdate(s: ObjId, other: ObjId | readonly ObjId[]): void;
  /** set_swap_bodies: tables, fill, used and size change places (s &= t). */
  setSwapBodies(a: ObjId, b: ObjId): void;
  /** s ^= other (a set). */
  setSymmetricDifferenceUpdate(s: ObjId, other: ObjId): void;
  /** hash(x) (PYTHONHASHSEED=0 for str/bytes); raises TypeError for unhashable objects. */
  hash(v: ObjId): bigint;

  // ---- classes and instances ----
  classOf(inst: ObjId): ObjId;
  className(cls: ObjId): string;
  classBases(cls: ObjId): ObjId[];
  /** Class attribute defined on this class itself (not its bases): borrowed or 0. */
  classGet(cls: ObjId, name: string): ObjId;
  classSet(cls: ObjId, name: string, v: ObjId): void;
  classDel(cls: ObjId, name: string): boolean;
  classSlots(cls: ObjId): readonly string[] | null;
  /** An object unique to this class's lifetime (ids are reused after a class dies): a cache key. */
  classToken(cls: ObjId): object;
  /** Borrowed attribute value of an instance (own attributes/slots only), or 0. */
  instanceGet(inst: ObjId, name: string): ObjId;
  /** inst.__dict__ (3.8-3.10: the split dict; 3.11+: made from the values at first read, on 3.13+ embedding
   * them): a new reference; 0 when the class has no __dict__. */
  instanceDict(inst: ObjId): ObjId;
  instanceSet(inst: ObjId, name: string, v: ObjId): void;
  instanceDel(inst: ObjId, name: string): boolean;
  /** The attribute names of an instance in order. */
  instanceAttrs(inst: ObjId): string[];

  // ---- roots: frames and the value stack ----
  pushFrame(fn: ObjId, nlocals: number): void;
  getLocal(i: number): ObjId;
  /** Non-empty locals of the innermost frame (borrowed). */
  frameLocals(): ObjId[];
  /** Borrowed value of a str-keyed dict entry without creating a str (globals lookups), or 0. */
  dictGetStr(d: ObjId, key: string): ObjId;
  /** A str's dict lookup key, computed once; dictGetKeyed(d, key) is dictGetStr without building the key. */
  lookupKey(str: ObjId): string;
  dictGetKeyed(d: ObjId, key: string): ObjId;
  dictSetKeyed(d: ObjId, keyObj: ObjId, key: string, v: ObjId): void;
  popFrame(): void;
  setLocal(i: number, v: ObjId): void;
  pushTemp(v: ObjId): void;
  popTemp(): ObjId;
  /** 3.12+: run the collection scheduled by an allocation, if any (eval-breaker check). */
  evalBreaker(): void;

  // ---- the gc module ----
  gcEnable(): void;
  gcDisable(): void;
  gcIsEnabled(): boolean;
  gcCollect(generation: number): GcCollectResult;
  gcGetCount(): [number, number, number];
  gcGetThreshold(): [number, number, number];
  gcSetThreshold(t0: number, t1?: number, t2?: number): void;
  gcFreeze(): void;
  gcUnfreeze(): void;
  gcGetFreezeCount(): number;
  gcGetStats(): { collections: number; collected: number; uncollectable: number }[];
  gcSetDebug(flags: number): void;
  gcGetDebug(): number;
  /** The gc.garbage list (borrowed). */
  gcGarbage(): ObjId;
  gcGetObjects(generation?: number): ObjId[];
  gcGetReferents(id: ObjId): ObjId[];
  gcGetReferrers(id: ObjId): ObjId[];
  gcIsTracked(id: ObjId): boolean;
  gcIsFinalized(id: ObjId): boolean;
  /** sys._debugmallocstats() text (allocator report). */
  mallocStats(): string;
}
