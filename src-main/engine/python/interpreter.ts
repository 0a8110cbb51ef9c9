// One Python interpreter over one simulated heap: builtins installed, heap hooks (__del__, weakref callbacks,
// gc.callbacks) running Python code, and exec() of programs against a persistent __main__.
import type { ProfileId } from '../profiles/types';
import type { ObjId } from './heap-port';
import { HeapAdapter } from './heap-adapter';
import { INTERP_PROFILES } from './interp-profile';
import { LimitExceeded, PyExc, Runtime } from './runtime';
import { installBuiltins } from './builtins';
import { Compiler, type Code } from './compile';
import { binop } from './ops';
import { callBuiltinMethod } from './methods';
import { parseProgram } from './parse';
import type { Module } from './ast';
import { formatTraceback } from './traceback';

const VERSION_INFO: Record<ProfileId, [number, number, number]> = {
  '3.8': [3, 8, 18], '3.9': [3, 9, 18], '3.10': [3, 10, 13], '3.11': [3, 11, 7], '3.12': [3, 12, 1],
  '3.13': [3, 13, 0], '3.14.2': [3, 14, 2], '3.14': [3, 14, 5],
};

export interface RunOutcome {
  stdout: string;
  stderr: string;
  /** 0 ok, 1 uncaught exception or limit. */
  status: 0 | 1;
  error?: { type: string; message: string; line?: number; steps?: number };
}

export class Interpreter {
  readonly port: HeapAdapter;
  readonly rt: Runtime;
  private sources = new Map<string, string>();
  private compilers: Compiler[] = [];

  constructor(readonly profile: ProfileId) {
    this.port = new HeapAdapter(profile);
    const rt = new Runtime(this.port, INTERP_PROFILES[profile]);
    this.rt = rt;
    const [maj, min, mic] = VERSION_INFO[profile];
    rt.versionInfo = [maj, min, mic, 'final', 0];
    rt.versionString = `${maj}.${min}.${mic}`;
    rt.hasIsFinalized = this.port.heap.profile.hasIsFinalized;
    this.port.mapError = (type, message) => rt.error(type, message);
    rt.binop = (op, a, b) => binop(rt, op, a, b);
    rt.callBuiltinMethod = (self, name, args, kw) => callBuiltinMethod(rt, self, name, args, kw);
    rt.weakrefCounter = (t) => (t < (1 << 29) ? this.port.heap.weakrefsTo(t).length : 0);
    rt.callFunction = (fn, args, kw) => {
      const code = this.port.functionCode(fn) as Code;
      return this.compilerFor(code.filename).callCode(fn, code, args, kw, false);
    };
    installBuiltins(rt);
    // The interpreter's own types exist before the program starts: their creation is not the program's count.
    for (const name of ['frame', 'list_iterator', 'tuple_iterator', 'dict_keyiterator', 'dict_valueiterator', 'dict_itemiterator',
      'set_iterator', 'str_iterator', 'str_ascii_iterator', 'bytes_iterator', 'dict_keys', 'dict_values', 'dict_items']) rt.helperClass(name);
    for (const name of ['KeyError', 'IndexError', 'ValueError', 'TypeError', 'AttributeError', 'NameError', 'ZeroDivisionError']) {
      this.port.decref(rt.newException(rt.excClass(name), []));
    }
    this.port.heap.gcs.count = [0, 0, 0];
    this.port.setHost({
      finalize: (obj) => this.runHook(() => {
        const fn = rt.classLookup(this.port.classOf(obj), '__del__');
        if (fn) this.port.decref(rt.call(fn, [obj], undefined));
      }, () => {
        const fn = rt.classLookup(this.port.classOf(obj), '__del__');
        return fn ? rt.repr(fn) : rt.repr(obj);
      }),
      weakrefCallback: (cb, wr) => this.runHook(() => this.port.decref(rt.call(cb, [wr], undefined)), () => rt.repr(cb)),
      gcCallbacks: (phase, generation, collected, uncollectable) => this.gcCallbacks(phase, generation, collected, uncollectable),
    });
  }

  private compilerFor(filename: string): Compiler {
    const c = this.compilers.find((x) => x.filename === filename);
    if (c) return c;
    const nc = new Compiler(this.rt, filename, this.sources.get(filename) ?? '');
    this.compilers.push(nc);
    return nc;
  }

  /** Per running hook (innermost last): the ranges of rt.out that hooks nested in it printed, [start, end) pairs. */
  private hookNested: number[][] = [];

  /**
   * Python code run by the heap (finalizers, callbacks): errors are reported, never propagated. Returns what the
   * hook itself printed to stdout, without the text of hooks it set off (a __del__ whose del frees another
   * object with __del__): the trace gives each its own.
   */
  private runHook(f: () => void, describe: () => string): string {
    const rt = this.rt;
    const saved = { line: rt.frame.line, cur: rt.frame.cur, anchor: rt.frame.anchor };
    const start = rt.out.length;
    const nested: number[] = [];
    this.hookNested.push(nested);
    try {
      f();
    } catch (e) {
      if (!(e instanceof PyExc)) throw e;
      rt.err += `Exception ignored in: ${describe()}\n` + formatTraceback(rt, e, (fn) => (fn.startsWith('<') ? undefined : this.sources.get(fn)), true);
      this.port.decref(e.exc);
    } finally {
      this.hookNested.pop();
      rt.frame.line = saved.line;
      rt.frame.cur = saved.cur;
      rt.frame.anchor = saved.anchor;
    }
    const end = rt.out.length;
    if (end <= start) return '';
    this.hookNested.at(-1)?.push(start, end);
    let own = '';
    let at = start;
    for (let i = 0; i < nested.length; i += 2) {
      own += rt.out.slice(at, nested[i]);
      at = nested[i + 1]!;
    }
    return own + rt.out.slice(at, end);
  }

  private gcCallbacks(phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
    const rt = this.rt;
    const h = this.port;
    const list = rt.gcCallbacksList;
    if (!list || h.seqLen(list) === 0) return;
    // invoke_gc_callback: one info dict per phase, shared by every callback.
    const info = h.newDict();
    for (const [k, v] of [['generation', generation], ['collected', collected], ['uncollectable', uncollectable]] as const) {
      const key = h.newStr(k);
      const val = h.newInt(BigInt(v));
      h.dictSet(info, key, val);
      h.decref(key);
      h.decref(val);
    }
    const ph = rt.intern(phase);
    const cbs: ObjId[] = [];
    for (let i = 0; i < h.seqLen(list); i++) cbs.push(h.seqItem(list, i));
    cbs.forEach((c) => h.incref(c));
    for (const cb of cbs) this.runHook(() => h.decref(rt.call(cb, [ph, info], undefined)), () => rt.repr(cb));
    cbs.forEach((c) => h.decref(c));
    h.decref(info);
  }

  /** Parses and runs `source` in __main__. Throws UnsupportedError / PySyntaxError before running anything. */
  run(source: string, filename: string, maxSteps?: number): RunOutcome {
    return this.runWith(source, filename, maxSteps, (compiler, mod) => compiler.compileModule(mod));
  }

  /**
   * Parses `source`, compiles it with `compile` (module scope, or an open frame's scope) and runs it. `unwind`
   * is told of an error escaping the code before the module frame reports it (open frames close then).
   */
  runWith(source: string, filename: string, maxSteps: number | undefined, compile: (compiler: Compiler, mod: Module) => () => unknown, unwind?: (e: unknown) => void): RunOutcome {
    const rt = this.rt;
    const mod = parseProgram(source, filename);
    if (!this.sources.has(filename) || this.sources.get(filename) !== source) {
      // Each exec of a new text under the same name gets its own line table.
      const existing = this.sources.get(filename);
      if (existing !== undefined) {
        this.compilers = this.compilers.filter((c) => c.filename !== filename || c.source === source);
      }
      this.sources.set(filename, source);
    }
    const compiler = new Compiler(rt, filename, source);
    this.compilers.push(compiler);
    const body = compile(compiler, mod);
    rt.out = '';
    rt.err = '';
    rt.steps = 0;
    if (maxSteps !== undefined) rt.maxSteps = maxSteps;
    rt.frames[0]!.filename = filename;
    rt.frames[0]!.name = '<module>';
    try {
      body();
      return { stdout: rt.out, stderr: rt.err, status: 0 };
    } catch (e) {
      unwind?.(e);
      if (e instanceof PyExc) {
        const f = rt.frame;
        rt.addTb(e, f);
        this.resetFrames();
        const cls = rt.className(rt.excClassOf(e.exc));
        if (cls === 'SystemExit') {
          const args = rt.excArgs(e.exc);
          const code = args && this.port.seqLen(args) ? this.port.seqItem(args, 0) : this.port.None;
          this.port.decref(e.exc);
          return { stdout: rt.out, stderr: rt.err, status: code === this.port.None || (this.port.kind(code) === 'int' && this.port.intValue(code) === 0n) ? 0 : 1 };
        }
        const text = formatTraceback(rt, e, (fn) => (fn.startsWith('<') ? undefined : this.sources.get(fn)));
        const message = rt.excMessage(e.exc);
        this.port.decref(e.exc);
        this.port.setErrorPending(false);
        return { stdout: rt.out, stderr: rt.err + text, status: 1, error: { type: cls, message, line: e.tb[e.tb.length - 1]?.line } };
      }
      if (e instanceof LimitExceeded) {
        this.resetFrames();
        return { stdout: rt.out, stderr: rt.err + e.message + '\n', status: 1, error: { type: 'LimitExceeded', message: e.message, line: rt.frame.line, steps: Math.min(rt.steps, rt.maxSteps) } };
      }
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        this.resetFrames();
        const msg = 'RecursionError: maximum recursion depth exceeded';
        return { stdout: rt.out, stderr: rt.err + msg + '\n', status: 1, error: { type: 'RecursionError', message: msg } };
      }
      throw e;
    }
  }

  /**
   * Interpreter exit: __main__'s names are set to None (first those with one leading underscore, then the
   * rest, in dict order, as _PyModule_ClearDict does), then a last collection runs without gc.callbacks.
   */
  shutdown(): string {
    const rt = this.rt;
    const h = this.port;
    rt.out = '';
    rt.err = '';
    try {
      const names = h.dictEntries(rt.globals).map(([k]) => k).filter((k) => h.kind(k) === 'str');
      const single = names.filter((k) => { const s = h.strValue(k); return s.startsWith('_') && !s.startsWith('__'); });
      const rest = names.filter((k) => !single.includes(k) && h.strValue(k) !== '__builtins__');
      for (const k of [...single, ...rest]) {
        h.incref(k);
        h.dictSet(rt.globals, k, h.None);
        h.decref(k);
      }
      if (rt.gcCallbacksList) h.listClear(rt.gcCallbacksList);
      h.gcCollect(2);
    } catch (e) {
      if (!(e instanceof PyExc)) throw e;
      h.decref(e.exc);
    }
    return rt.out;
  }

  /** After an uncaught error: drop the frames and temporaries the interrupted code left behind. */
  private resetFrames(): void {
    const rt = this.rt;
    const heap = this.port.heap;
    while (heap.frames.length > 1) heap.popFrame();
    const mod = heap.frames[0]!;
    while (mod.temps.length) heap.decref(mod.temps.pop()!);
    rt.frames.length = 1;
    rt.frame = rt.frames[0]!;
  }
}
