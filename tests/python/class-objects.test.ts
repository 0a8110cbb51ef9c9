// The objects a class statement makes (compile.ts classStmt, heap.newClass): what the objects table shows,
// their sizes and memory, values measured on real CPython 3.8.18 / 3.11.7 / 3.13.0 (corpus 109 checks the
// counts against every interpreter present).
import { describe, expect, it } from 'vitest';
import { checkHeapInvariants } from '../../src-main/engine/heap/invariants';
import { createPythonSession } from '../../src-main/engine/python/session';
import { buildSnapshot } from '../../src-main/lab/snapshot';
import type { ProfileId } from '../../src-main/engine/profiles/types';

const SETUP = 'import gc\ngc.disable(); gc.collect(); gc.collect(); gc.freeze(); gc.collect()\n';

function session(v: ProfileId, src: string) {
  const s = createPythonSession(v);
  const r = s.exec(SETUP + src);
  expect(r.error ?? null).toBeNull();
  return s;
}

describe('class statement objects', () => {
  // sys.getsizeof of the type's dict after `class Plain: pass` / with one method (real CPython)
  const dictSize: Record<string, [number, number]> = { '3.8': [232, 360], '3.11': [184, 272], '3.13': [272, 272] };
  for (const v of ['3.8', '3.11', '3.13'] as const) {
    it(`${v}: the objects table shows the type, its __dict__, __mro__, __bases__ and descriptors`, () => {
      const s = session(v, 'class Plain:\n    pass\nclass WithMethod:\n    def f(self):\n        return 1\nclass Node:\n    __slots__ = (\'ref\',)\n');
      const snap = buildSnapshot(s.heap);
      const byName = (n: string) => snap.objects.find((o) => o.names.includes(n))!;
      const plain = byName('Plain');
      const refs = snap.refs.filter((r) => r.from === plain.id);
      expect(refs.map((r) => r.label)).toEqual(['__dict__', '__mro__', '__bases__']);
      const obj = (id: number) => snap.objects.find((o) => o.id === id)!;
      const dict = obj(refs[0]!.to);
      expect([dict.typeName, dict.size]).toEqual(['dict', dictSize[v]![0]]);
      // the dict in CPython's order: the namespace (__qualname__ removed), the getsets, __doc__
      const values = snap.refs.filter((r) => r.from === dict.id).map((r) => [r.label, obj(r.to).typeName]);
      const newer = v === '3.13' ? [["['__firstlin…]", 'int'], ["['__static_a…]", 'tuple']] : [];
      expect(values).toEqual([["['__module__']", 'str'], ...newer, ["['__dict__']", 'getset_descriptor'], ["['__weakref_…]", 'getset_descriptor'], ["['__doc__']", 'NoneType']]);
      expect(obj(refs[1]!.to)).toMatchObject({ typeName: 'tuple', size: 56, label: '(2)' });
      expect(obj(refs[2]!.to)).toMatchObject({ typeName: 'tuple', size: 48, label: '(1)' });
      const wm = snap.refs.find((r) => r.from === byName('WithMethod').id && r.label === '__dict__')!;
      expect(obj(wm.to).size).toBe(dictSize[v]![1]);
      const node = snap.refs.find((r) => r.from === byName('Node').id && r.label === '__dict__')!;
      const member = snap.refs.filter((r) => r.from === node.to).map((r) => obj(r.to)).filter((o) => o.typeName.endsWith('_descriptor'));
      expect(member.map((o) => [o.typeName, o.size, o.gen])).toEqual([['member_descriptor', 64, 0]]);
      expect(checkHeapInvariants(s.heap)).toEqual([]);
    });

    it(`${v}: a garbage class is collected with its dict, tuples and descriptors; its weakrefs go with it`, () => {
      const s = session(v, 'class Plain:\n    pass\nclass Sub(Plain):\n    x = 1\n');
      const h = s.heap;
      const count = () => {
        const live = [...h.liveIds()];
        return {
          classes: [...h.classes.values()].filter((c) => c.name === 'Plain' || c.name === 'Sub').length,
          descriptors: live.filter((id) => h.typeName(id).endsWith('_descriptor')).length,
          subclassWeakrefs: live.filter((id) => h.typeName(id) === 'weakref' && h.kind(h.weakrefGet(id)) === 12).length,
        };
      };
      // Plain's two getsets; weakrefs in object's subclasses (Plain) and Plain's (Sub)
      expect(count()).toEqual({ classes: 2, descriptors: 2, subclassWeakrefs: 2 });
      const r = s.exec('del Sub\nn1 = gc.collect()\ndel Plain\nn2 = gc.collect()\nprint(n1, n2)\n');
      // real: 3 (Sub, its mro, its (Plain,) bases) then 5 (Plain, dict, mro, two getsets)
      expect(r.stdout).toBe('3 5\n');
      expect(count()).toEqual({ classes: 0, descriptors: 0, subclassWeakrefs: 0 });
      expect(checkHeapInvariants(h)).toEqual([]);
    });
  }
});
