// Builtin functions and types, the exception hierarchy, and the modules gc, sys and weakref.
import type { ObjId } from './heap-port';
import { PyExc, rangeLen, type Runtime, type StaticData } from './runtime';
import { checkHashable, eq, forEach, iterToArray, lt } from './ops';
import { setUpdate } from './set-ops';
import { getattr, setattr, sortedItems } from './methods';
import { floatRepr } from './pyformat';

type Kw = Map<string, ObjId> | undefined;
type Fn = (args: ObjId[], kw: Kw) => ObjId;

const EXCEPTIONS: [string, string | null][] = [
  ['BaseException', null], ['Exception', 'BaseException'], ['SystemExit', 'BaseException'],
  ['KeyboardInterrupt', 'BaseException'], ['GeneratorExit', 'BaseException'],
  ['ArithmeticError', 'Exception'], ['ZeroDivisionError', 'ArithmeticError'], ['OverflowError', 'ArithmeticError'],
  ['LookupError', 'Exception'], ['IndexError', 'LookupError'], ['KeyError', 'LookupError'],
  ['AttributeError', 'Exception'], ['NameError', 'Exception'], ['UnboundLocalError', 'NameError'],
  ['TypeError', 'Exception'], ['ValueError', 'Exception'], ['RuntimeError', 'Exception'],
  ['RecursionError', 'RuntimeError'], ['NotImplementedError', 'RuntimeError'], ['AssertionError', 'Exception'],
  ['ImportError', 'Exception'], ['ModuleNotFoundError', 'ImportError'], ['StopIteration', 'Exception'],
  ['MemoryError', 'Exception'], ['OSError', 'Exception'], ['ReferenceError', 'Exception'],
];

const TYPES = [
  'int', 'float', 'str', 'bytes', 'bool', 'list', 'tuple', 'dict', 'set', 'object', 'type', 'NoneType',
  'function', 'method', 'module', 'cell', 'range', 'builtin_function_or_method', 'dict_keys', 'dict_values', 'dict_items',
] as const;

export function installBuiltins(rt: Runtime): void {
  const h = rt.heap;
  const B = rt.builtins;
  const fn = (name: string, f: Fn, owner?: string): ObjId => rt.static(name, { t: 'bfunc', name, fn: f, owner });
  const def = (name: string, f: Fn) => B.set(name, fn(name, f));

  for (const t of TYPES) {
    const id = rt.static(t, { t: 'type', name: t, kind: t as StaticData extends { kind: infer K } ? K : never });
    rt.types.set(t, id);
    if (!['NoneType', 'function', 'method', 'module', 'cell', 'builtin_function_or_method', 'dict_keys', 'dict_values', 'dict_items'].includes(t)) B.set(t, id);
  }
  const wrType = rt.static('ReferenceType', { t: 'type', name: 'ReferenceType', kind: 'weakref' });
  rt.types.set('weakref', wrType);
  // the descriptors a class statement puts in the type's dict (reached through gc.get_objects / get_referents)
  for (const name of ['member_descriptor', 'getset_descriptor']) rt.types.set(name, rt.static(name, { t: 'type', name, kind: 'descriptor' }));
  for (const [name, base] of EXCEPTIONS) {
    const id = rt.static(name, { t: 'exccls', name, base: base ? rt.excClasses.get(base)! : 0 });
    rt.excClasses.set(name, id);
    B.set(name, id);
  }

  const noKw = (name: string, kw: Kw) => {
    if (kw && kw.size) throw rt.error('TypeError', `${name}() takes no keyword arguments`);
  };
  const nargs = (name: string, args: ObjId[], min: number, max: number) => {
    if (args.length < min || args.length > max) {
      if (min === max) throw rt.error('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
      if (args.length < min) throw rt.error('TypeError', `${name} expected at least ${min} argument${min > 1 ? 's' : ''}, got ${args.length}`);
      throw rt.error('TypeError', `${name} expected at most ${max} argument${max > 1 ? 's' : ''}, got ${args.length}`);
    }
  };
  const ctor = (name: string, f: Fn) => B.set(`${name}.__new__`, fn(name, f));

  // ---------------------------------------------------------------- output
  let kwnamesMade = false; // print's _PyArg_Parser keyword-names tuple (InterpProfile.printAllocs.kwnames)
  def('print', (args, kw) => {
    let sep = ' ';
    let end = '\n';
    let toErr = false;
    if (kw) {
      for (const [k, v] of kw) {
        if (k === 'sep') { if (v !== h.None) { if (h.kind(v) !== 'str') throw rt.error('TypeError', `sep must be None or a string, not ${rt.typeNameOf(v)}`); sep = h.strValue(v); } }
        else if (k === 'end') { if (v !== h.None) { if (h.kind(v) !== 'str') throw rt.error('TypeError', `end must be None or a string, not ${rt.typeNameOf(v)}`); end = h.strValue(v); } }
        else if (k === 'file') { toErr = v === rt.modules.get('sys.stderr'); }
        else if (k === 'flush') { /* nothing is buffered */ }
        else throw rt.error('TypeError', `'${k}' is an invalid keyword argument for print()`);
      }
    }
    const pa = rt.ip.printAllocs;
    const argsTuple = rt.ip.printArgsTuple && args.length ? h.newTuple(args) : 0;
    let parts: string[];
    try {
      parts = args.map((a) => rt.toStr(a));
    } finally {
      if (argsTuple) h.decref(argsTuple);
    }
    rt.transientAllocs(pa.base, 0, pa.boundWrite);
    if (!kwnamesMade && (pa.kwnames === 'firstCall' || (pa.kwnames === 'firstKeywords' && kw && kw.size))) {
      kwnamesMade = true;
      const names = ['sep', 'end', 'file', 'flush'].map((n) => h.internStr(n));
      h.keep(h.newTupleTracked(names));
      for (const n of names) h.decref(n);
    }
    // One file.write per argument, per separator and for `end` (empty ones too).
    parts.forEach((p, i) => {
      if (i > 0) rt.write(toErr, sep);
      rt.write(toErr, p);
    });
    rt.write(toErr, end);
    return rt.none();
  });
  def('repr', (args, kw) => { noKw('repr', kw); nargs('repr', args, 1, 1); return h.newStr(rt.repr(args[0]!)); });
  def('len', (args, kw) => {
    noKw('len', kw);
    nargs('len', args, 1, 1);
    const v = args[0]!;
    const k = h.kind(v);
    if (k === 'str') return rt.int([...h.strValue(v)].length);
    if (k === 'bytes') return rt.int(h.bytesValue(v).length);
    if (k === 'list' || k === 'tuple') return rt.int(h.seqLen(v));
    if (k === 'dict') return rt.int(h.dictLen(v));
    if (k === 'set') return rt.int(h.setLen(v));
    if (k === 'builtin') {
      const d = rt.sdata(v);
      if (d.t === 'range') return rt.int(rangeLen(d));
      if (d.t === 'view') return rt.int(h.dictLen(d.dict));
    }
    if (k === 'instance') {
      const r = rt.callSpecial(v, '__len__', []);
      if (r !== undefined) return r;
    }
    throw rt.error('TypeError', `object of type '${rt.typeNameOf(v)}' has no len()`);
  });
  def('id', (args, kw) => { noKw('id', kw); nargs('id', args, 1, 1); return rt.int(h.address(args[0]!)); });
  def('type', (args, kw) => {
    noKw('type', kw);
    if (args.length !== 1) throw rt.error('TypeError', 'type() takes 1 or 3 arguments');
    const t = rt.typeOf(args[0]!);
    h.incref(t);
    return t;
  });
  ctor('type', (args, kw) => rt.call(B.get('type')!, args, kw));
  def('isinstance', (args, kw) => {
    noKw('isinstance', kw);
    if (args.length !== 2) throw rt.error('TypeError', `isinstance expected 2 arguments, got ${args.length}`);
    const [v, c] = args as [ObjId, ObjId];
    const check = (cls: ObjId): boolean => {
      if (h.kind(cls) === 'tuple') return iterToArray(rt, cls).some((x) => { const r = check(x); h.decref(x); return r; });
      if (h.kind(cls) !== 'class' && !(h.kind(cls) === 'builtin' && ['type', 'exccls'].includes(rt.sdata(cls).t))) {
        throw rt.error('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
      }
      return rt.isinstance(v, cls);
    };
    return rt.bool(check(c));
  });
  def('issubclass', (args) => rt.bool(rt.isSubclass(args[0]!, args[1]!)));
  def('callable', (args) => {
    const k = h.kind(args[0]!);
    return rt.bool(k === 'function' || k === 'method' || k === 'bmethod' || k === 'class' || k === 'weakref' || (k === 'builtin' && ['bfunc', 'type', 'exccls'].includes(rt.sdata(args[0]!).t)));
  });
  def('getattr', (args) => {
    if (h.kind(args[1]!) !== 'str') throw rt.error('TypeError', 'attribute name must be string');
    try {
      return getattr(rt, args[0]!, h.strValue(args[1]!));
    } catch (e) {
      if (args.length > 2 && e instanceof PyExc && rt.isSubclass(rt.excClassOf(e.exc), rt.excClass('AttributeError'))) {
        h.decref(e.exc);
        h.incref(args[2]!);
        return args[2]!;
      }
      throw e;
    }
  });
  def('setattr', (args) => { setattr(rt, args[0]!, h.strValue(args[1]!), args[2]!); return rt.none(); });
  def('hasattr', (args) => {
    try {
      h.decref(getattr(rt, args[0]!, h.strValue(args[1]!)));
      return rt.bool(true);
    } catch (e) {
      // Only AttributeError means "no such attribute"; anything else propagates, as in CPython 3.
      if (e instanceof PyExc && rt.className(rt.excClassOf(e.exc)) === 'AttributeError') { h.decref(e.exc); return rt.bool(false); }
      throw e;
    }
  });
  def('vars', (args, kw) => {
    if (args.length !== 1 || kw?.size) throw rt.error('NotImplementedError', 'GC Lab does not model vars() without one argument yet');
    try {
      return getattr(rt, args[0]!, '__dict__');
    } catch (e) {
      if (e instanceof PyExc && rt.className(rt.excClassOf(e.exc)) === 'AttributeError') {
        h.decref(e.exc);
        throw rt.error('TypeError', 'vars() argument must have __dict__ attribute');
      }
      throw e;
    }
  });

  // ---------------------------------------------------------------- constructors
  ctor('list', (args, kw) => {
    noKw('list', kw);
    if (args.length > 1) throw rt.error('TypeError', `list expected at most 1 argument, got ${args.length}`);
    if (!args.length) return h.newList([]);
    const items = iterToArray(rt, args[0]!);
    const l = rt.newListSized(items, rt.ip.listFromSized);
    items.forEach((x) => h.decref(x));
    return l;
  });
  ctor('tuple', (args, kw) => {
    noKw('tuple', kw);
    if (!args.length) return h.newTuple([]);
    if (h.kind(args[0]!) === 'tuple') { h.incref(args[0]!); return args[0]!; }
    const items = iterToArray(rt, args[0]!);
    const t = h.newTuple(items);
    items.forEach((x) => h.decref(x));
    return t;
  });
  ctor('set', (args, kw) => {
    noKw('set', kw);
    const s = h.newSet();
    if (args.length) setUpdate(rt, s, args[0]!);
    return s;
  });
  ctor('dict', (args, kw) => {
    const d = h.newDictFromType();
    try {
      if (args.length) {
        const src = args[0]!;
        if (h.kind(src) === 'dict') {
          if (rt.ip.dictUpdateKeysLookup) rt.transientAllocs(0, 0, 1); // 3.8: the bound `src.keys`
          h.dictMerge(d, src);
        }
        else forEach(rt, src, (pair) => {
          const kv = iterToArray(rt, pair);
          h.decref(pair);
          try {
            if (kv.length !== 2) throw rt.error('ValueError', `dictionary update sequence element #0 has length ${kv.length}; 2 is required`);
            checkHashable(rt, kv[0]!);
            h.dictSet(d, kv[0]!, kv[1]!);
          } finally { kv.forEach((x) => h.decref(x)); }
          return true;
        });
      }
      if (kw) for (const [k, v] of kw) h.dictSet(d, rt.intern(k), v);
    } catch (e) { h.decref(d); throw e; }
    return d;
  });
  ctor('str', (args, kw) => {
    noKw('str', kw);
    if (!args.length) return h.newStr('');
    const v = args[0]!;
    if (h.kind(v) === 'str') { h.incref(v); return v; }
    return h.newStr(rt.toStr(v));
  });
  ctor('bytes', (args) => {
    if (!args.length) return h.newBytes('');
    const v = args[0]!;
    if (h.kind(v) === 'int') return h.newBytes('\0'.repeat(Number(h.intValue(v))));
    if (h.kind(v) === 'str') {
      const s = h.strValue(v);
      if (/[^\x00-\x7f]/.test(s) && args.length > 1) return h.newBytes(unescape(encodeURIComponent(s)));
      if (args.length < 2) throw rt.error('TypeError', 'string argument without an encoding');
      return h.newBytes(s);
    }
    const items = iterToArray(rt, v);
    const out = items.map((x) => String.fromCharCode(Number(rt.asInt(x)))).join('');
    items.forEach((x) => h.decref(x));
    return h.newBytes(out);
  });
  ctor('int', (args, kw) => {
    noKw('int', kw);
    if (!args.length) return rt.int(0);
    const v = args[0]!;
    const k = h.kind(v);
    if (k === 'int') { h.incref(v); return v; }
    if (k === 'bool') return rt.int(rt.asInt(v));
    if (k === 'float') {
      const x = h.floatValue(v);
      if (!Number.isFinite(x)) throw rt.error(Number.isNaN(x) ? 'ValueError' : 'OverflowError', Number.isNaN(x) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return rt.int(BigInt(Math.trunc(x)));
    }
    if (k === 'str') {
      const base = args[1] ? Number(rt.asInt(args[1])) : 10;
      const s = h.strValue(v).trim().replace(/_/g, '');
      const re = base === 10 ? /^[+-]?\d+$/ : base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 2 ? /^[+-]?(0b)?[01]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : /^$/;
      if (!re.test(s)) throw rt.error('ValueError', `invalid literal for int() with base ${base}: ${rt.repr(v)}`);
      const neg = s.startsWith('-');
      const body = s.replace(/^[+-]/, '').replace(/^0[xbo]/i, '');
      const prefix = base === 16 ? '0x' : base === 2 ? '0b' : base === 8 ? '0o' : '';
      const n = BigInt(prefix + body);
      return rt.int(neg ? -n : n);
    }
    throw rt.error('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${rt.typeNameOf(v)}'`);
  });
  ctor('float', (args, kw) => {
    noKw('float', kw);
    if (!args.length) return h.newFloat(0);
    const v = args[0]!;
    const k = h.kind(v);
    if (k === 'float') { h.incref(v); return v; }
    if (k === 'int' || k === 'bool') return h.newFloat(rt.asFloat(v));
    if (k === 'str') {
      const s = h.strValue(v).trim().toLowerCase().replace(/_/g, '');
      const m = /^[+-]?(inf|infinity|nan)$/.exec(s);
      if (m) return h.newFloat(m[1] === 'nan' ? NaN : s.startsWith('-') ? -Infinity : Infinity);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw rt.error('ValueError', `could not convert string to float: ${rt.repr(v)}`);
      return h.newFloat(Number(s));
    }
    throw rt.error('TypeError', `float() argument must be a string or a real number, not '${rt.typeNameOf(v)}'`);
  });
  ctor('bool', (args) => rt.bool(args.length > 0 && rt.truthy(args[0]!)));
  ctor('object', (args) => {
    if (args.length) throw rt.error('TypeError', 'object() takes no arguments');
    const cls = rt.objectClass();
    return h.newInstance(cls);
  });
  ctor('range', (args, kw) => {
    noKw('range', kw);
    if (args.length < 1 || args.length > 3) throw rt.error('TypeError', args.length ? `range expected at most 3 arguments, got ${args.length}` : 'range expected at least 1 argument, got 0');
    const n = args.map((a) => rt.index(a, "'%T' object cannot be interpreted as an integer"));
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    if (step === 0) throw rt.error('ValueError', 'range() arg 3 must not be zero');
    return rt.static('range', { t: 'range', start, stop, step });
  });
  B.set('range', rt.types.get('range')!);

  // ---------------------------------------------------------------- reductions
  const numeric = (name: string, f: (items: ObjId[], kw: Kw) => ObjId) => def(name, (args, kw) => {
    const items = args.length === 1 ? iterToArray(rt, args[0]!) : (args.forEach((a) => h.incref(a)), [...args]);
    try { return f(items, kw); } finally { items.forEach((x) => h.decref(x)); }
  });
  def('sum', (args, kw) => {
    noKw('sum', kw);
    const items = iterToArray(rt, args[0]!);
    let acc = args[1] ?? h.newInt(0n);
    if (args[1]) h.incref(acc);
    try {
      for (const x of items) {
        const next = binopAdd(rt, acc, x);
        h.decref(acc);
        acc = next;
      }
    } finally { items.forEach((x) => h.decref(x)); }
    return acc;
  });
  for (const name of ['min', 'max'] as const) {
    numeric(name, (items, kw) => {
      const key = kw?.get('key');
      if (!items.length) {
        const d = kw?.get('default');
        if (d !== undefined) { h.incref(d); return d; }
        throw rt.error('ValueError', `${name}() ${rt.ip.unboundLocal === 'cannotAccess' ? 'iterable argument is empty' : 'arg is an empty sequence'}`);
      }
      const keyOf = (x: ObjId) => (key && key !== h.None ? rt.call(key, [x], undefined) : (h.incref(x), x));
      let best = items[0]!;
      let bestKey = keyOf(best);
      for (const x of items.slice(1)) {
        const k = keyOf(x);
        const better = name === 'min' ? lt(rt, k, bestKey) : lt(rt, bestKey, k);
        if (better) { h.decref(bestKey); best = x; bestKey = k; } else h.decref(k);
      }
      h.decref(bestKey);
      h.incref(best);
      return best;
    });
  }
  def('any', (args) => { let r = false; forEach(rt, args[0]!, (x) => { r = rt.truthy(x); h.decref(x); return !r; }); return rt.bool(r); });
  def('all', (args) => { let r = true; forEach(rt, args[0]!, (x) => { r = rt.truthy(x); h.decref(x); return r; }); return rt.bool(r); });
  def('sorted', (args, kw) => {
    if (args.length !== 1) throw rt.error('TypeError', `sorted expected 1 argument, got ${args.length}`);
    const items = iterToArray(rt, args[0]!);
    try {
      return rt.newListSized(sortedItems(rt, items, kw), rt.ip.listFromSized);
    } finally { items.forEach((x) => h.decref(x)); }
  });
  def('abs', (args) => {
    const v = args[0]!;
    if (h.kind(v) === 'float') return h.newFloat(Math.abs(h.floatValue(v)));
    const x = rt.asInt(v);
    return rt.int(x < 0n ? -x : x);
  });
  def('round', (args) => {
    const v = args[0]!;
    const nd = args[1] && args[1] !== h.None ? Number(rt.asInt(args[1])) : undefined;
    if (h.kind(v) !== 'float') { h.incref(v); return v; }
    const x = h.floatValue(v);
    if (nd === undefined) {
      const r = Math.round(x);
      const even = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
      return rt.int(BigInt(even));
    }
    return h.newFloat(Number(x.toFixed(Math.max(0, nd))));
  });
  def('divmod', (args) => {
    const q = binopNamed(rt, '//', args[0]!, args[1]!);
    const m = binopNamed(rt, '%', args[0]!, args[1]!);
    const t = h.newTupleTracked([q, m]); // long_divmod: PyTuple_New(2)
    h.decref(q); h.decref(m);
    return t;
  });
  def('pow', (args) => binopNamed(rt, '**', args[0]!, args[1]!));
  def('chr', (args) => h.newStr(String.fromCodePoint(Number(rt.asInt(args[0]!)))));
  def('ord', (args) => {
    const s = h.kind(args[0]!) === 'str' ? h.strValue(args[0]!) : h.bytesValue(args[0]!);
    if ([...s].length !== 1) throw rt.error('TypeError', `ord() expected a character, but string of length ${[...s].length} found`);
    return rt.int(s.codePointAt(0)!);
  });
  def('hex', (args) => { const x = rt.asInt(args[0]!); return h.newStr((x < 0n ? '-0x' : '0x') + (x < 0n ? -x : x).toString(16)); });
  def('bin', (args) => { const x = rt.asInt(args[0]!); return h.newStr((x < 0n ? '-0b' : '0b') + (x < 0n ? -x : x).toString(2)); });
  def('hash', (args) => {
    // CPython's value with PYTHONHASHSEED=0: real str/bytes hashes are randomized per process unless it is set
    checkHashable(rt, args[0]!);
    return rt.int(h.hash(args[0]!));
  });
  // enumerate/zip/reversed produce lists of tuples here (CPython: iterator objects); fine for `for` loops.
  def('enumerate', (args, kw) => {
    const start = Number(args[1] ? rt.asInt(args[1]) : kw?.get('start') ? rt.asInt(kw.get('start')!) : 0n);
    const items = iterToArray(rt, args[0]!);
    const tuples = items.map((x, i) => { const n = rt.int(start + i); const t = h.newTuple([n, x]); h.decref(n); h.decref(x); return t; });
    const l = h.newList(tuples);
    tuples.forEach((t) => h.decref(t));
    return l;
  });
  def('zip', (args) => {
    const lists = args.map((a) => iterToArray(rt, a));
    const n = Math.min(...lists.map((l) => l.length));
    const tuples: ObjId[] = [];
    for (let i = 0; i < n; i++) tuples.push(h.newTuple(lists.map((l) => l[i]!)));
    lists.forEach((l) => l.forEach((x) => h.decref(x)));
    const l = h.newList(tuples);
    tuples.forEach((t) => h.decref(t));
    return l;
  });
  def('reversed', (args) => {
    const items = iterToArray(rt, args[0]!).reverse();
    const l = h.newList(items);
    items.forEach((x) => h.decref(x));
    return l;
  });

  // Functions defined METH_VARARGS in CPython (an argument tuple per call): min/max until 3.12.
  if (rt.ip.minMaxVarargs) for (const n of ['min', 'max']) (rt.sdata(B.get(n)!) as { packs?: boolean }).packs = true;

  installModules(rt, fn);
  for (const [mod, names] of [['gc', ['set_threshold', 'get_referents', 'get_referrers']], ['sys', ['getsizeof']]] as const) {
    const attrs = (rt.sdata(rt.modules.get(mod)!) as { attrs: Map<string, ObjId> }).attrs;
    for (const n of names) (rt.sdata(attrs.get(n)!) as { packs?: boolean }).packs = true;
  }
  void eq;
  void floatRepr;
}

function binopNamed(rt: Runtime, op: '//' | '%' | '**', a: ObjId, b: ObjId): ObjId {
  return rt.binop(op, a, b);
}
function binopAdd(rt: Runtime, a: ObjId, b: ObjId): ObjId {
  return rt.binop('+', a, b);
}

function installModules(rt: Runtime, fn: (name: string, f: Fn, owner?: string) => ObjId): void {
  const h = rt.heap;
  const module = (name: string, attrs: Record<string, ObjId>): ObjId => {
    // The module owns one reference to each attribute.
    for (const v of Object.values(attrs)) h.keep(v);
    const m = rt.static(name, { t: 'module', name, attrs: new Map(Object.entries(attrs)) });
    rt.modules.set(name, m);
    return m;
  };
  const noKw = (name: string, kw: Kw) => {
    if (kw && kw.size) throw rt.error('TypeError', `${name}() takes no keyword arguments`);
  };
  const one = (name: string, args: ObjId[]) => {
    if (args.length !== 1) throw rt.error('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
  };
  const none = () => rt.none();
  const genArg = (name: string, args: ObjId[], kw: Kw, dflt: number | undefined): number | undefined => {
    const v = args[0] ?? kw?.get('generation');
    if (v === undefined || v === h.None) return dflt;
    return rt.index(v, `'%T' object cannot be interpreted as an integer`);
  };

  // ---------------------------------------------------------------- gc
  const callbacks = h.newList([]);
  const gcAttrs: Record<string, ObjId> = {
    enable: fn('enable', (a, kw) => { noKw('enable', kw); h.gcEnable(); return none(); }),
    disable: fn('disable', (a, kw) => { noKw('disable', kw); h.gcDisable(); return none(); }),
    isenabled: fn('isenabled', () => rt.bool(h.gcIsEnabled())),
    collect: fn('collect', (args, kw) => {
      const g = genArg('collect', args, kw, 2)!;
      if (g < 0 || g > 2) throw rt.error('ValueError', 'invalid generation');
      const r = h.gcCollect(g);
      return rt.int(r.collected + r.uncollectable);
    }),
    get_count: fn('get_count', (args, kw) => {
      noKw('get_count', kw);
      const [a, b, c] = h.gcGetCount();
      const items = [rt.int(a), rt.int(b), rt.int(c)];
      const t = h.newTupleTracked(items); // Py_BuildValue("(iii)")
      items.forEach((x) => h.decref(x));
      return t;
    }),
    get_threshold: fn('get_threshold', () => {
      const items = h.gcGetThreshold().map((x) => rt.int(x));
      const t = h.newTupleTracked(items); // Py_BuildValue("(iii)")
      items.forEach((x) => h.decref(x));
      return t;
    }),
    set_threshold: fn('set_threshold', (args, kw) => {
      noKw('set_threshold', kw);
      if (args.length < 1 || args.length > 3) throw rt.error('TypeError', `set_threshold() takes from 1 to 3 positional arguments but ${args.length} were given`);
      const n = args.map((a) => rt.index(a, "'%T' object cannot be interpreted as an integer"));
      h.gcSetThreshold(n[0]!, n[1], n[2]);
      return none();
    }),
    freeze: fn('freeze', () => { h.gcFreeze(); return none(); }),
    unfreeze: fn('unfreeze', () => { h.gcUnfreeze(); return none(); }),
    get_freeze_count: fn('get_freeze_count', () => rt.int(h.gcGetFreezeCount())),
    get_stats: fn('get_stats', () => {
      const dicts = h.gcGetStats().map((s) => {
        const d = h.newDict();
        for (const [k, v] of [['collections', s.collections], ['collected', s.collected], ['uncollectable', s.uncollectable]] as const) {
          const vv = rt.int(v);
          h.dictSet(d, rt.intern(k), vv);
          h.decref(vv);
        }
        return d;
      });
      const l = h.newList(dicts);
      dicts.forEach((d) => h.decref(d));
      return l;
    }),
    set_debug: fn('set_debug', (args) => { one('set_debug', args); h.gcSetDebug(Number(rt.asInt(args[0]!))); return none(); }),
    get_debug: fn('get_debug', () => rt.int(h.gcGetDebug())),
    get_objects: fn('get_objects', (args, kw) => {
      const g = genArg('get_objects', args, kw, undefined);
      if (g !== undefined && g >= 3) throw rt.error('ValueError', 'generation parameter must be less than the number of available generations (3)');
      if (g !== undefined && g < 0) throw rt.error('ValueError', 'generation parameter cannot be negative');
      return h.newList(h.gcGetObjects(g));
    }),
    get_referents: fn('get_referents', (args) => h.newList(args.flatMap((a) => h.gcGetReferents(a)))),
    get_referrers: fn('get_referrers', (args) => {
      const seen = new Set<ObjId>();
      const out: ObjId[] = [];
      // gc_referrers_for skips the call's own argument tuple (`obj == objs`).
      seen.add(rt.argTuple);
      for (const a of args) for (const r of h.gcGetReferrers(a)) if (!seen.has(r)) { seen.add(r); out.push(r); }
      return h.newList(out);
    }),
    is_tracked: fn('is_tracked', (args) => { one('is_tracked', args); return rt.bool(h.gcIsTracked(args[0]!)); }),
    garbage: h.gcGarbage(),
    callbacks,
    DEBUG_STATS: rt.int(1), DEBUG_COLLECTABLE: rt.int(2), DEBUG_UNCOLLECTABLE: rt.int(4), DEBUG_SAVEALL: rt.int(32), DEBUG_LEAK: rt.int(38),
  };
  h.incref(gcAttrs.garbage!);
  if (rt.hasIsFinalized) gcAttrs.is_finalized = fn('is_finalized', (args) => { one('is_finalized', args); return rt.bool(h.gcIsFinalized(args[0]!)); });
  module('gc', gcAttrs);
  rt.gcCallbacksList = callbacks;

  // ---------------------------------------------------------------- sys
  const stderr = module('sys.stderr', {});
  const stdout = module('sys.stdout', {});
  (rt.sdata(stderr) as { attrs: Map<string, ObjId> }).attrs.set('write', fn('write', (args) => { rt.write(true, h.strValue(args[0]!)); return rt.int(h.strValue(args[0]!).length); }));
  (rt.sdata(stdout) as { attrs: Map<string, ObjId> }).attrs.set('write', fn('write', (args) => { rt.write(false, h.strValue(args[0]!)); return rt.int(h.strValue(args[0]!).length); }));
  const vi = rt.versionInfo.map((x) => (typeof x === 'number' ? rt.int(x) : h.newStr(x)));
  const versionInfo = h.newTuple(vi);
  vi.forEach((x) => h.decref(x));
  module('sys', {
    getrefcount: fn('getrefcount', (args, kw) => {
      noKw('getrefcount', kw);
      one('getrefcount', args);
      // 3.14 borrows local variables onto the stack: those references are not counted.
      const borrowed = rt.borrowAdjust?.[0] ?? 0;
      rt.borrowAdjust = undefined;
      return rt.int(h.refcount(args[0]!) - (h.refcount(args[0]!) >= 2 ** 31 ? 0 : borrowed));
    }),
    getsizeof: fn('getsizeof', (args) => {
      if (args.length < 1 || args.length > 2) throw rt.error('TypeError', `getsizeof() takes at most 2 arguments (${args.length} given)`);
      return rt.int(h.getsizeof(args[0]!));
    }),
    _debugmallocstats: fn('_debugmallocstats', () => { rt.err += h.mallocStats(); return none(); }),
    getrecursionlimit: fn('getrecursionlimit', () => rt.int(1000)),
    exit: fn('exit', (args) => {
      const cls = rt.excClass('SystemExit');
      throw new PyExc(rt, rt.call(cls, args, undefined));
    }),
    version_info: versionInfo,
    version: h.newStr(rt.versionString),
    maxsize: rt.int(9223372036854775807n),
    stderr,
    stdout,
  });

  // ---------------------------------------------------------------- weakref
  const ref = fn('ref', (args, kw) => {
    noKw('ref', kw);
    if (args.length < 1 || args.length > 2) throw rt.error('TypeError', `ref expected at most 2 arguments, got ${args.length}`);
    const target = args[0]!;
    const cb = args[1] && args[1] !== h.None ? args[1] : 0;
    if (h.kind(target) === 'builtin' || ['int', 'str', 'tuple', 'list', 'dict', 'none', 'bool', 'float', 'bytes'].includes(h.kind(target))) {
      throw rt.error('TypeError', `cannot create weak reference to '${rt.typeNameOf(target)}' object`);
    }
    return h.newWeakref(target, cb);
  });
  module('weakref', {
    ref,
    ReferenceType: rt.types.get('weakref')!,
    getweakrefcount: fn('getweakrefcount', (args) => rt.int(rt.weakrefCount(args[0]!))),
  });
}
