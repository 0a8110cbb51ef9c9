// Lookup keys for dicts and sets: Python equality/hash for atoms (1 == 1.0 == True, tuples of atoms compare by
// value), identity for everything else. Unhashable objects raise TypeError.
import { Kind, type ObjId } from './kinds';
import type { Heap } from './heap';
import { PyError } from './heap';
import { REC } from './store';
const { REF_LEN, REF_OFF } = REC; // record offsets (store.ts)

export function keyOf(heap: Heap, id: ObjId): string {
  const s = heap.s;
  switch ((s.meta[id << 2] >>> 24)) {
    case Kind.Int:
      return 'n:' + (s.payload[id] as bigint).toString();
    case Kind.Bool:
      return s.payload[id] ? 'n:1' : 'n:0';
    case Kind.Float: {
      const f = s.payload[id] as number;
      if (Number.isInteger(f)) return 'n:' + BigInt(f).toString();
      if (Number.isNaN(f)) return '#' + id; // NaN only matches itself (identity is tried first)
      return 'f:' + f;
    }
    case Kind.Str:
      return 's:' + (s.payload[id] as string);
    case Kind.Bytes:
      return 'b:' + Array.from(s.payload[id] as Uint8Array).join(',');
    case Kind.None:
      return 'N';
    case Kind.Tuple: {
      const parts: string[] = [];
      const off = s.meta[(id << 2) + REF_OFF];
      for (let i = 0; i < s.meta[(id << 2) + REF_LEN]; i++) parts.push(keyOf(heap, s.pool[off + i]));
      return 't(' + parts.join('|') + ')';
    }
    case Kind.List:
    case Kind.Dict:
    case Kind.Set:
      throw new PyError('TypeError', `unhashable type: '${heap.typeName(id)}'`);
    default:
      return '#' + id;
  }
}
