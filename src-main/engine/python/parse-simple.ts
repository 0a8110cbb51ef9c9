// A fast path of parse.ts for the statements canvas gestures write (`obj3 = []`, `a.append(b)`, `a['k'] = b`,
// `del a[0]`, `x = Node()`, `w = weakref.ref(a)`): lines of names, simple literals, calls, attributes and
// subscripts. Opening a session replays every gesture, and lezer spends ~7 us per such statement, most of an
// open of 200,000 statements. Anything else (operators, keywords, comments, escapes, indentation, errors)
// returns null and goes through lezer, so this never decides what is valid Python: it only builds, for what it
// accepts, the AST parse.ts would build (tests/python/parse-simple.test.ts checks that, statement by statement).
import type { Expr, Module, Stmt } from './ast';
import { decodeStringLiteral, parseNumber } from './literals';

const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield',
  // soft keywords and Python 2 statements the grammar may read as statements at the start of a line
  'match', 'case', 'type', 'print', 'exec',
]);

// Sticky: matched at lastIndex, so scanning a token copies nothing.
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(0|[1-9][0-9]*)(\.[0-9]+)?(?![0-9A-Za-z_.'"])/y;

/** Thrown inside the scanner: not a statement of the fast path (never escapes simpleModule). */
const DECLINE = Symbol('decline');

class Line {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly line: number,
  ) {}

  private pos(from: number, to: number) {
    return { line: this.line, col: from, endLine: this.line, endCol: to };
  }
  private skip(): void {
    while (this.s.charCodeAt(this.i) === 32) this.i++;
  }
  private peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }
  private eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.i++;
    return true;
  }
  private expect(ch: string): void {
    if (!this.eat(ch)) throw DECLINE;
  }
  private name(): string {
    this.skip();
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s);
    if (!m) throw DECLINE;
    this.i += m[0].length;
    return m[0];
  }

  /** `del target` | `target = ... = value` | `value`; the whole line. */
  statement(): Stmt {
    const start = this.i;
    let stmt: Stmt;
    if (this.s.startsWith('del ', this.i)) {
      this.i += 4;
      const t = this.target();
      stmt = { k: 'del', targets: [t], ...this.pos(start, t.endCol) };
    } else {
      const first = this.expr();
      const exprs = [first];
      while (this.eat('=')) {
        if (this.s[this.i] === '=') throw DECLINE; // ==
        exprs.push(this.expr());
      }
      const last = exprs.pop()!;
      for (const t of exprs) if (t.k !== 'name' && t.k !== 'attr' && t.k !== 'subscript') throw DECLINE;
      stmt = exprs.length ? { k: 'assign', targets: exprs, value: last, ...this.pos(start, last.endCol) } : { k: 'expr', value: last, ...this.pos(start, last.endCol) };
    }
    this.skip();
    if (this.i !== this.s.length) throw DECLINE;
    return stmt;
  }

  private target(): Expr {
    const t = this.expr();
    if (t.k !== 'name' && t.k !== 'attr' && t.k !== 'subscript') throw DECLINE;
    return t;
  }

  /** atom trailer*: calls with positional arguments, `.name`, `[index]`. */
  private expr(): Expr {
    let e = this.atom();
    for (;;) {
      const c = this.peek();
      if (c === '.') {
        this.i++;
        const attr = this.name();
        if (KEYWORDS.has(attr) || attr === 'None' || attr === 'True' || attr === 'False') throw DECLINE;
        e = { k: 'attr', value: e, attr, ...this.pos(e.col, this.i) };
      } else if (c === '(') {
        this.i++;
        const args = this.items(')');
        e = { k: 'call', func: e, args: args.elts, keywords: [], ...this.pos(e.col, this.i) };
      } else if (c === '[') {
        this.i++;
        const index = this.expr();
        this.expect(']');
        e = { k: 'subscript', value: e, index, ...this.pos(e.col, this.i) };
      } else return e;
    }
  }

  /** Comma-separated expressions up to `close` (consumed); a trailing comma is allowed. */
  private items(close: string): { elts: Expr[]; comma: boolean } {
    const elts: Expr[] = [];
    let comma = false;
    while (!this.eat(close)) {
      elts.push(this.expr());
      if (this.eat(',')) comma = true;
      else {
        this.expect(close);
        break;
      }
    }
    return { elts, comma };
  }

  private atom(): Expr {
    const c = this.peek();
    const from = this.i;
    if (c === '[') {
      this.i++;
      return { k: 'list', elts: this.items(']').elts, ...this.pos(from, this.i) };
    }
    if (c === '{') {
      this.i++;
      this.expect('}');
      return { k: 'dict', keys: [], values: [], ...this.pos(from, this.i) };
    }
    if (c === '(') {
      this.i++;
      const { elts, comma } = this.items(')');
      // `(a)` is a parenthesized expression, not a tuple: lezer's path
      if (elts.length > 0 && !comma) throw DECLINE;
      return { k: 'tuple', elts, ...this.pos(from, this.i) };
    }
    if (c === "'" || c === '"') return this.string(from, from);
    if (c >= '0' && c <= '9') {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(this.s);
      if (!m) throw DECLINE;
      this.i += m[0].length;
      return { k: 'const', c: parseNumber(m[0])!, ...this.pos(from, this.i) };
    }
    const id = this.name();
    const next = this.s[this.i];
    if (next === "'" || next === '"') {
      if (id !== 'b') throw DECLINE; // other prefixes (r, f, u, rb...) go to lezer
      return this.string(from, this.i);
    }
    if (id === 'None') return { k: 'const', c: { t: 'none' }, ...this.pos(from, this.i) };
    if (id === 'True' || id === 'False') return { k: 'const', c: { t: 'bool', v: id === 'True' }, ...this.pos(from, this.i) };
    if (KEYWORDS.has(id)) throw DECLINE;
    return { k: 'name', id, ...this.pos(from, this.i) };
  }

  /** A one-line literal without escapes; `quote` is where its quote is (after a `b` prefix, if any). */
  private string(from: number, quote: number): Expr {
    const q = this.s[quote]!;
    const end = this.s.indexOf(q, quote + 1);
    if (end < 0 || end === quote + 1) throw DECLINE; // unclosed, or '' (maybe a triple quote)
    const body = this.s.slice(quote + 1, end);
    if (body.includes('\\')) throw DECLINE;
    const r = decodeStringLiteral(this.s.slice(from, end + 1));
    if ('error' in r) throw DECLINE;
    this.i = end + 1;
    return { k: 'const', c: r.bytes ? { t: 'bytes', v: r.value } : { t: 'str', v: r.value }, ...this.pos(from, this.i) };
  }
}

/** The module parse.ts would make of `source`, when every line is a gesture-like statement; else null. */
export function simpleModule(source: string, filename: string): Module | null {
  // Printable ASCII and newlines only: no tabs, comments, backslashes, semicolons or '\r'.
  if (!/^[ -"$-:<-[\]-~\n]+$/.test(source)) return null;
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const body: Stmt[] = [];
  try {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      // Indentation and blank lines have rules of their own (lezer's path)
      if (text.length === 0 || text.charCodeAt(0) === 32) return null;
      body.push(new Line(text, i + 1).statement());
    }
  } catch (e) {
    if (e === DECLINE) return null;
    throw e;
  }
  if (body.length === 0) return null;
  return { body, source, filename };
}
