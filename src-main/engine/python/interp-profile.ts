// What the interpreter itself does differently per CPython version (the heap's differences live in
// engine/profiles). Checked against 3.8.18-3.13.0 with the scripts noted beside each field.
import type { ProfileId } from '../profiles/types';

export interface InterpProfile {
  /** <=3.10: call arguments stay on the caller's stack while the callee runs (getrefcount(param) is one higher). */
  argsStayOnCallerStack: boolean;
  /** Wording of UnboundLocalError. */
  unboundLocal: 'referenced' | 'cannotAccess';
  /** Traceback caret lines when the source is known: none (<=3.10), binop/subscript anchors (3.11-3.12), plus calls (3.13+). */
  carets: 'none' | 'anchors' | 'anchorsCalls';
  /** "Did you mean: ...?" after NameError/AttributeError (3.10+). */
  suggestions: boolean;
  /** TypeError about arguments names the qualified name (3.10+: "C.m() takes ..."). */
  qualnameInArgErrors: boolean;
  /** A list display of 3+ constants: BUILD_LIST (3.8), or BUILD_LIST 0 + LIST_EXTEND of a constant tuple
   * (3.9: list_resize over-allocation; 3.10+: preallocated to an even size). */
  constListDisplay: 'build' | 'extendResize' | 'extendEven';
  /** list(iterable of known length): exact (3.8, 3.9) or rounded up to even (3.10+, list_preallocate_exact). */
  listFromSized: 'exact' | 'even';
  /**
   * GC objects print() allocates, served by free lists (so only the first print after a full collection, which
   * empties them, is seen by count0): measured with gc.get_count() around print calls. boundWrite: 3.8 fetches
   * `file.write` as a bound builtin method (a PyCFunctionObject, its own free list); 3.9+ call it through
   * LOAD_METHOD-style vectorcall (_PyObject_VectorcallMethod), with no bound object. base: 1-tuples. kwnames: when
   * print's argument parser (_PyArg_Parser) makes its keyword-names tuple ('sep', 'end', 'file', 'flush'), a
   * tracked tuple alive for good: at the first print given keywords (3.8-3.10, where calls without keywords skip
   * the parser), at the first print (3.11), never (3.12+: static). Measured: after gc.collect(), the first
   * print('a', end='') costs one more count0 and one more gc.get_objects() entry than the next one on 3.8-3.10.
   * The io layer's own list: lineBufferedPendingList.
   */
  printAllocs: { base: number; kwnames: 'firstKeywords' | 'firstCall' | null; boundWrite: number };
  /** 3.11-3.13: print is Argument Clinic code with `*args`, which packs the positional arguments into a tuple
   * (PyTuple_New(nargs): the tuple free list of that size; none for print()). Measured: after gc.collect(),
   * print(1) then print(1, 2) cost +1 each, print(1, 2) twice +1 in all, print() 0. */
  printArgsTuple: boolean;
  /** 3.11/3.12: printing an instance's AttributeError hint runs dir(obj), which materialises its __dict__. */
  hintMaterialisesDict: boolean;
  /** stdout and stderr are line-buffered ttys (Pyodide): TextIOWrapper's pending list per print (Runtime.write). */
  lineBufferedPendingList: boolean;
  /** 3.8: builtin types (list, dict, range, ...) have no vectorcall: calling one packs the arguments into a tuple
   * (and keywords into a dict). Calling a class does that in every version (type_call). */
  builtinTypeCallPacksArgs: boolean;
  /** Builtin types without vectorcall: type_call packs the arguments into a tuple. Measured after gc.collect():
   * str(x), int("5") +1 on 3.9-3.12 (3.13 gave them vectorcall); float("5"), bool(x) +1 on 3.9 only. On 3.11/3.12
   * a specialized call site skips type_call for the types of specializedTypeCalls (see specializeAfter). */
  typesWithoutVectorcall: readonly string[];
  /** The specializing interpreter (3.11/3.12) turns a call site of a one-argument `str(x)` into CALL_NO_KW_STR_1
   * (PRECALL_NO_KW_STR_1 on 3.11), which calls PyObject_Str without packing a tuple. When a site tries:
   * a number = the runs left on its adaptive counter (3.12: adaptive_counter_warmup() = 1, so the 2nd run);
   * 'warmCode' = its first run once the code object is quickened (3.11, see quickenWarmup); null = never.
   * int has no vectorcall, so its specialization fails (SPEC_FAIL_CALL_CLASS_NO_VECTORCALL) and it always packs.
   * Measured after gc.collect() in a 20-iteration module loop: 3.12 packs in iteration 1 only, 3.11 in 1-7. */
  specializeAfter: number | 'warmCode' | null;
  /** 3.11: RESUME and JUMP_BACKWARD count co_warmup up from -QUICKENING_WARMUP_DELAY; at 0 the code is quickened.
   * A `while cond:` loop's own back edge is POP_JUMP_BACKWARD_IF_TRUE, which does not count. */
  quickenWarmup: number;
  /** Builtin types whose one-argument call specializes to a call without type_call (CALL_NO_KW_STR_1/TUPLE_1/TYPE_1). */
  specializedTypeCalls: readonly string[];
  /** <=3.11: a list comprehension is a nested function: each run makes a function object (and, <=3.10, a frame). */
  comprehensionFunction: boolean;
  /** 3.12+: iterating an ASCII str uses str_ascii_iterator. */
  strAsciiIterator: boolean;
  /** min() and max() are METH_VARARGS until 3.12 (3.13 made them vectorcall). */
  minMaxVarargs: boolean;
  /** <=3.10: a call makes a frame object; the first one of each code object stays as its "zombie" frame. */
  frameObjects: boolean;
  /** 3.13+: a class body also writes __firstlineno__ and __static_attributes__ into its namespace. */
  classBodyNames: boolean;
  /** <=3.10: type_new's init_subclass calls super(type, type) through an args tuple (3.11+: vectorcall). */
  superPacksArgs: boolean;
  /** 3.13+: a specialized call site calls a plain class with a Python __init__ without an args tuple (compile.ts simpleClassInit). */
  specializedClassInit: boolean;
  /** 3.9+: __main__.__file__ (and so tracebacks) show the absolute path of the script. */
  absoluteScriptPath: boolean;
  /** 3.12+: NameError for an unimported stdlib module adds "Did you forget to import 'gc'?". */
  forgotImport: boolean;
  /** sys.getrefcount sees borrowed loads (3.14): loading a local does not incref. */
  borrowedLoads: boolean;
  /**
   * 3.8: `dict(m)` and `d.update(m)` look up `m.keys` (dict_update_common) before merging, a bound builtin
   * method (PyCFunctionObject, its own free list, like printAllocs.boundWrite); 3.9+ merge an exact dict
   * directly. Measured: after gc.collect(), dict(d) costs one more count0 on 3.8.
   */
  dictUpdateKeysLookup: boolean;
  /** A dict display with `**m`: 3.8 BUILD_MAP_UNPACK (all parts first, then merged into a new dict); 3.9+
   * BUILD_MAP / DICT_UPDATE (the first run of items is the target; each part merged as it comes). */
  dictDisplayUnpack: 'buildMapUnpack' | 'dictUpdate';
}

const old: InterpProfile = {
  argsStayOnCallerStack: true, unboundLocal: 'referenced', carets: 'none', suggestions: false,
  qualnameInArgErrors: false, borrowedLoads: false, forgotImport: false, dictUpdateKeysLookup: false, dictDisplayUnpack: 'dictUpdate', constListDisplay: 'build', listFromSized: 'exact', absoluteScriptPath: true,
  printAllocs: { base: 0, kwnames: 'firstKeywords', boundWrite: 1 }, printArgsTuple: false, lineBufferedPendingList: false, hintMaterialisesDict: false, frameObjects: true, classBodyNames: false, superPacksArgs: true, specializedClassInit: false, builtinTypeCallPacksArgs: false, typesWithoutVectorcall: [], specializeAfter: null, quickenWarmup: 8, specializedTypeCalls: ['str', 'tuple', 'type'], minMaxVarargs: true, strAsciiIterator: false, comprehensionFunction: true,
};

export const INTERP_PROFILES: Record<ProfileId, InterpProfile> = {
  '3.8': { ...old, absoluteScriptPath: false, builtinTypeCallPacksArgs: true, dictUpdateKeysLookup: true, dictDisplayUnpack: 'buildMapUnpack' },
  '3.9': { ...old, typesWithoutVectorcall: ['str', 'int', 'float', 'bool'], constListDisplay: 'extendResize', printAllocs: { base: 0, kwnames: 'firstKeywords', boundWrite: 0 } },
  '3.10': { ...old, typesWithoutVectorcall: ['str', 'int'], printAllocs: { base: 0, kwnames: 'firstKeywords', boundWrite: 0 }, constListDisplay: 'extendEven', listFromSized: 'even', suggestions: true, qualnameInArgErrors: true },
  '3.11': { ...old, superPacksArgs: false, hintMaterialisesDict: true, typesWithoutVectorcall: ['str', 'int'], specializeAfter: 'warmCode', frameObjects: false, printAllocs: { base: 0, kwnames: 'firstCall', boundWrite: 0 }, printArgsTuple: true, constListDisplay: 'extendEven', listFromSized: 'even', argsStayOnCallerStack: false, unboundLocal: 'cannotAccess', carets: 'anchors', suggestions: true, qualnameInArgErrors: true },
  '3.12': { ...old, superPacksArgs: false, hintMaterialisesDict: true, typesWithoutVectorcall: ['str', 'int'], specializeAfter: 1, comprehensionFunction: false, strAsciiIterator: true, frameObjects: false, printAllocs: { base: 0, kwnames: null, boundWrite: 0 }, printArgsTuple: true, constListDisplay: 'extendEven', listFromSized: 'even', argsStayOnCallerStack: false, unboundLocal: 'cannotAccess', carets: 'anchors', suggestions: true, qualnameInArgErrors: true , forgotImport: true },
  '3.13': { ...old, specializedClassInit: true, specializeAfter: 1, superPacksArgs: false, classBodyNames: true, comprehensionFunction: false, strAsciiIterator: true, minMaxVarargs: false, frameObjects: false, printAllocs: { base: 0, kwnames: null, boundWrite: 0 }, printArgsTuple: true, constListDisplay: 'extendEven', listFromSized: 'even', argsStayOnCallerStack: false, unboundLocal: 'cannotAccess', carets: 'anchorsCalls', suggestions: true, qualnameInArgErrors: true , forgotImport: true },
  '3.14.2': { ...old, specializedClassInit: true, specializeAfter: 1, superPacksArgs: false, classBodyNames: true, comprehensionFunction: false, strAsciiIterator: true, minMaxVarargs: false, frameObjects: false, printAllocs: { base: 0, kwnames: null, boundWrite: 0 }, lineBufferedPendingList: true, constListDisplay: 'extendEven', listFromSized: 'even', argsStayOnCallerStack: false, unboundLocal: 'cannotAccess', carets: 'anchorsCalls', suggestions: true, qualnameInArgErrors: true, borrowedLoads: true , forgotImport: true },
  '3.14': { ...old, specializedClassInit: true, specializeAfter: 1, superPacksArgs: false, classBodyNames: true, comprehensionFunction: false, strAsciiIterator: true, minMaxVarargs: false, frameObjects: false, printAllocs: { base: 0, kwnames: null, boundWrite: 0 }, constListDisplay: 'extendEven', listFromSized: 'even', argsStayOnCallerStack: false, unboundLocal: 'cannotAccess', carets: 'anchorsCalls', suggestions: true, qualnameInArgErrors: true, borrowedLoads: true , forgotImport: true },
};
