// pymalloc speed: 10 million mixed malloc/free operations through the simulated allocator, against a minimal
// free-list baseline (a typed-array stack of block ids) driven by the exact same operation sequence.
// Run: `npx tsx bench/alloc.bench.ts` (or `npm run bench`, which runs every bench/*.bench.ts). Target (issue 4):
// <= 3x the single-stack baseline; the per-size-class stack is printed beside it for scale.
import { Pymalloc } from '../src-main/engine/alloc/pymalloc';
import { newestInterpreter, runPython } from '../tests/support/cpython';
import { mallocStats } from '../src-main/engine/alloc/stats';

/** CPU time of this process in ms: the machines running benches are shared, wall clock would measure the others. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Collect the previous run's garbage (its 80 MB id arrays) before a run allocates: otherwise V8 collects it during
 * the next timed loop, on its helper threads too, and process CPU time charges that to whichever run comes next.
 * `npm run bench` passes --expose-gc; without it this does nothing.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const OPS = Number(process.env.ALLOC_BENCH_OPS ?? 10_000_000);
const TARGET_LIVE = Number(process.env.ALLOC_BENCH_LIVE ?? 200_000); // the live population hovers around this

/** The operation sequence: 1 = malloc(size[i]), 0 = free(live[pick[i] % live]). Deterministic (xorshift32). */
function makeOps(n: number) {
  const op = new Uint8Array(n);
  const size = new Uint16Array(n);
  const pick = new Uint32Array(n);
  let x = 2463534242;
  const rnd = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  // Object-like sizes: mostly 32-112 bytes (ints, floats, small tuples/lists/instances), some up to 512.
  const common = [24, 28, 32, 40, 48, 56, 64, 72, 80, 96, 104, 112];
  let live = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    // Grow to the target, then alternate around it.
    const doMalloc = live === 0 || (live < TARGET_LIVE ? r % 8 !== 0 : r % 2 === 0);
    op[i] = doMalloc ? 1 : 0;
    if (doMalloc) {
      live++;
      const s = rnd();
      size[i] = s % 10 < 8 ? common[s % common.length]! : 1 + (s % 512);
    } else {
      live--;
      pick[i] = rnd();
    }
  }
  return { op, size, pick };
}

type Ops = ReturnType<typeof makeOps>;

function runPymalloc(ops: Ops, n: number): { ms: number; p: Pymalloc } {
  collectGarbage();
  const p = new Pymalloc('3.13');
  const live = new Float64Array(n);
  let nlive = 0;
  const { op, size, pick } = ops;
  const t = cpuMs();
  for (let i = 0; i < n; i++) {
    if (op[i] === 1) {
      live[nlive++] = p.malloc(size[i]!, i);
    } else {
      const j = pick[i]! % nlive;
      p.free(live[j]!);
      live[j] = live[--nlive]!;
    }
  }
  return { ms: cpuMs() - t, p };
}

/**
 * Minimal free list: a stack of free block ids; malloc pops one or takes a new id; free pushes it back. Like the
 * allocator it records each block's owner and clears it on free (the least the memory map needs). One stack for
 * every size: not a real allocator for mixed sizes (a 16-byte block cannot serve 512 bytes), the absolute floor.
 */
function runBaseline(ops: Ops, n: number): { ms: number; blocks: number } {
  collectGarbage();
  const stack = new Int32Array(n);
  const owner = new Int32Array(n + 1);
  let top = 0;
  let next = 1;
  const live = new Float64Array(n);
  let nlive = 0;
  const { op, pick } = ops;
  const t = cpuMs();
  for (let i = 0; i < n; i++) {
    if (op[i] === 1) {
      const id = top > 0 ? stack[--top]! : next++;
      owner[id] = i;
      live[nlive++] = id;
    } else {
      const j = pick[i]! % nlive;
      const id = live[j]!;
      owner[id] = 0;
      stack[top++] = id;
      live[j] = live[--nlive]!;
    }
  }
  return { ms: cpuMs() - t, blocks: next - 1 };
}

/**
 * The same minimal free list segregated by size class: one typed-array stack of block ids per class (32), the
 * least a free-list allocator must do to serve mixed sizes. Ids remember their class so free finds the stack.
 */
function runSegregated(ops: Ops, n: number): { ms: number; blocks: number } {
  collectGarbage();
  const cap = 1 << 20;
  const stacks = new Int32Array(32 * cap); // class c's stack lives at [c * cap, c * cap + tops[c])
  const tops = new Int32Array(32);
  const owner = new Int32Array(n + 1);
  const cls = new Uint8Array(n + 1);
  let next = 1;
  const live = new Float64Array(n);
  let nlive = 0;
  const { op, size, pick } = ops;
  const t = cpuMs();
  for (let i = 0; i < n; i++) {
    if (op[i] === 1) {
      const c = (size[i]! - 1) >> 4;
      let id: number;
      if (tops[c]! > 0) id = stacks[c * cap + --tops[c]!]!;
      else { id = next++; cls[id] = c; }
      owner[id] = i;
      live[nlive++] = id;
    } else {
      const j = pick[i]! % nlive;
      const id = live[j]!;
      owner[id] = 0;
      const c = cls[id]!;
      stacks[c * cap + tops[c]!++] = id;
      live[j] = live[--nlive]!;
    }
  }
  return { ms: cpuMs() - t, blocks: next - 1 };
}

const ops = makeOps(OPS);
// Warm up both paths so the JIT has compiled them before timing.
runPymalloc(ops, Math.min(OPS, 1_000_000));
runBaseline(ops, Math.min(OPS, 1_000_000));
runSegregated(ops, Math.min(OPS, 1_000_000));
// Alternate the two runs and keep each one's best: on a shared machine the minimum is the least disturbed.
const ROUNDS = Number(process.env.ALLOC_BENCH_ROUNDS ?? 5);
let last: Pymalloc | undefined;
let pyMs = Infinity;
let baseMs = Infinity;
let segMs = Infinity;
// Each round also gives a paired ratio (pymalloc and baseline back to back, under the same load): their median
// is steadier on a shared machine than the ratio of two minima taken at different moments.
const paired: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const a = runPymalloc(ops, OPS);
  last = a.p;
  pyMs = Math.min(pyMs, a.ms);
  const b = runBaseline(ops, OPS).ms;
  paired.push(a.ms / b);
  baseMs = Math.min(baseMs, b);
  segMs = Math.min(segMs, runSegregated(ops, OPS).ms);
}
// The same operation sequence as Python code on the newest real CPython (bytes objects of the same request
// sizes, random ones dropped): interpreter + real pymalloc, for scale. Fewer ops: Python is slow to drive it.
const PY_OPS = Math.min(OPS, 2_000_000);
const PY_SOURCE = `
import sys, time
n, target = int(sys.argv[1]), int(sys.argv[2])
common = [24, 28, 32, 40, 48, 56, 64, 72, 80, 96, 104, 112]
x = 2463534242
def rnd():
    global x
    x ^= (x << 13) & 0xffffffff; x ^= x >> 17; x ^= (x << 5) & 0xffffffff
    return x
ops = bytearray(n); arg = [0] * n
live = 0
for i in range(n):
    r = rnd()
    m = live == 0 or (r % 8 != 0 if live < target else r % 2 == 0)
    if m:
        live += 1; ops[i] = 1
        s = rnd()
        size = common[s % len(common)] if s % 10 < 8 else 1 + s % 512
        arg[i] = max(size - 33, 2)          # bytes(k) asks pymalloc for 33 + k bytes
    else:
        live -= 1; arg[i] = rnd()
slots = [None] * n
nlive = 0
t = time.process_time()
for i in range(n):
    if ops[i]:
        slots[nlive] = bytes(arg[i]); nlive += 1
    else:
        j = arg[i] % nlive; nlive -= 1; slots[j] = slots[nlive]; slots[nlive] = None
print(sys.version.split()[0], (time.process_time() - t) * 1e9 / n)
`;
let cpython: { version: string; nsPerOp: number } | null = null;
const interp = newestInterpreter();
if (interp) {
  const r = runPython(interp, PY_SOURCE, [String(PY_OPS), String(TARGET_LIVE)], 600_000);
  const [version, nsPerOp] = r.stdout.trim().split(' ');
  if (r.status === 0 && version && nsPerOp) cpython = { version, nsPerOp: Number(nsPerOp) };
}

const ns = (ms: number) => ((ms * 1e6) / OPS).toFixed(2);
const ratio = pyMs / baseMs; // the baseline: one typed-array stack of block ids
const pairedMedian = [...paired].sort((x, y) => x - y)[paired.length >> 1]!;
const s = mallocStats(last!);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({
    name: 'alloc-mixed', ops: OPS, live: TARGET_LIVE, pymalloc_ns_per_op: +ns(pyMs), segregated_free_list_ns_per_op: +ns(segMs),
    single_free_list_ns_per_op: +ns(baseMs), ratio: +ratio.toFixed(3), ratio_paired_median: +pairedMedian.toFixed(3), ratio_segregated: +(pyMs / segMs).toFixed(3), arenas: s.arenasCurrent,
    cpython: cpython?.version ?? null, cpython_ns_per_op: cpython ? +cpython.nsPerOp.toFixed(2) : null,
  }));
} else {
  console.log(`alloc: ${OPS.toLocaleString('en-US')} mixed malloc/free ops (live ~${TARGET_LIVE.toLocaleString('en-US')}, sizes 1-512, random frees)`);
  console.log(`  pymalloc (3.13 geometry):          ${ns(pyMs)} ns/op  (${pyMs.toFixed(0)} ms)`);
  console.log(`  free-list baseline, per size class: ${ns(segMs)} ns/op  (${segMs.toFixed(0)} ms)`);
  console.log(`  free-list baseline, one stack:      ${ns(baseMs)} ns/op  (${baseMs.toFixed(0)} ms)`);
  console.log(`  (CPU time, best of ${ROUNDS} alternating runs each)`);
  console.log(cpython
    ? `  CPython ${cpython.version}, same sequence as Python code (interpreter + real pymalloc, ${PY_OPS.toLocaleString('en-US')} ops): ${cpython.nsPerOp.toFixed(2)} ns/op`
    : '  CPython: no pyenv interpreter found, not measured');
  console.log(`  ratio: ${ratio.toFixed(2)}x the single-stack free list (target <= 3x) ${ratio <= 3 ? 'OK' : 'OVER TARGET'}; ${(pyMs / segMs).toFixed(2)}x the per-class one`);
  console.log(`  paired rounds (pymalloc / single stack, back to back): median ${pairedMedian.toFixed(2)}x [${paired.map((x) => x.toFixed(2)).join(' ')}]`);
  console.log(`  end state: ${s.arenasCurrent} arenas, ${s.arenasAllocatedTotal} mapped in total, ${last!.blocksInUse} blocks in use`);
}
