// Property tests: random operation sequences over small heaps of every profile; the heap invariants hold after
// every step, and after two full collections every live object is reachable from the roots.
// 8 profiles x 1,250 sequences = 10,000 sequences per run of the test command.
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { Heap, Kind, SimpleAllocator, checkHeapInvariants, PROFILE_IDS, type ObjId, type ProfileId } from '../../src-main/engine/index';

const SLOTS = 6;

type Op =
  | { op: 'new'; what: number; slot: number }
  | { op: 'link'; a: number; b: number; how: number }
  | { op: 'unlink'; a: number; how: number }
  | { op: 'del'; slot: number }
  | { op: 'collect'; g: number }
  | { op: 'freeze' }
  | { op: 'unfreeze' }
  | { op: 'breaker' }
  | { op: 'resurrect'; on: boolean };

const slot = fc.integer({ min: 0, max: SLOTS - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('new' as const), what: fc.integer({ min: 0, max: 11 }), slot }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('link' as const), a: slot, b: slot, how: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unlink' as const), a: slot, how: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('del' as const), slot }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('collect' as const), g: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'freeze' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'unfreeze' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'breaker' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resurrect' as const), on: fc.boolean() }) },
);

class World {
  readonly h: Heap;
  readonly classes: ObjId[];
  readonly saved: ObjId;
  resurrect = false;

  constructor(v: ProfileId) {
    // The simple allocator (it rejects unknown or double frees): pymalloc has its own property tests.
    const h = (this.h = new Heap(v, new SimpleAllocator()));
    h.setThreshold(7, 2, 2); // frequent automatic collections in the middle of operations
    this.saved = h.newList();
    this.bind('saved', this.saved);
    this.classes = [
      h.newClass('Plain'),
      h.newClass('Fin', { hasDel: true }),
      h.newClass('Slotted', { slots: ['x0', 'x1'] }),
    ];
    this.classes.forEach((c, i) => this.bind(`C${i}`, c));
    h.setHost({
      finalize: (o) => {
        if (this.resurrect) h.listAppend(this.saved, o);
      },
      weakrefCallback: (_cb, wr) => {
        h.listAppend(this.saved, wr); // Python code that allocates and stores during a collection
      },
      gcCallbacks: () => {},
    });
    h.pushFrame(0, SLOTS);
  }

  private bind(name: string, v: ObjId): void {
    const k = this.h.intern(name);
    this.h.dictSetItem(this.h.globals, k, v);
    this.h.decref(k);
    this.h.decref(v);
  }

  create(what: number): ObjId {
    const h = this.h;
    const someLocal = (): ObjId => {
      for (let i = 0; i < SLOTS; i++) if (h.getLocal(i) !== 0) return h.getLocal(i);
      return h.None;
    };
    switch (what) {
      case 0: return h.newList();
      case 1: return h.newDict();
      case 2: case 3: case 4: return h.newInstance(this.classes[what - 2]);
      case 5: return h.newTuple([someLocal(), h.None]);
      case 6: return h.newSet();
      case 7: return h.newInt(1000 + what);
      case 8: return h.newStr('s' + what);
      case 9: return h.newCell(someLocal());
      case 10: {
        const target = someLocal();
        if (!h.supportsWeakrefs(target)) return h.newFloat(0.5);
        const cb = h.newFunction('cb');
        const w = h.newWeakref(target, cb);
        h.decref(cb);
        return w;
      }
      default: return h.newFloat(1.5);
    }
  }

  apply(o: Op): void {
    const h = this.h;
    switch (o.op) {
      case 'new':
        h.setLocal(o.slot, this.create(o.what));
        return;
      case 'del':
        h.deleteLocal(o.slot);
        return;
      case 'link': {
        const a = h.getLocal(o.a);
        const b = h.getLocal(o.b) || h.None;
        if (a === 0) return;
        switch (h.kind(a)) {
          case Kind.List:
            if (o.how === 3 && h.len(a) > 0) h.listSetItem(a, 0, b);
            else h.listAppend(a, b);
            return;
          case Kind.Dict: {
            const k = h.newInt(o.how);
            h.dictSetItem(a, k, b);
            h.decref(k);
            return;
          }
          case Kind.Instance:
            h.setAttr(a, `x${o.how % 2}`, b);
            return;
          case Kind.Set:
            if (h.kind(b) === Kind.Instance || h.kind(b) === Kind.Int) h.setAdd(a, b);
            return;
          case Kind.Cell:
            h.cellSet(a, b);
            return;
          default:
            return;
        }
      }
      case 'unlink': {
        const a = h.getLocal(o.a);
        if (a === 0) return;
        switch (h.kind(a)) {
          case Kind.List:
            if (o.how === 0) h.listClear(a);
            else if (h.len(a) > 0) h.decref(h.listPop(a, o.how === 1 ? 0 : -1));
            return;
          case Kind.Dict: {
            if (o.how === 0) h.dictClear(a);
            const k = h.newInt(o.how);
            h.dictDelItem(a, k);
            h.decref(k);
            return;
          }
          case Kind.Instance:
            h.delAttr(a, `x${o.how % 2}`);
            return;
          case Kind.Cell:
            h.cellSet(a, 0);
            return;
          default:
            return;
        }
      }
      case 'collect':
        h.collect(o.g);
        return;
      case 'freeze':
        h.freeze();
        return;
      case 'unfreeze':
        h.unfreeze();
        return;
      case 'breaker':
        h.evalBreaker();
        return;
      case 'resurrect':
        this.resurrect = o.on;
        return;
    }
  }

  /** Live objects not reachable from frames, globals, internal holders. */
  unreachable(): ObjId[] {
    const h = this.h;
    const seen = new Set<ObjId>();
    const stack: ObjId[] = [...h.rootRefs(), ...h.internal.keys()];
    while (stack.length > 0) {
      const o = stack.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const r of h.referents(o)) stack.push(r);
    }
    return [...h.liveIds()].filter((id) => !seen.has(id) && h.isGcObject(id));
  }
}

function check(w: World, when: string): void {
  const v = checkHeapInvariants(w.h);
  if (v.length > 0) throw new Error(`${when}: ${v.slice(0, 5).join('; ')}`);
}

describe.each([...PROFILE_IDS])('CPython %s', (v) => {
  it('keeps every heap invariant after each step of random programs, and full collections leave no unreachable object', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 24 }), (ops) => {
        const w = new World(v);
        ops.forEach((o, i) => {
          w.apply(o);
          check(w, `after step ${i} ${JSON.stringify(o)}`);
        });
        w.h.unfreeze();
        w.resurrect = false;
        w.h.collect();
        w.h.collect();
        check(w, 'after the final collections');
        const left = w.unreachable();
        if (left.length > 0) throw new Error(`unreachable after collect(): ${left.map((id) => w.h.typeName(id) + '#' + id).join(', ')}`);
      }),
      { numRuns: 1250 },
    );
  });
});

describe.each([...PROFILE_IDS])('CPython %s, traced against untraced', (v) => {
  it('a full trace (separate CPython steps) and no trace (fused fast paths) give the same lists, counts and results', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 24 }), (ops) => {
        const plain = new World(v);
        const traced = new World(v);
        traced.h.setTrace('full', () => {});
        ops.forEach((o, i) => {
          plain.apply(o);
          traced.apply(o);
          const a = JSON.stringify([plain.h.getObjects(), plain.h.getCount(), plain.h.getStats(), plain.h.getFreezeCount()]);
          const b = JSON.stringify([traced.h.getObjects(), traced.h.getCount(), traced.h.getStats(), traced.h.getFreezeCount()]);
          if (a !== b) throw new Error(`step ${i} ${JSON.stringify(o)}: ${a} vs ${b}`);
        });
      }),
      { numRuns: 150 },
    );
  });
});
