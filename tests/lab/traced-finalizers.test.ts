// A traced collection carries what each finalizer printed on its own 'finalize' event, so the step player can
// show it at that step. The printed order is checked against real CPython 3.8-3.13 (pyenv) where present.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/events';
import { createLabService } from '../../src-main/lab/engine';
import { findInterpreters, interpreterReport, PYENV_VERSIONS, runPython } from '../support/cpython';

const SETUP = [
  'import gc',
  "class Node:\n    def __init__(self, name):\n        self.name = name\n    def __del__(self):\n        print('del', self.name)",
  "a = Node('A')",
  "b = Node('B')",
  'a.other = b',
  'b.other = a',
  'del a, b',
];

async function tracedCollect(profile: string) {
  const service = createLabService({ host: 'web', appVersion: '0.0.0', emit: () => undefined });
  await service.setProfile(profile);
  for (const s of SETUP) expect((await service.exec(s)).stderr).toBe('');
  return service.collectTraced(2);
}

const finalizes = (events: EngineEvent[]) => events.filter((e): e is Extract<EngineEvent, { t: 'finalize' }> => e.t === 'finalize');

describe('traced collection: finalizer output on the finalize events', () => {
  it('two instances with __del__ in a cycle: A then B, each on its own event, the same text as stdout', async () => {
    const { result, events } = await tracedCollect('3.12');
    expect(finalizes(events).map((e) => e.output)).toEqual(['del A\n', 'del B\n']);
    expect(result.stdout).toBe('del A\ndel B\n');
  });

  it('a __del__ that frees another object with __del__: each event has only its own text', async () => {
    const service = createLabService({ host: 'web', appVersion: '0.0.0', emit: () => undefined });
    for (const s of [
      'import gc',
      "class D:\n    def __del__(self):\n        print('before', self.name)\n        self.inner = None\n        print('after', self.name)",
      "x = D()\nx.name = 'x'\ny = D()\ny.name = 'y'\nx.inner = y\nx.me = x\ndel y\ndel x",
    ]) expect((await service.exec(s)).stderr).toBe('');
    const { result, events } = await service.collectTraced(2);
    expect(result.stdout).toBe('before x\nbefore y\nafter y\nafter x\n');
    expect(finalizes(events).map((e) => e.output)).toEqual(['before x\nafter x\n', 'before y\nafter y\n']);
  });

  it(`prints in the order real CPython does, per version (${interpreterReport()})`, async () => {
    const found = findInterpreters();
    const program = `${SETUP.join('\n')}\ngc.collect()\n`;
    for (const v of PYENV_VERSIONS) {
      const interp = found.get(v);
      if (!interp) continue;
      const real = runPython(interp, program).stdout;
      const { events } = await tracedCollect(v);
      expect(finalizes(events).map((e) => e.output).join(''), `CPython ${interp.full}`).toBe(real);
    }
  });
});
