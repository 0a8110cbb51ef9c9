// Typed events the engine emits (heap, collector). The level decides how much is produced:
//   'off'      nothing at all (no allocation per object)
//   'counters' gc counters and one start/done pair per collection
//   'objects'  + alloc / free / incref / decref / dealloc / track / untrack per object
//   'full'     + every collection phase, every gc_refs value, every subtracted edge, every list move
// Object ids are the engine's ObjId numbers; addresses are simulated addresses.

export type TraceLevel = 'off' | 'counters' | 'objects' | 'full';
export const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'counters', 'objects', 'full'];
export const traceLevelRank = (l: TraceLevel): number => TRACE_LEVELS.indexOf(l);

/** The named steps of a classic collection (reference §3.6), in the order they run. */
export type GcPhase =
  | 'merge'
  | 'update_refs'
  | 'subtract_refs'
  | 'move_unreachable'
  | 'untrack_tuples'
  | 'promote'
  | 'legacy_finalizers'
  | 'handle_weakrefs'
  | 'finalize_garbage'
  | 'handle_resurrected'
  | 'delete_garbage'
  | 'clear_freelists'
  | 'mark_alive' // incremental: marking from roots
  | 'increment'; // incremental: the set of an increment is assembled

/** Lists an object can be moved to during a collection. */
export type GcList = 'gen0' | 'gen1' | 'gen2' | 'permanent' | 'young' | 'unreachable' | 'old' | 'finalizers' | 'garbage';

export type EngineEvent =
  | { t: 'counts'; counts: [number, number, number] }
  | { t: 'gc-scheduled' }
  | { t: 'gc-start'; generation: number; counts: [number, number, number] }
  | { t: 'gc-done'; generation: number; collected: number; uncollectable: number }
  | { t: 'alloc'; id: number; type: string; bytes: number; addr: number; fromFreeList: boolean }
  | { t: 'free'; id: number; addr: number; toFreeList: boolean }
  | { t: 'incref'; id: number; rc: number }
  | { t: 'decref'; id: number; rc: number }
  | { t: 'dealloc'; id: number; type: string }
  | { t: 'track'; id: number }
  | { t: 'untrack'; id: number }
  /**
   * A finalizer (__del__) or weakref callback starts. `output` is what it printed to stdout (its own text, not
   * that of finalizers it set off): filled in on this same event once the call returns, so the event keeps its
   * place before the events the call caused. Absent when it printed nothing.
   */
  | { t: 'finalize'; id: number; output?: string }
  | { t: 'weakref-callback'; wr: number; output?: string }
  | { t: 'gc-phase'; phase: GcPhase; generation: number }
  | { t: 'gc-refs'; id: number; refs: number }
  | { t: 'gc-subtract'; from: number; to: number; refs: number }
  | { t: 'gc-move'; id: number; to: GcList }
  | { t: 'gc-untrack'; id: number }
  | { t: 'gc-weakref-clear'; wr: number; target: number }
  | { t: 'gc-clear'; id: number }
  | { t: 'freelists-cleared'; blocks: number };

export type EventSink = (e: EngineEvent) => void;
