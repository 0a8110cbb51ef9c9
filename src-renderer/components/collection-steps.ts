// A collection as a sequence of frames the player can show. Each step holds the complete state of the
// overlay at that point (not a diff), so stepping back is just showing the previous step.
import type { EngineEvent, GcPhase } from '../../shared/events';
import type { HeapSnapshot } from '../../shared/snapshot';

export type StepPhase =
  | 'start'
  | 'merge'
  | 'update_refs'
  | 'subtract_refs'
  | 'move_unreachable'
  | 'untrack'
  | 'promote'
  | 'weakrefs'
  | 'finalize'
  | 'resurrection'
  | 'clear'
  | 'free'
  | 'done';

export interface CollectionStep {
  phase: StepPhase;
  /** Plain words for the caption under the canvas. */
  caption: string;
  generation: number;
  /** Objects in the collected set with their current gc_refs. */
  gcRefs: Record<number, number>;
  /** Reference ids (SnapRef.id) flashing in this step (subtracted, or traversed). */
  flash: string[];
  /** Objects this step is about (the cursor). */
  focus: number[];
  unreachable: number[];
  rescued: number[];
  finalized: number[];
  weakrefCleared: number[];
  freed: number[];
  promoted: number[];
  /** What this step printed (a finalizer's or a weakref callback's output), '' for most steps. */
  output: string;
  /** Everything the collection printed up to and including this step: what the console shows at it. */
  printed: string;
}

export function emptyStep(generation: number): CollectionStep {
  return {
    phase: 'start',
    caption: '',
    generation,
    gcRefs: {},
    flash: [],
    focus: [],
    unreachable: [],
    rescued: [],
    finalized: [],
    weakrefCleared: [],
    freed: [],
    promoted: [],
    output: '',
    printed: '',
  };
}

// ---- From the engine's 'full' trace to steps ------------------------------------------------------------


/** More steps than this in one phase are grouped, so a big collection stays playable. */
const MAX_STEPS_PER_PHASE = 120;

const PHASE_OF: Partial<Record<GcPhase, StepPhase>> = {
  merge: 'merge',
  update_refs: 'update_refs',
  subtract_refs: 'subtract_refs',
  move_unreachable: 'move_unreachable',
  untrack_tuples: 'untrack',
  promote: 'promote',
  handle_weakrefs: 'weakrefs',
  finalize_garbage: 'finalize',
  handle_resurrected: 'resurrection',
  delete_garbage: 'clear',
  clear_freelists: 'free',
};

const PHASE_TEXT: Partial<Record<GcPhase, string>> = {
  merge: 'The younger generations are merged into the one being collected: this is the set the collector examines.',
  update_refs: "update_refs: each object's gc_refs starts as a copy of its reference count.",
  subtract_refs: 'subtract_refs: every reference from one object of the set to another is subtracted; what remains counts references from outside.',
  move_unreachable: 'move_unreachable: objects with gc_refs > 0 are reachable from outside, and so is everything they reach; the rest is set apart.',
  untrack_tuples: 'Tuples that can no longer be part of a cycle (they hold only atoms) are untracked.',
  promote: 'The survivors move up to the next generation.',
  legacy_finalizers: 'Objects with legacy (tp_del) finalizers would be uncollectable.',
  handle_weakrefs: 'Weak references to unreachable objects are cleared; callbacks of weakrefs outside the garbage run.',
  finalize_garbage: '__del__ methods (PEP 442 finalizers) run, in the order of the unreachable list.',
  handle_resurrected: 'The unreachable set is checked again: a finalizer may have resurrected objects.',
  delete_garbage: 'delete_garbage: each object is cleared (tp_clear), which breaks the cycles; refcounting frees them.',
  clear_freelists: 'A full collection empties the type free lists, giving their blocks back to pymalloc.',
};

function clone(s: CollectionStep): CollectionStep {
  return {
    ...s,
    gcRefs: { ...s.gcRefs },
    flash: [],
    focus: [],
    unreachable: [...s.unreachable],
    rescued: [...s.rescued],
    finalized: [...s.finalized],
    weakrefCleared: [...s.weakrefCleared],
    freed: [...s.freed],
    promoted: [...s.promoted],
    output: '',
  };
}

const without = (a: number[], id: number) => a.filter((x) => x !== id);

export function stepsFromEvents(events: readonly EngineEvent[], snap: HeapSnapshot): CollectionStep[] {
  const objs = new Map(snap.objects.map((o) => [o.id, o]));
  const name = (id: number): string => {
    const o = objs.get(id);
    if (!o) return `#${id}`;
    return o.names[0] ?? `${o.typeName} #${id}`;
  };
  // Parallel references: each subtract event consumes the next edge with that source and target.
  const edgeQueue = new Map<string, string[]>();
  for (const r of snap.refs) {
    const k = `${r.from}>${r.to}`;
    const q = edgeQueue.get(k) ?? [];
    q.push(r.id);
    edgeQueue.set(k, q);
  }
  const used = new Map<string, number>();
  const edgeFor = (from: number, to: number): string | undefined => {
    const k = `${from}>${to}`;
    const q = edgeQueue.get(k);
    if (!q?.length) return undefined;
    const i = used.get(k) ?? 0;
    used.set(k, i + 1);
    return q[i % q.length];
  };

  const steps: CollectionStep[] = [];
  let cur = emptyStep(0);
  let gcPhase: GcPhase | null = null;
  let inPhase = 0;
  let collected = 0;
  let uncollectable = 0;
  let pendingRefs = false; // gc-refs events folded into the phase's step

  const push = (phase: StepPhase, caption: string, f?: (s: CollectionStep) => void) => {
    // Beyond the per-phase budget, fold into the last step instead of adding one.
    if (inPhase >= MAX_STEPS_PER_PHASE && steps.length) {
      const last = steps[steps.length - 1]!;
      f?.(last);
      f?.(cur);
      last.caption = `${PHASE_TEXT[gcPhase!] ?? caption} (many steps grouped)`;
      return;
    }
    const s = clone(cur);
    s.phase = phase;
    s.caption = caption;
    f?.(s);
    cur = clone(s);
    // keep cumulative state in cur, but flash/focus only on the step itself
    steps.push(s);
    inPhase++;
  };

  /** Text printed by a call: on its step, and on every later step's console. */
  const prints = (out: string | undefined) => (s: CollectionStep) => {
    if (!out) return;
    s.output += out;
    s.printed += out;
  };

  // Objects the canvas does not draw (the interpreter's own) are collected too, but get no step of their own.
  const shown = (id: number) => objs.has(id);
  for (const e of events) {
    if (e.t === 'finalize' && e.output && !shown(e.id)) {
      // Not drawn, but what its __del__ printed still reaches the console, with the step it happened during.
      const last = steps.at(-1);
      if (last) prints(e.output)(last);
      cur.printed += e.output;
      continue;
    }
    if ('id' in e && !shown(e.id)) continue;
    if (e.t === 'gc-subtract' && !shown(e.to)) continue;
    if (e.t === 'gc-weakref-clear' && !shown(e.wr) && !shown(e.target)) continue;
    switch (e.t) {
      case 'gc-start':
        cur = emptyStep(e.generation);
        push('start', `Collection of generation ${e.generation} starts (counts before: ${e.counts.join(', ')}).`);
        break;
      case 'gc-phase': {
        gcPhase = e.phase;
        inPhase = 0;
        pendingRefs = e.phase === 'update_refs';
        const p = PHASE_OF[e.phase];
        if (e.phase === 'promote') {
          // Survivors move as a whole list (gc_list_merge): every object of the set not set apart.
          const survivors = Object.keys(cur.gcRefs).map(Number).filter((id) => !cur.unreachable.includes(id));
          const g = cur.generation;
          push('promote', g < 2
            ? `${PHASE_TEXT.promote} ${survivors.length} object${survivors.length === 1 ? '' : 's'} move${survivors.length === 1 ? 's' : ''} to generation ${g + 1}.`
            : `A full collection: the ${survivors.length} survivor${survivors.length === 1 ? '' : 's'} stay in generation 2.`, (st) => {
            st.promoted = g < 2 ? survivors : [];
            st.focus = survivors;
          });
        } else if (p && e.phase !== 'update_refs') push(p, PHASE_TEXT[e.phase] ?? e.phase);
        inPhase = 0;
        break;
      }
      case 'gc-refs':
        cur.gcRefs[e.id] = e.refs;
        if (gcPhase === 'move_unreachable') {
          push('move_unreachable', `${name(e.id)} is reached from an object known to be reachable: gc_refs set to ${e.refs}.`, (s) => {
            s.focus = [e.id];
            s.gcRefs[e.id] = e.refs;
          });
        } else if (!pendingRefs && gcPhase !== 'update_refs') {
          // values recomputed in the resurrection check
          steps.length && (steps[steps.length - 1]!.gcRefs[e.id] = e.refs);
        }
        break;
      case 'gc-subtract': {
        if (pendingRefs) {
          push('update_refs', PHASE_TEXT.update_refs!);
          pendingRefs = false;
        }
        const edge = edgeFor(e.from, e.to);
        cur.gcRefs[e.to] = e.refs;
        const again = gcPhase === 'handle_resurrected';
        push(
          again ? 'resurrection' : 'subtract_refs',
          `${again ? 'Checking again after the finalizers: ' : ''}${name(e.from)} refers to ${name(e.to)}: that reference comes from inside the set, so ${name(e.to)}'s gc_refs drops to ${e.refs}.`,
          (s) => {
            s.flash = edge ? [edge] : [];
            s.focus = [e.to];
            s.gcRefs[e.to] = e.refs;
          },
        );
        break;
      }
      case 'gc-move': {
        if (pendingRefs) {
          push('update_refs', PHASE_TEXT.update_refs!);
          pendingRefs = false;
        }
        const id = e.id;
        if (e.to === 'unreachable') {
          push('move_unreachable', `${name(id)} has gc_refs 0: nothing outside the set refers to it yet, so it is set apart as tentatively unreachable.`, (s) => {
            s.unreachable = [...without(s.unreachable, id), id];
            s.focus = [id];
          });
        } else if (gcPhase === 'move_unreachable' && (e.to === 'young' || e.to === 'old')) {
          if (cur.unreachable.includes(id)) {
            push('move_unreachable', `${name(id)} is referred to by a reachable object after all: it is brought back (rescued).`, (s) => {
              s.unreachable = without(s.unreachable, id);
              s.rescued = [...without(s.rescued, id), id];
              s.focus = [id];
            });
          }
        } else if (gcPhase === 'handle_resurrected' && cur.unreachable.includes(id)) {
          push('resurrection', `${name(id)} was resurrected by a finalizer: it survives and moves to the older generation.`, (s) => {
            s.unreachable = without(s.unreachable, id);
            s.rescued = [...without(s.rescued, id), id];
            s.focus = [id];
          });
        } else if (gcPhase === 'promote' || /^gen[12]$/.test(e.to)) {
          cur.promoted = [...without(cur.promoted, id), id];
          if (steps.length) {
            const last = steps[steps.length - 1]!;
            last.promoted = [...cur.promoted];
            last.caption = `${PHASE_TEXT.promote} ${cur.promoted.length} object${cur.promoted.length === 1 ? '' : 's'} promoted.`;
          }
        }
        break;
      }
      case 'gc-untrack':
        push('untrack', `${name(e.id)} holds only atoms: it is untracked and will not be examined again.`, (s) => {
          s.focus = [e.id];
        });
        break;
      case 'gc-weakref-clear':
        push('weakrefs', `The weak reference ${name(e.wr)} to ${name(e.target)} is cleared: it now returns None.`, (s) => {
          s.weakrefCleared = [...s.weakrefCleared, e.wr];
          s.focus = [e.wr];
        });
        break;
      case 'weakref-callback':
        push('weakrefs', `The callback of weak reference ${name(e.wr)} runs.${e.output ? ' It prints:' : ''}`, (s) => {
          s.focus = [e.wr];
          prints(e.output)(s);
        });
        break;
      case 'finalize':
        push('finalize', `__del__ of ${name(e.id)} runs (finalizers run in the order objects sit in the unreachable list: creation order).${e.output ? ' It prints:' : ''}`, (s) => {
          s.finalized = [...s.finalized, e.id];
          s.focus = [e.id];
          prints(e.output)(s);
        });
        break;
      case 'gc-clear':
        push('clear', `${name(e.id)} is cleared (tp_clear): it drops its references, breaking the cycle.`, (s) => {
          s.focus = [e.id];
        });
        break;
      case 'dealloc':
        if (!objs.has(e.id)) break;
        push('free', `${name(e.id)}'s reference count reaches 0: it is deallocated.`, (s) => {
          s.freed = [...s.freed, e.id];
          s.unreachable = without(s.unreachable, e.id);
          s.focus = [e.id];
        });
        break;
      case 'gc-done':
        collected = e.collected;
        uncollectable = e.uncollectable;
        gcPhase = null;
        inPhase = 0;
        push('done', `Done: generation ${e.generation} collected, ${collected} unreachable object${collected === 1 ? '' : 's'} found, ${uncollectable} uncollectable.`);
        break;
      default:
        break;
    }
  }
  return steps;
}
