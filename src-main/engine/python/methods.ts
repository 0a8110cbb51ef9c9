// Attribute access and the methods of builtin types (list, dict, set, str, tuple).
// `obj.meth(...)` calls go through callMethod without creating a bound method (LOAD_METHOD since 3.7);
// `m = obj.meth` creates one (a method object for Python functions).
import type { ObjId } from './heap-port';
import type { Runtime } from './runtime';
import { checkHashable, eq, forEach, iterToArray, lt, seqItems } from './ops';
import { setDifference, setDifferenceUpdate, setIntersection, setSymmetricDifference, setSymmetricDifferenceUpdate, setUpdate } from './set-ops';

type Kw = Map<string, ObjId> | undefined;
type Method = (rt: Runtime, self: ObjId, args: ObjId[], kw: Kw) => ObjId;

function arity(rt: Runtime, name: string, args: ObjId[], min: number, max: number, kw: Kw): void {
  if (kw && kw.size) throw rt.error('TypeError', `${name}() takes no keyword arguments`);
  if (args.length < min || args.length > max) {
    if (max === 0) throw rt.error('TypeError', `${name}() takes no arguments (${args.length} given)`);
    if (min === max && min === 1) throw rt.error('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
    if (args.length < min) throw rt.error('TypeError', `${name} expected at least ${min} argument${min > 1 ? 's' : ''}, got ${args.length}`);
    throw rt.error('TypeError', `${name} expected at most ${max} argument${max > 1 ? 's' : ''}, got ${args.length}`);
  }
}

function none(rt: Runtime): ObjId {
  return rt.none();
}

function findIndex(rt: Runtime, self: ObjId, v: ObjId): number {
  const h = rt.heap;
  for (let i = 0; i < h.seqLen(self); i++) {
    const x = h.seqItem(self, i);
    if (x === v || eq(rt, x, v)) return i;
  }
  return -1;
}

function sortItems(rt: Runtime, items: ObjId[], key: ObjId | undefined, reverse: boolean): ObjId[] {
  const h = rt.heap;
  const keys = key && key !== h.None ? items.map((x) => rt.call(key, [x], undefined)) : items;
  const idx = items.map((_, i) => i);
  // Stable merge sort through Python's < (Array.prototype.sort is stable).
  idx.sort((a, b) => {
    const [x, y] = reverse ? [keys[b]!, keys[a]!] : [keys[a]!, keys[b]!];
    if (lt(rt, y, x)) return 1;
    if (lt(rt, x, y)) return -1;
    return 0;
  });
  if (reverse) {
    // reverse=True keeps equal elements in original order: sort above compared swapped, which is stable already.
  }
  const out = idx.map((i) => items[i]!);
  if (keys !== items) keys.forEach((k) => h.decref(k));
  return out;
}

export function sortedItems(rt: Runtime, items: ObjId[], kw: Kw): ObjId[] {
  const key = kw?.get('key');
  const rev = kw?.get('reverse');
  return sortItems(rt, items, key, rev !== undefined && rt.truthy(rev));
}

const LIST: Record<string, Method> = {
  append(rt, self, args, kw) { arity(rt, 'list.append', args, 1, 1, kw); rt.heap.listAppend(self, args[0]!); return none(rt); },
  extend(rt, self, args, kw) {
    arity(rt, 'list.extend', args, 1, 1, kw);
    const items = iterToArray(rt, args[0]!);
    const n = rt.heap.seqLen(self);
    rt.heap.listSetSlice(self, n, n, items);
    items.forEach((x) => rt.heap.decref(x));
    return none(rt);
  },
  insert(rt, self, args, kw) {
    if (args.length !== 2) throw rt.error('TypeError', `insert expected 2 arguments, got ${args.length}`);
    void kw;
    const n = rt.heap.seqLen(self);
    let i = rt.index(args[0]!, "'%T' object cannot be interpreted as an integer");
    if (i < 0) i = Math.max(0, i + n);
    rt.heap.listInsert(self, Math.min(i, n), args[1]!);
    return none(rt);
  },
  pop(rt, self, args, kw) {
    arity(rt, 'pop', args, 0, 1, kw);
    const n = rt.heap.seqLen(self);
    if (n === 0) throw rt.error('IndexError', 'pop from empty list');
    let i = args.length ? rt.index(args[0]!, "'%T' object cannot be interpreted as an integer") : n - 1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw rt.error('IndexError', 'pop index out of range');
    return rt.heap.listPop(self, i);
  },
  remove(rt, self, args, kw) {
    arity(rt, 'list.remove', args, 1, 1, kw);
    const i = findIndex(rt, self, args[0]!);
    if (i < 0) throw rt.error('ValueError', 'list.remove(x): x not in list');
    rt.heap.listSetSlice(self, i, i + 1, []);
    return none(rt);
  },
  clear(rt, self, args, kw) { arity(rt, 'list.clear', args, 0, 0, kw); rt.heap.listClear(self); return none(rt); },
  index(rt, self, args, kw) {
    arity(rt, 'index', args, 1, 1, kw);
    const i = findIndex(rt, self, args[0]!);
    if (i < 0) throw rt.error('ValueError', `${rt.repr(args[0]!)} is not in list`);
    return rt.int(i);
  },
  count(rt, self, args, kw) {
    arity(rt, 'list.count', args, 1, 1, kw);
    return rt.int(seqItems(rt, self).filter((x) => x === args[0] || eq(rt, x, args[0]!)).length);
  },
  copy(rt, self, args, kw) { arity(rt, 'list.copy', args, 0, 0, kw); return rt.heap.newList(seqItems(rt, self)); },
  reverse(rt, self, args, kw) {
    arity(rt, 'list.reverse', args, 0, 0, kw);
    const items = seqItems(rt, self).reverse();
    items.forEach((x, i) => { rt.heap.incref(x); rt.heap.listSet(self, i, x); rt.heap.decref(x); });
    return none(rt);
  },
  sort(rt, self, args, kw) {
    if (args.length) throw rt.error('TypeError', 'sort() takes no positional arguments');
    const items = seqItems(rt, self);
    items.forEach((x) => rt.heap.incref(x));
    const sorted = sortedItems(rt, items, kw);
    sorted.forEach((x, i) => rt.heap.listSet(self, i, x));
    items.forEach((x) => rt.heap.decref(x));
    return none(rt);
  },
};

const TUPLE: Record<string, Method> = {
  index(rt, self, args, kw) {
    arity(rt, 'index', args, 1, 1, kw);
    const i = findIndex(rt, self, args[0]!);
    if (i < 0) throw rt.error('ValueError', 'tuple.index(x): x not in tuple');
    return rt.int(i);
  },
  count(rt, self, args, kw) {
    arity(rt, 'tuple.count', args, 1, 1, kw);
    return rt.int(seqItems(rt, self).filter((x) => x === args[0] || eq(rt, x, args[0]!)).length);
  },
};

function view(rt: Runtime, self: ObjId, which: 'keys' | 'values' | 'items'): ObjId {
  // A view keeps its dict alive; views are interpreter-owned statics, so this reference is never released.
  rt.heap.incref(self);
  rt.heap.keep(self);
  return rt.static(`dict_${which}`, { t: 'view', which, dict: self });
}

const DICT: Record<string, Method> = {
  get(rt, self, args, kw) {
    arity(rt, 'get', args, 1, 2, kw);
    checkHashable(rt, args[0]!);
    const v = rt.heap.dictGet(self, args[0]!) || args[1] || rt.heap.None;
    rt.heap.incref(v);
    return v;
  },
  pop(rt, self, args, kw) {
    arity(rt, 'pop', args, 1, 2, kw);
    checkHashable(rt, args[0]!);
    const v = rt.heap.dictGet(self, args[0]!);
    if (!v) {
      if (args.length > 1) { rt.heap.incref(args[1]!); return args[1]!; }
      rt.heap.incref(args[0]!);
      throw rt.errorWithArg('KeyError', args[0]!);
    }
    rt.heap.incref(v);
    rt.heap.dictDel(self, args[0]!);
    return v;
  },
  keys(rt, self, args, kw) { arity(rt, 'dict.keys', args, 0, 0, kw); return view(rt, self, 'keys'); },
  values(rt, self, args, kw) { arity(rt, 'dict.values', args, 0, 0, kw); return view(rt, self, 'values'); },
  items(rt, self, args, kw) { arity(rt, 'dict.items', args, 0, 0, kw); return view(rt, self, 'items'); },
  clear(rt, self, args, kw) { arity(rt, 'dict.clear', args, 0, 0, kw); rt.heap.dictClear(self); return none(rt); },
  setdefault(rt, self, args, kw) {
    arity(rt, 'setdefault', args, 1, 2, kw);
    checkHashable(rt, args[0]!);
    let v = rt.heap.dictGet(self, args[0]!);
    if (!v) { v = args[1] ?? rt.heap.None; rt.heap.dictSet(self, args[0]!, v); }
    rt.heap.incref(v);
    return v;
  },
  update(rt, self, args, kw) {
    arity(rt, 'update', args, 0, 1, undefined);
    const h = rt.heap;
    if (args.length) {
      const src = args[0]!;
      if (h.kind(src) === 'dict') {
        if (rt.ip.dictUpdateKeysLookup) rt.transientAllocs(0, 0, 1); // 3.8: the bound `src.keys`
        h.dictMerge(self, src);
      }
      else {
        forEach(rt, src, (pair) => {
          const kv = iterToArray(rt, pair);
          h.decref(pair);
          if (kv.length !== 2) { kv.forEach((x) => h.decref(x)); throw rt.error('ValueError', `dictionary update sequence element #0 has length ${kv.length}; 2 is required`); }
          checkHashable(rt, kv[0]!);
          h.dictSet(self, kv[0]!, kv[1]!);
          kv.forEach((x) => h.decref(x));
          return true;
        });
      }
    }
    if (kw) for (const [k, v] of kw) h.dictSet(self, rt.intern(k), v);
    return none(rt);
  },
  copy(rt, self, args, kw) {
    arity(rt, 'dict.copy', args, 0, 0, kw);
    return rt.heap.dictCopy(self);
  },
  popitem(rt, self, args, kw) {
    arity(rt, 'popitem', args, 0, 0, kw);
    const e = rt.heap.dictEntries(self);
    if (!e.length) throw rt.error('KeyError', 'popitem(): dictionary is empty');
    const [k, v] = e[e.length - 1]!;
    const t = rt.heap.newTuple([k, v]);
    rt.heap.dictDel(self, k);
    return t;
  },
};

const SET: Record<string, Method> = {
  add(rt, self, args, kw) { arity(rt, 'set.add', args, 1, 1, kw); checkHashable(rt, args[0]!); rt.heap.setAdd(self, args[0]!); return none(rt); },
  discard(rt, self, args, kw) { arity(rt, 'set.discard', args, 1, 1, kw); checkHashable(rt, args[0]!); rt.heap.setDiscard(self, args[0]!); return none(rt); },
  remove(rt, self, args, kw) {
    arity(rt, 'set.remove', args, 1, 1, kw);
    checkHashable(rt, args[0]!);
    if (!rt.heap.setDiscard(self, args[0]!)) { rt.heap.incref(args[0]!); throw rt.errorWithArg('KeyError', args[0]!); }
    return none(rt);
  },
  clear(rt, self, args, kw) {
    arity(rt, 'set.clear', args, 0, 0, kw);
    rt.heap.setClear(self);
    return none(rt);
  },
  pop(rt, self, args, kw) {
    arity(rt, 'set.pop', args, 0, 0, kw);
    const x = rt.heap.setPop(self);
    if (x === 0) throw rt.error('KeyError', 'pop from an empty set');
    return x;
  },
  update(rt, self, args, kw) {
    void kw;
    for (const a of args) setUpdate(rt, self, a);
    return none(rt);
  },
  copy(rt, self, args, kw) {
    arity(rt, 'set.copy', args, 0, 0, kw);
    return rt.heap.setCopy(self);
  },
  // set_union / set_intersection_multi / set_difference_multi: the first operand decides the walk, as the operators.
  union(rt, self, args, kw) {
    void kw;
    const r = rt.heap.setCopy(self);
    try { for (const a of args) if (a !== self) setUpdate(rt, r, a); } catch (e) { rt.heap.decref(r); throw e; }
    return r;
  },
  intersection(rt, self, args, kw) {
    void kw;
    if (args.length === 0) return rt.heap.setCopy(self);
    let r = setIntersection(rt, self, args[0]!);
    for (const a of args.slice(1)) { const n = setIntersection(rt, r, a); rt.heap.decref(r); r = n; }
    return r;
  },
  difference(rt, self, args, kw) {
    void kw;
    if (args.length === 0) return rt.heap.setCopy(self);
    const r = setDifference(rt, self, args[0]!);
    for (const a of args.slice(1)) setDifferenceUpdate(rt, r, a);
    return r;
  },
  symmetric_difference(rt, self, args, kw) {
    arity(rt, 'set.symmetric_difference', args, 1, 1, kw);
    return setSymmetricDifference(rt, self, args[0]!);
  },
  difference_update(rt, self, args, kw) {
    void kw;
    for (const a of args) setDifferenceUpdate(rt, self, a);
    return none(rt);
  },
  intersection_update(rt, self, args, kw) {
    const tmp = SET.intersection!(rt, self, args, kw);
    rt.heap.setSwapBodies(self, tmp);
    rt.heap.decref(tmp);
    return none(rt);
  },
  symmetric_difference_update(rt, self, args, kw) {
    arity(rt, 'set.symmetric_difference_update', args, 1, 1, kw);
    setSymmetricDifferenceUpdate(rt, self, args[0]!);
    return none(rt);
  },
};

function strArg(rt: Runtime, v: ObjId, what: string): string {
  if (rt.heap.kind(v) !== 'str') throw rt.error('TypeError', what.replace('%T', rt.typeNameOf(v)));
  return rt.heap.strValue(v);
}

const STR: Record<string, Method> = {
  join(rt, self, args, kw) {
    arity(rt, 'str.join', args, 1, 1, kw);
    const parts: string[] = [];
    const items = iterToArray(rt, args[0]!);
    try {
      items.forEach((x, i) => {
        if (rt.heap.kind(x) !== 'str') throw rt.error('TypeError', `sequence item ${i}: expected str instance, ${rt.typeNameOf(x)} found`);
        parts.push(rt.heap.strValue(x));
      });
    } finally { items.forEach((x) => rt.heap.decref(x)); }
    return rt.str(parts.join(rt.heap.strValue(self)));
  },
  split(rt, self, args, kw) {
    const s = rt.heap.strValue(self);
    const sep = args[0] ?? kw?.get('sep');
    const parts = sep === undefined || sep === rt.heap.None ? s.split(/\s+/).filter((x) => x !== '') : s.split(strArg(rt, sep, 'must be str or None, not %T'));
    const objs = parts.map((p) => rt.str(p));
    const l = rt.heap.newList(objs);
    objs.forEach((o) => rt.heap.decref(o));
    return l;
  },
  strip(rt, self, args) { return rt.str(stripChars(rt.heap.strValue(self), args[0] ? rt.heap.strValue(args[0]) : undefined, true, true)); },
  lstrip(rt, self, args) { return rt.str(stripChars(rt.heap.strValue(self), args[0] ? rt.heap.strValue(args[0]) : undefined, true, false)); },
  rstrip(rt, self, args) { return rt.str(stripChars(rt.heap.strValue(self), args[0] ? rt.heap.strValue(args[0]) : undefined, false, true)); },
  upper(rt, self) { return rt.str(rt.heap.strValue(self).toUpperCase()); },
  lower(rt, self) { return rt.str(rt.heap.strValue(self).toLowerCase()); },
  replace(rt, self, args) {
    return rt.str(rt.heap.strValue(self).split(strArg(rt, args[0]!, 'replace() argument 1 must be str, not %T')).join(strArg(rt, args[1]!, 'replace() argument 2 must be str, not %T')));
  },
  startswith(rt, self, args) { return rt.bool(rt.heap.strValue(self).startsWith(strArg(rt, args[0]!, 'startswith first arg must be str or a tuple of str, not %T'))); },
  endswith(rt, self, args) { return rt.bool(rt.heap.strValue(self).endsWith(strArg(rt, args[0]!, 'endswith first arg must be str or a tuple of str, not %T'))); },
  find(rt, self, args) { return rt.int(rt.heap.strValue(self).indexOf(strArg(rt, args[0]!, 'must be str, not %T'))); },
  count(rt, self, args) {
    const sub = strArg(rt, args[0]!, 'must be str, not %T');
    const s = rt.heap.strValue(self);
    return rt.int(sub === '' ? s.length + 1 : s.split(sub).length - 1);
  },
  format(rt, self, args, kw) {
    let auto = 0;
    const out = rt.heap.strValue(self).replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      let v: ObjId | undefined;
      if (field === '' || field === undefined) v = args[auto++];
      else if (/^\d+$/.test(field)) v = args[Number(field)];
      else v = kw?.get(field);
      if (v === undefined) throw rt.error(field && !/^\d+$/.test(field) ? 'KeyError' : 'IndexError', field && !/^\d+$/.test(field) ? `'${field}'` : `Replacement index ${field || auto - 1} out of range for positional args tuple`);
      if (conv === 'r') return rt.format(rt.str(rt.repr(v)), spec ?? '');
      if (conv === 's') return rt.format(rt.str(rt.toStr(v)), spec ?? '');
      return rt.format(v, spec ?? '');
    });
    return rt.str(out);
  },
  isdigit(rt, self) { const s = rt.heap.strValue(self); return rt.bool(s.length > 0 && /^[0-9]+$/.test(s)); },
  isalpha(rt, self) { const s = rt.heap.strValue(self); return rt.bool(s.length > 0 && /^\p{L}+$/u.test(s)); },
};

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const isStrip = (c: string) => (chars === undefined ? /\s/.test(c) : chars.includes(c));
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isStrip(s[a]!)) a++;
  if (right) while (b > a && isStrip(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Methods CPython defines METH_VARARGS(|KEYWORDS): each call packs its arguments into a tuple. */
const VARARGS_METHODS = new Set(['dict.update', 'str.format', 'set.update']);

const TABLES: Partial<Record<string, Record<string, Method>>> = { list: LIST, tuple: TUPLE, dict: DICT, set: SET, str: STR };

/** The builtin method `name` of a list/dict/set/str/tuple, if there is one. */
export function builtinMethod(kind: string, name: string): Method | undefined {
  const t = TABLES[kind];
  return t && Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
}

function noAttr(rt: Runtime, obj: ObjId, name: string): never {
  const h = rt.heap;
  const k = h.kind(obj);
  if (k === 'builtin') {
    const d = rt.sdata(obj);
    if (d.t === 'module') throw rt.error('AttributeError', `module '${d.name}' has no attribute '${name}'`);
    if (d.t === 'type' || d.t === 'exccls') throw rt.error('AttributeError', `type object '${d.name}' has no attribute '${name}'`);
  }
  if (k === 'class') throw rt.error('AttributeError', `type object '${h.className(obj)}' has no attribute '${name}'`);
  const e = rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'`);
  if (k === 'instance') {
    // 3.10+ print "Did you mean" from dir(obj) (traceback.ts); only instances of the program's classes so far.
    e.missingName = name;
    e.missingAttrOf = obj;
  }
  throw e;
}

/** getattr(obj, name): NEW reference. Creates a bound method for a function found on the class. */
export function getattr(rt: Runtime, obj: ObjId, name: string): ObjId {
  const h = rt.heap;
  const k = h.kind(obj);
  if (name === '__class__') { const t = rt.typeOf(obj); h.incref(t); return t; }
  switch (k) {
    case 'instance': {
      if (name === '__dict__') {
        const slots = slotsOf(rt, h.classOf(obj));
        if (slots && !slots.includes('__dict__')) break; // AttributeError, as for any missing attribute
        const d = h.instanceDict(obj);
        if (d) return d;
        break; // no dict: AttributeError
      }
      const own = h.instanceGet(obj, name);
      if (own) { h.incref(own); return own; }
      const ca = rt.classLookup(h.classOf(obj), name);
      if (ca) {
        if (h.kind(ca) === 'function') return h.newMethod(ca, obj);
        h.incref(ca);
        return ca;
      }
      break;
    }
    case 'class': {
      if (name === '__name__' || name === '__qualname__') return rt.str(h.className(obj));
      const parts = name === '__mro__' || name === '__bases__' ? h.classParts(obj) : null;
      if (parts && parts[name === '__mro__' ? 1 : 2]) {
        const t = parts[name === '__mro__' ? 1 : 2];
        h.incref(t);
        return t;
      }
      const ca = rt.classLookup(obj, name);
      if (ca) { h.incref(ca); return ca; }
      break;
    }
    case 'function':
      if (name === '__name__' || name === '__qualname__') return rt.str(h.functionName(obj).split('.').pop()!);
      break;
    case 'method': {
      const [fn, self] = h.methodParts(obj);
      if (name === '__self__') { h.incref(self); return self; }
      if (name === '__func__') { h.incref(fn); return fn; }
      break;
    }
    case 'builtin': {
      const d = rt.sdata(obj);
      if (d.t === 'module') {
        const v = d.attrs.get(name);
        if (v !== undefined) { h.incref(v); return v; }
        if (d.name === 'gc' && name === 'is_finalized' && !h.gcIsFinalized) break;
      } else if ((d.t === 'type' || d.t === 'exccls') && (name === '__name__' || name === '__qualname__')) {
        return rt.str(d.name);
      } else if (d.t === 'exc' && name === 'args') {
        h.incref(d.args);
        return d.args;
      } else if (d.t === 'bfunc' && name === '__name__') {
        return rt.str(d.name);
      } else if (d.t === 'range' && (name === 'start' || name === 'stop' || name === 'step')) {
        return rt.int(d[name]);
      }
      break;
    }
    case 'bmethod': {
      const [self, mname] = h.builtinMethodParts(obj);
      if (name === '__self__') { h.incref(self); return self; }
      if (name === '__name__') return rt.str(mname);
      if (name === '__qualname__') return rt.str(`${rt.typeNameOf(self)}.${mname}`);
      break;
    }
    case 'weakref':
      if (name === '__callback__') { const c = h.weakrefCallback(obj) || h.None; h.incref(c); return c; }
      break;
  }
  const m = builtinMethod(k, name);
  if (m) {
    // PyCFunction_NewEx: a new builtin_function_or_method per access, holding obj, freed by its refcount.
    if (k !== 'builtin') return h.newBuiltinMethod(obj, name);
    h.incref(obj);
    h.keep(obj);
    return rt.static(name, { t: 'bfunc', name, self: obj, owner: k, fn: (args, kw) => m(rt, obj, args, kw) });
  }
  return noAttr(rt, obj, name);
}

/** Calls obj's builtin method `name` (found by builtinMethod); METH_VARARGS ones receive their arguments packed. */
export function callBuiltinMethod(rt: Runtime, obj: ObjId, name: string, args: ObjId[], kw: Kw): ObjId {
  const k = rt.heap.kind(obj);
  const m = builtinMethod(k, name)!;
  if (!VARARGS_METHODS.has(`${k}.${name}`)) return m(rt, obj, args, kw);
  const packed = rt.packArgs(args, kw);
  try {
    return m(rt, obj, args, kw);
  } finally {
    rt.unpackArgs(packed);
  }
}

/** obj.name(*args): calls without creating a bound method when the class defines a function (LOAD_METHOD). */
export function callMethod(rt: Runtime, obj: ObjId, name: string, args: ObjId[], kw: Kw): ObjId {
  const h = rt.heap;
  const k = h.kind(obj);
  if (k === 'instance') {
    if (!h.instanceGet(obj, name)) {
      const ca = rt.classLookup(h.classOf(obj), name);
      if (ca && h.kind(ca) === 'function') return rt.call(ca, [obj, ...args], kw);
    }
  } else if (k === 'builtin') {
    const d = rt.sdata(obj);
    if (d.t === 'module') {
      const f = d.attrs.get(name);
      if (f !== undefined) return rt.call(f, args, kw);
    }
  } else {
    if (builtinMethod(k, name)) return callBuiltinMethod(rt, obj, name, args, kw);
  }
  const f = getattr(rt, obj, name);
  try {
    return rt.call(f, args, kw);
  } finally {
    h.decref(f);
  }
}

export function setattr(rt: Runtime, obj: ObjId, name: string, v: ObjId): void {
  const h = rt.heap;
  const k = h.kind(obj);
  if (k === 'instance') {
    const slots = slotsOf(rt, h.classOf(obj));
    if (slots && !slots.includes(name) && !slots.includes('__dict__')) {
      const ca = rt.classLookup(h.classOf(obj), name);
      if (ca) throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object attribute '${name}' is read-only`);
      throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'`);
    }
    h.instanceSet(obj, name, v);
    return;
  }
  if (k === 'class') {
    h.classSet(obj, name, v);
    return;
  }
  if (k === 'builtin' && rt.sdata(obj).t === 'module') {
    const d = rt.sdata(obj) as { attrs: Map<string, ObjId> };
    const old = d.attrs.get(name);
    h.incref(v);
    h.keep(v);
    d.attrs.set(name, v);
    if (old !== undefined) { h.release(old); h.decref(old); }
    return;
  }
  if (k === 'builtin' && (rt.sdata(obj).t === 'type' || rt.sdata(obj).t === 'exccls')) {
    throw rt.error('TypeError', `cannot set '${name}' attribute of immutable type '${rt.className(obj)}'`);
  }
  throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'${k === 'function' ? '' : ' and no __dict__ for setting new attributes'}`);
}

/** All slots of a class and its bases, or null when instances have a __dict__. */
const slotsCache = new WeakMap<object, string[] | null>();

/** All slots of a class and its bases, or null when instances have a __dict__ (cached per class). */
export function slotsOf(rt: Runtime, cls: ObjId): string[] | null {
  if (rt.heap.kind(cls) !== 'class') return [];
  const token = rt.heap.classToken(cls);
  let r = slotsCache.get(token);
  if (r === undefined) {
    r = computeSlots(rt, cls);
    slotsCache.set(token, r);
  }
  return r;
}

function computeSlots(rt: Runtime, cls: ObjId): string[] | null {
  const h = rt.heap;
  if (h.kind(cls) !== 'class') return [];
  const own = h.classSlots(cls);
  if (own === null) return null;
  const out = [...own];
  for (const b of h.classBases(cls)) {
    const s = computeSlots(rt, b);
    if (s === null) return null;
    out.push(...s);
  }
  return out;
}

export function delattr(rt: Runtime, obj: ObjId, name: string): void {
  const h = rt.heap;
  const k = h.kind(obj);
  if (k === 'instance') {
    if (!h.instanceDel(obj, name)) {
      const slots = slotsOf(rt, h.classOf(obj));
      if (slots && slots.includes(name)) throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'`);
      throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'`);
    }
    return;
  }
  if (k === 'class') {
    if (!h.classDel(obj, name)) throw rt.error('AttributeError', `type object '${h.className(obj)}' has no attribute '${name}'`);
    return;
  }
  throw rt.error('AttributeError', `'${rt.typeNameOf(obj)}' object has no attribute '${name}'`);
}
