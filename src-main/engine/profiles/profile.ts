// The shape of one version's table (reference §0.3, §2, §3, §4, §5.10, §6). Code reads these fields and never
// compares version numbers itself.
import type { ProfileId, PymallocConfig } from './types';

export type GcKind = 'classic' | 'incremental';

/** Byte requests and `sys.getsizeof` constants (64-bit), reference §2 and §6 / sizes.out. */
export interface SizeTable {
  gcHeader: number; // PyGC_Head in front of every GC object
  /** 3.11+: pre-header (dict + values / weakref pointers) before the GC header of plain instances. */
  instancePreHeader: number;
  listObject: number; // request for the list struct incl. GC header
  tupleBase: number; // request = tupleBase + 8 * n (incl. GC header)
  dictObject: number; // request for the dict struct incl. GC header
  dictKeysHeader: number; // PyDictKeysObject header
  dictEntryGeneric: number; // entry with a hash (non-str keys)
  dictEntryUnicode: number; // entry of an all-str keys table
  setObject: number; // incl. the 8-entry small table and GC header
  floatObject: number;
  intBase: number; // offsetof(ob_digit)
  /** Request for a one-digit int made by arithmetic (28 on 3.8-3.10, 32 on 3.11+). */
  intOneDigit: number;
  /** sys.getsizeof(0). */
  intZeroSize: number;
  strAsciiHeader: number; // compact ASCII header; request = header + n + 1
  strCompactHeader: number; // compact non-ASCII header; request = header + (n + 1) * charSize
  bytesBase: number; // request = bytesBase + n
  /** Instance struct (incl. GC header and pre-header) of a class with __dict__ and __weakref__, without slots. */
  instanceObject: number;
  instanceSlotsBase: number; // instance of a class with __slots__ only: GC 16 + PyObject 16 (+ 8 per slot)
  weakrefObject: number;
  functionObject: number;
  cellObject: number;
  methodObject: number;
  /** 3.8 PyCFunctionObject incl. GC header (a bound builtin method). */
  cfunctionObject: number;
  moduleObject: number;
  classObject: number; // heap type struct (approximation, see profiles/README)
  /** The part of a class's getsizeof that is its ht_cached_keys (classes whose instances have a __dict__). */
  classCachedKeys: number;
  /** A member or getset descriptor (PyMemberDescrObject / PyGetSetDescrObject) incl. GC header. */
  descriptorObject: number;
  /** A super object (type, obj, obj_type) incl. GC header: init_subclass makes one per class statement. */
  superObject: number;
}

export interface FreeListTable {
  float: number;
  list: number;
  dict: number;
  dictKeys: number;
  /** frameobject.c free_list (PyFrame_MAXFREELIST); 0 where frames are not heap objects (3.11+). */
  frame: number;
  /** classobject.c free_list of bound methods (PyMethod_MAXFREELIST 256 on 3.8; gone in 3.9). */
  method: number;
  /** methodobject.c free_list of PyCFunctionObjects (PyCFunction_MAXFREELIST 256 on 3.8; gone in 3.9). */
  cfunction: number;
  /** Tuples of length 1..tupleMaxLength have a free list each. */
  tupleMaxLength: number;
  tuplePerLength: number;
}

export interface IncrementalTable {
  scanRateDivisor: number; // 10: one increment scans ~1% of the heap with the default scale 10
  /** Cap of the per-increment extra work as a multiple of the new objects (2 in 3.14.2, measured; 3/2 in 3.14.0). */
  workCapFactor: number;
  initialWorkToDo: number; // -5000
  /** How many times the mark phase subtracts the objects it marked from work_to_do (2: gh-141890, 3.14.0-3.14.2). */
  markCountedTimes: number;
  /**
   * GC objects of the interpreter's own startup heap, counted in heap_size (which sets how much of the pending
   * space an increment scans). Pyodide 3.14.2: 20078 (about 20100 tracked objects when a program starts, less
   * the lab's own module, globals and gc lists, which the lab counts itself).
   */
  startupHeapSize: number;
  /**
   * How many of those objects a mark phase marks when they are in the pending space (reachable from the roots;
   * the rest are alive through C references only). Pyodide 3.14.2: 19077, from the first work_to_do that lets an
   * increment collect after gc.collect() (tests/engine/incremental-314.test.ts).
   */
  startupMarked: number;
}

export interface Profile {
  id: ProfileId;
  /** Human label, e.g. "CPython 3.12". */
  label: string;
  gcKind: GcKind;
  thresholds: readonly [number, number, number];
  /** When count0 passes the threshold: collect inside the allocation (<=3.11) or at the next eval-breaker check. */
  trigger: 'synchronous' | 'evalBreaker';
  /** What count0 counts: GC allocations minus GC frees, or tracked objects (3.14.1-3.14.4, gh-139951). */
  count0Rule: 'allocations' | 'tracked';
  /** Immortal refcount reported by sys.getrefcount for immortal objects, or null when there is no immortality. */
  immortalRefcnt: number | null;
  /** 3.11: static singletons start at 999999999 and are still counted. null elsewhere. */
  staticRefcntBase: number | null;
  /** What update_refs does with an immortal tracked object: move to the permanent generation, untrack it, or n/a. */
  immortalInCollection: 'none' | 'permanent' | 'untrack';
  /**
   * Immortal interpreter objects the first collection moves to the permanent generation (3.12.1: gc.get_freeze_count()
   * is 375 right after startup; 0 on 3.13.0). They are not in the lab's heap; only the count is reproduced.
   */
  startupFrozen: number;
  /** Tuples at creation: always tracked, or only when an item's type is a GC type (3.14.1+). */
  tupleTrackAtCreation: 'always' | 'ifGcItem';
  /** Dicts: lazily tracked and untracked by full collections (<=3.13), or tracked at creation and never untracked. */
  dictTracking: 'lazy' | 'always';
  /** After __del__: 3.8 keeps the whole unreachable set if anything was resurrected; 3.9+ only the resurrected part. */
  resurrection: 'wholeSet' | 'resurrectedOnly';
  /** gc.is_finalized exists (3.9+). */
  hasIsFinalized: boolean;
  /** 3.14.4+ (gh-91636): clear weakrefs to the final unreachable set a second time, without callbacks. */
  secondWeakrefClear: boolean;
  /** Where plain-instance attributes live (reference §0.3). */
  instanceLayout: 'separateDict' | 'preHeader' | 'managed' | 'inline';
  /** List over-allocation: 3.8's `n + n/8 + (n < 9 ? 3 : 6)` or 3.9+'s `(n + n/8 + 6) & ~3`. */
  listGrowth: 'py38' | 'py39';
  /**
   * Slots of a resized dict keys table for `minsize` (dictresize): 3.8-3.9 loop to the smallest power of two
   * >= minsize; 3.10+ calculate_keysize / calculate_log2_keysize, 1 << bit_length(((minsize | 8) - 1) | 7),
   * which gives 16, not 8, for minsize 1..7 (a resize with 1 or 2 keys left after deletions, or a non-str key).
   */
  dictKeysize: 'smallestAtLeast' | 'bitLength';
  /**
   * The first non-str key stored in a combined all-str table: 3.8-3.10 only switch the lookup function (the
   * entries are the same); 3.11+ insertion_resize to a general table. A split table resizes on every version.
   */
  dictNonStrKey: 'relookup' | 'resize';
  /**
   * `dict(...)` (dict_new: tp_alloc, never the dict free list) starts with 3.8-3.9 an 8-slot keys table
   * (new_keys_object(PyDict_MINSIZE): getsizeof(dict()) 232), 3.10+ the shared empty keys (64).
   */
  dictNewKeys: 'minsize' | 'empty';
  /** dict_merge into an empty dict clones a clean combined source's table first (3.10+). */
  dictMergeClones: boolean;
  sizes: SizeTable;
  freeLists: FreeListTable;
  /** Present only for the incremental collector profile. */
  incremental: IncrementalTable | null;
  pymalloc: PymallocConfig;
}
