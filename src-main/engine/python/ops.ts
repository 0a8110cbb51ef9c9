// Operators and protocols: arithmetic, comparison, containment, attributes, items, iteration.
// Every function returning an ObjId returns a NEW reference; arguments are borrowed.
import type { ObjId } from './heap-port';
import type { BinOpName, CmpOpName } from './ast';
import { rangeLen, type Runtime } from './runtime';
import { setBinop } from './set-ops';

const OP_METHOD: Record<string, string> = {
  '+': '__add__', '-': '__sub__', '*': '__mul__', '/': '__truediv__', '//': '__floordiv__', '%': '__mod__',
  '**': '__pow__', '<<': '__lshift__', '>>': '__rshift__', '&': '__and__', '|': '__or__', '^': '__xor__',
};

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
function floorMod(a: bigint, b: bigint): bigint {
  const m = a % b;
  return m !== 0n && (m < 0n) !== (b < 0n) ? m + b : m;
}
function pyFmod(a: number, b: number): number {
  const m = a % b;
  if (m === 0) return b < 0 ? -0 : 0;
  return (m < 0) !== (b < 0) ? m + b : m;
}

export function binop(rt: Runtime, op: BinOpName, a: ObjId, b: ObjId, inplace = false): ObjId {
  const h = rt.heap;
  const ka = h.kind(a);
  const kb = h.kind(b);
  const intA = ka === 'int' || ka === 'bool';
  const intB = kb === 'int' || kb === 'bool';
  if (intA && intB) {
    const x = rt.asInt(a);
    const y = rt.asInt(b);
    switch (op) {
      case '+': return rt.int(x + y);
      case '-': return rt.int(x - y);
      case '*': return rt.int(x * y);
      case '/':
        if (y === 0n) throw rt.error('ZeroDivisionError', 'division by zero');
        return h.newFloat(Number(x) / Number(y));
      case '//':
        if (y === 0n) throw rt.error('ZeroDivisionError', 'integer division or modulo by zero');
        return rt.int(floorDiv(x, y));
      case '%':
        if (y === 0n) throw rt.error('ZeroDivisionError', 'integer division or modulo by zero');
        return rt.int(floorMod(x, y));
      case '**':
        if (y < 0n) {
          if (x === 0n) throw rt.error('ZeroDivisionError', '0.0 cannot be raised to a negative power');
          return h.newFloat(Number(x) ** Number(y));
        }
        return rt.int(x ** y);
      case '<<':
        if (y < 0n) throw rt.error('ValueError', 'negative shift count');
        return rt.int(x << y);
      case '>>':
        if (y < 0n) throw rt.error('ValueError', 'negative shift count');
        return rt.int(x >> y);
      case '&':
        if (ka === 'bool' && kb === 'bool') return rt.bool(!!(x & y));
        return rt.int(x & y);
      case '|':
        if (ka === 'bool' && kb === 'bool') return rt.bool(!!(x | y));
        return rt.int(x | y);
      case '^':
        if (ka === 'bool' && kb === 'bool') return rt.bool(!!(x ^ y));
        return rt.int(x ^ y);
    }
  }
  if ((intA || ka === 'float') && (intB || kb === 'float') && !['<<', '>>', '&', '|', '^'].includes(op)) {
    const x = rt.asFloat(a);
    const y = rt.asFloat(b);
    switch (op) {
      case '+': return h.newFloat(x + y);
      case '-': return h.newFloat(x - y);
      case '*': return h.newFloat(x * y);
      case '/':
        if (y === 0) throw rt.error('ZeroDivisionError', 'float division by zero');
        return h.newFloat(x / y);
      case '//':
        if (y === 0) throw rt.error('ZeroDivisionError', 'float floor division by zero');
        return h.newFloat(Math.floor(x / y));
      case '%':
        if (y === 0) throw rt.error('ZeroDivisionError', 'float modulo');
        return h.newFloat(pyFmod(x, y));
      case '**':
        if (x === 0 && y < 0) throw rt.error('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return h.newFloat(x ** y);
    }
  }
  if (ka === 'str' && kb === 'str' && op === '+') return h.newStr(h.strValue(a) + h.strValue(b));
  if (ka === 'bytes' && kb === 'bytes' && op === '+') return h.newBytes(h.bytesValue(a) + h.bytesValue(b));
  if (op === '*' && ((ka === 'str' || ka === 'bytes' || ka === 'list' || ka === 'tuple') && intB || (kb === 'str' || kb === 'bytes' || kb === 'list' || kb === 'tuple') && intA)) {
    const [seq, n] = intB ? [a, Number(rt.asInt(b))] : [b, Number(rt.asInt(a))];
    const k = h.kind(seq);
    const times = Math.max(0, n);
    if (k === 'str') return h.newStr(h.strValue(seq).repeat(times));
    if (k === 'bytes') return h.newBytes(h.bytesValue(seq).repeat(times));
    const items = seqItems(rt, seq);
    const all: ObjId[] = [];
    for (let i = 0; i < times; i++) all.push(...items);
    if (k === 'list') {
      if (inplace && seq === a) { h.listSetSlice(a, h.seqLen(a), h.seqLen(a), all.slice(items.length)); h.incref(a); return a; }
      return h.newList(all);
    }
    return h.newTuple(all);
  }
  if (op === '+' && ka === 'list' && kb === 'list') {
    if (inplace) { h.listSetSlice(a, h.seqLen(a), h.seqLen(a), seqItems(rt, b)); h.incref(a); return a; }
    return h.newList([...seqItems(rt, a), ...seqItems(rt, b)]);
  }
  if (op === '+' && ka === 'list' && inplace) {
    const items = iterToArray(rt, b);
    h.listSetSlice(a, h.seqLen(a), h.seqLen(a), items);
    for (const x of items) h.decref(x);
    h.incref(a);
    return a;
  }
  if (op === '+' && ka === 'tuple' && kb === 'tuple') return h.newTuple([...seqItems(rt, a), ...seqItems(rt, b)]);
  if (op === '%' && ka === 'str') return h.newStr(percentFormat(rt, h.strValue(a), b));
  if (ka === 'set' && kb === 'set' && ['|', '&', '-', '^'].includes(op)) return setBinop(rt, op, a, b, inplace);
  if (ka === 'instance') {
    const r = rt.callSpecial(a, OP_METHOD[op] ?? '', [b]);
    if (r !== undefined) return r;
  }
  const sym = inplace ? `${op}=` : op;
  if (op === '**' && !inplace) throw rt.error('TypeError', `unsupported operand type(s) for ** or pow(): '${rt.typeNameOf(a)}' and '${rt.typeNameOf(b)}'`);
  if (op === '+' && ka === 'str') throw rt.error('TypeError', `can only concatenate str (not "${rt.typeNameOf(b)}") to str`);
  if (op === '+' && (ka === 'list' || ka === 'tuple')) throw rt.error('TypeError', `can only concatenate ${ka} (not "${rt.typeNameOf(b)}") to ${ka}`);
  if (op === '*' && (ka === 'str' || ka === 'list' || ka === 'tuple' || kb === 'str' || kb === 'list' || kb === 'tuple')) {
    const nonInt = ka === 'str' || ka === 'list' || ka === 'tuple' ? b : a;
    throw rt.error('TypeError', `can't multiply sequence by non-int of type '${rt.typeNameOf(nonInt)}'`);
  }
  throw rt.error('TypeError', `unsupported operand type(s) for ${sym}: '${rt.typeNameOf(a)}' and '${rt.typeNameOf(b)}'`);
}

function percentFormat(rt: Runtime, fmt: string, arg: ObjId): string {
  const h = rt.heap;
  const args = h.kind(arg) === 'tuple' ? seqItems(rt, arg) : [arg];
  let i = 0;
  const out = fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdrifgex%])/g, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const v = args[i++];
    if (v === undefined) throw rt.error('TypeError', 'not enough arguments for format string');
    let spec = `${flags.includes('-') ? '<' : flags.includes('0') ? '0' : ''}${width}${prec !== undefined ? '.' + prec : ''}`;
    if (flags.includes('+')) spec = '+' + spec;
    if (conv === 's') return rt.format(h.newStr(rt.toStr(v)), spec.replace('0', ''));
    if (conv === 'r') return rt.format(h.newStr(rt.repr(v)), spec);
    if (conv === 'd' || conv === 'i') {
      const n = h.kind(v) === 'float' ? BigInt(Math.trunc(h.floatValue(v))) : rt.asInt(v);
      return rt.format(rt.int(n), spec + 'd');
    }
    return rt.format(v, spec + conv);
  });
  if (i < args.length) throw rt.error('TypeError', 'not all arguments converted during string formatting');
  return out;
}

export function unary(rt: Runtime, op: '-' | '+' | '~', v: ObjId): ObjId {
  const h = rt.heap;
  const k = h.kind(v);
  if (k === 'int' || k === 'bool') {
    const x = rt.asInt(v);
    return rt.int(op === '-' ? -x : op === '+' ? x : ~x);
  }
  if (k === 'float' && op !== '~') return h.newFloat(op === '-' ? -h.floatValue(v) : h.floatValue(v));
  const names = { '-': '__neg__', '+': '__pos__', '~': '__invert__' };
  if (k === 'instance') {
    const r = rt.callSpecial(v, names[op], []);
    if (r !== undefined) return r;
  }
  throw rt.error('TypeError', `bad operand type for unary ${op}: '${rt.typeNameOf(v)}'`);
}

/** Borrowed items of a tuple or list. */
export function seqItems(rt: Runtime, s: ObjId): ObjId[] {
  const h = rt.heap;
  const n = h.seqLen(s);
  const out = new Array<ObjId>(n);
  for (let i = 0; i < n; i++) out[i] = h.seqItem(s, i);
  return out;
}

export function eq(rt: Runtime, a: ObjId, b: ObjId): boolean {
  if (a === b) {
    const h = rt.heap;
    return !(h.kind(a) === 'float' && Number.isNaN(h.floatValue(a)));
  }
  const h = rt.heap;
  const ka = h.kind(a);
  const kb = h.kind(b);
  if (rt.isNum(a) && rt.isNum(b)) {
    if (ka === 'float' || kb === 'float') return rt.asFloat(a) === rt.asFloat(b);
    return rt.asInt(a) === rt.asInt(b);
  }
  if (ka !== kb) {
    if (ka === 'instance' || kb === 'instance') return instanceEq(rt, a, b);
    return false;
  }
  switch (ka) {
    case 'str': return h.strValue(a) === h.strValue(b);
    case 'bytes': return h.bytesValue(a) === h.bytesValue(b);
    case 'tuple': case 'list': {
      const n = h.seqLen(a);
      if (n !== h.seqLen(b)) return false;
      for (let i = 0; i < n; i++) if (!eq(rt, h.seqItem(a, i), h.seqItem(b, i))) return false;
      return true;
    }
    case 'dict': {
      if (h.dictLen(a) !== h.dictLen(b)) return false;
      for (const [k, v] of h.dictEntries(a)) {
        const w = h.dictGet(b, k);
        if (!w || !eq(rt, v, w)) return false;
      }
      return true;
    }
    case 'set': {
      if (h.setLen(a) !== h.setLen(b)) return false;
      return h.setItems(a).every((x) => h.setHas(b, x));
    }
    case 'instance': return instanceEq(rt, a, b);
    case 'method': {
      const [fa, sa] = h.methodParts(a);
      const [fb, sb] = h.methodParts(b);
      return fa === fb && sa === sb;
    }
    case 'bmethod': {
      // meth_richcompare: the same method of the same self
      const [sa, na] = h.builtinMethodParts(a);
      const [sb, nb] = h.builtinMethodParts(b);
      return sa === sb && na === nb;
    }
    case 'builtin': {
      const da = rt.sdata(a);
      const db = rt.sdata(b);
      if (da.t === 'range' && db.t === 'range') return da.start === db.start && da.stop === db.stop && da.step === db.step;
      return false;
    }
  }
  return false;
}

function instanceEq(rt: Runtime, a: ObjId, b: ObjId): boolean {
  const h = rt.heap;
  for (const [x, y] of [[a, b], [b, a]] as const) {
    if (h.kind(x) === 'instance') {
      const r = rt.callSpecial(x, '__eq__', [y]);
      if (r !== undefined) {
        const t = rt.truthy(r);
        h.decref(r);
        return t;
      }
    }
  }
  return false;
}

/** a < b (and friends through lt with swapped args). */
export function lt(rt: Runtime, a: ObjId, b: ObjId, opForMsg = '<'): boolean {
  const h = rt.heap;
  if (rt.isNum(a) && rt.isNum(b)) {
    if (h.kind(a) === 'float' || h.kind(b) === 'float') return rt.asFloat(a) < rt.asFloat(b);
    return rt.asInt(a) < rt.asInt(b);
  }
  const ka = h.kind(a);
  const kb = h.kind(b);
  if (ka === kb) {
    if (ka === 'str') return h.strValue(a) < h.strValue(b);
    if (ka === 'bytes') return h.bytesValue(a) < h.bytesValue(b);
    if (ka === 'tuple' || ka === 'list') {
      const n = Math.min(h.seqLen(a), h.seqLen(b));
      for (let i = 0; i < n; i++) {
        const x = h.seqItem(a, i);
        const y = h.seqItem(b, i);
        if (!eq(rt, x, y)) return lt(rt, x, y, opForMsg);
      }
      return h.seqLen(a) < h.seqLen(b);
    }
    if (ka === 'set') return h.setLen(a) < h.setLen(b) && h.setItems(a).every((x) => h.setHas(b, x));
    if (ka === 'instance') {
      const r = rt.callSpecial(a, '__lt__', [b]);
      if (r !== undefined) { const t = rt.truthy(r); h.decref(r); return t; }
    }
  }
  throw rt.error('TypeError', `'${opForMsg}' not supported between instances of '${rt.typeNameOf(a)}' and '${rt.typeNameOf(b)}'`);
}

export function compare(rt: Runtime, op: CmpOpName, a: ObjId, b: ObjId): boolean {
  switch (op) {
    case '==': return eq(rt, a, b);
    case '!=': return !eq(rt, a, b);
    case 'is': return a === b;
    case 'is not': return a !== b;
    case 'in': return contains(rt, b, a);
    case 'not in': return !contains(rt, b, a);
    case '<': return lt(rt, a, b, '<');
    case '>': return lt(rt, b, a, '>');
    case '<=': return ltSwapMsg(rt, a, b, '<=');
    case '>=': return ltSwapMsg(rt, b, a, '>=');
  }
}

function ltSwapMsg(rt: Runtime, a: ObjId, b: ObjId, op: string): boolean {
  const h = rt.heap;
  if (h.kind(a) === 'set' && h.kind(b) === 'set') return h.setItems(a).every((x) => h.setHas(b, x));
  try {
    return !lt(rt, b, a, op) ;
  } catch (e) {
    throw e;
  } finally {
    void 0;
  }
}

export function contains(rt: Runtime, container: ObjId, v: ObjId): boolean {
  const h = rt.heap;
  switch (h.kind(container)) {
    case 'list': case 'tuple': {
      const n = h.seqLen(container);
      for (let i = 0; i < n; i++) { const x = h.seqItem(container, i); if (x === v || eq(rt, x, v)) return true; }
      return false;
    }
    case 'dict': checkHashable(rt, v); return h.dictGet(container, v) !== 0;
    case 'set': checkHashable(rt, v); return h.setHas(container, v);
    case 'str':
      if (h.kind(v) !== 'str') throw rt.error('TypeError', `'in <string>' requires string as left operand, not ${rt.typeNameOf(v)}`);
      return h.strValue(container).includes(h.strValue(v));
    case 'bytes':
      return h.bytesValue(container).includes(h.kind(v) === 'int' ? String.fromCharCode(Number(h.intValue(v))) : h.bytesValue(v));
    case 'builtin': {
      const d = rt.sdata(container);
      if (d.t === 'view') {
        if (d.which === 'keys') return h.dictGet(d.dict, v) !== 0;
        const items = iterToArray(rt, container);
        try { return items.some((x) => eq(rt, x, v)); } finally { items.forEach((x) => h.decref(x)); }
      }
      if (d.t === 'range') {
        if (!rt.isNum(v)) return false;
        const x = Number(rt.asFloat(v));
        if (!Number.isInteger(x)) return false;
        return (d.step > 0 ? x >= d.start && x < d.stop : x <= d.start && x > d.stop) && (x - d.start) % d.step === 0;
      }
      break;
    }
    case 'instance': {
      const r = rt.callSpecial(container, '__contains__', [v]);
      if (r !== undefined) { const t = rt.truthy(r); h.decref(r); return t; }
    }
  }
  throw rt.error('TypeError', `argument of type '${rt.typeNameOf(container)}' is not iterable`);
}

/** Dict keys and set members must be hashable: lists, dicts, sets (and tuples containing them) are not. */
export function checkHashable(rt: Runtime, v: ObjId): void {
  const h = rt.heap;
  const k = h.kind(v);
  if (k === 'list' || k === 'dict' || k === 'set') throw rt.error('TypeError', `unhashable type: '${k}'`);
  if (k === 'tuple') for (let i = 0; i < h.seqLen(v); i++) checkHashable(rt, h.seqItem(v, i));
  if (k === 'instance' && rt.classLookup(h.classOf(v), '__eq__') && !rt.classLookup(h.classOf(v), '__hash__')) {
    throw rt.error('TypeError', `unhashable type: '${rt.typeNameOf(v)}'`);
  }
}

// ---------------------------------------------------------------- items
function normIndex(rt: Runtime, n: number, idx: ObjId, what: string): number {
  let i = rt.index(idx, `${what} indices must be integers or slices, not %T`);
  if (i < 0) i += n;
  return i;
}

export interface SliceBounds { lo: number; hi: number; step: number; len: number }

export function sliceBounds(rt: Runtime, n: number, lower: ObjId, upper: ObjId, step: ObjId): SliceBounds {
  const h = rt.heap;
  const msg = 'slice indices must be integers or None or have an __index__ method';
  const get = (v: ObjId) => (v === 0 || v === h.None ? undefined : rt.index(v, msg));
  const st = get(step) ?? 1;
  if (st === 0) throw rt.error('ValueError', 'slice step cannot be zero');
  const clamp = (v: number | undefined, dflt: number, lo: number, hi: number) => {
    if (v === undefined) return dflt;
    if (v < 0) v += n;
    return Math.min(Math.max(v, lo), hi);
  };
  let lo: number;
  let hi: number;
  if (st > 0) { lo = clamp(get(lower), 0, 0, n); hi = clamp(get(upper), n, 0, n); }
  else { lo = clamp(get(lower), n - 1, -1, n - 1); hi = clamp(get(upper), -1, -1, n - 1); }
  const len = st > 0 ? (hi > lo ? Math.floor((hi - lo - 1) / st) + 1 : 0) : (lo > hi ? Math.floor((lo - hi - 1) / -st) + 1 : 0);
  return { lo, hi, step: st, len };
}

export function getSlice(rt: Runtime, v: ObjId, b: SliceBounds): ObjId {
  const h = rt.heap;
  const k = h.kind(v);
  if (k === 'str' || k === 'bytes') {
    const s = k === 'str' ? [...h.strValue(v)] : [...h.bytesValue(v)];
    let out = '';
    for (let i = 0, j = b.lo; i < b.len; i++, j += b.step) out += s[j];
    return k === 'str' ? h.newStr(out) : h.newBytes(out);
  }
  if (k === 'list' || k === 'tuple') {
    const items: ObjId[] = [];
    for (let i = 0, j = b.lo; i < b.len; i++, j += b.step) items.push(h.seqItem(v, j));
    if (k === 'tuple' && b.len === h.seqLen(v) && b.step === 1) { h.incref(v); return v; }
    return k === 'list' ? h.newList(items) : h.newTuple(items);
  }
  throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object is not subscriptable`);
}

export function getitem(rt: Runtime, v: ObjId, idx: ObjId): ObjId {
  const h = rt.heap;
  const k = h.kind(v);
  switch (k) {
    case 'list': case 'tuple': {
      const n = h.seqLen(v);
      const i = normIndex(rt, n, idx, k);
      if (i < 0 || i >= n) throw rt.error('IndexError', `${k} index out of range`);
      const r = h.seqItem(v, i);
      h.incref(r);
      return r;
    }
    case 'str': {
      const s = [...h.strValue(v)];
      const i = normIndex(rt, s.length, idx, 'string');
      if (i < 0 || i >= s.length) throw rt.error('IndexError', 'string index out of range');
      return h.newStr(s[i]!);
    }
    case 'bytes': {
      const s = h.bytesValue(v);
      const i = normIndex(rt, s.length, idx, 'byte');
      if (i < 0 || i >= s.length) throw rt.error('IndexError', 'index out of range');
      return rt.int(s.charCodeAt(i));
    }
    case 'dict': {
      checkHashable(rt, idx);
      const r = h.dictGet(v, idx);
      if (!r) throw rt.errorWithArg('KeyError', (h.incref(idx), idx));
      h.incref(r);
      return r;
    }
    case 'builtin': {
      const d = rt.sdata(v);
      if (d.t === 'range') {
        const n = rangeLen(d);
        const i = normIndex(rt, n, idx, 'range');
        if (i < 0 || i >= n) throw rt.error('IndexError', 'range object index out of range');
        return rt.int(d.start + i * d.step);
      }
      break;
    }
    case 'instance': {
      const r = rt.callSpecial(v, '__getitem__', [idx]);
      if (r !== undefined) return r;
    }
  }
  throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object is not subscriptable`);
}

export function setitem(rt: Runtime, v: ObjId, idx: ObjId, val: ObjId): void {
  const h = rt.heap;
  const k = h.kind(v);
  if (k === 'list') {
    const n = h.seqLen(v);
    const i = normIndex(rt, n, idx, 'list');
    if (i < 0 || i >= n) throw rt.error('IndexError', 'list assignment index out of range');
    h.listSet(v, i, val);
    return;
  }
  if (k === 'dict') {
    checkHashable(rt, idx);
    h.dictSet(v, idx, val);
    return;
  }
  if (k === 'instance') {
    const r = rt.callSpecial(v, '__setitem__', [idx, val]);
    if (r !== undefined) { h.decref(r); return; }
  }
  throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object does not support item assignment`);
}

export function delitem(rt: Runtime, v: ObjId, idx: ObjId): void {
  const h = rt.heap;
  const k = h.kind(v);
  if (k === 'list') {
    const n = h.seqLen(v);
    const i = normIndex(rt, n, idx, 'list');
    if (i < 0 || i >= n) throw rt.error('IndexError', 'list assignment index out of range');
    h.listSetSlice(v, i, i + 1, []);
    return;
  }
  if (k === 'dict') {
    checkHashable(rt, idx);
    if (!h.dictDel(v, idx)) throw rt.errorWithArg('KeyError', (h.incref(idx), idx));
    return;
  }
  if (k === 'instance') {
    const r = rt.callSpecial(v, '__delitem__', [idx]);
    if (r !== undefined) { h.decref(r); return; }
  }
  throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object doesn't support item deletion`);
}

export function setSlice(rt: Runtime, v: ObjId, b: SliceBounds, val: ObjId | undefined): void {
  const h = rt.heap;
  if (h.kind(v) !== 'list') {
    throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object ${val === undefined ? "doesn't support item deletion" : 'does not support item assignment'}`);
  }
  const items = val === undefined ? [] : iterToArray(rt, val);
  try {
    if (b.step === 1) { h.listSetSlice(v, b.lo, Math.max(b.lo, b.hi), items); return; }
    if (val !== undefined && items.length !== b.len) {
      throw rt.error('ValueError', `attempt to assign sequence of size ${items.length} to extended slice of size ${b.len}`);
    }
    const idxs: number[] = [];
    for (let i = 0, j = b.lo; i < b.len; i++, j += b.step) idxs.push(j);
    if (val === undefined) {
      idxs.sort((x, y) => y - x).forEach((j) => h.listSetSlice(v, j, j + 1, []));
    } else {
      idxs.forEach((j, i) => h.listSet(v, j, items[i]!));
    }
  } finally {
    items.forEach((x) => h.decref(x));
  }
}

// ---------------------------------------------------------------- iteration
/** Materialises an iterable as NEW references (for constructors and sequence unpacking). */
export function iterToArray(rt: Runtime, v: ObjId): ObjId[] {
  const out: ObjId[] = [];
  forEach(rt, v, (x) => { out.push(x); return true; });
  return out;
}

/**
 * Iterates like a for loop: `body` receives a NEW reference it must consume and returns false to stop.
 * Lists are read live (a list iterator re-checks the length each step).
 */
export function forEach(rt: Runtime, v: ObjId, body: (x: ObjId) => boolean): void {
  const h = rt.heap;
  switch (h.kind(v)) {
    case 'list': case 'tuple': {
      for (let i = 0; i < h.seqLen(v); i++) {
        const x = h.seqItem(v, i);
        h.incref(x);
        if (!body(x)) return;
      }
      return;
    }
    case 'str': {
      for (const c of h.strValue(v)) if (!body(h.newStr(c))) return;
      return;
    }
    case 'bytes': {
      for (const c of h.bytesValue(v)) if (!body(rt.int(c.charCodeAt(0)))) return;
      return;
    }
    case 'dict': {
      const n0 = h.dictLen(v);
      for (const [k] of h.dictEntries(v)) {
        if (h.dictLen(v) !== n0) throw rt.error('RuntimeError', 'dictionary changed size during iteration');
        h.incref(k);
        if (!body(k)) return;
      }
      return;
    }
    case 'set': {
      for (const x of h.setItems(v)) { h.incref(x); if (!body(x)) return; }
      return;
    }
    case 'builtin': {
      const d = rt.sdata(v);
      if (d.t === 'range') {
        const n = rangeLen(d);
        for (let i = 0, x = d.start; i < n; i++, x += d.step) if (!body(rt.int(x))) return;
        return;
      }
      if (d.t === 'view') {
        const n0 = h.dictLen(d.dict);
        for (const [k, val] of h.dictEntries(d.dict)) {
          if (h.dictLen(d.dict) !== n0) throw rt.error('RuntimeError', 'dictionary changed size during iteration');
          let item: ObjId;
          if (d.which === 'keys') { h.incref(k); item = k; }
          else if (d.which === 'values') { h.incref(val); item = val; }
          else item = h.newTuple([k, val]);
          if (!body(item)) return;
        }
        return;
      }
      break;
    }
  }
  throw rt.error('TypeError', `'${rt.typeNameOf(v)}' object is not iterable`);
}
