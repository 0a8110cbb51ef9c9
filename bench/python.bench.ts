// The Python interpreter's speed: a program that allocates and links 1e6 objects in a loop, run in the lab
// and in the newest real CPython in the same run. Target: the lab within 10x of CPython.
// Run: `npx tsx bench/python.bench.ts` (or `npm run bench -- python`). `PY_BENCH_N` changes the object count.
// Both sides are timed around the program only (no interpreter start-up), in CPU time (the machines are shared,
// wall clock would measure the other jobs) and in wall time. The lab runs twice: as `gclab run` loads it
// (TypeScript through tsx), and bundled into one module by esbuild (as a production build would ship it).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { newestInterpreter, runPython } from '../tests/support/cpython';
import { createPythonSession } from '../src-main/engine/python/session';

const N = Number(process.env.PY_BENCH_N ?? 1_000_000);
const PROFILE = '3.13' as const;

const PROGRAM = `
class Node:
    __slots__ = ('next', 'value')

def build(n):
    head = None
    i = 0
    while i < n:
        node = Node()
        node.value = i
        node.next = head
        head = node
        i += 1
    return head

head = build(${N})
print(head.value)
`;

interface Timing {
  cpuMs: number;
  wallMs: number;
  stdout: string;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

type SessionFactory = typeof createPythonSession;

function runLab(create: SessionFactory): Timing {
  const session = create(PROFILE);
  const c0 = cpuMs();
  const w0 = performance.now();
  const r = session.exec(PROGRAM, { filename: 'bench.py' });
  const w1 = performance.now();
  const c1 = cpuMs();
  if (r.exitCode !== 0) throw new Error(`lab failed: ${r.stderr}`);
  return { cpuMs: c1 - c0, wallMs: w1 - w0, stdout: r.stdout };
}

function runCPython(): (Timing & { version: string }) | undefined {
  const interp = newestInterpreter();
  if (!interp) return undefined;
  // A harness times the program's own execution, like the lab side (start-up excluded).
  const harness = [
    'import sys, time',
    `src = ${JSON.stringify(PROGRAM)}`,
    'c0 = time.process_time(); w0 = time.perf_counter()',
    "exec(compile(src, 'bench.py', 'exec'), {'__name__': '__main__'})",
    'c1 = time.process_time(); w1 = time.perf_counter()',
    "print('TIMING', (c1 - c0) * 1000, (w1 - w0) * 1000, file=sys.stderr)",
  ].join('\n');
  const r = runPython(interp, harness, [], 600_000);
  const m = /TIMING (\S+) (\S+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`CPython failed: ${r.stderr}`);
  return { version: interp.full, cpuMs: Number(m[1]), wallMs: Number(m[2]), stdout: r.stdout };
}

async function bundledFactory(): Promise<SessionFactory | undefined> {
  let esbuild: { build(o: object): Promise<unknown> };
  try {
    esbuild = (await import('esbuild')) as unknown as typeof esbuild;
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gclab-bench-'));
  const out = join(dir, 'engine.mjs');
  const entry = fileURLToPath(new URL('../src-main/engine/python/session.ts', import.meta.url));
  await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
  const mod = (await import(pathToFileURL(out).href)) as { createPythonSession: SessionFactory };
  return mod.createPythonSession;
}

function fmt(t: Timing): string {
  return `${t.cpuMs.toFixed(0).padStart(7)} ms CPU ${t.wallMs.toFixed(0).padStart(7)} ms wall`;
}

const cpy = runCPython();
const tsx = runLab(createPythonSession);
const bundled = await bundledFactory();
const bun = bundled ? runLab(bundled) : undefined;

console.log(`\nPython interpreter: ${N.toLocaleString('en')} linked objects (profile ${PROFILE}), program time only`);
if (cpy) console.log(`  CPython ${cpy.version.padEnd(22)} ${fmt(cpy)}`);
else console.log('  CPython: no interpreter found (pyenv 3.8-3.13); ratios not computed');
const line = (label: string, t: Timing) => {
  const ratio = cpy ? `  ${(t.cpuMs / cpy.cpuMs).toFixed(1)}x CPU, ${(t.wallMs / cpy.wallMs).toFixed(1)}x wall` : '';
  console.log(`  ${label.padEnd(30)} ${fmt(t)}${ratio}`);
  if (cpy && t.stdout !== cpy.stdout) console.log(`    output differs: lab ${JSON.stringify(t.stdout)} CPython ${JSON.stringify(cpy.stdout)}`);
};
line('lab (tsx, as gclab run)', tsx);
if (bun) line('lab (esbuild bundle)', bun);
else console.log('  lab (esbuild bundle): esbuild not available');
if (cpy) {
  const best = Math.min(tsx.cpuMs, bun?.cpuMs ?? Infinity) / cpy.cpuMs;
  console.log(`  target: within 10x of CPython (CPU): ${best <= 10 ? 'met' : 'NOT met'} (${best.toFixed(1)}x)`);
}
