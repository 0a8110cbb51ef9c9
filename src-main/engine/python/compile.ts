// AST -> closures. Each expression closure returns a NEW reference (what CPython's value stack holds);
// each statement closure returns a signal (normal, break, continue, return). Names are resolved at
// compile time: function locals live in the heap's frame (a root), module names in the globals dict.
import type { Expr, FPart, Handler, Module, Param, Pos, Stmt } from './ast';
import type { ObjId } from './heap-port';
import { PyExc, type Anchor, type Frame, type Runtime } from './runtime';
import { binop, compare, delitem, forEach, getSlice, getitem, iterToArray, setSlice, setitem, sliceBounds, unary } from './ops';
import { callMethod, delattr, getattr, setattr, slotsOf } from './methods';
import { UnsupportedError } from './errors';

type Ev = () => ObjId;
type Ex = () => number;

/** 3.11: RESUME or JUMP_BACKWARD counts the code object's co_warmup up to 0 (quickened). */
function warmTick(w: Warm): void {
  if (w.n < 0) w.n++;
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

/** A compiled function body. */
export interface Code {
  name: string;
  qualname: string;
  params: string[];
  nlocals: number;
  body: Ex;
  /** Return value slot, set by `return` closures. */
  filename: string;
  firstLine: number;
  /** <=3.10: the code object's frames: [0] is the zombie frame kept between calls, the rest are in use. */
  frames?: ObjId[];
  depth?: number;
  /** 3.11: the code object's co_warmup (see warmOf). */
  warm?: Warm;
}

/** 3.11's co_warmup: counts up from -quickenWarmup at RESUME and JUMP_BACKWARD; at 0 the code is quickened. */
export interface Warm { n: number }

export interface Scope {
  kind: 'module' | 'function' | 'class';
  /** Told of every name this scope (or a scope nested in it) resolves as a global (open frames refuse a later local of that name). */
  onGlobalRead?: (name: string) => void;
  locals: Map<string, number>;
  globals: Set<string>;
  /** Comprehension variables: name -> JS cell (comprehensions get their own scope in every version's output). */
  comps: Map<string, { v: ObjId }>[];
  /** Class body namespace (ordered). */
  classNs?: { entries: Map<string, ObjId> };
  qualPrefix: string;
  code?: Code;
  /** The enclosing scope (for telling a closure variable from a global). */
  parent?: Scope;
  /** 3.11: the warm-up counter of the code object this scope compiles into. */
  warm?: Warm;
}

export class Compiler {
  constructor(
    private rt: Runtime,
    readonly filename: string,
    readonly source: string,
  ) {}

  // ======================================================================================= module
  compileModule(m: Module): () => void {
    const scope: Scope = { kind: 'module', locals: new Map(), globals: new Set(), comps: [], qualPrefix: '' };
    const warm = this.warmOf(scope);
    const body = this.block(m.body, scope);
    return () => {
      warmTick(warm); // RESUME
      body();
    };
  }

  /** The co_warmup of the code object a scope compiles into, made on first use. */
  private warmOf(sc: Scope): Warm {
    if (!sc.warm) {
      sc.warm = sc.code?.warm ?? { n: -this.rt.ip.quickenWarmup };
      if (sc.code) sc.code.warm = sc.warm;
    }
    return sc.warm;
  }

  /** A fresh module scope (what compileModule compiles in). */
  static moduleScope(): Scope {
    return { kind: 'module', locals: new Map(), globals: new Set(), comps: [], qualPrefix: '' };
  }

  /** Statements compiled in a given scope (an open frame's function scope, see open-frames.ts). */
  compileBlock(stmts: Stmt[], sc: Scope): () => number {
    return this.block(stmts, sc);
  }

  // ================================================================================ scope analysis
  assignedNames(body: Stmt[], out: Set<string>, globals: Set<string>): void {
    const target = (t: Expr) => {
      if (t.k === 'name') out.add(t.id);
      else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach(target);
    };
    for (const s of body) {
      switch (s.k) {
        case 'assign': s.targets.forEach(target); break;
        case 'augassign': target(s.target); break;
        case 'del': s.targets.forEach(target); break;
        case 'for': target(s.target); this.assignedNames(s.body, out, globals); this.assignedNames(s.orelse, out, globals); break;
        case 'while': this.assignedNames(s.body, out, globals); this.assignedNames(s.orelse, out, globals); break;
        case 'if': this.assignedNames(s.body, out, globals); this.assignedNames(s.orelse, out, globals); break;
        case 'try':
          this.assignedNames(s.body, out, globals);
          s.handlers.forEach((h) => { if (h.name) out.add(h.name); this.assignedNames(h.body, out, globals); });
          this.assignedNames(s.orelse, out, globals);
          this.assignedNames(s.finalbody, out, globals);
          break;
        case 'def': case 'class': out.add(s.name); break;
        case 'import': s.names.forEach((n) => out.add(n.asname ?? n.name)); break;
        case 'importfrom': s.names.forEach((n) => out.add(n.asname ?? n.name)); break;
        case 'global': s.names.forEach((n) => globals.add(n)); break;
      }
    }
  }

  // ================================================================================== statements
  private block(stmts: Stmt[], sc: Scope): Ex {
    const parts = stmts.map((s) => this.stmt(s, sc));
    const n = parts.length;
    if (n === 0) return () => NORMAL;
    if (n === 1) return parts[0]!;
    return () => {
      for (let i = 0; i < n; i++) {
        const sig = parts[i]!();
        if (sig !== NORMAL) return sig;
      }
      return NORMAL;
    };
  }

  private stmt(s: Stmt, sc: Scope): Ex {
    const inner = this.stmtInner(s, sc);
    const rt = this.rt;
    const line = s.line;
    return () => {
      const f = rt.frame;
      f.line = line;
      f.stmt = s;
      f.cur = undefined;
      if (++rt.steps > rt.maxSteps) rt.stepLimit();
      if ((rt.steps & 0xffff) === 0) rt.checkMemory();
      return inner();
    };
  }

  private stmtInner(s: Stmt, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    switch (s.k) {
      case 'expr': {
        const e = this.expr(s.value, sc);
        return () => { h.decref(e()); return NORMAL; };
      }
      case 'pass':
        return () => NORMAL;
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'assign': {
        const value = this.expr(s.value, sc);
        const stores = s.targets.map((t) => this.store(t, sc));
        if (stores.length === 1) {
          const st = stores[0]!;
          return () => { st(value()); return NORMAL; };
        }
        return () => {
          const v = value();
          for (let i = 0; i < stores.length; i++) {
            if (i < stores.length - 1) h.incref(v);
            stores[i]!(v);
          }
          return NORMAL;
        };
      }
      case 'augassign':
        return this.augassign(s, sc);
      case 'del': {
        const dels = s.targets.map((t) => this.del(t, sc));
        return () => { for (const d of dels) d(); return NORMAL; };
      }
      case 'if': {
        const test = this.cond(s.test, sc);
        const body = this.block(s.body, sc);
        const orelse = this.block(s.orelse, sc);
        return () => (test() ? body() : orelse());
      }
      case 'while': {
        const test = this.cond(s.test, sc);
        const body = this.block(s.body, sc);
        const orelse = this.block(s.orelse, sc);
        const warm = this.warmOf(sc);
        // 3.11 repeats the test at the bottom (POP_JUMP_BACKWARD_IF_TRUE, no warm-up); `continue` and a constant
        // true test jump back with JUMP_BACKWARD.
        const constTrue = s.test.k === 'const' && (s.test.c.t === 'bool' || s.test.c.t === 'int') && Boolean(s.test.c.v);
        return () => {
          while (test()) {
            const sig = body();
            if (sig === BREAK) return NORMAL;
            if (sig === RETURN) return RETURN;
            if (constTrue || sig === CONTINUE) warmTick(warm);
            h.evalBreaker(); // JUMP_BACKWARD
            if (++rt.steps > rt.maxSteps) rt.stepLimit();
      if ((rt.steps & 0xffff) === 0) rt.checkMemory();
          }
          return orelse();
        };
      }
      case 'for':
        return this.forStmt(s, sc);
      case 'return': {
        const v = s.value ? this.expr(s.value, sc) : () => rt.none();
        return () => { this.rt.ret = v(); return RETURN; };
      }
      case 'def':
        return this.defStmt(s, sc);
      case 'class':
        return this.classStmt(s, sc);
      case 'try':
        return this.tryStmt(s, sc);
      case 'raise':
        return this.raiseStmt(s, sc);
      case 'global':
        return () => NORMAL;
      case 'import': {
        const stores = s.names.map((n) => [this.rt.modules.get(n.name)!, this.storeName(n.asname ?? n.name, sc)] as const);
        return () => { for (const [m, st] of stores) { h.incref(m); st(m); } return NORMAL; };
      }
      case 'importfrom': {
        const mod = this.rt.modules.get(s.module)!;
        const stores = s.names.map((n) => [n.name, this.storeName(n.asname ?? n.name, sc)] as const);
        return () => {
          for (const [name, st] of stores) {
            let v: ObjId;
            try {
              v = getattr(rt, mod, name);
            } catch (e) {
              if (e instanceof PyExc) throw rt.error('ImportError', `cannot import name '${name}' from '${s.module}' (unknown location)`);
              throw e;
            }
            st(v);
          }
          return NORMAL;
        };
      }
      case 'assert': {
        const test = this.cond(s.test, sc);
        const msg = s.msg ? this.expr(s.msg, sc) : undefined;
        return () => {
          if (test()) return NORMAL;
          if (msg) {
            const m = msg();
            const cls = rt.excClass('AssertionError');
            const e = rt.call(cls, [m], undefined);
            h.decref(m);
            throw new PyExc(rt, e);
          }
          throw rt.error('AssertionError');
        };
      }
    }
  }

  private augassign(s: Extract<Stmt, { k: 'augassign' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const op = s.op;
    const value = this.expr(s.value, sc);
    const t = s.target;
    const pos = s as Pos;
    const anchor = this.anchorOfAug(s);
    if (t.k === 'name') {
      const load = this.load(t, sc);
      const st = this.storeName(t.id, sc);
      return () => {
        const a = load();
        const b = value();
        this.setPos(pos, anchor);
        try {
          st(binop(rt, op, a, b, true));
        } finally {
          h.decref(a);
          h.decref(b);
        }
        return NORMAL;
      };
    }
    if (t.k === 'attr') {
      const obj = this.expr(t.value, sc);
      const name = t.attr;
      return () => {
        const o = obj();
        try {
          this.setPos(t, undefined);
          const a = getattr(rt, o, name);
          let r: ObjId;
          try {
            const b = value();
            this.setPos(pos, anchor);
            try { r = binop(rt, op, a, b, true); } finally { h.decref(b); }
          } finally { h.decref(a); }
          try { setattr(rt, o, name, r); } finally { h.decref(r); }
        } finally { h.decref(o); }
        return NORMAL;
      };
    }
    if (t.k === 'subscript') {
      const obj = this.expr(t.value, sc);
      const idx = this.expr(t.index, sc);
      return () => {
        const o = obj();
        const i = idx();
        try {
          this.setPos(t, undefined);
          const a = getitem(rt, o, i);
          let r: ObjId;
          try {
            const b = value();
            this.setPos(pos, anchor);
            try { r = binop(rt, op, a, b, true); } finally { h.decref(b); }
          } finally { h.decref(a); }
          try { setitem(rt, o, i, r); } finally { h.decref(r); }
        } finally { h.decref(o); h.decref(i); }
        return NORMAL;
      };
    }
    throw new Error('bad augassign target');
  }

  private forStmt(s: Extract<Stmt, { k: 'for' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const st = this.store(s.target, sc);
    const body = this.block(s.body, sc);
    const orelse = this.block(s.orelse, sc);
    const warm = this.warmOf(sc);
    const runBody = (item: ObjId): number => {
      st(item);
      const sig = body();
      if (sig === BREAK || sig === RETURN) return sig;
      warmTick(warm);
      h.evalBreaker(); // JUMP_BACKWARD
      if (++rt.steps > rt.maxSteps) rt.stepLimit();
      if ((rt.steps & 0xffff) === 0) rt.checkMemory();
      return NORMAL;
    };
    // for i in range(...): no range object is needed to produce the same ints.
    const it = s.iter;
    if (it.k === 'call' && it.func.k === 'name' && it.func.id === 'range' && it.keywords.length === 0 && it.args.length >= 1 && it.args.length <= 3 && !sc.locals.has('range')) {
      const args = it.args.map((a) => this.expr(a, sc));
      const rangeFn = this.load(it.func, sc);
      return () => {
        const fn = rangeFn();
        h.decref(fn);
        if (fn !== rt.builtins.get('range')) throw new Error('range shadowed');
        const vals = args.map((a) => a());
        // 3.8: range() is called through tp_call with an argument tuple.
        if (rt.ip.builtinTypeCallPacksArgs) rt.unpackArgs(rt.packArgs(vals, undefined));
        let nums: number[];
        try {
          this.setPos(it, undefined);
          nums = vals.map((v) => rt.index(v, "'%T' object cannot be interpreted as an integer"));
        } finally { vals.forEach((v) => h.decref(v)); }
        const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
        if (step === 0) throw rt.error('ValueError', 'range() arg 3 must not be zero');
        for (let x = start; step > 0 ? x < stop : x > stop; x += step) {
          const sig = runBody(h.newInt(BigInt(x)));
          if (sig === BREAK) return NORMAL;
          if (sig === RETURN) return RETURN;
        }
        return orelse();
      };
    }
    // for k in d.keys() / d.values() / d.items(): iterate the dict itself, as the view's iterator does.
    if (it.k === 'call' && it.func.k === 'attr' && ['keys', 'values', 'items'].includes(it.func.attr) && it.args.length === 0 && it.keywords.length === 0) {
      const obj = this.expr(it.func.value, sc);
      const which = it.func.attr as 'keys' | 'values' | 'items';
      const fallback = this.expr(it, sc);
      return () => {
        const d = obj();
        if (h.kind(d) !== 'dict') {
          h.decref(d);
          const seq = fallback();
          h.pushTemp(seq);
          let sig = NORMAL;
          try { forEach(rt, seq, (item) => { sig = runBody(item); return sig === NORMAL; }); } finally { h.decref(h.popTemp()); }
          return sig === RETURN ? RETURN : sig === BREAK ? NORMAL : orelse();
        }
        // d.items() makes a view object, GET_ITER an iterator over it; both are GC objects.
        const view = h.newInstance(rt.helperClass(`dict_${which}`));
        h.instanceSet(view, 'seq', d);
        h.decref(d);
        const iterObj = h.newInstance(rt.helperClass(`dict_${which.slice(0, -1)}iterator`));
        h.instanceSet(iterObj, 'seq', view);
        h.decref(view);
        h.pushTemp(iterObj);
        let sig = NORMAL;
        try {
          const n0 = h.dictLen(d);
          for (const [k, v] of h.dictEntries(d)) {
            if (h.dictLen(d) !== n0) throw rt.error('RuntimeError', 'dictionary changed size during iteration');
            let item: ObjId;
            if (which === 'keys') { h.incref(k); item = k; }
            else if (which === 'values') { h.incref(v); item = v; }
            else item = h.newTuple([k, v]);
            sig = runBody(item);
            if (sig !== NORMAL) break;
          }
        } finally {
          h.decref(h.popTemp());
        }
        return sig === RETURN ? RETURN : sig === BREAK ? NORMAL : orelse();
      };
    }
    // `for x in [1, 2, 3]`: the compiler turns a constant list into a tuple constant.
    const iterExpr: Expr = it.k === 'list' && it.elts.every((x) => x.k === 'const') ? { ...it, k: 'tuple' } : it;
    const iter = this.expr(iterExpr, sc);
    const pos = s.iter;
    return () => {
      const seq = iter();
      // GET_ITER: the iterator object replaces the iterable on the stack and holds it.
      const it = rt.makeIterator(seq);
      if (it) h.decref(seq);
      h.pushTemp(it || seq);
      let sig = NORMAL;
      try {
        this.setPos(pos, undefined);
        forEach(rt, seq, (item) => {
          sig = runBody(item);
          return sig === NORMAL;
        });
      } finally {
        h.decref(h.popTemp());
      }
      if (sig === RETURN) return RETURN;
      if (sig === BREAK) return NORMAL;
      return orelse();
    };
  }

  private defStmt(s: Extract<Stmt, { k: 'def' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const code = this.compileFunction(s.name, s.params, s.body, sc, s.line);
    const defaults = s.params.filter((p) => p.default).map((p) => this.expr(p.default!, sc));
    const st = this.storeName(s.name, sc);
    return () => {
      st(this.makeFunction(code, defaults));
      return NORMAL;
      void h;
    };
  }

  makeFunction(code: Code, defaults: Ev[]): ObjId {
    const h = this.rt.heap;
    let defs = 0;
    if (defaults.length) {
      const vals = defaults.map((d) => d());
      defs = h.newTuple(vals);
      vals.forEach((v) => h.decref(v));
    }
    const fn = h.newFunction(code.qualname, code, defs, this.rt.globals);
    if (defs) h.decref(defs);
    return fn;
  }

  compileFunction(name: string, params: Param[], body: Stmt[], outer: Scope, firstLine: number): Code {
    const locals = new Map<string, number>();
    params.forEach((p) => locals.set(p.name, locals.size));
    const assigned = new Set<string>();
    const globals = new Set<string>();
    this.assignedNames(body, assigned, globals);
    for (const n of assigned) if (!globals.has(n) && !locals.has(n)) locals.set(n, locals.size);
    const qualname = outer.kind === 'function' ? `${outer.code!.qualname}.<locals>.${name}` : outer.qualPrefix + name;
    const code: Code = { name, qualname, params: params.map((p) => p.name), nlocals: 0, body: () => NORMAL, filename: this.filename, firstLine };
    const sc: Scope = { kind: 'function', locals, globals, comps: [], qualPrefix: '', code, parent: outer };
    this.warmOf(sc);
    code.body = this.block(body, sc);
    code.nlocals = locals.size;
    return code;
  }

  /** Runs a Python function: binds arguments, pushes a frame (a root), runs the body. */
  callCode(fn: ObjId, code: Code, args: ObjId[], kw: Map<string, ObjId> | undefined, steal: boolean, borrowed?: number[]): ObjId {
    const rt = this.rt;
    const h = rt.heap;
    const params = code.params;
    const np = params.length;
    const locals = new Array<ObjId>(code.nlocals).fill(0);
    const nargs = args.length;
    const release = () => { if (steal) args.forEach((a) => h.decref(a)); };
    const fname = rt.ip.qualnameInArgErrors ? code.qualname : code.name;
    if (nargs > np) {
      release();
      const defs = h.functionDefaults(fn);
      const nd = defs ? h.seqLen(defs) : 0;
      const takes = nd ? `from ${np - nd} to ${np}` : `${np}`;
      throw rt.error('TypeError', `${fname}() takes ${takes} positional argument${np === 1 && !nd ? '' : 's'} but ${nargs} ${nargs === 1 ? 'was' : 'were'} given`);
    }
    for (let i = 0; i < nargs; i++) {
      const a = args[i]!;
      if (!steal) h.incref(a);
      locals[i] = a;
    }
    if (kw) {
      for (const [k, v] of kw) {
        const i = params.indexOf(k);
        if (i < 0) {
          locals.forEach((x) => x && h.decref(x));
          throw rt.error('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
        }
        if (locals[i]) {
          locals.forEach((x) => x && h.decref(x));
          throw rt.error('TypeError', `${fname}() got multiple values for argument '${k}'`);
        }
        h.incref(v);
        locals[i] = v;
      }
    }
    if (nargs < np) {
      const defs = h.functionDefaults(fn);
      const nd = defs ? h.seqLen(defs) : 0;
      const missing: string[] = [];
      for (let i = nargs; i < np; i++) {
        if (locals[i]) continue;
        const di = i - (np - nd);
        if (di >= 0) {
          const d = h.seqItem(defs, di);
          h.incref(d);
          locals[i] = d;
        } else missing.push(params[i]!);
      }
      if (missing.length) {
        locals.forEach((x) => x && h.decref(x));
        const names = missing.map((m) => `'${m}'`);
        const list = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
        throw rt.error('TypeError', `${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
      }
    }
    if (rt.frames.length >= 1000) {
      locals.forEach((x) => x && h.decref(x));
      throw rt.error('RecursionError', 'maximum recursion depth exceeded');
    }
    const { frame, frameObj } = this.enterFrame(fn, code, locals, borrowed);
    try {
      h.evalBreaker(); // RESUME
      if (code.warm) warmTick(code.warm);
      const sig = code.body();
      if (sig === RETURN) {
        const r = this.rt.ret;
        this.rt.ret = 0;
        return r;
      }
      return rt.none();
    } catch (err) {
      let e = err;
      // The JavaScript stack ran out first: CPython would have stopped at its recursion limit.
      if (e instanceof RangeError && /call stack/.test(e.message)) e = rt.error('RecursionError', 'maximum recursion depth exceeded');
      if (e instanceof PyExc) {
        if (!(e.tb.length && e.tb[e.tb.length - 1]!.frame === frame)) rt.linkTraceback(e.exc, frame);
        rt.addTb(e, frame);
      }
      throw e;
    } finally {
      this.exitFrame(code, frame, frameObj);
    }
  }

  /**
   * The start of a call once its arguments are bound: the frame object (<=3.10), the heap frame (a root holding
   * the function and the locals), the interpreter frame. The caller runs RESUME's eval-breaker check next.
   */
  enterFrame(fn: ObjId, code: Code, locals: ObjId[], borrowed?: number[]): { frame: Frame; frameObj: ObjId } {
    const rt = this.rt;
    const h = rt.heap;
    // <=3.10 frame objects: stand-ins with the same counter effect (a GC allocation, untracked while parked).
    const frameObj = rt.ip.frameObjects ? this.enterFrameObject(code) : 0;
    h.pushFrame(fn, code.nlocals);
    for (let i = 0; i < locals.length; i++) if (locals[i]) h.setLocal(i, locals[i]!);
    const frame: Frame = { locals: [], line: code.firstLine, cur: undefined, anchor: undefined, name: code.name, filename: code.filename };
    // 3.14: a parameter that received a borrowed stack reference stays borrowed (sys.getrefcount shows it).
    if (borrowed && borrowed.some((x) => x > 0)) frame.borrowed = borrowed.map((x) => x > 0);
    rt.frames.push(frame);
    rt.frame = frame;
    return { frame, frameObj };
  }

  /** The end of a call: locals released first to last, the frame popped, the frame object parked or freed. */
  exitFrame(code: Code, frame: Frame, frameObj: ObjId): void {
    const rt = this.rt;
    const h = rt.heap;
    rt.releaseFrameObject(frame, h.frameLocals());
    rt.frames.pop();
    rt.frame = rt.frames[rt.frames.length - 1]!;
    h.popFrame();
    if (frameObj) this.leaveFrameObject(code, frameObj);
  }

  private enterFrameObject(code: Pick<Code, 'frames' | 'depth'>): ObjId {
    const h = this.rt.heap;
    code.depth = (code.depth ?? 0) + 1;
    if (code.depth === 1 && code.frames && code.frames.length) return code.frames[0]!; // the zombie frame
    const f = h.newFrameStandIn();
    if (code.depth === 1) {
      (code.frames ??= []).push(f);
      h.keep(f);
    }
    return f;
  }
  private leaveFrameObject(code: Pick<Code, 'frames' | 'depth'>, f: ObjId): void {
    code.depth = (code.depth ?? 1) - 1;
    if (code.frames && code.frames[0] === f) return; // parked on the code object
    this.rt.heap.decref(f);
  }

  /**
   * A class statement as CPython runs it: MAKE_FUNCTION (the body's function), the bases, then __build_class__:
   * the bases tuple, type.__prepare__ (a bound builtin method, dropped) making the namespace dict, the body in
   * a frame (<=3.10: a frame object, the code's zombie afterwards) writing __module__, __qualname__ (3.13+:
   * __firstlineno__ and __static_attributes__) and its names, then type(name, bases, ns) through an args tuple
   * (heap.newClass: type_new's objects), then the tuple, the namespace, the bases tuple and the function go.
   */
  /**
   * 3.13+ CALL_ALLOC_AND_ENTER_INIT: a call of a class whose instances keep inline values (no __slots__), whose
   * __init__ is a Python function taking exactly these positional arguments: no args tuple (type_call packs one).
   * Measured, 3.13: `class T: pass` in a loop after `a = P(1); b = Q(2, 3)` costs count0 +9 (the tuple free lists
   * stay empty), +7 where those calls pack their arguments (3.12).
   */
  private simpleClassInit(f: ObjId, nargs: number, kw: Map<string, ObjId> | undefined): boolean {
    const rt = this.rt;
    const h = rt.heap;
    if (!rt.ip.specializedClassInit || (kw && kw.size) || h.kind(f) !== 'class' || slotsOf(rt, f) !== null) return false;
    if (rt.classLookup(f, '__new__')) return false;
    const init = rt.classLookup(f, '__init__');
    if (!init || h.kind(init) !== 'function') return false;
    const code = h.functionCode(init) as Code | undefined;
    return code !== undefined && code.params.length === nargs + 1;
  }

  private classStmt(s: Extract<Stmt, { k: 'class' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const bases = s.bases.map((b) => this.expr(b, sc));
    const ns = { entries: new Map<string, ObjId>() };
    const csc: Scope = { kind: 'class', locals: new Map(), globals: new Set(), comps: [], classNs: ns, qualPrefix: `${sc.qualPrefix}${s.name}.`, parent: sc };
    const qualname = `${sc.qualPrefix}${s.name}`;
    const warm = this.warmOf(csc);
    const body = this.block(s.body, csc);
    const st = this.storeName(s.name, sc);
    const frames: Pick<Code, 'frames' | 'depth'> = {}; // the body code's zombie frame (<=3.10)
    const newer = rt.ip.classBodyNames; // 3.13+: __firstlineno__ / __static_attributes__
    const line = s.line;
    return () => {
      const fn = h.newFunction(qualname, null, 0, rt.globals);
      const bs: ObjId[] = [];
      let basesTuple = 0;
      let nsDict = 0;
      let frameObj = 0;
      let entered = false;
      ns.entries = new Map();
      try {
        for (const b of bases) bs.push(b());
        if (bs.length > 0) basesTuple = h.newTuple(bs);
        rt.transientAllocs(0, 0, 1); // type.__prepare__, bound to type
        nsDict = h.newDict();
        const set = (name: string, v: ObjId): void => {
          const k = h.internStr(name);
          h.dictSet(nsDict, k, v);
          h.decref(k);
          h.decref(v);
        };
        if (rt.ip.frameObjects) frameObj = this.enterFrameObject(frames);
        entered = true;
        h.evalBreaker(); // the class body's RESUME (3.12+: a collection scheduled by the allocations so far runs here)
        set('__module__', h.internStr('__main__'));
        set('__qualname__', h.internStr(qualname));
        if (newer) set('__firstlineno__', h.newInt(BigInt(line)));
        warmTick(warm); // the class body's RESUME
        body();
        for (const [k, v] of ns.entries) {
          h.incref(v);
          set(k, v);
        }
        if (newer) set('__static_attributes__', h.newTuple([]));
        if (frameObj) this.leaveFrameObject(frames, frameObj);
        entered = false;
        let slots: string[] | null = null;
        const sv = ns.entries.get('__slots__');
        if (sv !== undefined) {
          const k = h.kind(sv);
          if (k === 'str') slots = [h.strValue(sv)];
          else slots = iterToArray(rt, sv).map((x) => { const v = rt.toStr(x); h.decref(x); return v; });
        }
        const realBases = bs.filter((b) => !(h.kind(b) === 'builtin' && rt.sdata(b).t === 'type'));
        const hasDel = ns.entries.has('__del__') || realBases.some((b) => !!rt.classLookup(b, '__del__'));
        const nm = h.internStr(s.name);
        const noBases = basesTuple ? 0 : h.newTuple([]);
        const args = h.newTuple([nm, basesTuple || noBases, nsDict]); // type(name, bases, ns)
        h.decref(nm);
        if (noBases) h.decref(noBases);
        let cls: ObjId;
        try {
          cls = h.newClass(s.name, realBases, slots, hasDel, { ns: nsDict, bases: basesTuple, object: rt.types.get('object')!, superArgsTuple: rt.ip.superPacksArgs });
        } finally {
          h.decref(args);
        }
        h.decref(nsDict);
        nsDict = 0;
        if (basesTuple) h.decref(basesTuple);
        basesTuple = 0;
        h.decref(fn);
        h.pushTemp(cls);
        h.evalBreaker(); // after CALL, with the class on the stack
        st(h.popTemp());
      } catch (e) {
        if (entered && frameObj) this.leaveFrameObject(frames, frameObj);
        if (nsDict) h.decref(nsDict);
        if (basesTuple) h.decref(basesTuple);
        h.decref(fn);
        throw e;
      } finally {
        for (const v of ns.entries.values()) h.decref(v);
        ns.entries = new Map();
        bs.forEach((b) => h.decref(b));
      }
      return NORMAL;
    };
  }

  private tryStmt(s: Extract<Stmt, { k: 'try' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const body = this.block(s.body, sc);
    const handlers = s.handlers.map((hd) => ({
      type: hd.type ? this.expr(hd.type, sc) : undefined,
      store: hd.name ? this.storeName(hd.name, sc) : undefined,
      del: hd.name ? this.delName(hd.name, sc, true) : undefined,
      body: this.block(hd.body, sc),
      hd,
    }));
    const orelse = this.block(s.orelse, sc);
    const finalbody = s.finalbody.length ? this.block(s.finalbody, sc) : undefined;
    const run = (): number => {
      let sig: number;
      try {
        sig = body();
      } catch (e) {
        if (!(e instanceof PyExc) || handlers.length === 0) throw e;
        return this.handle(e, handlers);
      }
      if (sig !== NORMAL) return sig;
      return orelse();
    };
    if (!finalbody) return run;
    return () => {
      let sig: number;
      try {
        sig = run();
      } catch (e) {
        const saved = this.rt.ret;
        const fsig = finalbody();
        if (fsig !== NORMAL) return fsig; // return/break in finally swallows the exception
        this.rt.ret = saved;
        throw e;
      }
      const saved = this.rt.ret;
      const fsig = finalbody();
      if (fsig !== NORMAL) {
        if (sig === RETURN && saved) h.decref(saved);
        return fsig;
      }
      this.rt.ret = saved;
      return sig;
    };
  }

  private handle(e: PyExc, handlers: { type?: Ev; store?: (v: ObjId) => void; del?: () => void; body: Ex; hd: Handler }[]): number {
    const rt = this.rt;
    const h = rt.heap;
    const cls = rt.excClassOf(e.exc);
    if (!(e.tb.length && e.tb[e.tb.length - 1]!.frame === rt.frame)) rt.linkTraceback(e.exc, rt.frame);
    rt.addTb(e, rt.frame);
    for (const hd of handlers) {
      if (hd.type) {
        const t = hd.type();
        let match: boolean;
        try {
          match = this.excMatches(cls, t);
        } finally {
          h.decref(t);
        }
        if (!match) continue;
      }
      // The frame line of the handler is where later errors point.
      this.rt.handling.push(e.exc);
      this.rt.handlingExc.push(e);
      const savedTb = e.tb;
      try {
        if (hd.store) { h.incref(e.exc); hd.store(e.exc); }
        try {
          return hd.body();
        } catch (inner) {
          if (inner instanceof PyExc && inner !== e && inner.context === undefined && inner.exc !== e.exc && !inner.suppressContext) {
            inner.context = e;
            rt.setContext(inner.exc, e.exc);
          } else if (inner instanceof PyExc && inner.exc === e.exc) {
            inner.tb = [...savedTb, ...inner.tb.filter((x) => !savedTb.includes(x))];
          }
          throw inner;
        } finally {
          if (hd.del) hd.del();
        }
      } finally {
        this.rt.handling.pop();
        this.rt.handlingExc.pop();
        h.decref(e.exc);
      }
    }
    throw e;
  }

  private excMatches(cls: ObjId, t: ObjId): boolean {
    const rt = this.rt;
    const h = rt.heap;
    if (h.kind(t) === 'tuple') {
      for (let i = 0; i < h.seqLen(t); i++) if (this.excMatches(cls, h.seqItem(t, i))) return true;
      return false;
    }
    if (!rt.isExcClass(t) && !(h.kind(t) === 'builtin' && rt.sdata(t).t === 'exccls')) {
      throw rt.error('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
    }
    return rt.isSubclass(cls, t);
  }

  private raiseStmt(s: Extract<Stmt, { k: 'raise' }>, sc: Scope): Ex {
    const rt = this.rt;
    const h = rt.heap;
    const exc = s.exc ? this.expr(s.exc, sc) : undefined;
    const cause = s.cause ? this.expr(s.cause, sc) : undefined;
    const pos = s as Pos;
    return () => {
      if (!exc) {
        const cur = this.rt.handling[this.rt.handling.length - 1];
        if (cur === undefined) throw rt.error('RuntimeError', 'No active exception to reraise');
        h.incref(cur);
        const pe = new PyExc(rt, cur);
        pe.reraise = true;
        throw pe;
      }
      const v = exc();
      let causeObj = 0;
      if (cause) {
        try {
          causeObj = cause();
        } catch (err) {
          h.decref(v);
          throw err;
        }
      }
      this.setPos(pos, undefined);
      const withCause = (pe: PyExc): PyExc => {
        if (!causeObj) return pe;
        if (causeObj !== h.None) {
          // The cause as it travelled (with its traceback) when it is being handled here.
          pe.causeExc = rt.handlingExc.find((x) => x.exc === causeObj) ?? new PyExc(rt, causeObj);
          rt.setContext(pe.exc, causeObj, '__cause__');
        }
        pe.suppressContext = true;
        h.decref(causeObj);
        return pe;
      };
      if (rt.isExcClass(v) || (h.kind(v) === 'builtin' && rt.sdata(v).t === 'exccls')) {
        let inst: ObjId;
        try { inst = rt.call(v, [], undefined); } finally { h.decref(v); }
        throw withCause(new PyExc(rt, inst));
      }
      if (!rt.isExcClass(rt.excClassOf(v)) && !(h.kind(v) === 'builtin' && rt.sdata(v).t === 'exc')) {
        h.decref(v);
        if (causeObj) h.decref(causeObj);
        throw rt.error('TypeError', 'exceptions must derive from BaseException');
      }
      throw withCause(new PyExc(rt, v));
    };
  }

  // ============================================================================ stores and deletes
  private storeName(name: string, sc: Scope): (v: ObjId) => void {
    const rt = this.rt;
    const h = rt.heap;
    for (let i = sc.comps.length - 1; i >= 0; i--) {
      const cell = sc.comps[i]!.get(name);
      if (cell) return (v) => { const old = cell.v; cell.v = v; if (old) h.decref(old); };
    }
    if (sc.kind === 'function' && !sc.globals.has(name)) {
      const i = sc.locals.get(name)!;
      if (rt.ip.borrowedLoads) return (v) => { const b = rt.frame.borrowed; if (b) b[i] = false; h.setLocal(i, v); };
      return (v) => h.setLocal(i, v);
    }
    if (sc.kind === 'class' && !sc.globals.has(name)) {
      const ns = sc.classNs!;
      return (v) => { const old = ns.entries.get(name); ns.entries.set(name, v); if (old) h.decref(old); };
    }
    const key = rt.intern(name);
    const lookup = h.lookupKey(key);
    const G = rt.globals;
    return (v) => { h.dictSetKeyed(G, key, lookup, v); h.decref(v); };
  }

  /** Returns a function that consumes the NEW reference it is given. */
  private store(t: Expr, sc: Scope): (v: ObjId) => void {
    const rt = this.rt;
    const h = rt.heap;
    switch (t.k) {
      case 'name':
        return this.storeName(t.id, sc);
      case 'attr': {
        const obj = this.expr(t.value, sc);
        const name = t.attr;
        return (v) => {
          let o: ObjId;
          try { o = obj(); } catch (e) { h.decref(v); throw e; }
          try {
            this.setPos(t, undefined);
            setattr(rt, o, name, v);
          } finally {
            h.decref(v);
            h.decref(o);
          }
        };
      }
      case 'subscript': {
        const obj = this.expr(t.value, sc);
        if (t.index.k === 'slice') {
          const sl = t.index;
          const parts = [sl.lower, sl.upper, sl.step].map((x) => (x ? this.expr(x, sc) : undefined));
          return (v) => {
            const o = obj();
            const bs = parts.map((p) => (p ? p() : 0));
            try {
              this.setPos(t, undefined);
              setSlice(rt, o, sliceBounds(rt, h.kind(o) === 'list' ? h.seqLen(o) : 0, bs[0]!, bs[1]!, bs[2]!), v);
            } finally {
              h.decref(v);
              h.decref(o);
              bs.forEach((b) => b && h.decref(b));
            }
          };
        }
        const idx = this.expr(t.index, sc);
        return (v) => {
          const o = obj();
          const i = idx();
          try {
            this.setPos(t, undefined);
            setitem(rt, o, i, v);
          } finally {
            h.decref(v);
            h.decref(o);
            h.decref(i);
          }
        };
      }
      case 'tuple':
      case 'list': {
        const stores = t.elts.map((e) => this.store(e, sc));
        const n = stores.length;
        return (v) => {
          let items: ObjId[];
          try {
            this.setPos(t, undefined);
            items = this.unpackItems(v);
          } finally {
            h.decref(v);
          }
          if (items.length !== n) {
            items.forEach((x) => h.decref(x));
            if (items.length < n) throw rt.error('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
            throw rt.error('ValueError', `too many values to unpack (expected ${n})`);
          }
          for (let i = 0; i < n; i++) stores[i]!(items[i]!);
        };
      }
      default:
        throw new Error(`cannot store to ${t.k}`);
    }
  }

  private unpackItems(v: ObjId): ObjId[] {
    const rt = this.rt;
    const h = rt.heap;
    const k = h.kind(v);
    if (k !== 'list' && k !== 'tuple' && k !== 'str' && k !== 'dict' && k !== 'set' && k !== 'bytes' && !(k === 'builtin' && ['range', 'view'].includes(rt.sdata(v).t))) {
      throw rt.error('TypeError', `cannot unpack non-iterable ${rt.typeNameOf(v)} object`);
    }
    return iterToArray(rt, v);
  }

  private delName(name: string, sc: Scope, quiet = false): () => void {
    const rt = this.rt;
    const h = rt.heap;
    if (sc.kind === 'function' && !sc.globals.has(name)) {
      const i = sc.locals.get(name)!;
      return () => {
        if (!h.getLocal(i)) {
          if (quiet) return;
          throw this.unboundLocal(name);
        }
        h.setLocal(i, 0);
      };
    }
    if (sc.kind === 'class' && !sc.globals.has(name)) {
      const ns = sc.classNs!;
      return () => {
        const old = ns.entries.get(name);
        if (old === undefined) { if (!quiet) throw rt.error('NameError', `name '${name}' is not defined`); return; }
        ns.entries.delete(name);
        h.decref(old);
      };
    }
    const key = rt.intern(name);
    return () => {
      if (!h.dictDel(rt.globals, key) && !quiet) throw rt.error('NameError', `name '${name}' is not defined`);
    };
  }

  private unboundLocal(name: string): PyExc {
    return this.rt.ip.unboundLocal === 'cannotAccess'
      ? this.rt.error('UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`)
      : this.rt.error('UnboundLocalError', `local variable '${name}' referenced before assignment`);
  }

  private del(t: Expr, sc: Scope): () => void {
    const rt = this.rt;
    const h = rt.heap;
    switch (t.k) {
      case 'name':
        return this.delName(t.id, sc);
      case 'attr': {
        const obj = this.expr(t.value, sc);
        return () => {
          const o = obj();
          try { this.setPos(t, undefined); delattr(rt, o, t.attr); } finally { h.decref(o); }
        };
      }
      case 'subscript': {
        const obj = this.expr(t.value, sc);
        if (t.index.k === 'slice') {
          const sl = t.index;
          const parts = [sl.lower, sl.upper, sl.step].map((x) => (x ? this.expr(x, sc) : undefined));
          return () => {
            const o = obj();
            const bs = parts.map((p) => (p ? p() : 0));
            try {
              this.setPos(t, undefined);
              setSlice(rt, o, sliceBounds(rt, h.kind(o) === 'list' ? h.seqLen(o) : 0, bs[0]!, bs[1]!, bs[2]!), undefined);
            } finally {
              h.decref(o);
              bs.forEach((b) => b && h.decref(b));
            }
          };
        }
        const idx = this.expr(t.index, sc);
        return () => {
          const o = obj();
          const i = idx();
          try { this.setPos(t, undefined); delitem(rt, o, i); } finally { h.decref(o); h.decref(i); }
        };
      }
      case 'tuple': case 'list': {
        const ds = t.elts.map((e) => this.del(e, sc));
        return () => ds.forEach((d) => d());
      }
      default:
        throw new Error('bad del target');
    }
  }

  // ================================================================================ expressions
  private setPos(p: Pos, anchor: Anchor | undefined): void {
    const f = this.rt.frame;
    f.cur = p;
    f.anchor = anchor;
  }

  /** Truth value of an expression without keeping the object. */
  private cond(e: Expr, sc: Scope): () => boolean {
    const rt = this.rt;
    const h = rt.heap;
    if (e.k === 'compare' && e.ops.length === 1) {
      const a = this.expr(e.left, sc);
      const b = this.expr(e.comparators[0]!, sc);
      const op = e.ops[0]!;
      return () => {
        const x = a();
        let y: ObjId;
        try { y = b(); } catch (err) { h.decref(x); throw err; }
        try {
          this.setPos(e, undefined);
          return compare(rt, op, x, y);
        } finally { h.decref(x); h.decref(y); }
      };
    }
    if (e.k === 'unary' && e.op === 'not') {
      const c = this.cond(e.operand, sc);
      return () => !c();
    }
    const ev = this.expr(e, sc);
    return () => {
      const v = ev();
      try { return rt.truthy(v); } finally { h.decref(v); }
    };
  }

  private load(e: Extract<Expr, { k: 'name' }>, sc: Scope): Ev {
    const rt = this.rt;
    const h = rt.heap;
    const name = e.id;
    for (let i = sc.comps.length - 1; i >= 0; i--) {
      const cell = sc.comps[i]!.get(name);
      if (cell) return () => { h.incref(cell.v); return cell.v; };
    }
    if (sc.kind === 'function' && !sc.globals.has(name) && sc.locals.has(name)) {
      const i = sc.locals.get(name)!;
      return () => {
        const v = h.getLocal(i);
        if (!v) { this.setPos(e, undefined); throw this.unboundLocal(name); }
        h.incref(v);
        return v;
      };
    }
    // A name of an enclosing function (a closure cell in CPython) is outside the subset: say so, do not guess.
    for (let p = sc.parent; p; p = p.parent) {
      if (p.kind === 'function' && !p.globals.has(name) && (p.locals.has(name) || p.comps.some((m) => m.has(name)))) {
        throw new UnsupportedError('closures', e.line, e.col + 1);
      }
    }
    for (let p: Scope | undefined = sc; p; p = p.parent) p.onGlobalRead?.(name);
    const G = rt.globals;
    const B = rt.builtins;
    const ns = sc.kind === 'class' ? sc.classNs! : undefined;
    const key = h.lookupKey(rt.intern(name));
    return () => {
      if (ns) {
        const c = ns.entries.get(name);
        if (c !== undefined) { h.incref(c); return c; }
      }
      let v = h.dictGetKeyed(G, key);
      if (!v) {
        const b = B.get(name);
        if (b === undefined) { this.setPos(e, undefined); throw rt.nameError(name); }
        v = b;
      }
      h.incref(v);
      return v;
    };
  }

  expr(e: Expr, sc: Scope): Ev {
    const rt = this.rt;
    const h = rt.heap;
    switch (e.k) {
      case 'const': {
        const c = e.c;
        let v: ObjId;
        switch (c.t) {
          case 'int': v = h.newInt(c.v); break;
          case 'float': v = h.newFloat(c.v); break;
          case 'str': v = c.v.length <= 1 || /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.v) ? rt.intern(c.v) : h.newStr(c.v); break;
          case 'bytes': v = h.newBytes(c.v); break;
          case 'none': v = h.None; break;
          case 'bool': v = c.v ? h.True : h.False; break;
        }
        // The code object's co_consts holds the constant for the life of the program; sys.getrefcount shows one
        // more reference than that on every version 3.8-3.13 (measured), so the lab keeps two.
        if (c.t === 'int' || c.t === 'float' || c.t === 'bytes' || (c.t === 'str' && !(c.v.length <= 1 || /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.v)))) {
          h.incref(v);
          h.keep(v);
          h.keep(v);
        }
        return () => { h.incref(v); return v; };
      }
      case 'name':
        return this.load(e, sc);
      case 'list': case 'tuple': case 'set': {
        const kind = e.k;
        if (kind === 'tuple' && e.elts.length > 0 && this.isConstTuple(e)) {
          // A tuple of constants (nested ones included) is itself a constant of the code object.
          const t = this.constTupleItem(e);
          h.incref(t);
          h.keep(t);
          return () => { h.incref(t); return t; };
        }
        const elts = e.elts.map((x) => this.expr(x, sc));
        const allConst = elts.length >= 3 && e.elts.every((x) => this.isFoldedConstant(x));
        const listMode = kind === 'list' && allConst ? rt.ip.constListDisplay : 'exact';
        const sized = listMode === 'build' ? 'exact' : listMode;
        // 3.9+ folds a display of >= 3 constants the same way for sets: BUILD_SET 0; LOAD_CONST frozenset;
        // SET_UPDATE (set_merge sizes the table once); 3.8 ('build') adds the items one by one.
        const setFromFrozen = kind === 'set' && allConst && rt.ip.constListDisplay !== 'build';
        return () => {
          const vals = this.evalAll(elts);
          try {
            if (kind === 'list') return rt.newListSized(vals, sized);
            if (kind === 'tuple') return h.newTuple(vals);
            const s = h.newSet();
            if (setFromFrozen) h.setUpdateFrozen(s, vals);
            else for (const v of vals) h.setAdd(s, v);
            return s;
          } finally {
            vals.forEach((v) => h.decref(v));
          }
        };
      }
      case 'dict': {
        const ks = e.keys.map((x) => (x ? this.expr(x, sc) : null));
        const vs = e.values.map((x) => this.expr(x, sc));
        /** BUILD_MAP of the key: value items [from, to). */
        const run = (from: number, to: number): ObjId => {
          const d = h.newDict();
          try {
            for (let i = from; i < to; i++) {
              const k = ks[i]!();
              let v: ObjId;
              try { v = vs[i]!(); } catch (err) { h.decref(k); throw err; }
              try { setitem(rt, d, k, v); } finally { h.decref(k); h.decref(v); }
            }
          } catch (err) { h.decref(d); throw err; }
          return d;
        };
        if (!ks.includes(null)) return () => run(0, ks.length);
        return this.dictUnpack(e, ks, vs, run);
      }
      case 'listcomp':
        return this.listcomp(e, sc);
      case 'attr': {
        const obj = this.expr(e.value, sc);
        const name = e.attr;
        return () => {
          const o = obj();
          try {
            this.setPos(e, undefined);
            return getattr(rt, o, name);
          } finally { h.decref(o); }
        };
      }
      case 'subscript': {
        const obj = this.expr(e.value, sc);
        const anchor = this.anchorOfSubscript(e);
        if (e.index.k === 'slice') {
          const sl = e.index;
          const parts = [sl.lower, sl.upper, sl.step].map((x) => (x ? this.expr(x, sc) : undefined));
          return () => {
            const o = obj();
            const bs = parts.map((p) => (p ? p() : 0));
            try {
              this.setPos(e, anchor);
              const k = h.kind(o);
              const n = k === 'list' || k === 'tuple' ? h.seqLen(o) : k === 'str' ? [...h.strValue(o)].length : k === 'bytes' ? h.bytesValue(o).length : 0;
              if (!(k === 'list' || k === 'tuple' || k === 'str' || k === 'bytes')) throw rt.error('TypeError', `'${rt.typeNameOf(o)}' object is not subscriptable`);
              return getSlice(rt, o, sliceBounds(rt, n, bs[0]!, bs[1]!, bs[2]!));
            } finally {
              h.decref(o);
              bs.forEach((b) => b && h.decref(b));
            }
          };
        }
        const idx = this.expr(e.index, sc);
        return () => {
          const o = obj();
          let i: ObjId;
          try { i = idx(); } catch (err) { h.decref(o); throw err; }
          try {
            this.setPos(e, anchor);
            return getitem(rt, o, i);
          } finally { h.decref(o); h.decref(i); }
        };
      }
      case 'call':
        return this.call(e, sc);
      case 'binop': {
        const folded = this.fold(e);
        if (folded !== undefined) return folded;
        const a = this.expr(e.left, sc);
        const b = this.expr(e.right, sc);
        const op = e.op;
        const anchor = this.anchorOfBinop(e);
        return () => {
          const x = a();
          h.pushTemp(x);
          let y: ObjId;
          try { y = b(); } catch (err) { h.decref(h.popTemp()); throw err; }
          h.popTemp();
          try {
            this.setPos(e, anchor);
            return binop(rt, op, x, y);
          } finally { h.decref(x); h.decref(y); }
        };
      }
      case 'unary': {
        if (e.op === 'not') {
          const c = this.cond(e.operand, sc);
          return () => rt.bool(!c());
        }
        const v = this.expr(e.operand, sc);
        const op = e.op;
        if (e.operand.k === 'const' && (e.operand.c.t === 'int' || e.operand.c.t === 'float')) {
          // Constant folding: -5 is one constant.
          const x = v();
          const r = unary(rt, op, x);
          h.decref(x);
          h.keep(r);
          return () => { h.incref(r); return r; };
        }
        return () => {
          const x = v();
          try { this.setPos(e, undefined); return unary(rt, op, x); } finally { h.decref(x); }
        };
      }
      case 'compare': {
        const first = this.expr(e.left, sc);
        const rest = e.comparators.map((c) => this.expr(c, sc));
        const ops = e.ops;
        return () => {
          let x = first();
          for (let i = 0; i < rest.length; i++) {
            let y: ObjId;
            try { y = rest[i]!(); } catch (err) { h.decref(x); throw err; }
            let ok: boolean;
            try {
              this.setPos(e, undefined);
              ok = compare(rt, ops[i]!, x, y);
            } catch (err) { h.decref(x); h.decref(y); throw err; }
            h.decref(x);
            if (!ok) { h.decref(y); return rt.bool(false); }
            x = y;
          }
          h.decref(x);
          return rt.bool(true);
        };
      }
      case 'boolop': {
        const vals = e.values.map((v) => this.expr(v, sc));
        const isOr = e.op === 'or';
        return () => {
          let v = 0;
          for (let i = 0; i < vals.length; i++) {
            v = vals[i]!();
            if (i === vals.length - 1) return v;
            const t = rt.truthy(v);
            if (t === isOr) return v;
            h.decref(v);
          }
          return v;
        };
      }
      case 'ifexp': {
        const test = this.cond(e.test, sc);
        const body = this.expr(e.body, sc);
        const orelse = this.expr(e.orelse, sc);
        return () => (test() ? body() : orelse());
      }
      case 'fstring': {
        const parts = this.fparts(e.parts, sc);
        return () => h.newStr(parts());
      }
      case 'lambda': {
        const code = this.compileFunction('<lambda>', e.params, [{ line: e.body.line, col: e.body.col, endLine: e.body.endLine, endCol: e.body.endCol, k: 'return', value: e.body }], sc, e.line);
        const defaults = e.params.filter((p) => p.default).map((p) => this.expr(p.default!, sc));
        return () => this.makeFunction(code, defaults);
      }
      case 'slice':
        throw new Error('slice outside subscript');
    }
  }

  /**
   * Whether CPython's AST optimizer turns `x` into one constant (what are_all_items_const checks for displays):
   * a literal, a folded unary minus / plus / invert or binary operation, a tuple of such constants.
   */
  /**
   * An item of a constant tuple, made at compile time and held by the compiler's AST arena (one kept reference,
   * measured: getrefcount 3 for `((2.5, "c d"), 3)[0]` and its items on 3.8-3.13) plus the tuple's own.
   * Borrowed. A constant tuple on its own gets one more (co_consts) from its caller.
   */
  private constTupleItem(x: Expr): ObjId {
    const h = this.rt.heap;
    if (x.k === 'tuple') {
      const vals = x.elts.map((y) => this.constTupleItem(y));
      const t = h.newConstantTuple(vals);
      h.keep(t);
      return t;
    }
    if (x.k !== 'const') throw new Error('constTupleItem: not a constant');
    const c = x.c;
    switch (c.t) {
      case 'none': return h.None;
      case 'bool': return c.v ? h.True : h.False;
      case 'str': if (c.v.length <= 1 || /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.v)) return this.rt.intern(c.v); break;
      default: break;
    }
    const v = c.t === 'int' ? h.newInt(c.v) : c.t === 'float' ? h.newFloat(c.v) : c.t === 'bytes' ? h.newBytes(c.v) : h.newStr(c.v);
    h.keep(v);
    return v;
  }

  /** A tuple display of literals, nested tuples of literals included: one constant of the code object. */
  private isConstTuple(x: Expr): boolean {
    return x.k === 'tuple' && x.elts.every((y) => y.k === 'const' || (y.k === 'tuple' && y.elts.length > 0 && this.isConstTuple(y)));
  }

  private isFoldedConstant(x: Expr): boolean {
    if (x.k === 'const') return true;
    if (x.k === 'unary') return x.op !== 'not' && x.operand.k === 'const' && (x.operand.c.t === 'int' || x.operand.c.t === 'float');
    if (x.k === 'binop') return this.foldable.has(x);
    if (x.k === 'tuple') return x.elts.every((y) => this.isFoldedConstant(y));
    return false;
  }

  /**
   * The compiler's constant folding: an operator on two constants becomes one constant when the result is
   * small (ints up to 128 bits, strings and bytes up to 4096 items), as CPython's AST optimizer does.
   */
  private fold(e: Extract<Expr, { k: 'binop' }>): Ev | undefined {
    const rt = this.rt;
    const h = rt.heap;
    const leaf = (x: Expr): boolean => x.k === 'const' && ['int', 'float', 'str', 'bytes'].includes(x.c.t)
      || (x.k === 'binop' && this.foldable.has(x))
      || (x.k === 'unary' && x.op === '-' && x.operand.k === 'const' && (x.operand.c.t === 'int' || x.operand.c.t === 'float'));
    if (!leaf(e.left) || !leaf(e.right)) return undefined;
    const sc: Scope = { kind: 'module', locals: new Map(), globals: new Set(), comps: [], qualPrefix: '' };
    const a = this.expr(e.left, sc)();
    const b = this.expr(e.right, sc)();
    let r: ObjId;
    try {
      r = binop(rt, e.op, a, b);
    } catch (err) {
      if (!(err instanceof PyExc)) throw err;
      h.decref(err.exc);
      h.decref(a);
      h.decref(b);
      return undefined;
    }
    h.decref(a);
    h.decref(b);
    const k = h.kind(r);
    const tooBig = (k === 'int' && (() => { const v = h.intValue(r); return (v < 0n ? -v : v).toString(2).length > 128; })())
      || (k === 'str' && h.strValue(r).length > 4096) || (k === 'bytes' && h.bytesValue(r).length > 4096);
    if (tooBig) {
      h.decref(r);
      return undefined;
    }
    this.foldable.add(e);
    h.incref(r);
    h.keep(r);
    h.keep(r);
    return () => { h.incref(r); return r; };
  }
  private foldable = new WeakSet<Expr>();

  private fparts(parts: FPart[], sc: Scope): () => string {
    const rt = this.rt;
    const h = rt.heap;
    const fs = parts.map((p): (() => string) => {
      if (p.lit !== undefined) { const s = p.lit; return () => s; }
      const ev = this.expr(p.expr!, sc);
      const spec = p.spec ? this.fparts(p.spec, sc) : undefined;
      const conv = p.conv;
      return () => {
        const v = ev();
        try {
          let s: ObjId = v;
          if (conv === 'r' || conv === 'a') s = h.newStr(rt.repr(v));
          else if (conv === 's') s = h.newStr(rt.toStr(v));
          try { return rt.format(s, spec ? spec() : ''); } finally { if (s !== v) h.decref(s); }
        } finally { h.decref(v); }
      };
    });
    return () => { let out = ''; for (const f of fs) out += f(); return out; };
  }

  private evalAll(evs: Ev[]): ObjId[] {
    const h = this.rt.heap;
    const out: ObjId[] = [];
    try {
      for (const ev of evs) {
        const v = ev();
        out.push(v);
        h.pushTemp(v);
      }
    } finally {
      for (let i = 0; i < out.length; i++) h.popTemp();
    }
    return out;
  }

  private evalKw(kws: { name: string; ev: Ev }[]): Map<string, ObjId> | undefined {
    if (!kws.length) return undefined;
    const m = new Map<string, ObjId>();
    try {
      for (const k of kws) m.set(k.name, k.ev());
    } catch (err) {
      m.forEach((v) => this.rt.heap.decref(v));
      throw err;
    }
    return m;
  }

  private call(e: Extract<Expr, { k: 'call' }>, sc: Scope): Ev {
    const rt = this.rt;
    const h = rt.heap;
    const args = e.args.map((a) => this.expr(a, sc));
    const kws = e.keywords.map((k) => ({ name: k.name, ev: this.expr(k.value, sc) }));
    const anchor = this.anchorOfCall(e);
    const moveArgs = !rt.ip.argsStayOnCallerStack;
    // 3.14: an argument that is a local variable is loaded as a borrowed reference (LOAD_FAST_BORROW).
    const localSlot = (a: Expr): number => (a.k === 'name' && sc.kind === 'function' && !sc.globals.has(a.id) && sc.locals.has(a.id) && !sc.comps.some((m) => m.has(a.id)) ? sc.locals.get(a.id)! : -1);
    const borrowedSlots = rt.ip.borrowedLoads ? e.args.map(localSlot) : undefined;
    const borrowInfo = (): number[] | undefined => {
      if (!borrowedSlots) return undefined;
      const f = rt.frame;
      // How many of each argument's references are borrowed: its own load, plus the local itself when that
      // local was a borrowed argument of this call.
      return borrowedSlots.map((slot) => (slot < 0 ? 0 : 1 + (f.borrowed?.[slot] ? 1 : 0)));
    };
    const finish = (r: ObjId): ObjId => {
      // CALL's periodic check runs with the result pushed: a collection started there sees it on the stack.
      h.pushTemp(r);
      h.evalBreaker(); // after CALL
      return h.popTemp();
    };
    if (e.func.k === 'attr') {
      const obj = this.expr(e.func.value, sc);
      const name = e.func.attr;
      return () => {
        const o = obj();
        h.pushTemp(o);
        let vals: ObjId[];
        let kw: Map<string, ObjId> | undefined;
        try {
          vals = this.evalAll(args);
          kw = this.evalKw(kws);
        } catch (err) { h.decref(h.popTemp()); throw err; }
        h.popTemp();
        let stolen = false;
        try {
          this.setPos(e, anchor);
          // A Python method found on the class: call it with self, without a bound method object.
          if (moveArgs && h.kind(o) === 'instance' && !h.instanceGet(o, name)) {
            const fn = rt.classLookup(h.classOf(o), name);
            if (fn && h.kind(fn) === 'function') {
              stolen = true;
              const b = borrowInfo();
              return finish(this.callCode(fn, h.functionCode(fn) as Code, [o, ...vals], kw, true, b ? [0, ...b] : undefined));
            }
          }
          rt.borrowAdjust = borrowInfo();
          return finish(callMethod(rt, o, name, vals, kw));
        } finally {
          if (!stolen) {
            vals.forEach((v) => h.decref(v));
            h.decref(o);
          }
          kw?.forEach((v) => h.decref(v));
        }
      };
    }
    const fn = this.expr(e.func, sc);
    // The specializing interpreter (3.11/3.12): this site's adaptive counter and what it specialized to
    // (0 not yet, 1 a one-argument builtin type call such as CALL_NO_KW_STR_1, 2 anything else).
    const spec = rt.ip.specializeAfter;
    const siteWarm = spec === 'warmCode' ? this.warmOf(sc) : undefined;
    let siteCounter = typeof spec === 'number' ? spec : 0;
    let siteState = spec === null ? 2 : 0;
    const specialized = (f: ObjId, vals: ObjId[], kw: Map<string, ObjId> | undefined): boolean => {
      if (siteState === 0) {
        if (siteWarm ? siteWarm.n < 0 : siteCounter > 0) {
          siteCounter--;
          return false;
        }
        siteState = rt.isSpecializableTypeCall(f, vals.length, kw) || this.simpleClassInit(f, vals.length, kw) ? 1 : 2;
      }
      return siteState === 1 && (rt.isSpecializableTypeCall(f, vals.length, kw) || this.simpleClassInit(f, vals.length, kw));
    };
    return () => {
      const f = fn();
      h.pushTemp(f);
      let vals: ObjId[];
      let kw: Map<string, ObjId> | undefined;
      try {
        vals = this.evalAll(args);
        kw = this.evalKw(kws);
      } catch (err) { h.decref(h.popTemp()); throw err; }
      h.popTemp();
      let stolen = false;
      try {
        this.setPos(e, anchor);
        const borrowed = borrowInfo();
        const spc = siteState !== 2 && specialized(f, vals, kw);
        if (moveArgs && h.kind(f) === 'function') {
          stolen = true;
          return finish(this.callCode(f, h.functionCode(f) as Code, vals, kw, true, borrowed));
        }
        rt.borrowAdjust = borrowed;
        return finish(rt.call(f, vals, kw, spc));
      } finally {
        if (!stolen) vals.forEach((v) => h.decref(v));
        kw?.forEach((v) => h.decref(v));
        h.decref(f);
      }
    };
  }

  /**
   * A dict display with `**m` items. 3.9+ (compiler_dict): the target is the first run of key: value items
   * (BUILD_MAP n) or an empty dict (BUILD_MAP 0); each `**m` is merged in as it is evaluated (DICT_UPDATE), and
   * a later run of items is built as a dict of its own, merged, then dropped. 3.8: every run and every `**m` is
   * evaluated first, then BUILD_MAP_UNPACK merges them all into a new dict. The merges are dict_merge
   * (PyDict_Update: one presize or a clone of a clean source, heap.dictMerge).
   */
  private dictUnpack(e: Extract<Expr, { k: 'dict' }>, ks: (Ev | null)[], vs: Ev[], run: (from: number, to: number) => ObjId): Ev {
    const rt = this.rt;
    const h = rt.heap;
    // Containers in order: a run of items [from, to) or the index of a `**` item.
    const parts: ({ run: [number, number] } | { unpack: number })[] = [];
    for (let i = 0; i < ks.length; ) {
      if (ks[i] === null) { parts.push({ unpack: i }); i++; continue; }
      const from = i;
      while (i < ks.length && ks[i] !== null) i++;
      parts.push({ run: [from, i] });
    }
    const merge = (target: ObjId, src: ObjId, i: number): void => {
      if (h.kind(src) !== 'dict') {
        this.setPos(e.values[i]!, undefined);
        throw rt.error('TypeError', `'${rt.typeNameOf(src)}' object is not a mapping`);
      }
      h.dictMerge(target, src);
    };
    const evalPart = (p: (typeof parts)[number]): ObjId => ('run' in p ? run(p.run[0], p.run[1]) : vs[p.unpack]!());
    if (rt.ip.dictDisplayUnpack === 'buildMapUnpack') {
      return () => {
        const made: ObjId[] = [];
        try {
          for (const p of parts) made.push(evalPart(p));
          const sum = h.newDict();
          try {
            parts.forEach((p, j) => merge(sum, made[j]!, 'run' in p ? p.run[0] : p.unpack));
          } catch (err) { h.decref(sum); throw err; }
          return sum;
        } finally {
          made.forEach((x) => h.decref(x));
        }
      };
    }
    return () => {
      const first = parts[0]!;
      const d = 'run' in first ? run(first.run[0], first.run[1]) : h.newDict();
      try {
        for (const p of 'run' in first ? parts.slice(1) : parts) {
          const src = evalPart(p);
          try { merge(d, src, 'run' in p ? p.run[0] : p.unpack); } finally { h.decref(src); }
        }
      } catch (err) { h.decref(d); throw err; }
      return d;
    };
  }

  private listcomp(e: Extract<Expr, { k: 'listcomp' }>, sc: Scope): Ev {
    const rt = this.rt;
    const h = rt.heap;
    const scopes = e.gens.map(() => new Map<string, { v: ObjId }>());
    // Each generator's targets live in the comprehension scope; the first iterable is evaluated outside.
    // <=3.11 the comprehension is a code object of its own (its own co_warmup); 3.12+ inlines it.
    const warm = this.rt.ip.comprehensionFunction ? { n: -this.rt.ip.quickenWarmup } : this.warmOf(sc);
    const csc: Scope = { ...sc, comps: [...sc.comps], warm };
    const firstIter = this.expr(e.gens[0]!.iter, sc);
    const gens = e.gens.map((g, i) => {
      const names = new Set<string>();
      const collect = (t: Expr) => { if (t.k === 'name') names.add(t.id); else if (t.k === 'tuple' || t.k === 'list') t.elts.forEach(collect); };
      collect(g.target);
      names.forEach((n) => scopes[i]!.set(n, { v: 0 }));
      csc.comps.push(scopes[i]!);
      const iter = i === 0 ? firstIter : this.expr(g.iter, csc);
      return { store: this.store(g.target, csc), iter, ifs: g.ifs.map((c) => this.cond(c, csc)) };
    });
    const elt = this.expr(e.elt, csc);
    // <=3.11 the comprehension runs as a function of its own (PEP 709 inlined it in 3.12).
    const compCode = { name: '<listcomp>', qualname: '<listcomp>', params: [], nlocals: 0, body: () => NORMAL, filename: this.filename, firstLine: e.line } as Code;
    const wrapped = (): ObjId => {
      let compFn = 0;
      let compFrame = 0;
      // CPython's order: MAKE_FUNCTION (<=3.11), the first iterable and GET_ITER, the frame, then BUILD_LIST.
      if (rt.ip.comprehensionFunction) {
        compFn = h.newFunction('<listcomp>', compCode, 0, rt.globals);
        warmTick(warm); // its RESUME
      }
      let seq0: ObjId;
      try {
        seq0 = gens[0]!.iter();
      } catch (err) {
        if (compFn) h.decref(compFn);
        throw err;
      }
      if (compFn && rt.ip.frameObjects) compFrame = this.enterFrameObject(compCode);
      try {
        return runComp(seq0);
      } finally {
        if (compFrame) this.leaveFrameObject(compCode, compFrame);
        if (compFn) h.decref(compFn);
      }
    };
    const runComp = (seq0: ObjId): ObjId => {
      h.pushTemp(seq0);
      const out = h.newList([]);
      h.popTemp();
      h.pushTemp(out);
      const level = (i: number): void => {
        const g = gens[i]!;
        const seq = i === 0 ? seq0 : g.iter();
        h.pushTemp(seq);
        try {
          forEach(rt, seq, (item) => {
            g.store(item);
            for (const c of g.ifs) if (!c()) return true;
            if (i + 1 < gens.length) level(i + 1);
            else {
              const v = elt();
              h.listAppend(out, v);
              h.decref(v);
            }
            warmTick(warm);
            h.evalBreaker(); // the comprehension's JUMP_BACKWARD
            if (++rt.steps > rt.maxSteps) rt.stepLimit();
            if ((rt.steps & 0xffff) === 0) rt.checkMemory();
            return true;
          });
        } finally {
          h.decref(h.popTemp());
        }
      };
      try {
        level(0);
      } catch (err) {
        h.decref(h.popTemp());
        throw err;
      } finally {
        for (const s of scopes) for (const cell of s.values()) { if (cell.v) h.decref(cell.v); cell.v = 0; }
      }
      return h.popTemp();
    };
    return wrapped;
  }

  // ======================================================================= 3.11+ caret anchors
  private anchorOfBinop(e: Extract<Expr, { k: 'binop' }>): Anchor | undefined {
    // The operator sits between the operands: find it in the source text after the left operand.
    const lineText = this.lineText(e.left.endLine);
    if (e.left.endLine !== e.right.line) return undefined;
    const between = lineText.slice(e.left.endCol, e.right.col);
    const rel = between.search(/[^\s()]/);
    if (rel < 0) return undefined;
    const col = e.left.endCol + rel;
    return { line: e.left.endLine, col, endCol: col + e.op.length };
  }
  private anchorOfAug(s: Extract<Stmt, { k: 'augassign' }>): Anchor | undefined {
    const lineText = this.lineText(s.target.endLine);
    const between = lineText.slice(s.target.endCol, s.value.col);
    const rel = between.search(/\S/);
    if (rel < 0) return undefined;
    const col = s.target.endCol + rel;
    return { line: s.target.endLine, col, endCol: col + s.op.length + 1 };
  }
  private anchorOfSubscript(e: Extract<Expr, { k: 'subscript' }>): Anchor | undefined {
    if (e.value.endLine !== e.endLine) return undefined;
    const lineText = this.lineText(e.value.endLine);
    const open = lineText.indexOf('[', e.value.endCol);
    if (open < 0) return undefined;
    return { line: e.endLine, col: open, endCol: e.endCol };
  }
  private anchorOfCall(e: Extract<Expr, { k: 'call' }>): Anchor | undefined {
    if (!this.rt.ip.carets.endsWith('Calls')) return undefined;
    if (e.func.endLine !== e.endLine) return undefined;
    const lineText = this.lineText(e.func.endLine);
    const open = lineText.indexOf('(', e.func.endCol);
    if (open < 0) return undefined;
    return { line: e.endLine, col: open, endCol: e.endCol };
  }
  private lines: string[] | undefined;
  lineText(line: number): string {
    this.lines ??= this.source.split('\n');
    return (this.lines[line - 1] ?? '').replace(/\r$/, '');
  }
}
