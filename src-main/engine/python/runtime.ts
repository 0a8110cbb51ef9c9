// The interpreter's runtime: Python objects on the heap, the operations on them (attribute access, calls,
// arithmetic, comparisons, reprs) and exceptions. compile.ts turns the AST into closures that call these.
// Reference discipline is CPython's: every function here that returns an ObjId returns a NEW reference
// unless its name says `borrowed`.
import type { HeapPort, ObjId, PyKind } from './heap-port';
import type { InterpProfile } from './interp-profile';
import type { BinOpName, Pos, Stmt } from './ast';
import { bytesRepr, floatRepr, formatFloat, formatInt, formatStr, parseSpec, strRepr } from './pyformat';

export interface TbEntry {
  /** The frame this entry was made for (an exception caught and re-raised in a frame is listed once). */
  frame?: Frame;
  stmt?: Stmt;
  filename: string;
  line: number;
  name: string;
  pos?: Pos;
  anchor?: Anchor;
}

/** Which part of the failing expression 3.11+ marks with ^ (the rest of the range gets ~). */
export interface Anchor {
  line: number;
  col: number;
  endCol: number;
}

/** A Python exception travelling through JS frames. `exc` is an owned reference. */
export class PyExc extends Error {
  tb: TbEntry[] = [];
  /** The exception being handled when this one was raised ("During handling of the above exception"). */
  context: PyExc | undefined;
  /** `raise ... from cause`: printed before this one ("The above exception was the direct cause"). */
  causeExc: PyExc | undefined;
  /** `raise ... from ...` hides the implicit context. */
  suppressContext = false;
  /** A bare `raise`: the traceback continues the original one. */
  reraise = false;
  /** NameError / AttributeError: the missing name, for 3.10+ suggestions. */
  missingName: string | undefined;
  /** AttributeError of an instance: the object (CPython's AttributeError.obj; not a reference here, so the
   * printer checks it is still an instance). */
  missingAttrOf: ObjId | undefined;
  constructor(
    readonly rt: Runtime,
    public exc: ObjId,
  ) {
    super('python exception');
  }
}

/** Stops the program: step or memory limit. */
export class LimitExceeded extends Error {}

export type StaticData =
  | { t: 'type'; name: string; kind: PyKind | 'object' | 'range' | 'NoneType' }
  | { t: 'bfunc'; name: string; fn: (args: ObjId[], kw: Map<string, ObjId> | undefined) => ObjId; self?: ObjId; owner?: string; packs?: boolean }
  | { t: 'exccls'; name: string; base: ObjId }
  | { t: 'exc'; cls: ObjId; args: ObjId }
  | { t: 'module'; name: string; attrs: Map<string, ObjId> }
  | { t: 'range'; start: number; stop: number; step: number }
  | { t: 'view'; which: 'keys' | 'values' | 'items'; dict: ObjId };

export interface Frame {
  /** 3.14: locals holding borrowed references (parameters passed from a caller's local). */
  borrowed?: boolean[];
  /** The frame object a traceback made for this frame (0 until an exception passes through it). */
  frameObj?: ObjId;
  /** The statement running (3.13's caret rules look at its shape). */
  stmt?: Stmt;
  locals: ObjId[];
  line: number;
  cur: Pos | undefined;
  anchor: Anchor | undefined;
  name: string;
  filename: string;
  /** Local slot count, for the frame the heap keeps as a root. */
}

export class Runtime {
  out = '';
  err = '';
  readonly interned = new Map<string, ObjId>();
  readonly builtins = new Map<string, ObjId>();
  readonly types = new Map<string, ObjId>();
  readonly excClasses = new Map<string, ObjId>();
  readonly modules = new Map<string, ObjId>();
  globals: ObjId;
  /** The module frame first; `frame` is the innermost. */
  frames: Frame[] = [];
  frame: Frame;
  /** 3.14: per argument of the builtin being called, how many of its references are borrowed (read once). */
  borrowAdjust: number[] | undefined;
  /** The value of the `return` being executed. */
  ret: ObjId = 0;
  /** Exceptions being handled (innermost last), for bare `raise`. */
  handling: ObjId[] = [];
  /** The same, as they travelled (with their tracebacks), for `raise ... from e`. */
  handlingExc: PyExc[] = [];
  steps = 0;
  maxSteps = 50_000_000;
  /** Stops a program that prints without end. */
  maxOutput = 64 * 1024 * 1024;
  /** gc.callbacks (the gc module holds it). */
  gcCallbacksList: ObjId = 0;
  hasIsFinalized = true;
  versionInfo: (number | string)[] = [3, 13, 0, 'final', 0];
  versionString = '3.13.0';
  private objectCls = 0;
  /** Set by compile.ts / ops.ts: binary operators for builtins like sum(). */
  binop!: (op: BinOpName, a: ObjId, b: ObjId) => ObjId;
  /** Set by interpreter.ts (methods.ts): calls a builtin type's method on self. */
  callBuiltinMethod!: (self: ObjId, name: string, args: ObjId[], kw: Map<string, ObjId> | undefined) => ObjId;
  /** Objects being repr'd (Py_ReprEnter): a container met again prints as [...] / {...}. */
  private reprStack: ObjId[] = [];

  constructor(
    readonly heap: HeapPort,
    readonly ip: InterpProfile,
  ) {
    this.globals = heap.globals;
    this.frame = { locals: [], line: 0, cur: undefined, anchor: undefined, name: '<module>', filename: '<string>' };
    this.frames.push(this.frame);
  }

  /** Names a NameError suggestion may offer: globals and builtins. */
  *visibleNames(): Generator<string> {
    for (const [k] of this.heap.dictEntries(this.globals)) if (this.heap.kind(k) === 'str') yield this.heap.strValue(k);
    for (const k of this.builtins.keys()) if (!k.includes('.')) yield k;
  }

  /**
   * Text written to sys.stdout / sys.stderr (print, .write). Where stdout and stderr are line-buffered ttys
   * (ip.lineBufferedPendingList: Pyodide's 3.14.2), TextIOWrapper.write keeps the first pending text as it is and
   * makes a list at the second pending write (PyList_New(2), from the list free list; a tracked GC object),
   * appended to until a write with a newline flushes it (freed to the list free list). Measured in Pyodide with
   * sys._debugmallocstats() after gc.collect(): print(1) leaves 1 free PyListObject, print() and
   * print('a', end='') none. Piped 3.8-3.13 (the corpus' reference) show no such list.
   */
  write(toErr: boolean, text: string): void {
    if (this.ip.lineBufferedPendingList) this.pendWrite(toErr ? 1 : 0, text.includes('\n'));
    if (toErr) this.err += text;
    else {
      this.out += text;
      if (this.out.length > this.maxOutput) this.outputLimit();
    }
  }
  /** Per stream (stdout, stderr): 0 nothing pending, -1 one text pending, else the pending list. */
  private pending: [number, number] = [0, 0];
  private pendWrite(stream: 0 | 1, newline: boolean): void {
    const h = this.heap;
    const p = this.pending[stream];
    if (p === 0) this.pending[stream] = -1;
    else if (p === -1) {
      const list = h.newList([h.None, h.None]);
      h.keep(list); // the wrapper's reference
      this.pending[stream] = list;
    }
    if (newline && this.pending[stream] !== 0) {
      const list = this.pending[stream];
      this.pending[stream] = 0;
      if (list > 0) {
        h.release(list);
        h.decref(list);
      }
    }
  }

  outputLimit(): never {
    throw new LimitExceeded(`GC Lab stopped the program: more than ${this.maxOutput} characters of output (output limit)`);
  }

  /** The argument tuple of the METH_VARARGS builtin running now (gc.get_referrers leaves it out, as CPython does). */
  argTuple: ObjId = 0;

  /** The argument tuple and keyword dict of a tp_call (they hold the arguments while the call runs). */
  packArgs(args: ObjId[], kw: Map<string, ObjId> | undefined): [ObjId, ObjId] {
    const h = this.heap;
    const t = args.length ? h.newTuple(args) : 0;
    let d = 0;
    if (kw && kw.size) {
      d = h.newDict();
      for (const [k, v] of kw) h.dictSet(d, this.intern(k), v);
    }
    return [t, d];
  }
  unpackArgs([t, d]: [ObjId, ObjId]): void {
    if (d) this.heap.decref(d);
    if (t) this.heap.decref(t);
  }

  /** Hidden heap classes standing for CPython's iterator and view types (GC objects that hold their sequence). */
  private helperClasses = new Map<string, ObjId>();
  helperClass(name: string): ObjId {
    let c = this.helperClasses.get(name);
    if (c === undefined) {
      c = this.heap.newClass(name, [], ['seq'], false);
      this.heap.keep(c);
      this.helperClasses.set(name, c);
      this.helperNames.add(c);
    }
    return c;
  }
  readonly helperNames = new Set<ObjId>();

  /** GET_ITER for a for loop: an iterator object (a GC object without a free list) holding the iterable. */
  makeIterator(seq: ObjId): ObjId {
    const h = this.heap;
    const k = h.kind(seq);
    let name: string | undefined;
    if (k === 'list') name = 'list_iterator';
    else if (k === 'tuple') name = 'tuple_iterator';
    else if (k === 'dict') name = 'dict_keyiterator';
    else if (k === 'set') name = 'set_iterator';
    else if (k === 'str') name = this.ip.strAsciiIterator && /^[\x00-\x7f]*$/.test(h.strValue(seq)) ? 'str_ascii_iterator' : 'str_iterator';
    else if (k === 'bytes') name = 'bytes_iterator';
    if (!name) return 0;
    const it = h.newInstance(this.helperClass(name));
    h.instanceSet(it, 'seq', seq);
    return it;
  }

  /** Short-lived GC objects the C code makes (1-tuples and dicts, released at once, so free lists absorb them). */
  transientAllocs(tuples: number, dicts: number, cfuncs = 0): void {
    const h = this.heap;
    if (tuples + dicts + cfuncs === 0) return;
    const made: ObjId[] = [];
    for (let i = 0; i < cfuncs; i++) made.push(h.newTransientBuiltinMethod());
    for (let i = 0; i < tuples; i++) made.push(h.newTuple([h.None]));
    for (let i = 0; i < dicts; i++) made.push(h.newDict());
    for (let i = made.length - 1; i >= 0; i--) h.decref(made[i]!);
  }

  /** A new list of `items` (increfed) sized the way the version sizes it for `mode`. */
  newListSized(items: readonly ObjId[], mode: 'exact' | 'even' | 'extendResize' | 'extendEven'): ObjId {
    const h = this.heap;
    if (mode === 'exact' || items.length === 0) return h.newList(items);
    if (mode === 'extendResize') {
      const l = h.newList([]);
      h.listSetSlice(l, 0, 0, items);
      return l;
    }
    if (items.length % 2 === 0) return h.newList(items);
    // list_preallocate_exact rounds the array up to an even number of slots.
    const l = h.newList([...items, h.None]);
    h.decref(h.listPop(l, items.length));
    return l;
  }

  /** The class of object(): a non-GC instance with no attributes. */
  objectClass(): ObjId {
    if (!this.objectCls) {
      this.objectCls = this.heap.newClass('object', [], [], false);
      this.heap.keep(this.objectCls);
    }
    return this.objectCls;
  }
  isObjectClass(c: ObjId): boolean {
    return c !== 0 && c === this.objectCls;
  }

  weakrefCount(target: ObjId): number {
    return this.weakrefCounter ? this.weakrefCounter(target) : 0;
  }
  weakrefCounter: ((target: ObjId) => number) | undefined;

  /** Most objects alive at once before the program is stopped (runaway allocation). */
  maxObjects = 8_000_000;

  stepLimit(): never {
    throw new LimitExceeded(`GC Lab stopped the program after ${this.maxSteps} steps (step limit). Is there an endless loop?`);
  }

  /** Every 65536 steps: stop a program whose live objects exceed the memory limit. */
  checkMemory(): void {
    const live = this.heap.liveObjects();
    if (live > this.maxObjects) {
      throw new LimitExceeded(`GC Lab stopped the program: ${live} objects alive, more than the memory limit of ${this.maxObjects}`);
    }
  }

  /** NameError, with 3.10+'s "Did you mean" computed by the traceback printer. */
  nameError(name: string): PyExc {
    const e = this.error('NameError', `name '${name}' is not defined`);
    e.missingName = name;
    return e;
  }

  // ---------------------------------------------------------------- names and statics
  intern(s: string): ObjId {
    let id = this.interned.get(s);
    if (id === undefined) {
      id = this.heap.internStr(s);
      this.heap.keep(id);
      this.interned.set(s, id);
    }
    return id;
  }

  static(name: string, data: StaticData): ObjId {
    return this.heap.newStatic(name, data, data.t === 'module'); // modules are GC objects in CPython
  }
  sdata(id: ObjId): StaticData {
    return this.heap.staticData(id) as StaticData;
  }

  none(): ObjId {
    const n = this.heap.None;
    this.heap.incref(n);
    return n;
  }
  bool(b: boolean): ObjId {
    const v = b ? this.heap.True : this.heap.False;
    this.heap.incref(v);
    return v;
  }
  int(v: bigint | number): ObjId {
    return this.heap.newInt(typeof v === 'bigint' ? v : BigInt(v));
  }
  str(s: string): ObjId {
    return this.heap.newStr(s);
  }

  // ---------------------------------------------------------------- exceptions
  excClass(name: string): ObjId {
    const c = this.excClasses.get(name);
    if (c === undefined) throw new Error(`no exception class ${name}`);
    return c;
  }

  /** Builds an exception instance of a builtin class with one str argument, ready to throw. */
  error(clsName: string, message?: string): PyExc {
    const argItems = message === undefined ? [] : [this.str(message)];
    const e = this.newException(this.excClass(clsName), argItems);
    for (const a of argItems) this.heap.decref(a);
    return new PyExc(this, e);
  }
  /** An exception whose single argument is `arg` (a NEW reference, consumed). */
  errorWithArg(clsName: string, arg: ObjId): PyExc {
    const e = this.newException(this.excClass(clsName), [arg]);
    this.heap.decref(arg);
    return new PyExc(this, e);
  }

  /**
   * An instance of a builtin exception class: a heap object (so that it dies by refcount like CPython's,
   * releasing its args and the frames its traceback keeps alive), of a hidden heap class standing for the
   * builtin type, with slots __traceback__ and args.
   */
  newException(staticCls: ObjId, args: ObjId[]): ObjId {
    const h = this.heap;
    let cls = this.excHeapClasses.get(staticCls);
    if (cls === undefined) {
      cls = h.newClass(this.className(staticCls), [staticCls], ['__cause__', '__context__', '__traceback__', 'args'], false);
      h.keep(cls);
      this.excHeapClasses.set(staticCls, cls);
      this.excStaticOf.set(cls, staticCls);
    }
    const inst = h.newInstance(cls);
    const t = h.newTuple(args);
    h.instanceSet(inst, 'args', t);
    h.decref(t);
    return inst;
  }
  private excHeapClasses = new Map<ObjId, ObjId>();
  private excStaticOf = new Map<ObjId, ObjId>();

  /** The traceback entry for frame `f` at the point the exception passed through it (once per frame). */
  addTb(e: PyExc, f: Frame): void {
    if (e.tb.length && e.tb[e.tb.length - 1]!.frame === f) return;
    e.tb.push({ frame: f, filename: f.filename, line: f.line, name: f.name, pos: f.cur, anchor: f.anchor, stmt: f.stmt });
  }

  /** `inner` was raised while `outer` was being handled: inner.__context__ keeps outer alive. */
  setContext(inner: ObjId, outer: ObjId, slot: '__context__' | '__cause__' = '__context__'): void {
    const h = this.heap;
    if (h.kind(inner) !== 'instance') return;
    try {
      h.instanceSet(inner, slot, outer);
    } catch {
      // a user exception class with __slots__ and no room for it: CPython's BaseException always has one
    }
  }

  /**
   * The traceback references the frame the exception passed through (a frame object, made on demand): a new
   * traceback entry (a tuple standing for the traceback object) holds that frame object and the older entries.
   */
  linkTraceback(exc: ObjId, f: Frame): void {
    const h = this.heap;
    if (h.kind(exc) !== 'instance') return;
    // The frame object holds the locals itself (one GC object, as in CPython): a list stands in for it.
    if (!f.frameObj) f.frameObj = h.newList([]);
    const prev = h.instanceGet(exc, '__traceback__');
    const t = h.newTuple(prev ? [f.frameObj, prev] : [f.frameObj]);
    try {
      h.instanceSet(exc, '__traceback__', t);
    } catch {
      // a user exception class with __slots__ and no room for it
    }
    h.decref(t);
  }

  /**
   * A frame is leaving. If a traceback still holds its frame object, the frame object takes over the locals
   * (they live as long as the traceback does: the classic exception -> traceback -> frame -> local cycle).
   */
  releaseFrameObject(f: Frame, locals: ObjId[]): void {
    const h = this.heap;
    const fo = f.frameObj;
    if (!fo) return;
    f.frameObj = 0;
    if (h.refcount(fo) > 1 && locals.length) h.listSetSlice(fo, 0, 0, locals);
    h.decref(fo);
  }


  private excClassCache = new WeakMap<object, boolean>();
  isExcClass(c: ObjId): boolean {
    if (this.heap.kind(c) !== 'class') return this.computeIsExcClass(c);
    const token = this.heap.classToken(c);
    let r = this.excClassCache.get(token);
    if (r === undefined) {
      r = this.computeIsExcClass(c);
      this.excClassCache.set(token, r);
    }
    return r;
  }
  private computeIsExcClass(c: ObjId): boolean {
    const k = this.heap.kind(c);
    if (k === 'builtin') return this.sdata(c).t === 'exccls';
    if (k === 'class') return this.heap.classBases(c).some((b) => this.computeIsExcClass(b));
    return false;
  }

  /** issubclass for builtin exception classes and heap classes. */
  isSubclass(c: ObjId, base: ObjId): boolean {
    if (c === base) return true;
    const k = this.heap.kind(c);
    if (k === 'builtin') {
      const d = this.sdata(c);
      if (d.t === 'exccls') return d.base !== 0 && this.isSubclass(d.base, base);
      if (d.t === 'type') return this.typeName(base) === 'object';
      return false;
    }
    if (k === 'class') {
      if (this.heap.kind(base) === 'builtin' && this.sdata(base).t === 'type' && this.typeName(base) === 'object') return true;
      return this.heap.classBases(c).some((b) => this.isSubclass(b, base));
    }
    return false;
  }

  /** The class of an exception object (static or heap instance). */
  excClassOf(e: ObjId): ObjId {
    if (this.heap.kind(e) === 'builtin') {
      const d = this.sdata(e);
      if (d.t === 'exc') return d.cls;
    }
    return this.typeOf(e);
  }

  /** A builtin exception's hidden heap class maps back to the builtin class (type(e) is ValueError). */
  publicClass(c: ObjId): ObjId {
    return this.excStaticOf.get(c) ?? c;
  }
  excArgs(e: ObjId): ObjId {
    if (this.heap.kind(e) === 'builtin') {
      const d = this.sdata(e);
      if (d.t === 'exc') return d.args;
    }
    const a = this.heap.kind(e) === 'instance' ? this.heap.instanceGet(e, 'args') : 0;
    return a;
  }
  excMessage(e: ObjId): string {
    const args = this.excArgs(e);
    if (!args) return '';
    const n = this.heap.seqLen(args);
    if (n === 0) return '';
    const cls = this.excClassOf(e);
    if (n === 1) {
      const a = this.heap.seqItem(args, 0);
      // KeyError shows the repr of its key (KeyError.__str__).
      if (this.className(cls) === 'KeyError' || this.isSubclass(cls, this.excClass('KeyError'))) return this.repr(a);
      return this.toStr(a);
    }
    return this.repr(args);
  }

  // ---------------------------------------------------------------- types
  typeOf(v: ObjId): ObjId {
    const k = this.heap.kind(v);
    switch (k) {
      case 'instance': {
        const c = this.heap.classOf(v);
        return this.isObjectClass(c) ? this.types.get('object')! : this.publicClass(c);
      }
      case 'builtin': {
        const d = this.sdata(v);
        if (d.t === 'exc') return d.cls;
        if (d.t === 'type' || d.t === 'exccls') return this.types.get('type')!;
        if (d.t === 'bfunc') return this.types.get('builtin_function_or_method')!;
        if (d.t === 'module') return this.types.get('module')!;
        if (d.t === 'range') return this.types.get('range')!;
        if (d.t === 'view') return this.types.get(`dict_${d.which}`)!;
        return this.types.get('object')!;
      }
      case 'descriptor':
        return this.types.get(this.heap.descriptorType(v))!;
      default:
        return this.types.get(KIND_TYPE[k])!;
    }
  }

  typeName(t: ObjId): string {
    return this.className(t);
  }
  className(c: ObjId): string {
    if (this.heap.kind(c) === 'class') return this.heap.className(c);
    const d = this.sdata(c);
    if (d.t === 'type' || d.t === 'exccls') return d.name;
    return '?';
  }
  typeNameOf(v: ObjId): string {
    return this.className(this.typeOf(v));
  }

  isinstance(v: ObjId, cls: ObjId): boolean {
    const t = this.typeOf(v);
    if (this.isSubclass(t, cls)) return true;
    // bool is a subclass of int
    if (this.heap.kind(v) === 'bool' && this.heap.kind(cls) === 'builtin' && this.sdata(cls).t === 'type' && this.typeName(cls) === 'int') return true;
    return false;
  }

  // ---------------------------------------------------------------- truth, numbers
  truthy(v: ObjId): boolean {
    const h = this.heap;
    if (v === h.True) return true;
    if (v === h.False || v === h.None) return false;
    switch (h.kind(v)) {
      case 'int': return h.intValue(v) !== 0n;
      case 'float': return h.floatValue(v) !== 0;
      case 'str': return h.strValue(v).length > 0;
      case 'bytes': return h.bytesValue(v).length > 0;
      case 'tuple': case 'list': return h.seqLen(v) > 0;
      case 'dict': return h.dictLen(v) > 0;
      case 'set': return h.setLen(v) > 0;
      case 'instance': {
        const r = this.callSpecial(v, '__bool__', []);
        if (r !== undefined) { const b = r === h.True; h.decref(r); return b; }
        const l = this.callSpecial(v, '__len__', []);
        if (l !== undefined) { const n = this.asInt(l); h.decref(l); return n !== 0n; }
        return true;
      }
      case 'builtin': {
        const d = this.sdata(v);
        if (d.t === 'range') return rangeLen(d) > 0;
        if (d.t === 'view') return h.dictLen(d.dict) > 0;
        return true;
      }
      default: return true;
    }
  }

  isNum(v: ObjId): boolean {
    const k = this.heap.kind(v);
    return k === 'int' || k === 'float' || k === 'bool';
  }
  asInt(v: ObjId): bigint {
    const h = this.heap;
    if (v === h.True) return 1n;
    if (v === h.False) return 0n;
    return h.intValue(v);
  }
  asFloat(v: ObjId): number {
    const k = this.heap.kind(v);
    if (k === 'float') return this.heap.floatValue(v);
    return Number(this.asInt(v));
  }
  /** An index argument: int or bool, else TypeError with CPython's wording. */
  index(v: ObjId, what: string): number {
    const k = this.heap.kind(v);
    if (k === 'int' || k === 'bool') return Number(this.asInt(v));
    throw this.error('TypeError', what.replace('%T', this.typeNameOf(v)));
  }

  // ---------------------------------------------------------------- repr and str
  /**
   * Py_ReprEnter's first use creates the thread state dict and the list of objects being repr'd; both live for
   * the rest of the program (two GC objects, seen by gc.get_count()).
   */
  private reprEnterReady = false;
  private reprEnter(): void {
    if (this.reprEnterReady) return;
    this.reprEnterReady = true;
    const h = this.heap;
    const d = h.newDict();
    const l = h.newList([]);
    h.dictSet(d, this.intern('Py_Repr'), l);
    h.decref(l);
    h.keep(d);
  }

  repr(v: ObjId): string {
    const h = this.heap;
    const k = h.kind(v);
    if ((k === 'list' || k === 'tuple' || k === 'set') && h.seqLenOrSize(v) > 0) this.reprEnter();
    else if (k === 'dict') this.reprEnter();
    switch (k) {
      case 'none': return 'None';
      case 'bool': return v === h.True ? 'True' : 'False';
      case 'int': return h.intValue(v).toString();
      case 'float': return floatRepr(h.floatValue(v));
      case 'str': return strRepr(h.strValue(v));
      case 'bytes': return bytesRepr(h.bytesValue(v));
      case 'tuple': {
        const n = h.seqLen(v);
        if (n === 0) return '()';
        if (this.reprStack.includes(v)) return '(...)';
        this.reprStack.push(v);
        try {
          const parts: string[] = [];
          for (let i = 0; i < n; i++) parts.push(this.repr(h.seqItem(v, i)));
          return n === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
        } finally { this.reprStack.pop(); }
      }
      case 'list': {
        if (this.reprStack.includes(v)) return '[...]';
        this.reprStack.push(v);
        try {
          const parts: string[] = [];
          for (let i = 0; i < h.seqLen(v); i++) parts.push(this.repr(h.seqItem(v, i)));
          return `[${parts.join(', ')}]`;
        } finally { this.reprStack.pop(); }
      }
      case 'dict': {
        if (this.reprStack.includes(v)) return '{...}';
        this.reprStack.push(v);
        try {
          return `{${h.dictEntries(v).map(([a, b]) => `${this.repr(a)}: ${this.repr(b)}`).join(', ')}}`;
        } finally { this.reprStack.pop(); }
      }
      case 'set': {
        const items = h.setItems(v);
        if (items.length === 0) return 'set()';
        if (this.reprStack.includes(v)) return 'set(...)';
        this.reprStack.push(v);
        try { return `{${items.map((x) => this.repr(x)).join(', ')}}`; } finally { this.reprStack.pop(); }
      }
      case 'instance': {
        const r = this.callSpecial(v, '__repr__', []);
        if (r !== undefined) return this.takeStr(r, '__repr__');
        const cls = h.classOf(v);
        if (this.isExcClass(cls)) return this.excRepr(v);
        if (this.isObjectClass(cls)) return `<object object at ${this.addr(v)}>`;
        if (this.helperNames.has(cls)) return `<${h.className(cls)} object at ${this.addr(v)}>`;
        return `<__main__.${h.className(cls)} object at ${this.addr(v)}>`;
      }
      case 'class': return `<class '__main__.${h.className(v)}'>`;
      case 'function': return `<function ${h.functionName(v)} at ${this.addr(v)}>`;
      case 'method': {
        const [fn, self] = h.methodParts(v);
        return `<bound method ${h.functionName(fn)} of ${this.repr(self)}>`;
      }
      case 'bmethod': {
        const [self, name] = h.builtinMethodParts(v);
        return `<built-in method ${name} of ${this.typeNameOf(self)} object at ${this.addr(self)}>`;
      }
      case 'weakref': {
        const t = h.weakrefTarget(v);
        if (!t) return `<weakref at ${this.addr(v)}; dead>`;
        return `<weakref at ${this.addr(v)}; to '${this.typeNameOf(t)}' at ${this.addr(t)}>`;
      }
      case 'module': return `<module '${h.moduleName(v)}'>`;
      case 'cell': return `<cell at ${this.addr(v)}>`;
      case 'builtin': {
        const d = this.sdata(v);
        switch (d.t) {
          case 'type': return `<class '${d.name}'>`;
          case 'exccls': return `<class '${d.name}'>`;
          case 'bfunc':
            if (d.self !== undefined) return `<built-in method ${d.name} of ${this.typeNameOf(d.self)} object at ${this.addr(d.self)}>`;
            return `<built-in function ${d.name}>`;
          case 'exc': return this.excRepr(v);
          case 'module': return d.name === 'sys' || d.name === 'gc' ? `<module '${d.name}' (built-in)>` : `<module '${d.name}' from '${d.name}.py'>`;
          case 'range': return d.step === 1 ? `range(${d.start}, ${d.stop})` : `range(${d.start}, ${d.stop}, ${d.step})`;
          case 'view': {
            const e = h.dictEntries(d.dict);
            const items = d.which === 'keys' ? e.map(([a]) => this.repr(a)) : d.which === 'values' ? e.map(([, b]) => this.repr(b)) : e.map(([a, b]) => `(${this.repr(a)}, ${this.repr(b)})`);
            return `dict_${d.which}([${items.join(', ')}])`;
          }
        }
      }
    }
    return '<?>';
  }

  excRepr(e: ObjId): string {
    const cls = this.excClassOf(e);
    const args = this.excArgs(e);
    const n = args ? this.heap.seqLen(args) : 0;
    const inner = n === 1 ? this.repr(this.heap.seqItem(args, 0)) : n === 0 ? '' : this.repr(args).slice(1, -1);
    return `${this.className(cls)}(${inner})`;
  }

  addr(v: ObjId): string {
    return '0x' + this.heap.address(v).toString(16).padStart(12, '0');
  }

  toStr(v: ObjId): string {
    const h = this.heap;
    const k = h.kind(v);
    if (k === 'str') return h.strValue(v);
    if (k === 'instance') {
      const r = this.callSpecial(v, '__str__', []);
      if (r !== undefined) return this.takeStr(r, '__str__');
      if (this.isExcClass(h.classOf(v))) return this.excMessage(v);
    }
    if (k === 'builtin' && this.sdata(v).t === 'exc') return this.excMessage(v);
    return this.repr(v);
  }

  private takeStr(r: ObjId, what: string): string {
    if (this.heap.kind(r) !== 'str') {
      const t = this.typeNameOf(r);
      this.heap.decref(r);
      throw this.error('TypeError', `${what} returned non-string (type ${t})`);
    }
    const s = this.heap.strValue(r);
    this.heap.decref(r);
    return s;
  }

  format(v: ObjId, spec: string): string {
    if (spec === '') return this.toStr(v);
    const s = parseSpec(spec);
    const k = this.heap.kind(v);
    if (!s) throw this.error('ValueError', `Invalid format specifier '${spec}' for object of type '${this.typeNameOf(v)}'`);
    if (k === 'int' || k === 'bool') return formatInt(this.asInt(v), s);
    if (k === 'float') return formatFloat(this.heap.floatValue(v), s);
    if (k === 'str') return formatStr(this.heap.strValue(v), s);
    if (s.type === undefined && s.precision === undefined) return formatStr(this.toStr(v), s);
    throw this.error('TypeError', `unsupported format string passed to ${this.typeNameOf(v)}.__format__`);
  }

  // ---------------------------------------------------------------- attribute lookup
  /** Class attribute through the bases (depth first, left to right): borrowed or 0. */
  classLookup(cls: ObjId, name: string): ObjId {
    const h = this.heap;
    if (h.kind(cls) !== 'class') return 0;
    const v = h.classGet(cls, name);
    if (v) return v;
    for (const b of h.classBases(cls)) {
      const r = this.classLookup(b, name);
      if (r) return r;
    }
    return 0;
  }

  /** Calls a special method defined by the instance's class, if any; undefined when there is none. */
  callSpecial(inst: ObjId, name: string, args: ObjId[]): ObjId | undefined {
    const fn = this.classLookup(this.heap.classOf(inst), name);
    if (!fn) return undefined;
    return this.call(fn, [inst, ...args], undefined);
  }

  // ---------------------------------------------------------------- calls
  /** Set by compile.ts: runs a Python function object. */
  callFunction!: (fn: ObjId, args: ObjId[], kw: Map<string, ObjId> | undefined) => ObjId;

  /** A call of a builtin type that a specialized call site makes without type_call (see InterpProfile.specializeAfter). */
  isSpecializableTypeCall(f: ObjId, nargs: number, kw: Map<string, ObjId> | undefined): boolean {
    if (nargs !== 1 || (kw && kw.size) || this.heap.kind(f) !== 'builtin') return false;
    const d = this.sdata(f);
    return d.t === 'type' && this.ip.specializedTypeCalls.includes(d.name);
  }

  /** Calls any callable; arguments are borrowed. `specialized`: the call comes from a call site the specializing interpreter has specialized for it. */
  call(f: ObjId, args: ObjId[], kw: Map<string, ObjId> | undefined, specialized = false): ObjId {
    const h = this.heap;
    switch (h.kind(f)) {
      case 'function':
        return this.callFunction(f, args, kw);
      case 'method': {
        const [fn, self] = h.methodParts(f);
        return this.call(fn, [self, ...args], kw);
      }
      case 'bmethod': {
        const [self, name] = h.builtinMethodParts(f);
        return this.callBuiltinMethod(self, name, args, kw);
      }
      case 'class': {
        // type_call: positional arguments travel as a tuple, keywords as a dict (not from a 3.13+ specialized site).
        if (specialized) return this.instantiate(f, args, kw);
        const packed = this.packArgs(args, kw);
        try {
          return this.instantiate(f, args, kw);
        } finally {
          this.unpackArgs(packed);
        }
      }
      case 'builtin': {
        const d = this.sdata(f);
        if (d.t === 'bfunc') {
          if (!d.packs) return d.fn(args, kw);
          // METH_VARARGS: the C function receives its arguments as a tuple (and keywords as a dict).
          const packed = this.packArgs(args, kw);
          const outer = this.argTuple;
          this.argTuple = packed[0];
          try {
            return d.fn(args, kw);
          } finally {
            this.argTuple = outer;
            this.unpackArgs(packed);
          }
        }
        if (d.t === 'type') {
          const ctor = this.builtins.get(`${d.name}.__new__`);
          if (ctor) {
            const packed = !specialized && (this.ip.builtinTypeCallPacksArgs || this.ip.typesWithoutVectorcall.includes(d.name)) ? this.packArgs(args, kw) : undefined;
            try {
              return this.call(ctor, args, kw);
            } finally {
              if (packed) this.unpackArgs(packed);
            }
          }
        }
        if (d.t === 'exccls') {
          if (kw && kw.size) throw this.error('TypeError', `${d.name}() takes no keyword arguments`);
          return this.newException(f, args);
        }
        break;
      }
      case 'weakref': {
        if (args.length || (kw && kw.size)) throw this.error('TypeError', `weakref() takes no arguments`);
        const t = h.weakrefTarget(f) || h.None;
        h.incref(t);
        return t;
      }
      case 'instance': {
        const r = this.callSpecial(f, '__call__', args);
        if (r !== undefined) return r;
      }
    }
    throw this.error('TypeError', `'${this.typeNameOf(f)}' object is not callable`);
  }

  instantiate(cls: ObjId, args: ObjId[], kw: Map<string, ObjId> | undefined): ObjId {
    const h = this.heap;
    const inst = h.newInstance(cls);
    if (this.isExcClass(cls)) {
      const t = h.newTuple(args);
      h.instanceSet(inst, 'args', t);
      h.decref(t);
    }
    const init = this.classLookup(cls, '__init__');
    if (init) {
      let r: ObjId;
      try {
        r = this.call(init, [inst, ...args], kw);
      } catch (e) {
        h.decref(inst);
        throw e;
      }
      if (r !== h.None) {
        const t = this.typeNameOf(r);
        h.decref(r);
        h.decref(inst);
        throw this.error('TypeError', `__init__() should return None, not '${t}'`);
      }
      h.decref(r);
    } else if ((args.length || (kw && kw.size)) && !this.isExcClass(cls)) {
      h.decref(inst);
      throw this.error('TypeError', `${h.className(cls)}() takes no arguments`);
    }
    return inst;
  }

}

const KIND_TYPE: Record<PyKind, string> = {
  none: 'NoneType', bool: 'bool', int: 'int', float: 'float', str: 'str', bytes: 'bytes', tuple: 'tuple', list: 'list',
  dict: 'dict', set: 'set', instance: 'object', class: 'type', function: 'function', module: 'module',
  weakref: 'weakref', method: 'method', cell: 'cell', builtin: 'builtin_function_or_method',
  bmethod: 'builtin_function_or_method', descriptor: 'member_descriptor',
};

export function rangeLen(r: { start: number; stop: number; step: number }): number {
  if (r.step > 0) return r.start < r.stop ? Math.floor((r.stop - r.start - 1) / r.step) + 1 : 0;
  return r.start > r.stop ? Math.floor((r.start - r.stop - 1) / -r.step) + 1 : 0;
}
