// hash() of the lab's objects, as 64-bit CPython computes it with PYTHONHASHSEED=0 (hash randomization off: the
// siphash key is all zero). Real CPython randomizes str/bytes hashes per process unless PYTHONHASHSEED is set, so
// str-set orders only match a real run made with PYTHONHASHSEED=0.
//
// Results are written to HASH as [low 32 bits, high 32 bits] (signed halves of the Py_hash_t) so that the set
// table can store and compare them in its Int32 run without BigInt on the hot path (small ints).
import { Kind, type ObjId } from './kinds';
import type { Heap } from './heap';
import { PyError } from './heap';
import { SET_HASHING } from '../profiles/set-hashing';
import { REC } from './store';
const { REF_LEN, REF_OFF } = REC; // record offsets (store.ts)

/** [lo, hi] of the last hashInto(). */
export const HASH = new Int32Array(2);

const M64 = (1n << 64n) - 1n;
const MODULUS = (1n << 61n) - 1n; // _PyHASH_MODULUS
const HASH_INF = 314159n;
const NONE_HASH = 0xfca86420n;

function put(x: bigint): void {
  HASH[0] = Number(BigInt.asIntN(32, x));
  HASH[1] = Number(BigInt.asIntN(32, x >> 32n));
}

/** Py_hash_t never takes -1 (the error value): CPython maps it to -2. */
function fix(x: bigint): bigint {
  const v = BigInt.asIntN(64, x);
  return v === -1n ? -2n : v;
}

/** long_hash: sign * (|n| mod 2**61 - 1). */
export function intHash(n: bigint): bigint {
  let x = (n < 0n ? -n : n) % MODULUS;
  if (n < 0n) x = -x;
  return x === -1n ? -2n : x;
}

/** _Py_HashDouble for finite values: |v| as a rational mod 2**61 - 1 (2**61 = 1 there, so 2**-k = 2**(61-k)). */
export function floatHash(v: number): bigint {
  if (v === Infinity) return HASH_INF;
  if (v === -Infinity) return -HASH_INF;
  if (v === 0) return 0n;
  const a = Math.abs(v);
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, a);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const bexp = hi >>> 20;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  const r = ((e % 61) + 61) % 61;
  let x = (mant % MODULUS) * (1n << BigInt(r)) % MODULUS;
  if (v < 0) x = -x;
  return x === -1n ? -2n : x;
}

/** _Py_HashPointer: the address rotated right by 4 bits (the low bits of an aligned address are zero). */
export function pointerHash(addr: number): bigint {
  const a = BigInt(Math.trunc(addr)) & M64;
  return fix((a >> 4n) | ((a << 60n) & M64));
}

// --------------------------------------------------------------------------- SipHash (Python/pyhash.c)

const rotl = (x: bigint, b: bigint): bigint => ((x << b) | (x >> (64n - b))) & M64;

function siphash(data: Uint8Array, cRounds: number, dRounds: number): bigint {
  // k0 = k1 = 0 (PYTHONHASHSEED=0)
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & M64; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M64; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M64; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M64; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const n = data.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    let m = 0n;
    for (let j = 7; j >= 0; j--) m = (m << 8n) | BigInt(data[i + j]);
    v3 ^= m;
    for (let r = 0; r < cRounds; r++) round();
    v0 ^= m;
  }
  let b = BigInt(n & 0xff) << 56n;
  for (let j = n - i - 1; j >= 0; j--) b |= BigInt(data[i + j]) << BigInt(8 * j);
  v3 ^= b;
  for (let r = 0; r < cRounds; r++) round();
  v0 ^= b;
  v2 ^= 0xffn;
  for (let r = 0; r < dRounds; r++) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

/** _Py_HashBytes: 0 for empty input, else siphash of the bytes. */
export function bytesHash(data: Uint8Array, algo: 'siphash24' | 'siphash13'): bigint {
  if (data.length === 0) return 0n;
  return fix(algo === 'siphash13' ? siphash(data, 1, 3) : siphash(data, 2, 4));
}

/** A str's bytes as CPython stores them (PEP 393): 1, 2 or 4 bytes per code point, little-endian. */
export function strData(v: string): Uint8Array {
  const cps: number[] = [];
  let max = 0;
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    cps.push(c);
    if (c > max) max = c;
  }
  const w = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const out = new Uint8Array(cps.length * w);
  for (let i = 0; i < cps.length; i++) for (let j = 0; j < w; j++) out[i * w + j] = (cps[i] >>> (8 * j)) & 0xff;
  return out;
}

// str hashes are cached like PyUnicode's own hash field (strs are immutable); bounded so a program making many
// distinct strs does not grow it forever.
const strCache = [new Map<string, bigint>(), new Map<string, bigint>()];

export function strHash(v: string, algo: 'siphash24' | 'siphash13'): bigint {
  const cache = strCache[algo === 'siphash13' ? 1 : 0];
  let h = cache.get(v);
  if (h === undefined) {
    h = bytesHash(strData(v), algo);
    if (cache.size > 50000) cache.clear();
    cache.set(v, h);
  }
  return h;
}

// --------------------------------------------------------------------------- tuples (xxHash-based, 3.8+)

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

function tupleHash(heap: Heap, id: ObjId): bigint {
  const s = heap.s;
  const n = s.meta[(id << 2) + REF_LEN];
  let acc = XXPRIME_5;
  for (let i = 0; i < n; i++) {
    const lane = BigInt.asUintN(64, hashValue(heap, s.pool[s.meta[(id << 2) + REF_OFF] + i]));
    acc = (acc + lane * XXPRIME_2) & M64;
    acc = rotl(acc, 31n);
    acc = (acc * XXPRIME_1) & M64;
  }
  acc = (acc + (BigInt(n) ^ (XXPRIME_5 ^ 3527539n))) & M64;
  if (acc === M64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** hash(x) as a bigint (PyObject_Hash); raises TypeError for unhashable objects. */
export function hashValue(heap: Heap, id: ObjId): bigint {
  const s = heap.s;
  const rules = SET_HASHING[heap.profile.id];
  switch ((s.meta[id << 2] >>> 24)) {
    case Kind.Int:
      return intHash(s.payload[id] as bigint);
    case Kind.Bool:
      return s.payload[id] ? 1n : 0n;
    case Kind.Float: {
      const f = s.payload[id] as number;
      if (Number.isNaN(f)) return rules.nanHash === 'zero' ? 0n : pointerHash(heap.address(id));
      return floatHash(f);
    }
    case Kind.Str:
      return strHash(s.payload[id] as string, rules.strHash);
    case Kind.Bytes:
      return bytesHash(s.payload[id] as Uint8Array, rules.strHash);
    case Kind.None:
      return rules.noneHash === 'constant' ? NONE_HASH : pointerHash(heap.address(id));
    case Kind.Tuple:
      return tupleHash(heap, id);
    case Kind.List:
    case Kind.Dict:
    case Kind.Set:
      throw new PyError('TypeError', `unhashable type: '${heap.typeName(id)}'`);
    default:
      // object.__hash__ (instances, classes, functions, modules, ...): the lab's simulated address, so these
      // hashes (and set orders) differ from a real run's, whose addresses differ from run to run anyway.
      return pointerHash(id < s.capacity ? heap.address(id) : id * 16);
  }
}

/** hash(x) into HASH ([lo, hi]); the common small-int case without BigInt. */
export function hashInto(heap: Heap, id: ObjId): void {
  const s = heap.s;
  const k = (s.meta[id << 2] >>> 24);
  if (k === Kind.Int) {
    const n = s.payload[id] as bigint;
    if (n >= -0x80000000n && n <= 0x7fffffffn) {
      const v = Number(n);
      HASH[0] = v === -1 ? -2 : v;
      HASH[1] = v < 0 ? -1 : 0;
      return;
    }
  } else if (k === Kind.Bool) {
    HASH[0] = s.payload[id] ? 1 : 0;
    HASH[1] = 0;
    return;
  }
  put(hashValue(heap, id));
}
