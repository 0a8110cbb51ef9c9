// Heap invariants (issue 3 §7): returns human-readable violations, empty when the heap is consistent.
import type { Heap } from './heap';
import { Kind, F_TRACKED, F_GC, F_IMMORTAL, F_COLLECTING, F_UNREACHABLE, STATIC_ID_BASE } from './kinds';
import { FIRST_ID, REC } from './store';
import * as L from '../gc/lists';
import { traverse } from '../gc/classic';
const { AUX, NEXT, PREV, REF_LEN, REF_OFF } = REC; // record offsets (store.ts)

export function checkHeapInvariants(heap: Heap): string[] {
  const s = heap.s;
  const out: string[] = [];
  const live = (id: number): boolean => id >= FIRST_ID && id < s.top && (s.meta[id << 2] >>> 24) !== Kind.Free;
  const incoming = new Float64Array(s.top);

  const see = (id: number, r: number): void => {
    if (r >= STATIC_ID_BASE) return; // the interpreter's statics (modules, builtins): not heap objects
    if (!live(r)) out.push(`${heap.typeName(id)}#${id} references freed object #${r}`);
    else incoming[r]++;
  };
  for (let id = FIRST_ID; id < s.top; id++) {
    if ((s.meta[id << 2] >>> 24) === Kind.Free) continue;
    // every reference points to a live object
    const off = s.meta[(id << 2) + REF_OFF];
    for (let i = 0; i < s.meta[(id << 2) + REF_LEN]; i++) if (s.pool[off + i] !== 0) see(id, s.pool[off + i]);
    if ((s.meta[id << 2] >>> 24) === Kind.Instance) see(id, s.meta[(id << 2) + AUX]);
    if ((s.meta[id << 2] >>> 24) === Kind.Weakref && s.meta[(id << 2) + AUX] !== 0 && !live(s.meta[(id << 2) + AUX])) out.push(`weakref #${id} points to freed #${s.meta[(id << 2) + AUX]}`);
    // tracking flags agree with list membership; collector temporaries are clear between collections
    const tracked = (s.meta[id << 2] & F_TRACKED) !== 0;
    if (tracked && !(s.meta[id << 2] & F_GC)) out.push(`#${id} is tracked but not a GC object`);
    if (tracked !== ((((s.meta[id << 2] >>> 16) & 255) - 1) !== -1)) out.push(`#${id} tracked flag disagrees with list membership`);
    if (!heap.gcs.collecting && s.meta[id << 2] & (F_COLLECTING | F_UNREACHABLE)) out.push(`#${id} keeps collector flags outside a collection`);
  }
  for (const r of heap.rootRefs()) if (live(r)) incoming[r]++; else if (r < STATIC_ID_BASE) out.push(`a root references freed #${r}`);
  for (const [id, n] of heap.internal) if (live(id)) incoming[id] += n;

  for (let id = FIRST_ID; id < s.top; id++) {
    if ((s.meta[id << 2] >>> 24) === Kind.Free || s.meta[id << 2] & F_IMMORTAL) continue;
    if (s.hdr[id << 2] !== incoming[id]) {
      out.push(`${heap.typeName(id)}#${id}: refcount ${s.hdr[id << 2]} but ${incoming[id]} references (objects + roots + internal)`);
    }
    if (s.hdr[id << 2] <= 0) out.push(`#${id} is alive with refcount ${s.hdr[id << 2]}`);
  }

  // every tracked object in exactly one generation list, links consistent
  const seen = new Uint8Array(s.top);
  for (const h of [L.GEN0, L.GEN1, L.GEN2, L.PERMANENT]) {
    let prev = h;
    for (let o = s.hdr[(h << 2) + NEXT]; o !== h; o = s.hdr[(o << 2) + NEXT]) {
      if (o <= 0 || o >= s.top) {
        out.push(`list ${h} has a bad link ${o}`);
        break;
      }
      if (s.hdr[(o << 2) + PREV] !== prev) out.push(`#${o}: prev link broken in list ${h}`);
      if (seen[o]) out.push(`#${o} appears twice in the generation lists`);
      seen[o] = 1;
      if ((((s.meta[o << 2] >>> 16) & 255) - 1) !== h) out.push(`#${o} is in list ${h} but labelled ${(((s.meta[o << 2] >>> 16) & 255) - 1)}`);
      if (!live(o)) out.push(`freed #${o} is still in list ${h}`);
      prev = o;
    }
  }
  for (let id = FIRST_ID; id < s.top; id++) {
    if ((s.meta[id << 2] >>> 24) !== Kind.Free && s.meta[id << 2] & F_TRACKED && !seen[id] && !heap.gcs.collecting) {
      out.push(`tracked #${id} is in no generation list`);
    }
  }
  void traverse;
  return out;
}
