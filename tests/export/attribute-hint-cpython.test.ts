// Printing an instance's AttributeError on 3.10+ adds "Did you mean" from dir(obj); on 3.11/3.12 that dir()
// materialises the instance's __dict__, one more object in a later collection. A lab session that prints one,
// exported and run in real CPython (its traceback printed by sys.excepthook), prints the same hint and counts.
import { describe, expect, it } from 'vitest';
import { parseSession } from '../../shared/session';
import { createLabService } from '../../src-main/lab/engine';
import { exportPython } from '../../src-main/export';
import { findInterpreters, interpreterReport, PYENV_VERSIONS, runPython } from '../support/cpython';

const GESTURES = [
  'import gc',
  // 3.13's first sys.excepthook imports the traceback machinery (cyclic objects): print one error first.
  'undefined_name',
  'gc.collect()',
  'class Node:\n    def __init__(self, name):\n        self.name = name\n        self.value = 1',
  'a = Node("a")',
  'a.self = a',
  'a.nam',
  'a.valeu',
  'a.__dcit__',
  'del a',
  'print("collected", gc.collect())',
  'b = Node("b")',
  'b.self = b',
  'b.name.upper.missing',
  'del b',
  'print("collected", gc.collect())',
];

const hints = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('AttributeError'));

describe('an instance AttributeError printed in a session, exported and run in real CPython', () => {
  for (const version of PYENV_VERSIONS) {
    it(`CPython ${version}: the same hints, and the same objects collected after them`, async (ctx) => {
      const interp = findInterpreters().get(version);
      if (!interp) return ctx.skip(`CPython ${version} is not installed (${interpreterReport()})`);
      const lab = createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });
      await lab.setProfile(version);
      let stdout = '';
      let stderr = '';
      for (const g of GESTURES) {
        const r = await lab.exec(g);
        stdout += r.stdout;
        stderr += r.stderr;
      }
      const parsed = parseSession((await lab.saveSession({})).text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const real = runPython(interp, exportPython(parsed.session));
      expect(real.status).toBe(0);
      expect(real.stdout).toBe(stdout);
      expect(hints(stderr)).toEqual(hints(real.stderr));
      // a's __dict__ is collected with it: always a separate dict on 3.8-3.10, made by the hint's dir() on
      // 3.11/3.12, none on 3.13 (embedded values); b's str-attribute error makes none.
      const collected: Record<string, [number, number]> = { '3.8': [2, 2], '3.9': [2, 2], '3.10': [2, 2], '3.11': [2, 1], '3.12': [2, 1], '3.13': [1, 1] };
      expect(stdout).toBe(collected[version]!.map((n) => `collected ${n}\n`).join(''));
      const hint = version === '3.8' || version === '3.9' ? '' : ". Did you mean: 'name'?";
      expect(hints(stderr)[0]).toBe(`AttributeError: 'Node' object has no attribute 'nam'${hint}`);
    });
  }
});
