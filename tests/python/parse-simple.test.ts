// The gesture fast path of the parser (parse-simple.ts) builds exactly the AST lezer's path builds, for every
// statement it accepts, and leaves everything else (errors included) to lezer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProgram, parseWithLezer } from '../../src-main/engine/python/parse';
import { simpleModule } from '../../src-main/engine/python/parse-simple';

/** What the canvas writes (src-renderer/components/ops.ts), plus console lines of the same shape. */
const GESTURES = [
  'obj0 = []',
  'obj12 = {}',
  'obj3 = set()',
  'obj4 = (obj0, obj12)',
  'obj5 = (obj0,)',
  'obj6 = ()',
  'n = Node()',
  'x = None',
  'w = weakref.ref(obj0)',
  'i = 1000',
  "s = 'text'",
  's2 = "text"',
  'f = 1.5',
  "b = b'data'",
  'obj0.append(obj12)',
  "obj12['k'] = obj0",
  'obj12[3] = obj0',
  'obj3.add(obj0)',
  'n.next = n',
  'del obj0[0]',
  "del obj12['k']",
  'del n.next',
  'obj3.discard(obj0)',
  'del obj0',
  'a = b = c',
  'gc.collect()',
  'gc.collect(2)',
  'xs = [a, b, [c], ()]',
  'f(a)(b).c[d]',
  'a = []\na.append(a)',
  'a = []\nb = [a]\n',
  'x  =  [ 1 ,2, ]   ',
];

/** Lines the fast path must leave to lezer (and what lezer says about them stays what it said). */
const DECLINED = [
  'import gc', 'from gc import collect', 'print(a)', 'a = 1 + 2', 'a += 1', 'a == b', 'a = -1', 'a = (b)', 'a[1:2]',
  'a[1, 2]', 'f(x=1)', 'f(*a)', 'a = 1  # note', 'a = 1; b = 2', "s = 'a\\n'", "s = r'a'", "s = f'{a}'", "s = ''",
  "s = '''a'''", 'a = 0x10', 'a = 1_000', 'a = 1e5', 'a = 01', 'a = 1.', '  a = 1', 'a = 1\n\nb = 2', 'if a: b',
  'None = 1', 'f() = 1', 'del f()', 'del a, b', 'match = 1', 'a.None', 'x = [1, 2', 'x = ]', 'a = é', 'class A: pass',
  'a\tb', 'a = 1\r\n', 'lambda: 0', 'a = not b', 'a = b if c else d', '',
];

describe('the parser fast path for gestures', () => {
  it('takes every gesture statement and builds the AST lezer builds', () => {
    for (const src of GESTURES) {
      const fast = simpleModule(src, '<string>');
      expect(fast, src).not.toBeNull();
      expect(fast, src).toEqual(parseWithLezer(src));
    }
  });

  it('leaves operators, keywords, comments, escapes, indentation and syntax errors to lezer', () => {
    for (const src of DECLINED) expect(simpleModule(src, '<string>'), JSON.stringify(src)).toBeNull();
    // and parseProgram still reports lezer's errors for them
    expect(() => parseProgram('x = [1, 2')).toThrow("'[' was never closed");
    expect(() => parseProgram('f() = 1')).toThrow('cannot assign to function call');
  });

  it('takes random gesture-shaped statements, nested and spaced any way, and builds the AST lezer builds', () => {
    const sp = fc.constantFrom('', '', ' ', '  ');
    const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
      atom: fc.oneof(
        fc.constantFrom('a', 'obj17', '_', 'None', 'False', '0', '1000', '2.25', "'k'", '"v w"', "b'x'", '[]', '{}', '()'),
        fc.tuple(sp, fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([w, xs, trail]) => `[${w}${xs.join(`,${w}`)}${trail ? ',' : ''}]`),
        fc.tuple(sp, fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([w, xs]) => `(${xs.join(`,${w}`)},)`),
      ),
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('atom'),
        fc.tuple(tie('expr'), fc.constantFrom('append', 'next', 'ref')).map(([e, n]) => `${e}.${n}`),
        fc.tuple(tie('expr'), sp, fc.array(tie('expr'), { maxLength: 3 })).map(([f, w, xs]) => `${f}(${w}${xs.join(`, `)})`),
        fc.tuple(tie('expr'), tie('expr')).map(([v, i]) => `${v}[${i}]`),
      ),
    }));
    const target = fc.oneof(fc.constantFrom('a', 'b2'), fc.tuple(expr, fc.constantFrom('x', 'y')).map(([e, n]) => `${e}.${n}`), fc.tuple(expr, expr).map(([v, i]) => `${v}[${i}]`));
    const stmt = fc.oneof(
      expr,
      fc.tuple(fc.array(target, { minLength: 1, maxLength: 2 }), sp, expr).map(([ts, w, v]) => `${ts.join(`${w}=${w}`)}${w}=${w}${v}`),
      fc.tuple(target, sp).map(([t, w]) => `del ${t}${w}`),
    );
    fc.assert(
      fc.property(fc.array(stmt, { minLength: 1, maxLength: 3 }), (lines) => {
        const src = lines.join('\n');
        let lezer;
        try {
          lezer = parseWithLezer(src);
        } catch {
          return; // `b'x'.next = ...` and friends: lezer's error, the fast path may decline or not be asked
        }
        const fast = simpleModule(src, '<string>');
        if (fast !== null) expect(fast, src).toEqual(lezer);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with lezer on random lines of names, literals, brackets, dots, commas and equals signs', () => {
    const token = fc.constantFrom('a', 'b1', '_x', 'None', 'True', 'del', 'in', '0', '7', '42', '1.5', "'s'", '"t"', "b'z'", '[', ']', '(', ')', '{', '}', '.', ',', '=', ' ', '.append', '(a)', '[0]');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), (tokens) => {
        const src = tokens.join('');
        const fast = simpleModule(src, '<string>');
        if (fast === null) return;
        expect(fast, src).toEqual(parseWithLezer(src));
      }),
      { numRuns: 3000 },
    );
  });
});
