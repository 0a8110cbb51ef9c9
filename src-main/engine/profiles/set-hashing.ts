// What differs between versions in hashing (Python/pyhash.c, Objects/*object.c) and in the set table
// (Objects/setobject.c). Checked against the real interpreters with PYTHONHASHSEED=0 (tests/engine/sets-order.test.ts).
import type { ProfileId } from './types';

export interface SetHashing {
  /** Py_HASH_ALGORITHM for str/bytes: SIPHASH24 up to 3.10, SIPHASH13 from 3.11 (bpo-29410). */
  strHash: 'siphash24' | 'siphash13';
  /** hash(None): _Py_HashPointer(None) before 3.12, the constant 0xFCA86420 from 3.12 (gh-99540). */
  noneHash: 'pointer' | 'constant';
  /** hash(nan): 0 (_PyHASH_NAN) on 3.8-3.9, _Py_HashPointer(the float) from 3.10 (bpo-43475). */
  nanHash: 'zero' | 'pointer';
  /**
   * set_add_entry reuses the last dummy slot seen on the probe path (freeslot) on 3.8 and 3.10+; 3.9 never does
   * (it always takes the unused slot, and fill grows). Measured: add 1, 2, 9, 17, discard 1 and 9, add 25 gives
   * [2, 25, 17] on 3.8/3.10-3.13 and [17, 2, 25] (a resize) on 3.9.
   */
  reuseDummy: boolean;
  /**
   * The frozenset constant of a set display is rebuilt once more (intern_constants in codeobject.c) when
   * interning replaces one of its strs by another object. On 3.11-3.12 that happens to every 1-character str of
   * name characters (the static latin-1 singletons are not the interned copies); measured with
   * {'b', 'a', 3, 40, (1, 2), 2.5}.
   */
  reinternsLatin1Chars: boolean;
  /**
   * Builds of a set display's frozenset constant: 2 on 3.9-3.13 (frozenset(items), then merge_consts_recursive
   * rebuilds it from its own iteration order), 1 on 3.14 (measured in Pyodide 3.14.2: {7, 15, 8} prints
   * {8, 15, 7}, where 3.9-3.13 print {8, 7, 15}). 3.8 adds the items one by one (no constant).
   */
  constFrozensetBuilds: number;
}

const MODERN: SetHashing = { strHash: 'siphash13', noneHash: 'constant', nanHash: 'pointer', reuseDummy: true, reinternsLatin1Chars: false, constFrozensetBuilds: 2 };

export const SET_HASHING: Record<ProfileId, SetHashing> = {
  '3.8': { strHash: 'siphash24', noneHash: 'pointer', nanHash: 'zero', reuseDummy: true, reinternsLatin1Chars: false, constFrozensetBuilds: 2 },
  '3.9': { strHash: 'siphash24', noneHash: 'pointer', nanHash: 'zero', reuseDummy: false, reinternsLatin1Chars: false, constFrozensetBuilds: 2 },
  '3.10': { strHash: 'siphash24', noneHash: 'pointer', nanHash: 'pointer', reuseDummy: true, reinternsLatin1Chars: false, constFrozensetBuilds: 2 },
  '3.11': { strHash: 'siphash13', noneHash: 'pointer', nanHash: 'pointer', reuseDummy: true, reinternsLatin1Chars: true, constFrozensetBuilds: 2 },
  '3.12': { ...MODERN, reinternsLatin1Chars: true, constFrozensetBuilds: 2 },
  '3.13': MODERN,
  '3.14.2': { ...MODERN, constFrozensetBuilds: 1 },
  '3.14': { ...MODERN, constFrozensetBuilds: 1 },
};
