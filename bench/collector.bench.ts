// The collector benchmark of issue 3: the same graphs in the engine and in the newest real CPython, in one run.
// 1e4, 1e5, 1e6 objects as 4-object cycles of __slots__ nodes, 0% and 50% garbage; a full collection (freeing the
// garbage included), median of several runs, ns per object; plus mutator throughput and memory per object.
// Times are CPU time of the measuring process on both sides (process.cpuUsage / time.process_time_ns): the
// machines this runs on are shared, and wall time there mostly measures the neighbours.
import { Heap } from '../src-main/engine/index';
import type { ProfileId } from '../src-main/engine/index';
import { newestInterpreter, runPython } from '../tests/support/cpython';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// V8 sweeps on helper threads after gc(), and process CPU time charges that to whatever is timed next (a 1e4
// collection lasts ~1 ms: 59-61 ns/obj measured that way against 34-36 with one-threaded GC, while 1e6 stays
// 34-35 either way). With one-threaded GC every V8 collection, the engine's own included, runs on the measured
// thread, as everything does in CPython.
if (!process.execArgv.includes('--single-threaded-gc')) {
  const args = [...process.execArgv, '--single-threaded-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const json = process.argv.includes('--json');
const SIZES = [10_000, 100_000, 1_000_000];
const RUNS: Record<number, number> = { 10_000: 9, 100_000: 7, 1_000_000: 5 };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Build n objects as n/4 rings of 4 nodes; every other ring is dropped when garbagePct is 50. */
function buildEngine(h: Heap, n: number, garbagePct: number): void {
  const Node = h.newClass('Node', { slots: ['ref'] });
  h.pushTemp(Node);
  const keep = h.newList();
  h.pushTemp(keep);
  for (let c = 0; c < n / 4; c++) {
    const a = h.newInstance(Node);
    const b = h.newInstance(Node);
    const d = h.newInstance(Node);
    const e = h.newInstance(Node);
    h.setAttr(a, 'ref', b);
    h.setAttr(b, 'ref', d);
    h.setAttr(d, 'ref', e);
    h.setAttr(e, 'ref', a);
    if (garbagePct === 0 || c % 2 === 1) h.listAppend(keep, a);
    h.decref(a);
    h.decref(b);
    h.decref(d);
    h.decref(e);
  }
}

/**
 * CPU ns per object of a full collection. Small heaps are measured in batches (several heaps built first, then
 * collected back to back) so that each sample lasts long enough for the process CPU clock.
 */
function engineCollect(profile: ProfileId, n: number, garbagePct: number): number {
  const batch = Math.max(1, Math.floor(100_000 / n));
  const heaps: Heap[] = [];
  for (let i = 0; i < batch; i++) {
    const h = new Heap(profile);
    h.disable();
    buildEngine(h, n, garbagePct);
    heaps.push(h);
  }
  // Start from a settled JS heap so that a V8 collection owed by the build does not land in the measurement
  // (CPython's side likewise measures gc.collect() alone).
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.cpuUsage();
  for (const h of heaps) h.collect(2);
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1000) / (n * batch);
}

const PY = `
import gc, sys, time, json
class Node:
    __slots__ = ('ref',)
def build(n, garbage):
    keep = []
    for c in range(n // 4):
        a = Node(); b = Node(); d = Node(); e = Node()
        a.ref = b; b.ref = d; d.ref = e; e.ref = a
        if garbage == 0 or c % 2 == 1:
            keep.append(a)
    return keep
gc.disable(); gc.collect(); gc.collect(); gc.freeze(); gc.collect()
out = {}
for n, runs in json.loads(sys.argv[1]):
    for g in (0, 50):
        ts = []
        for r in range(runs):
            keep = build(n, g)
            t0 = time.process_time_ns(); gc.collect(); t1 = time.process_time_ns()
            ts.append((t1 - t0) / n)
            del keep
            gc.collect()
        ts.sort()
        out['%d-%d' % (n, g)] = ts[len(ts) // 2]
print(json.dumps(out))
`;

function cpythonTimes(): { version: string; times: Record<string, number> } | undefined {
  const py = newestInterpreter();
  if (!py) return undefined;
  const r = runPython(py, PY, [JSON.stringify(SIZES.map((n) => [n, RUNS[n]]))], 600_000);
  if (r.status !== 0) throw new Error(`CPython benchmark failed: ${r.stderr}`);
  return { version: py.full, times: JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number> };
}

function mutatorOpsPerSecond(profile: ProfileId): number {
  const h = new Heap(profile);
  h.disable();
  const Node = h.newClass('Node', { slots: ['ref'] });
  h.pushTemp(Node);
  const ops = 1_000_000;
  let prev = h.newInstance(Node);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) {
    const o = h.newInstance(Node); // allocate
    h.setAttr(o, 'ref', prev); // link
    h.decref(prev); // unlink: prev now lives only through o
    h.setAttr(o, 'ref', h.None); // ... and dies here
    prev = o;
  }
  const t1 = process.hrtime.bigint();
  h.decref(prev);
  return ops / (Number(t1 - t0) / 1e9);
}

/** In a fresh process: the 1e6-object heap's memory (JS heap + typed arrays) and the process RSS. */
function memoryChild(profile: ProfileId, n: number): void {
  const g = (globalThis as { gc?: () => void }).gc;
  g?.();
  const before = process.memoryUsage();
  const h = new Heap(profile);
  h.disable();
  buildEngine(h, n, 0);
  g?.();
  const after = process.memoryUsage();
  const used = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  console.log(JSON.stringify({ bytesPerObj: used / n, rssMb: after.rss / 2 ** 20, live: h.getObjects(2).length }));
}

function memory(profile: ProfileId, n: number): { bytesPerObj: number; rssMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--single-threaded-gc', fileURLToPath(import.meta.url), '--memory-child', String(n)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bytesPerObj: number; rssMb: number };
  void profile;
  return m;
}

const childAt = process.argv.indexOf('--memory-child');
if (childAt >= 0) {
  memoryChild('3.13', Number(process.argv[childAt + 1]));
  process.exit(0);
}

const profile: ProfileId = '3.13';
// Warm the JIT up first, so that the smallest size is not measured on unoptimised code.
for (let i = 0; i < 3; i++) engineCollect(profile, 100_000, 50);
for (let i = 0; i < 10; i++) engineCollect(profile, 10_000, i % 2 === 0 ? 0 : 50);
// Two rounds, CPython then engine each time; each side keeps its best median. This machine is shared: the rounds
// keep a burst of load on one side from deciding the ratio.
const ROUNDS = 2;
let cp: ReturnType<typeof cpythonTimes>;
const engineBest = new Map<string, number>();
const cpythonBest = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++) {
  cp = cpythonTimes();
  for (const n of SIZES) {
    for (const g of [0, 50]) {
      const key = `${n}-${g}`;
      const ts: number[] = [];
      for (let r = 0; r < RUNS[n]; r++) ts.push(engineCollect(profile, n, g));
      engineBest.set(key, Math.min(engineBest.get(key) ?? Infinity, median(ts)));
      const c = cp?.times[key];
      if (c !== undefined) cpythonBest.set(key, Math.min(cpythonBest.get(key) ?? Infinity, c));
    }
  }
}
const rows: Record<string, unknown>[] = [];
for (const n of SIZES) {
  for (const g of [0, 50]) {
    const engine = engineBest.get(`${n}-${g}`)!;
    const cpy = cpythonBest.get(`${n}-${g}`) ?? null;
    rows.push({ name: `collect-${g}`, n, engine_ns_per_obj: +engine.toFixed(2), cpython_ns_per_obj: cpy === null ? null : +cpy.toFixed(2), ratio: cpy === null ? null : +(engine / cpy).toFixed(3) });
  }
}
const mut = mutatorOpsPerSecond(profile);
rows.push({ name: 'mutator', ops_per_s: Math.round(mut) });
const mem = memory(profile, 1_000_000);
rows.push({ name: 'memory', n: 1_000_000, bytes_per_obj: +mem.bytesPerObj.toFixed(1), rss_mb: +mem.rssMb.toFixed(1) });

if (json) for (const r of rows) console.log(JSON.stringify(r));
else {
  console.log(`collector benchmark: engine profile ${profile}, CPython ${cp?.version ?? 'not found (no pyenv interpreter)'}`);
  console.log('name         n        engine ns/obj  cpython ns/obj  ratio');
  for (const r of rows.filter((x) => String(x.name).startsWith('collect'))) {
    console.log(`${String(r.name).padEnd(12)} ${String(r.n).padEnd(8)} ${String(r.engine_ns_per_obj).padStart(13)} ${String(r.cpython_ns_per_obj ?? '-').padStart(15)}  ${r.ratio ?? '-'}`);
  }
  console.log(`mutator: ${Math.round(mut).toLocaleString('en')} allocate+link+unlink per second`);
  console.log(`memory: ${mem.bytesPerObj.toFixed(1)} bytes per object in the engine; process RSS with the 1e6 heap ${mem.rssMb.toFixed(1)} MB`);
}
