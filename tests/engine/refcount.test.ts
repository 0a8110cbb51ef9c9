// Reference counting and the deallocation cascade (reference §1).
import { describe, it, expect } from 'vitest';
import { Lab } from './support/lab';

describe.each(['3.8', '3.11', '3.12', '3.13', '3.14'] as const)('CPython %s', (v) => {
  it('x = C(); l = [x] gives x two references (sys.getrefcount shows 3 with its argument)', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const C = lab.defineClass('C');
    const x = h.newInstance(C);
    lab.bind('x', x);
    const l = h.newList([x]);
    lab.bind('l', l);
    expect(h.refcount(x)).toBe(2);
    lab.expectConsistent();
  });

  it('a list frees its items last to first', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const D = lab.defineClass('D', { hasDel: true });
    const items = ['a', 'b', 'c'].map((n) => {
      const o = h.newInstance(D);
      const s = h.newStr(n);
      h.setAttr(o, 'n', s);
      h.decref(s);
      return o;
    });
    const l = h.newList(items);
    lab.drop(...items);
    h.decref(l);
    expect(lab.finalizedNames).toEqual(['c', 'b', 'a']);
    lab.expectConsistent();
  });

  it('a dict frees its entries in insertion order', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const D = lab.defineClass('D', { hasDel: true });
    const d = h.newDict();
    for (const n of ['k', 'a', 'z']) {
      const o = h.newInstance(D);
      const s = h.newStr(n);
      h.setAttr(o, 'n', s);
      h.dictSetItem(d, s, o);
      lab.drop(s, o);
    }
    h.decref(d);
    expect(lab.finalizedNames).toEqual(['k', 'a', 'z']);
  });

  it('an instance runs __del__ first, then weakref callbacks newest first, then drops its attributes in order', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const D = lab.defineClass('D', { hasDel: true });
    const named = (n: string): number => {
      const o = h.newInstance(D);
      const s = h.newStr(n);
      h.setAttr(o, 'n', s);
      h.decref(s);
      return o;
    };
    const owner = named('owner');
    const first = named('first');
    const second = named('second');
    h.setAttr(owner, 'p', first);
    h.setAttr(owner, 'q', second);
    lab.drop(first, second);
    const cb = h.newFunction('cb');
    const w1 = h.newWeakref(owner, cb);
    const w2 = h.newWeakref(owner, cb);
    lab.bind('w1', w1);
    lab.bind('w2', w2);
    h.decref(cb);
    const order: string[] = [];
    const finalize = lab.finalize.bind(lab);
    lab.finalize = (o) => {
      finalize(o);
      order.push('del ' + lab.finalizedNames[lab.finalizedNames.length - 1]);
    };
    lab.weakrefCallback = (_cb, wr) => {
      order.push(wr === w1 ? 'callback w1' : 'callback w2');
    };
    h.decref(owner);
    expect(order).toEqual(['del owner', 'callback w2', 'callback w1', 'del first', 'del second']);
    expect(h.weakrefGet(w1)).toBe(h.None);
    lab.expectConsistent();
  });

  it('__del__ runs at most once even when the object is resurrected and dies again', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const R = lab.defineClass('R', { hasDel: true });
    lab.bind('saved', h.newList());
    lab.resurrectInto = lab.global('saved');
    const r = h.newInstance(R);
    h.decref(r);
    lab.resurrectInto = 0;
    h.listClear(lab.global('saved'));
    expect(lab.finalized).toEqual([r]);
    expect(h.isAlive(r)).toBe(false);
  });

  it('a chain of 100,000 nested lists is freed without overflowing the stack (trashcan)', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const before = h.getObjects().length;
    let head = h.newList();
    for (let i = 0; i < 100_000; i++) {
      const l = h.newList([head]);
      h.decref(head);
      head = l;
    }
    h.decref(head);
    expect(h.getObjects()).toHaveLength(before);
    lab.expectConsistent();
  });

  it('popping a frame releases its locals first to last, then its function', () => {
    const lab = new Lab(v);
    const h = lab.h;
    const D = lab.defineClass('D', { hasDel: true });
    const fn = h.newFunction('f');
    h.pushFrame(fn, 2);
    h.decref(fn);
    for (const [i, n] of [[0, 'x'], [1, 'y']] as const) {
      const o = h.newInstance(D);
      const s = h.newStr(n);
      h.setAttr(o, 'n', s);
      h.decref(s);
      h.setLocal(i, o);
    }
    h.popFrame();
    expect(lab.finalizedNames).toEqual(['x', 'y']);
    expect(h.isAlive(fn)).toBe(false);
  });
});

describe('immortality and static objects', () => {
  it.each([['3.12', 4294967295], ['3.13', 4294967295], ['3.14', 3221225472], ['3.14.2', 3221225472]] as const)(
    'None, small ints and () report the immortal refcount %s on %s and ignore incref/decref',
    (v, rc) => {
      const lab = new Lab(v as '3.12');
      const h = lab.h;
      const five = h.newInt(5);
      for (const id of [h.None, five, h.emptyTuple]) {
        h.decref(id);
        h.decref(id);
        expect(h.refcount(id)).toBe(rc === 4294967295 && v === '3.12' ? 4294967295 : rc);
      }
    },
  );

  it('3.11 static objects start near 999999999 and still count', () => {
    const lab = new Lab('3.11');
    const h = lab.h;
    const before = h.refcount(h.None);
    expect(before).toBeGreaterThanOrEqual(999999999);
    h.incref(h.None);
    expect(h.refcount(h.None)).toBe(before + 1);
  });

  it('creating a small int or a one-character str allocates nothing', () => {
    const lab = new Lab('3.13');
    const h = lab.h;
    h.newInt(7);
    h.newStr('a');
    const count = h.getCount()[0];
    const five = h.newInt(5);
    expect(h.newInt(5)).toBe(five);
    expect(h.newStr('a')).toBe(h.newStr('a'));
    expect(h.getCount()[0]).toBe(count);
  });
});
