// Object kinds and per-object flag bits of the struct-of-arrays heap.

/** An object id: an index into the heap's typed arrays. 0 is never an object (it plays NULL). */
export type ObjId = number;

export const Kind = {
  Free: 0,
  None: 1,
  Bool: 2,
  Int: 3,
  Float: 4,
  Str: 5,
  Bytes: 6,
  Tuple: 7,
  List: 8,
  Dict: 9,
  Set: 10,
  Instance: 11,
  Class: 12,
  Function: 13,
  Module: 14,
  Weakref: 15,
  Method: 16,
  Cell: 17,
  /** A member or getset descriptor a class statement puts in the type's dict (holds the type). */
  Descr: 18,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Ids from here up are the interpreter's static objects (builtin functions and types, modules): they live
 * outside the heap's arrays, the heap neither counts nor frees them. */
export const STATIC_ID_BASE = 1 << 29;

/** Ids from here up: interpreter-owned static objects that are GC objects in CPython (modules). They sit
 * beyond the heap's arrays (flags read undefined) but count as tracked, so a dict holding one stays tracked. */
export const STATIC_GC_BASE = 0x30000000;

/** Python type names, for reprs and get_objects listings. */
export const KIND_NAMES: Record<Kind, string> = {
  0: '<freed>',
  1: 'NoneType',
  2: 'bool',
  3: 'int',
  4: 'float',
  5: 'str',
  6: 'bytes',
  7: 'tuple',
  8: 'list',
  9: 'dict',
  10: 'set',
  11: 'instance',
  12: 'type',
  13: 'function',
  14: 'module',
  15: 'weakref',
  16: 'method',
  17: 'cell',
  18: 'member_descriptor',
};

/** Kinds whose type has Py_TPFLAGS_HAVE_GC (instances depend on their class, see Heap.newInstance). */
export const GC_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  Kind.Tuple, Kind.List, Kind.Dict, Kind.Set, Kind.Instance, Kind.Class, Kind.Function, Kind.Module,
  Kind.Weakref, Kind.Method, Kind.Cell, Kind.Descr,
]);

// Flag bits (Uint16 per object).
export const F_GC = 1; // the type is a GC type (has a PyGC_Head)
export const F_TRACKED = 2; // linked in some generation list
export const F_FINALIZED = 4; // __del__ already ran (the FINALIZED bit of _gc_prev)
export const F_COLLECTING = 8; // member of the set being collected
export const F_UNREACHABLE = 16; // tentatively unreachable (NEXT_MASK_UNREACHABLE)
export const F_IMMORTAL = 32; // PEP 683 immortal (3.12+) or a never-freed singleton
export const F_OLDSPACE = 64; // incremental GC: the object's old-space bit
export const F_FROM_FREELIST = 128; // its memory is a block taken from a type free list
export const F_UNICODE_KEYS = 256; // dict: all-str keys table (16-byte entries on 3.11+)
export const F_SPLIT = 512; // dict: split table of an instance __dict__ (3.8-3.10)
export const F_HASDEL = 1024; // instance: its class defines __del__ (tp_finalize)
export const F_FRAME = 2048; // dict standing in for a frame object (3.8-3.10): uses the frame free list, not the dict one
export const F_MANAGED_DICT = 4096; // instance (3.11+): its attributes moved into a materialised __dict__ (run = slots + dict)
export const F_EMBEDDED = 8192; // dict (3.13+): embeds its owner's inline values: the owner visits them, the dict nothing
export const F_CFUNC = 16384; // method standing in for a bound builtin method (3.8 PyCFunctionObject): its own free list

/** Kinds that keep a value in Store.payload. */
export const hasPayload = (k: number): boolean => k <= 6 || k === 13 || k === 14;
