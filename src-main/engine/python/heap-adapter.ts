// Binds the interpreter's HeapPort to the engine's Heap (heap/heap.ts, see heap/API-NOTES.md).
// Interpreter-owned immortal objects (builtin functions, builtin types, exception classes and instances of
// them, modules gc/sys/weakref) live outside the heap's arrays, at ids >= STATIC_BASE: the heap's
// incref/decref leave them alone and dict/set lookups treat them by identity.
import { Heap, PyError, type TypeParts } from '../heap/heap';
import { F_CFUNC, Kind, STATIC_GC_BASE, STATIC_ID_BASE, type ObjId } from '../heap/kinds';
import { keyOf } from '../heap/keys';
import { hashValue } from '../heap/hash';
import type { ProfileId } from '../profiles/types';
import { Pymalloc } from '../alloc/pymalloc';
import { debugMallocStats } from '../alloc/debugmallocstats';
import type { GcCollectResult, HeapPort, HostHooks, PyKind } from './heap-port';
import { REC } from '../heap/store';
const { REF_OFF } = REC; // record offsets (store.ts)

export const STATIC_BASE = STATIC_ID_BASE;

const KINDS: PyKind[] = [];
KINDS[Kind.None] = 'none';
KINDS[Kind.Bool] = 'bool';
KINDS[Kind.Int] = 'int';
KINDS[Kind.Float] = 'float';
KINDS[Kind.Str] = 'str';
KINDS[Kind.Bytes] = 'bytes';
KINDS[Kind.Tuple] = 'tuple';
KINDS[Kind.List] = 'list';
KINDS[Kind.Dict] = 'dict';
KINDS[Kind.Set] = 'set';
KINDS[Kind.Instance] = 'instance';
KINDS[Kind.Class] = 'class';
KINDS[Kind.Function] = 'function';
KINDS[Kind.Module] = 'module';
KINDS[Kind.Weakref] = 'weakref';
KINDS[Kind.Method] = 'method';
KINDS[Kind.Cell] = 'cell';
KINDS[Kind.Descr] = 'descriptor';

/** Errors the heap raises become Python exceptions of the same name (set by the runtime). */
export type PyErrorMapper = (type: string, message: string) => Error;

function latin1ToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}
function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export class HeapAdapter implements HeapPort {
  readonly heap: Heap;
  readonly pymalloc: Pymalloc;
  readonly None: ObjId;
  readonly True: ObjId;
  readonly False: ObjId;
  readonly globals: ObjId;
  private statics: { name: string; data: unknown; addr: number }[] = [];
  /** Statics that are GC objects in CPython (modules), at ids >= STATIC_GC_BASE. */
  private gcStatics: { name: string; data: unknown; addr: number }[] = [];
  private codes = new Map<ObjId, unknown>();
  /** Method name of each bound builtin method (overwritten when its id is reused). */
  private bmethodNames = new Map<ObjId, string>();
  private defaults = new Map<ObjId, ObjId>();
  private bases = new Map<ObjId, ObjId[]>();
  private slots = new Map<ObjId, string[] | null>();
  mapError: PyErrorMapper = (t, m) => new Error(`${t}: ${m}`);

  constructor(readonly profileId: ProfileId) {
    this.pymalloc = new Pymalloc(profileId, profileId);
    this.heap = new Heap(profileId, this.pymalloc);
    this.None = this.heap.None;
    this.True = this.heap.True;
    this.False = this.heap.False;
    this.globals = this.heap.globals;
  }

  private wrap<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof PyError) throw this.mapError(e.pyType, e.message);
      throw e;
    }
  }

  setHost(h: HostHooks): void {
    this.heap.setHost(h);
  }
  keep(id: ObjId): void {
    if (id >= STATIC_BASE || id === 0) return;
    this.heap.internal.set(id, (this.heap.internal.get(id) ?? 0) + 1);
  }
  release(id: ObjId): void {
    if (id >= STATIC_BASE || id === 0) return;
    const n = (this.heap.internal.get(id) ?? 0) - 1;
    if (n <= 0) this.heap.internal.delete(id);
    else this.heap.internal.set(id, n);
  }
  internStr(s: string): ObjId {
    return this.heap.intern(s);
  }

  kind(id: ObjId): PyKind {
    if (id >= STATIC_BASE) return 'builtin';
    const w = this.heap.s.meta[id << 2]!;
    if (w >>> 24 === Kind.Method && w & F_CFUNC) return 'bmethod';
    return KINDS[w >>> 24]!;
  }
  incref(id: ObjId): void {
    if (id < STATIC_BASE) this.heap.incref(id);
  }
  decref(id: ObjId): void {
    if (id < STATIC_BASE) this.heap.decref(id);
  }
  refcount(id: ObjId): number {
    if (id >= STATIC_BASE) return this.heap.profile.immortalRefcnt ?? 1000;
    return this.heap.refcount(id);
  }
  address(id: ObjId): number {
    if (id >= STATIC_BASE) return this.static(id)!.addr;
    return this.heap.address(id);
  }
  getsizeof(id: ObjId): number {
    if (id >= STATIC_BASE) return 72;
    return this.heap.sizeof(id);
  }

  liveObjects(): number {
    return this.heap.s.top - this.heap.s.freeIdCount;
  }
  newInt(v: bigint): ObjId {
    return this.heap.newInt(v);
  }
  newFloat(x: number): ObjId {
    return this.heap.newFloat(x);
  }
  newStr(s: string): ObjId {
    return this.heap.newStr(s);
  }
  newBytes(s: string): ObjId {
    return this.heap.newBytes(latin1ToBytes(s));
  }
  newTuple(items: readonly ObjId[]): ObjId {
    return this.heap.newTuple(items);
  }
  newTupleTracked(items: readonly ObjId[]): ObjId {
    const t = this.heap.newTuple(items);
    if (items.length > 0) this.heap.track(t); // a no-op where tuples are tracked at creation (<=3.13)
    return t;
  }
  newList(items: readonly ObjId[]): ObjId {
    return this.heap.newList(items);
  }
  newDict(): ObjId {
    return this.heap.newDict();
  }
  newDictFromType(): ObjId {
    return this.heap.newDictFromType();
  }
  newTransientBuiltinMethod(): ObjId {
    return this.heap.newBuiltinMethod(0);
  }
  newFrameStandIn(): ObjId {
    return this.heap.newFrameStandIn();
  }
  newSet(): ObjId {
    return this.heap.newSet();
  }
  newModule(name: string): ObjId {
    return this.heap.newModule(name);
  }
  newFunction(name: string, code: unknown, defaults: ObjId, globals: ObjId): ObjId {
    // The defaults tuple is held by the function (traversed like a closure reference).
    const fn = this.heap.newFunction(name, globals, defaults ? [defaults] : []);
    this.codes.set(fn, code);
    this.defaults.set(fn, defaults);
    return fn;
  }
  newClass(name: string, bases: readonly ObjId[], slots: readonly string[] | null, hasDel: boolean, parts?: TypeParts): ObjId {
    // type_new sorts the slot names (members are created in sorted order).
    if (slots !== null) slots = [...slots].sort();
    const opts = slots === null
      ? { hasDel }
      : {
          slots: slots.filter((s) => s !== '__dict__' && s !== '__weakref__'),
          slotsDict: slots.includes('__dict__'),
          slotsWeakref: slots.includes('__weakref__'),
          hasDel,
        };
    // A subclass of a class with a __dict__ keeps one, whatever its own __slots__ say.
    if (slots !== null && bases.some((b) => b < STATIC_BASE && this.heap.classInfo(b).hasDict)) {
      (opts as { slotsDict?: boolean; slotsWeakref?: boolean }).slotsDict = true;
      (opts as { slotsDict?: boolean; slotsWeakref?: boolean }).slotsWeakref = true;
    }
    const cls = this.wrap(() => this.heap.newClass(name, opts, parts));
    this.bases.set(cls, [...bases]);
    this.slots.set(cls, slots === null ? null : [...slots]);
    if (!parts) {
      for (const b of bases) {
        this.incref(b); // a stand-in's base (never released: they live as long as the session)
        this.keep(b);
      }
    }
    return cls;
  }
  newInstance(cls: ObjId): ObjId {
    return this.heap.newInstance(cls);
  }
  newMethod(fn: ObjId, self: ObjId): ObjId {
    return this.heap.newMethod(fn, self);
  }
  newConstantTuple(items: readonly ObjId[]): ObjId {
    return this.heap.newConstantTuple(items);
  }
  newBuiltinMethod(self: ObjId, name: string): ObjId {
    if (self >= STATIC_BASE) throw new Error('newBuiltinMethod: self must be a heap object');
    const m = this.heap.newBuiltinMethod(self);
    this.bmethodNames.set(m, name);
    return m;
  }
  descriptorType(d: ObjId): 'member_descriptor' | 'getset_descriptor' {
    return this.heap.typeName(d) === 'getset_descriptor' ? 'getset_descriptor' : 'member_descriptor';
  }
  classParts(cls: ObjId): [ObjId, ObjId, ObjId] | null {
    const info = this.heap.classInfo(cls);
    if (info.dict === 0) return null;
    const r = this.heap.s;
    const off = r.meta[(cls << 2) + REC.REF_OFF]!;
    return [r.pool[off]!, r.pool[off + 1]!, r.pool[off + 2]!];
  }
  builtinMethodParts(m: ObjId): [ObjId, string] {
    return [this.heap.referents(m)[0]!, this.bmethodNames.get(m)!];
  }
  newWeakref(target: ObjId, callback: ObjId): ObjId {
    return this.wrap(() => this.heap.newWeakref(target, callback));
  }
  newStatic(name: string, data: unknown, gc = false): ObjId {
    // Static objects sit in the interpreter image, far from the pymalloc arenas.
    const addr = 0x7f5a4e000000 + (this.statics.length + this.gcStatics.length) * 0x40;
    const list = gc ? this.gcStatics : this.statics;
    list.push({ name, data, addr });
    return (gc ? STATIC_GC_BASE : STATIC_BASE) + list.length - 1;
  }
  private static(id: ObjId): { name: string; data: unknown; addr: number } | undefined {
    return id >= STATIC_GC_BASE ? this.gcStatics[id - STATIC_GC_BASE] : this.statics[id - STATIC_BASE];
  }

  intValue(id: ObjId): bigint {
    return this.heap.value(id) as bigint;
  }
  floatValue(id: ObjId): number {
    return this.heap.value(id) as number;
  }
  strValue(id: ObjId): string {
    return this.heap.value(id) as string;
  }
  bytesValue(id: ObjId): string {
    return bytesToLatin1(this.heap.value(id) as Uint8Array);
  }
  staticData(id: ObjId): unknown {
    return this.static(id)?.data;
  }
  functionCode(fn: ObjId): unknown {
    return this.codes.get(fn);
  }
  functionDefaults(fn: ObjId): ObjId {
    return this.defaults.get(fn) ?? 0;
  }
  functionName(fn: ObjId): string {
    return this.heap.nameOf(fn);
  }
  methodParts(m: ObjId): [ObjId, ObjId] {
    const r = this.heap.referents(m);
    return [r[0]!, r[1]!];
  }
  weakrefTarget(wr: ObjId): ObjId {
    const t = this.heap.weakrefGet(wr);
    return t === this.heap.None ? 0 : t;
  }
  weakrefCallback(wr: ObjId): ObjId {
    return this.heap.weakrefCallbackOf(wr);
  }
  moduleName(m: ObjId): string {
    return this.heap.nameOf(m);
  }

  seqLen(id: ObjId): number {
    return this.heap.len(id);
  }
  seqLenOrSize(id: ObjId): number {
    return this.heap.len(id);
  }
  seqItem(id: ObjId, i: number): ObjId {
    return this.heap.item(id, i);
  }
  listAppend(l: ObjId, v: ObjId): void {
    this.heap.listAppend(l, v);
  }
  listSet(l: ObjId, i: number, v: ObjId): void {
    this.heap.listSetItem(l, i, v);
  }
  listInsert(l: ObjId, i: number, v: ObjId): void {
    this.heap.listInsert(l, i, v);
  }
  listPop(l: ObjId, i: number): ObjId {
    return this.heap.listPop(l, i);
  }
  listSetSlice(l: ObjId, lo: number, hi: number, items: readonly ObjId[]): void {
    this.heap.listSetSlice(l, lo, hi, items);
  }
  listClear(l: ObjId): void {
    this.heap.listClear(l);
  }

  dictLen(d: ObjId): number {
    return this.heap.len(d);
  }
  dictGet(d: ObjId, key: ObjId): ObjId {
    return this.wrap(() => this.heap.dictGetItem(d, key));
  }
  dictGetStr(d: ObjId, key: string): ObjId {
    return this.heap.dictGetStr(d, key);
  }
  /** The heap's lookup key of a str, computed once (names are looked up millions of times). */
  lookupKey(str: ObjId): string {
    return keyOf(this.heap, str);
  }
  /** dictGetStr with a key from lookupKey(): borrowed or 0. */
  dictGetKeyed(d: ObjId, key: string): ObjId {
    const at = this.heap.dictIndex.get(d)?.get(key);
    return at === undefined ? 0 : this.heap.s.pool[this.heap.s.meta[(d << 2) + REF_OFF]! + at + 1]!;
  }
  dictSet(d: ObjId, key: ObjId, v: ObjId): void {
    this.wrap(() => this.heap.dictSetItem(d, key, v));
  }
  /** d[key] = v for a str key given by lookupKey(): replaces an existing entry in place (the common case of
   * rebinding a global), otherwise a normal dictSetItem. */
  dictSetKeyed(d: ObjId, keyObj: ObjId, key: string, v: ObjId): void {
    const heap = this.heap;
    const at = heap.dictIndex.get(d)?.get(key);
    if (at === undefined || !(heap.isTracked(d) || !heap.mayBeTracked(v))) {
      heap.dictSetItem(d, keyObj, v);
      return;
    }
    const slot = heap.s.meta[(d << 2) + REF_OFF]! + at + 1;
    heap.incref(v);
    const old = heap.s.pool[slot]!;
    heap.s.pool[slot] = v;
    heap.decref(old);
  }
  dictDel(d: ObjId, key: ObjId): boolean {
    return this.wrap(() => this.heap.dictDelItem(d, key));
  }
  dictClear(d: ObjId): void {
    this.heap.dictClear(d);
  }
  dictMerge(target: ObjId, other: ObjId): void {
    this.heap.dictMerge(target, other);
  }
  dictCopy(d: ObjId): ObjId {
    return this.heap.dictCopy(d);
  }
  dictEntries(d: ObjId): [ObjId, ObjId][] {
    return this.heap.dictEntries(d);
  }

  setLen(s: ObjId): number {
    return this.heap.len(s);
  }
  setAdd(s: ObjId, v: ObjId): void {
    this.wrap(() => this.heap.setAdd(s, v));
  }
  setUpdateFrozen(s: ObjId, items: readonly ObjId[]): void {
    this.wrap(() => {
      // the frozenset constant holds each value once (PyFrozenSet_New keeps the first of equal items)
      const seen = new Set<string>();
      const unique = items.filter((x) => { const k = keyOf(this.heap, x); if (seen.has(k)) return false; seen.add(k); return true; });
      this.heap.setMerge(s, unique);
    });
  }
  setDiscard(s: ObjId, v: ObjId): boolean {
    return this.wrap(() => this.heap.setDiscard(s, v));
  }
  setHas(s: ObjId, v: ObjId): boolean {
    return this.wrap(() => this.heap.setContains(s, v));
  }
  setItems(s: ObjId): ObjId[] {
    return this.heap.items(s);
  }
  setPop(s: ObjId): ObjId {
    return this.heap.setPop(s);
  }
  setClear(s: ObjId): void {
    this.heap.setClear(s);
  }
  setCopy(src: ObjId): ObjId {
    return this.heap.setCopy(src);
  }
  setUpdateFromSet(s: ObjId, other: ObjId): void {
    this.heap.setUpdateFromSet(s, other);
  }
  setUpdateFromDict(s: ObjId, d: ObjId): void {
    this.wrap(() => this.heap.setUpdateFromDict(s, d));
  }
  setDifferenceUpdate(s: ObjId, other: ObjId | readonly ObjId[]): void {
    this.wrap(() => this.heap.setDifferenceUpdate(s, other));
  }
  setSwapBodies(a: ObjId, b: ObjId): void {
    this.heap.setSwapBodies(a, b);
  }
  setSymmetricDifferenceUpdate(s: ObjId, other: ObjId): void {
    this.heap.setSymmetricDifferenceUpdate(s, other);
  }
  hash(v: ObjId): bigint {
    return this.wrap(() => hashValue(this.heap, v));
  }

  classOf(inst: ObjId): ObjId {
    return this.heap.classOf(inst);
  }
  className(cls: ObjId): string {
    return this.heap.classInfo(cls).name;
  }
  classBases(cls: ObjId): ObjId[] {
    return this.bases.get(cls) ?? [];
  }
  classGet(cls: ObjId, name: string): ObjId {
    return this.heap.getAttr(cls, name);
  }
  classSet(cls: ObjId, name: string, v: ObjId): void {
    this.heap.setAttr(cls, name, v);
  }
  classDel(cls: ObjId, name: string): boolean {
    return this.heap.delAttr(cls, name);
  }
  classToken(cls: ObjId): object {
    return this.heap.classInfo(cls);
  }
  classSlots(cls: ObjId): readonly string[] | null {
    return this.slots.get(cls) ?? null;
  }
  instanceGet(inst: ObjId, name: string): ObjId {
    return this.heap.getAttr(inst, name);
  }
  instanceDict(inst: ObjId): ObjId {
    const d = this.heap.instanceDictForRead(inst);
    if (d) this.heap.incref(d);
    return d;
  }
  instanceSet(inst: ObjId, name: string, v: ObjId): void {
    this.wrap(() => this.heap.setAttr(inst, name, v));
  }
  instanceDel(inst: ObjId, name: string): boolean {
    return this.heap.delAttr(inst, name);
  }
  instanceAttrs(inst: ObjId): string[] {
    return this.heap.attrNames(inst);
  }

  pushFrame(fn: ObjId, nlocals: number): void {
    this.heap.pushFrame(fn, nlocals);
  }
  popFrame(): void {
    this.heap.popFrame();
  }
  getLocal(i: number): ObjId {
    return this.heap.getLocal(i);
  }
  frameLocals(): ObjId[] {
    const f = this.heap.frames[this.heap.frames.length - 1]!;
    return f.locals.filter((v) => v !== 0);
  }
  setLocal(i: number, v: ObjId): void {
    this.heap.setLocal(i, v);
  }
  pushTemp(v: ObjId): void {
    this.heap.pushTemp(v);
  }
  popTemp(): ObjId {
    return this.heap.popTemp();
  }
  evalBreaker(): void {
    if (this.heap.gcScheduled) this.heap.evalBreaker();
  }

  gcEnable(): void {
    this.heap.enable();
  }
  gcDisable(): void {
    this.heap.disable();
  }
  gcIsEnabled(): boolean {
    return this.heap.isEnabled();
  }
  gcCollect(generation: number): GcCollectResult {
    const n = this.heap.collect(generation);
    return { collected: n, uncollectable: 0 };
  }
  gcGetCount(): [number, number, number] {
    return this.heap.getCount();
  }
  gcGetThreshold(): [number, number, number] {
    return this.heap.getThreshold();
  }
  gcSetThreshold(t0: number, t1?: number, t2?: number): void {
    this.heap.setThreshold(t0, t1, t2);
  }
  gcFreeze(): void {
    this.heap.freeze();
  }
  gcUnfreeze(): void {
    this.heap.unfreeze();
  }
  gcGetFreezeCount(): number {
    return this.heap.getFreezeCount();
  }
  gcGetStats(): { collections: number; collected: number; uncollectable: number }[] {
    return this.heap.getStats();
  }
  gcSetDebug(flags: number): void {
    this.heap.setDebug(flags);
  }
  gcGetDebug(): number {
    return this.heap.getDebug();
  }
  gcGarbage(): ObjId {
    return this.heap.garbage;
  }
  gcGetObjects(generation?: number): ObjId[] {
    return this.heap.getObjects(generation);
  }
  gcGetReferents(id: ObjId): ObjId[] {
    return this.heap.getReferents([id]);
  }
  gcGetReferrers(id: ObjId): ObjId[] {
    return this.heap.getReferrers([id]);
  }
  gcIsTracked(id: ObjId): boolean {
    return id >= STATIC_GC_BASE || (id < STATIC_BASE && this.heap.isTracked(id));
  }
  gcIsFinalized(id: ObjId): boolean {
    return id < STATIC_BASE && this.heap.isFinalized(id);
  }
  mallocStats(): string {
    const fl = this.heap.freeListCounts();
    return debugMallocStats(this.pymalloc, this.profileId, fl);
  }
  setErrorPending(on: boolean): void {
    this.heap.gcs.errorPending = on;
  }
}
