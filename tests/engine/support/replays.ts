// Replays of the reference's Python probes (§8.3-8.5) through the engine API: one GC allocation per `[]` or
// `Node()`, CPython's callback `info` dict per gc callback, and on 3.12+ the interpreter's eval-breaker checks
// after calls and at back-edges.
import { Heap, type ProfileId } from '../../../src-main/engine/index';

export interface Start {
  generation: number;
  iteration: number;
  count0: number;
}

/**
 * A host whose gc callbacks behave like the reference's Python callbacks: CPython builds an `info` dict for each
 * call (taken from and returned to the dict free list), and `keepStopTuple` stores a 2-tuple per "stop" call.
 */
export function probe(v: ProfileId, keepStopTuple = false) {
  const h = new Heap(v);
  const starts: Start[] = [];
  const stops: [number, number][] = [];
  let iteration = -1;
  let logList = 0;
  let installed = false;
  h.setHost({
    finalize() {},
    weakrefCallback() {},
    gcCallbacks(phase, generation, collected) {
      if (!installed) return;
      const count0 = h.getCount()[0];
      const info = h.newDict();
      h.decref(info);
      if (phase === 'start') starts.push({ generation, iteration, count0 });
      else {
        stops.push([generation, collected]);
        if (keepStopTuple) {
          const t = h.newTuple([h.None, h.None]);
          h.listAppend(logList, t);
          h.decref(t);
        }
      }
    },
  });
  h.disable();
  logList = h.newList();
  h.pushTemp(logList);
  const sync = h.profile.trigger === 'synchronous';
  /** The eval-breaker check the interpreter makes after a CALL and at JUMP_BACKWARD (3.12+). */
  const breaker = (): void => {
    if (!sync) h.evalBreaker();
  };
  const setIteration = (i: number): void => {
    iteration = i;
  };
  /** gc.callbacks.append(cb) */
  const install = (): void => {
    installed = true;
  };
  return { h, starts, stops, breaker, setIteration, install };
}

/**
 * `keep = [None] * n; gc.collect(); gc.enable(); i = 0; while i < n: keep[i] = []; i += 1; st['i'] = i`
 * The callback records st['i']: inside the allocation (<= 3.11) that is the iteration's index, at the back-edge
 * (3.12+) it is already the next one.
 */
export function surviving(v: ProfileId, n: number) {
  const p = probe(v);
  const { h } = p;
  const keep = h.newList(Array(n).fill(h.None));
  h.pushTemp(keep);
  h.collect();
  p.install();
  h.enable();
  for (let i = 0; i < n; i++) {
    const l = h.newList();
    h.listSetItem(keep, i, l);
    h.decref(l);
    p.setIteration(i + 1);
    p.breaker();
  }
  h.disable();
  return p;
}

/** 20,000 iterations of {2-node garbage cycle `a`, `b`; one surviving node}, after freeze + collect. */
export function mixed(v: ProfileId) {
  const p = probe(v, true);
  const { h } = p;
  const N = 20000;
  const keep = h.newList(Array(N).fill(h.None));
  h.pushTemp(keep);
  const Node = h.newClass('Node', { slots: ['ref'] });
  h.pushTemp(Node);
  h.collect();
  h.collect();
  h.freeze();
  h.collect();
  p.install();
  h.enable();
  let a = 0;
  let b = 0;
  for (let i = 0; i < N; i++) {
    const na = h.newInstance(Node);
    p.breaker();
    if (a) h.decref(a);
    a = na;
    const nb = h.newInstance(Node);
    p.breaker();
    if (b) h.decref(b);
    b = nb;
    h.setAttr(a, 'ref', b);
    h.setAttr(b, 'ref', a);
    const k = h.newInstance(Node);
    p.breaker();
    h.listSetItem(keep, i, k);
    h.decref(k);
    p.breaker();
  }
  h.disable();
  const runs: string[] = [];
  for (const [g] of p.stops) {
    const last = runs[runs.length - 1];
    if (last?.startsWith(`${g}x`)) runs[runs.length - 1] = `${g}x${Number(last.slice(2)) + 1}`;
    else runs.push(`${g}x1`);
  }
  return { stops: p.stops, runs };
}

