// The reference's probes run in every real CPython found here and replayed through the engine: the sequences of
// automatic collections must be identical. A missing interpreter is skipped at run time with its name.
import { describe, it, expect } from 'vitest';
import { findInterpreters, interpreterReport, runPythonAsync, PYENV_VERSIONS } from '../support/cpython';
import { mixed, surviving } from './support/replays';

const MIXED = `
import gc, sys
class Node:
    __slots__ = ('ref',)
log = [None] * 4096; nlog = [0]
def on_gc(phase, info):
    if phase == 'stop':
        log[nlog[0]] = (info['generation'], info['collected']); nlog[0] += 1
keep = [None] * 20000
gc.disable(); gc.collect(); gc.collect()
gc.freeze()
gc.collect()
gc.callbacks.append(on_gc)
gc.enable()
i = 0
while i < 20000:
    a = Node(); b = Node(); a.ref = b; b.ref = a
    keep[i] = Node()
    i += 1
a = b = None
gc.disable(); gc.callbacks.remove(on_gc)
print([list(e) for e in log[:nlog[0]]])
`;

const CADENCE = `
import gc, sys
N = int(sys.argv[1])
keep = [None] * N
seq = []
st = {'i': 0}
def cb(phase, info):
    if phase == 'start':
        seq.append((info['generation'], st['i']))
gc.disable(); gc.collect()
gc.callbacks.append(cb)
gc.enable()
i = 0
while i < N:
    keep[i] = []
    i += 1
    st['i'] = i
gc.disable(); gc.callbacks.remove(cb)
print([list(e) for e in seq])
`;

const found = findInterpreters();
console.log(`differential engine tests: ${interpreterReport()}`);

describe.each([...PYENV_VERSIONS])('CPython %s', (v) => {
  it('the mixed garbage/survivor workload (§8.5) gives the same automatic collections, generation and count each', async (ctx) => {
    const py = found.get(v);
    if (!py) return ctx.skip(`CPython ${v} is not installed here`);
    const r = await runPythonAsync(py, MIXED);
    expect(r.status).toBe(0);
    const real = JSON.parse(r.stdout.trim()) as [number, number][];
    expect(mixed(v).stops).toEqual(real);
  });

  it('100,000 surviving lists (§8.4) trigger the same generations at the same iterations', async (ctx) => {
    const py = found.get(v);
    if (!py) return ctx.skip(`CPython ${v} is not installed here`);
    const r = await runPythonAsync(py, CADENCE, ['100000']);
    expect(r.status).toBe(0);
    const real = JSON.parse(r.stdout.trim()) as [number, number][];
    expect(surviving(v, 100_000).starts.map((s) => [s.generation, s.iteration])).toEqual(real);
  });
});
