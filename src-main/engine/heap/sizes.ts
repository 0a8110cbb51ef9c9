// Byte requests CPython makes per object, and sys.getsizeof, from the profile's size table (reference §2, §6).
import type { Profile } from '../profiles/profile';

/** USABLE_FRACTION of a dict keys table of `size` slots. */
export const usable = (size: number): number => ((size << 1) / 3) | 0;

/** dk_indices bytes per slot. */
const ixBytes = (size: number): number => (size <= 0xff ? 1 : size <= 0xffff ? 2 : size <= 0xffffffff ? 4 : 8);

/** PyDictKeysObject request for a table of `size` slots. */
export function dictKeysBytes(p: Profile, size: number, unicode: boolean): number {
  const s = p.sizes;
  const entry = unicode ? s.dictEntryUnicode : s.dictEntryGeneric;
  return s.dictKeysHeader + size * ixBytes(size) + usable(size) * entry;
}

/** Slots of a keys table that dictresize makes for `minsize` (profile `dictKeysize`, never below 8). */
export function dictSizeFor(p: Profile, minsize: number): number {
  if (p.dictKeysize === 'bitLength') {
    // calculate_log2_keysize: 1 << bit_length(((minsize | 8) - 1) | 7)
    const m = (((minsize | 8) - 1) | 7) >>> 0;
    return 2 ** (32 - Math.clz32(m));
  }
  let n = 8;
  while (n < minsize) n <<= 1;
  return n;
}

/** list_resize: the new `allocated` for `newsize` items, or -1 when the array is kept as is. */
export function listResize(p: Profile, newsize: number, allocated: number, oldsize: number): number {
  if (allocated >= newsize && newsize >= allocated >> 1) return -1;
  if (newsize === 0) return 0;
  if (p.listGrowth === 'py38') return newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
  let n = (newsize + (newsize >> 3) + 6) & ~3;
  if (newsize - oldsize > n - newsize) n = (newsize + 3) & ~3;
  return n;
}

/** Number of 30-bit digits of |v|. */
export function intDigits(v: bigint): number {
  let a = v < 0n ? -v : v;
  let n = 0;
  while (a > 0n) {
    a >>= 30n;
    n++;
  }
  return n;
}

export function intRequest(p: Profile, digits: number): number {
  // PyLong_FromLong of a one-digit value allocates sizeof(PyLongObject); arithmetic on bigger values allocates
  // one spare digit (x_add/x_sub), which sizes.out shows as 36 bytes for 2-digit results.
  if (digits <= 1) return p.sizes.intOneDigit;
  return p.sizes.intBase + 4 * (digits + 1);
}

export function intSizeof(p: Profile, digits: number): number {
  return digits === 0 ? p.sizes.intZeroSize : p.sizes.intBase + 4 * digits;
}

/** Compact str request: ASCII, latin-1, UCS-2 or UCS-4 storage of `s` plus the NUL. */
export function strRequest(p: Profile, s: string): number {
  let max = 0;
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c > max) max = c;
    n++;
  }
  if (max < 128) return p.sizes.strAsciiHeader + n + 1;
  const width = max < 256 ? 1 : max < 65536 ? 2 : 4;
  return p.sizes.strCompactHeader + (n + 1) * width;
}

/** Instance values array (3.11/3.12) of capacity n: 8-byte-rounded prefix of n+2 bytes, then n pointers. */
export const valuesArrayBytes = (n: number): number => (((n + 2 + 7) >> 3) << 3) + 8 * n;

/** 3.13+ inline values appended to the 48-byte object: round8(n) + 8 * (n + 1). */
export const inlineValuesBytes = (n: number): number => (((n + 7) >> 3) << 3) + 8 * (n + 1);

/** Shared-keys capacity n of a class's instances (reference §6.2: 1 for no attribute, 3 for two). */
export const SHARED_KEYS_MAX = 30;
export const sharedValuesCapacity = (knownAttrs: number): number => Math.min(SHARED_KEYS_MAX, knownAttrs + 1);
