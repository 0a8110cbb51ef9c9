// lezer tree -> typed AST of the subset. The grammar is @lezer/python (maintained, not ours); this file only
// reads its tree, rejects what GC Lab does not run with a message naming the construct, and reports real
// syntax errors the way CPython words the common ones.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { BinOpName, CmpOpName, Comprehension, Const, Expr, FPart, Handler, Keyword, Module, Param, Pos, Stmt } from './ast';
import { PySyntaxError, UnsupportedError } from './errors';
import { decodeStringLiteral, parseNumber } from './literals';
import { simpleModule } from './parse-simple';

const UNSUPPORTED_NODES: Record<string, string> = {
  WithStatement: 'with',
  MatchStatement: 'match',
  DecoratedStatement: 'decorators',
  YieldStatement: 'yield',
  YieldExpression: 'yield',
  AwaitExpression: 'await',
  NamedExpression: ':=',
  ComprehensionExpression: 'generator expressions',
  DictionaryComprehensionExpression: 'dict comprehensions',
  SetComprehensionExpression: 'set comprehensions',
  Ellipsis: '...',
  TypeDefinition: 'type statements',
  TypeDef: 'annotations',
};

const ALLOWED_MODULES = new Set(['gc', 'sys', 'weakref']);

class Converter {
  private lineStarts: number[] = [0];
  constructor(
    private src: string,
    private filename: string,
  ) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  lineOf(off: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const end = this.lineStarts[line] ?? this.src.length + 1;
    return this.src.slice(start, end - 1).replace(/\r$/, '');
  }
  pos(n: { from: number; to: number }): Pos {
    const line = this.lineOf(n.from);
    let to = n.to;
    // Trailing newlines belong to block bodies in lezer, not to the expression CPython points at.
    while (to > n.from && /\s/.test(this.src[to - 1]!)) to--;
    const endLine = this.lineOf(Math.max(n.from, to));
    return { line, col: n.from - this.lineStarts[line - 1]!, endLine, endCol: to - this.lineStarts[endLine - 1]! };
  }
  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }
  unsupported(construct: string, n: { from: number }): never {
    const line = this.lineOf(n.from);
    throw new UnsupportedError(construct, line, n.from - this.lineStarts[line - 1]! + 1);
  }
  syntax(msg: string, off: number): never {
    const line = this.lineOf(Math.min(off, this.src.length));
    throw new PySyntaxError(msg, line, Math.min(off, this.src.length) - this.lineStarts[line - 1]!, this.lineText(line));
  }

  kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
    return out;
  }

  // ---- errors first: the whole tree is checked before anything runs ----
  checkErrors(top: SyntaxNode): void {
    const cur = top.cursor();
    do {
      if (cur.type.isError) {
        const off = cur.from;
        // An error at the end of input inside an open bracket: CPython names the bracket.
        const open = this.unclosedBracket(off);
        if (open !== undefined) this.syntax(`'${this.src[open]}' was never closed`, open);
        this.syntax('invalid syntax', off);
      }
    } while (cur.next());
  }
  private unclosedBracket(off: number): number | undefined {
    if (this.src.slice(off).trim() !== '') return undefined;
    const stack: number[] = [];
    let quote: string | undefined;
    for (let i = 0; i < off; i++) {
      const ch = this.src[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '#') { while (i < off && this.src[i] !== '\n') i++; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if ('([{'.includes(ch)) stack.push(i);
      else if (')]}'.includes(ch)) stack.pop();
    }
    return stack.pop();
  }

  module(top: SyntaxNode): Module {
    this.checkErrors(top);
    return { body: this.stmts(this.kids(top)), source: this.src, filename: this.filename };
  }

  stmts(nodes: SyntaxNode[]): Stmt[] {
    const out: Stmt[] = [];
    for (const n of nodes) {
      if (n.name === 'StatementGroup') {
        out.push(...this.stmts(this.kids(n).filter((c) => c.name !== ';')));
      } else if (n.name !== ':' && n.name !== ';') {
        out.push(this.stmt(n));
      }
    }
    return out;
  }

  body(n: SyntaxNode | undefined): Stmt[] {
    if (!n) return [];
    return this.stmts(this.kids(n));
  }

  /** Splits children by comma tokens; returns [groups, sawComma]. */
  splitCommas(nodes: SyntaxNode[]): [SyntaxNode[][], boolean] {
    const groups: SyntaxNode[][] = [[]];
    let comma = false;
    for (const c of nodes) {
      if (c.name === ',') { comma = true; groups.push([]); }
      else groups[groups.length - 1]!.push(c);
    }
    if (groups[groups.length - 1]!.length === 0) groups.pop();
    return [groups, comma];
  }

  /** A comma list of expressions (no brackets) -> one expression or a tuple. */
  exprList(nodes: SyntaxNode[], whole: { from: number; to: number }): Expr {
    const [groups, comma] = this.splitCommas(nodes);
    for (const g of groups) if (g[0]?.name === '*') this.unsupported('starred expressions', g[0]);
    const elts = groups.map((g) => this.single(g));
    if (!comma && elts.length === 1) return elts[0]!;
    return { k: 'tuple', elts, ...this.pos(whole) };
  }

  single(g: SyntaxNode[]): Expr {
    if (g.length !== 1) {
      if (g.length === 0) this.syntax('invalid syntax', 0);
      this.syntax('invalid syntax', g[1]!.from);
    }
    return this.expr(g[0]!);
  }

  stmt(n: SyntaxNode): Stmt {
    const p = this.pos(n);
    const k = this.kids(n);
    const construct = UNSUPPORTED_NODES[n.name];
    if (construct) this.unsupported(construct, n);
    switch (n.name) {
      case 'ExpressionStatement':
        return { k: 'expr', value: this.exprList(k, n), ...p };
      case 'AssignStatement': {
        if (k.some((c) => c.name === 'TypeDef')) this.unsupported('annotations', k.find((c) => c.name === 'TypeDef')!);
        const segs: SyntaxNode[][] = [[]];
        for (const c of k) {
          if (c.name === 'AssignOp') segs.push([]);
          else segs[segs.length - 1]!.push(c);
        }
        const exprs = segs.map((s) => this.exprList(s, { from: s[0]!.from, to: s[s.length - 1]!.to }));
        const value = exprs.pop()!;
        for (const t of exprs) this.checkTarget(t, 'assign');
        return { k: 'assign', targets: exprs, value, ...p };
      }
      case 'UpdateStatement': {
        const opIdx = k.findIndex((c) => c.name === 'UpdateOp');
        const target = this.exprList(k.slice(0, opIdx), n);
        if (target.k === 'tuple') this.syntax("'tuple' is an illegal expression for augmented assignment", n.from);
        this.checkTarget(target, 'augassign');
        const op = this.text(k[opIdx]!).slice(0, -1) as BinOpName;
        if (op === '@') this.unsupported('@', k[opIdx]!);
        const rest = k.slice(opIdx + 1);
        return { k: 'augassign', target, op, value: this.exprList(rest, { from: rest[0]!.from, to: n.to }), ...p };
      }
      case 'DeleteStatement': {
        const [groups] = this.splitCommas(k.slice(1));
        const targets = groups.map((g) => this.single(g));
        for (const t of targets) this.checkTarget(t, 'del');
        return { k: 'del', targets, ...p };
      }
      case 'PassStatement':
        return { k: 'pass', ...p };
      case 'BreakStatement':
        return { k: 'break', ...p };
      case 'ContinueStatement':
        return { k: 'continue', ...p };
      case 'ReturnStatement': {
        const rest = k.slice(1);
        return rest.length ? { k: 'return', value: this.exprList(rest, { from: rest[0]!.from, to: n.to }), ...p } : { k: 'return', ...p };
      }
      case 'IfStatement': {
        // if test Body (elif test Body)* (else Body)?
        const clauses: { test?: Expr; body: Stmt[]; p: Pos }[] = [];
        for (let i = 0; i < k.length; i++) {
          const c = k[i]!;
          if (c.name === 'if' || c.name === 'elif') {
            clauses.push({ test: this.expr(k[i + 1]!), body: this.body(k[i + 2]), p: this.pos(c) });
            i += 2;
          } else if (c.name === 'else') {
            clauses.push({ body: this.body(k[i + 1]), p: this.pos(c) });
            i += 1;
          }
        }
        let orelse: Stmt[] = [];
        for (let i = clauses.length - 1; i >= 0; i--) {
          const c = clauses[i]!;
          if (!c.test) orelse = c.body;
          else if (i === 0) return { k: 'if', test: c.test, body: c.body, orelse, ...p };
          else orelse = [{ k: 'if', test: c.test, body: c.body, orelse, ...c.p, endLine: p.endLine, endCol: p.endCol }];
        }
        throw new Error('unreachable');
      }
      case 'WhileStatement': {
        const bodies = k.filter((c) => c.name === 'Body');
        return { k: 'while', test: this.expr(k[1]!), body: this.body(bodies[0]), orelse: this.body(bodies[1]), ...p };
      }
      case 'ForStatement': {
        if (k[0]!.name === 'async') this.unsupported('async for', n);
        const inIdx = k.findIndex((c) => c.name === 'in');
        const bodyIdx = k.findIndex((c) => c.name === 'Body');
        const tnodes = k.slice(1, inIdx);
        const target = this.exprList(tnodes, { from: tnodes[0]!.from, to: tnodes[tnodes.length - 1]!.to });
        this.checkTarget(target, 'for');
        const inodes = k.slice(inIdx + 1, bodyIdx);
        const iter = this.exprList(inodes, { from: inodes[0]!.from, to: inodes[inodes.length - 1]!.to });
        const bodies = k.filter((c) => c.name === 'Body');
        return { k: 'for', target, iter, body: this.body(bodies[0]), orelse: this.body(bodies[1]), ...p };
      }
      case 'FunctionDefinition': {
        if (k[0]!.name === 'async') this.unsupported('async def', n);
        const name = this.text(k.find((c) => c.name === 'VariableName')!);
        const tp = k.find((c) => c.name === 'TypeParamList');
        if (tp) this.unsupported('type parameters', tp);
        const td = k.find((c) => c.name === 'TypeDef');
        if (td) this.unsupported('annotations', td);
        const params = this.params(k.find((c) => c.name === 'ParamList')!);
        return { k: 'def', name, params, body: this.body(k.find((c) => c.name === 'Body')), ...p };
      }
      case 'ClassDefinition': {
        const name = this.text(k.find((c) => c.name === 'VariableName')!);
        const tp = k.find((c) => c.name === 'TypeParamList');
        if (tp) this.unsupported('type parameters', tp);
        const argList = k.find((c) => c.name === 'ArgList');
        let bases: Expr[] = [];
        if (argList) {
          const { args, keywords } = this.args(argList);
          if (keywords.length) this.unsupported('class keywords', argList);
          bases = args;
        }
        return { k: 'class', name, bases, body: this.body(k.find((c) => c.name === 'Body')), ...p };
      }
      case 'TryStatement': {
        let body: Stmt[] = [];
        const handlers: Handler[] = [];
        let orelse: Stmt[] = [];
        let finalbody: Stmt[] = [];
        for (let i = 0; i < k.length; i++) {
          const c = k[i]!;
          if (c.name === 'try') { body = this.body(k[++i]); }
          else if (c.name === 'except') {
            let j = i + 1;
            if (k[j]?.name === '*') this.unsupported('except*', k[j]!);
            const h: Handler = { body: [], ...this.pos(c) };
            const tnodes: SyntaxNode[] = [];
            while (j < k.length && k[j]!.name !== 'Body' && k[j]!.name !== 'as') tnodes.push(k[j++]!);
            if (tnodes.length) h.type = this.exprList(tnodes, { from: tnodes[0]!.from, to: tnodes[tnodes.length - 1]!.to });
            if (k[j]?.name === 'as') { h.name = this.text(k[j + 1]!); j += 2; }
            h.body = this.body(k[j]);
            handlers.push(h);
            i = j;
          } else if (c.name === 'else') { orelse = this.body(k[++i]); }
          else if (c.name === 'finally') { finalbody = this.body(k[++i]); }
        }
        return { k: 'try', body, handlers, orelse, finalbody, ...p };
      }
      case 'RaiseStatement': {
        const rest = k.slice(1);
        const fromIdx = rest.findIndex((c) => c.name === 'from');
        if (rest.length === 0) return { k: 'raise', ...p };
        if (fromIdx >= 0) {
          return { k: 'raise', exc: this.single(rest.slice(0, fromIdx)), cause: this.single(rest.slice(fromIdx + 1)), ...p };
        }
        return { k: 'raise', exc: this.exprList(rest, { from: rest[0]!.from, to: n.to }), ...p };
      }
      case 'ScopeStatement': {
        if (k[0]!.name === 'nonlocal') this.unsupported('nonlocal', n);
        return { k: 'global', names: k.filter((c) => c.name === 'VariableName').map((c) => this.text(c)), ...p };
      }
      case 'ImportStatement':
        return this.importStmt(n, k, p);
      case 'AssertStatement': {
        const [groups] = this.splitCommas(k.slice(1));
        return { k: 'assert', test: this.single(groups[0]!), msg: groups[1] ? this.single(groups[1]) : undefined, ...p };
      }
      case 'PrintStatement':
        this.syntax("Missing parentheses in call to 'print'. Did you mean print(...)?", n.from);
      default:
        this.unsupported(n.name.replace(/Statement$/, '').toLowerCase() || n.name, n);
    }
  }

  importStmt(n: SyntaxNode, k: SyntaxNode[], p: Pos): Stmt {
    const names: { name: string; asname?: string }[] = [];
    const readNames = (nodes: SyntaxNode[]) => {
      const [groups] = this.splitCommas(nodes.filter((c) => c.name !== '(' && c.name !== ')'));
      for (const g of groups) {
        const asIdx = g.findIndex((c) => c.name === 'as');
        const nameNodes = asIdx >= 0 ? g.slice(0, asIdx) : g;
        const name = nameNodes.map((c) => this.text(c)).join('');
        names.push(asIdx >= 0 ? { name, asname: this.text(g[asIdx + 1]!) } : { name });
      }
    };
    if (k[0]!.name === 'from') {
      const impIdx = k.findIndex((c) => c.name === 'import');
      const module = k.slice(1, impIdx).map((c) => this.text(c)).join('');
      if (!ALLOWED_MODULES.has(module)) this.unsupported(`from ${module} import`, n);
      if (k[impIdx + 1]?.name === '*') this.unsupported(`from ${module} import *`, n);
      readNames(k.slice(impIdx + 1));
      return { k: 'importfrom', module, names, ...p };
    }
    readNames(k.slice(1));
    for (const nm of names) if (!ALLOWED_MODULES.has(nm.name)) this.unsupported(`import ${nm.name}`, n);
    return { k: 'import', names, ...p };
  }

  params(n: SyntaxNode): Param[] {
    const k = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
    const [groups] = this.splitCommas(k);
    const out: Param[] = [];
    let sawDefault = false;
    for (const g of groups) {
      const first = g[0]!;
      if (first.name === '*' || first.name === '**') this.unsupported(first.name === '*' ? '*args' : '**kwargs', first);
      if (first.name === '/') this.unsupported('positional-only parameters', first);
      if (g.some((c) => c.name === 'TypeDef')) this.unsupported('annotations', g.find((c) => c.name === 'TypeDef')!);
      const name = this.text(first);
      if (g[1]?.name === 'AssignOp') {
        out.push({ name, default: this.expr(g[2]!) });
        sawDefault = true;
      } else {
        if (sawDefault) this.syntax('non-default argument follows default argument', first.from);
        out.push({ name });
      }
      if (out.filter((q) => q.name === name).length > 1) {
        this.syntax(`duplicate argument '${name}' in function definition`, first.from);
      }
    }
    return out;
  }

  args(n: SyntaxNode): { args: Expr[]; keywords: Keyword[] } {
    const k = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
    if (k.some((c) => c.name === 'for')) this.unsupported('generator expressions', n);
    const [groups] = this.splitCommas(k);
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    for (const g of groups) {
      const first = g[0]!;
      if (first.name === '*') this.unsupported('*args in calls', first);
      if (first.name === '**') this.unsupported('**kwargs in calls', first);
      if (g[1]?.name === 'AssignOp') {
        keywords.push({ name: this.text(first), value: this.expr(g[2]!) });
      } else {
        if (keywords.length) this.syntax('positional argument follows keyword argument', first.from);
        args.push(this.single(g));
      }
    }
    return { args, keywords };
  }

  checkTarget(t: Expr, ctx: 'assign' | 'augassign' | 'del' | 'for'): void {
    if (t.k === 'name' || t.k === 'attr' || t.k === 'subscript') return;
    if ((t.k === 'tuple' || t.k === 'list') && ctx !== 'augassign') {
      for (const e of t.elts) this.checkTarget(e, ctx);
      return;
    }
    const what: Record<string, string> = {
      const: 'literal', call: 'function call', binop: 'expression', compare: 'comparison', boolop: 'expression',
      unary: 'expression', fstring: 'f-string expression', ifexp: 'conditional expression', lambda: 'lambda',
      dict: 'dict literal', set: 'set display', listcomp: 'list comprehension', list: 'list', tuple: 'tuple',
    };
    const verb = ctx === 'del' ? 'delete' : 'assign to';
    const name = what[t.k] ?? 'expression';
    const lineStart = this.lineStarts[t.line - 1]!;
    this.syntax(`cannot ${verb} ${name}${ctx === 'del' ? '' : " here. Maybe you meant '==' instead of '='?"}`.replace(
      / here\. Maybe you meant '==' instead of '='\?/, ctx === 'assign' && t.k !== 'call' && t.k !== 'const' ? " here. Maybe you meant '==' instead of '='?" : ''), lineStart + t.col);
  }

  expr(n: SyntaxNode): Expr {
    const p = this.pos(n);
    const construct = UNSUPPORTED_NODES[n.name];
    if (construct) this.unsupported(construct, n);
    switch (n.name) {
      case 'VariableName':
        return { k: 'name', id: this.text(n), ...p };
      case 'Number': {
        const c = parseNumber(this.text(n));
        if (!c) this.unsupported('complex numbers', n);
        return { k: 'const', c, ...p };
      }
      case 'Boolean':
        return { k: 'const', c: { t: 'bool', v: this.text(n) === 'True' }, ...p };
      case 'None':
        return { k: 'const', c: { t: 'none' }, ...p };
      case 'String':
        return { k: 'const', c: this.stringConst(n), ...p };
      case 'FormatString':
        return { k: 'fstring', parts: this.fparts(n), ...p };
      case 'ContinuedString': {
        const parts = this.kids(n);
        if (parts.every((c) => c.name === 'String')) {
          const cs = parts.map((c) => this.stringConst(c));
          const isBytes = cs[0]!.t === 'bytes';
          if (cs.some((c) => (c.t === 'bytes') !== isBytes)) this.syntax('cannot mix bytes and nonbytes literals', n.from);
          return { k: 'const', c: { t: isBytes ? 'bytes' : 'str', v: cs.map((c) => (c as { v: string }).v).join('') }, ...p };
        }
        const fparts: FPart[] = [];
        for (const c of parts) {
          if (c.name === 'String') {
            const sc = this.stringConst(c);
            if (sc.t === 'bytes') this.syntax('cannot mix bytes and nonbytes literals', n.from);
            fparts.push({ lit: (sc as { v: string }).v });
          } else fparts.push(...this.fparts(c));
        }
        return { k: 'fstring', parts: fparts, ...p };
      }
      case 'ParenthesizedExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        const e = { ...this.single(inner), ...p } as Expr;
        this.parenCache.add(e);
        return e;
      }
      case 'TupleExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        const [groups] = this.splitCommas(inner);
        for (const g of groups) if (g[0]?.name === '*') this.unsupported('starred expressions', g[0]);
        return { k: 'tuple', elts: groups.map((g) => this.single(g)), ...p };
      }
      case 'ArrayExpression':
      case 'SetExpression': {
        const inner = this.kids(n).filter((c) => !['[', ']', '{', '}'].includes(c.name));
        const [groups] = this.splitCommas(inner);
        for (const g of groups) if (g[0]?.name === '*') this.unsupported('starred expressions', g[0]);
        return { k: n.name === 'ArrayExpression' ? 'list' : 'set', elts: groups.map((g) => this.single(g)), ...p };
      }
      case 'DictionaryExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '{' && c.name !== '}');
        const [groups] = this.splitCommas(inner);
        const keys: (Expr | null)[] = [];
        const values: Expr[] = [];
        for (const g of groups) {
          if (g[0]?.name === '**') {
            keys.push(null); // `**mapping`, as ast.Dict writes it
            values.push(this.single(g.slice(1)));
            continue;
          }
          const ci = g.findIndex((c) => c.name === ':');
          keys.push(this.single(g.slice(0, ci)));
          values.push(this.single(g.slice(ci + 1)));
        }
        return { k: 'dict', keys, values, ...p };
      }
      case 'ArrayComprehensionExpression':
        return this.listcomp(n, p);
      case 'CallExpression': {
        const k = this.kids(n);
        const { args, keywords } = this.args(k[1]!);
        return { k: 'call', func: this.expr(k[0]!), args, keywords, ...p };
      }
      case 'MemberExpression': {
        const k = this.kids(n);
        const value = this.expr(k[0]!);
        if (k[1]!.name === '.') return { k: 'attr', value, attr: this.text(k[2]!), ...p };
        const inner = k.slice(2, -1);
        return { k: 'subscript', value, index: this.subscriptIndex(inner, n), ...p };
      }
      case 'UnaryExpression': {
        const k = this.kids(n);
        const opText = this.text(k[0]!);
        const operand = this.expr(k[1]!);
        if (opText === 'not') return this.fixNot(operand, p);
        return { k: 'unary', op: opText as '-' | '+' | '~', operand, ...p };
      }
      case 'BinaryExpression':
        return this.binary(n, p);
      case 'ConditionalExpression': {
        const k = this.kids(n);
        const ifIdx = k.findIndex((c) => c.name === 'if');
        const elseIdx = k.findIndex((c) => c.name === 'else');
        return {
          k: 'ifexp',
          body: this.single(k.slice(0, ifIdx)),
          test: this.single(k.slice(ifIdx + 1, elseIdx)),
          orelse: this.single(k.slice(elseIdx + 1)),
          ...p,
        };
      }
      case 'LambdaExpression': {
        const k = this.kids(n);
        const pl = k.find((c) => c.name === 'ParamList');
        const params = pl ? this.params(pl) : [];
        return { k: 'lambda', params, body: this.expr(k[k.length - 1]!), ...p };
      }
      default:
        this.unsupported(n.name.replace(/Expression$/, ' expressions').toLowerCase(), n);
    }
  }

  /** lezer parses `not a and b` as `not (a and b)`; Python binds `not` tighter than and/or. */
  fixNot(operand: Expr, p: Pos): Expr {
    if (operand.k === 'boolop' && !this.isParenthesized(operand)) {
      const [first, ...rest] = operand.values;
      return { ...operand, values: [this.fixNot(first!, { ...p, endLine: first!.endLine, endCol: first!.endCol }), ...rest], line: p.line, col: p.col };
    }
    return { k: 'unary', op: 'not', operand, ...p };
  }
  private parenCache = new Set<Expr>();
  isParenthesized(e: Expr): boolean {
    return this.parenCache.has(e);
  }

  subscriptIndex(inner: SyntaxNode[], whole: SyntaxNode): Expr {
    const [groups, comma] = this.splitCommas(inner);
    const items = groups.map((g) => {
      if (!g.some((c) => c.name === ':')) return this.single(g);
      const parts: SyntaxNode[][] = [[]];
      for (const c of g) {
        if (c.name === ':') parts.push([]);
        else parts[parts.length - 1]!.push(c);
      }
      const get = (i: number) => (parts[i] && parts[i]!.length ? this.single(parts[i]!) : undefined);
      const from = g[0]!.from;
      const to = g[g.length - 1]!.to;
      return { k: 'slice', lower: get(0), upper: get(1), step: get(2), ...this.pos({ from, to }) } as Expr;
    });
    if (!comma && items.length === 1) return items[0]!;
    return { k: 'tuple', elts: items, ...this.pos({ from: inner[0]!.from, to: inner[inner.length - 1]!.to }) };
    void whole;
  }

  binary(n: SyntaxNode, p: Pos): Expr {
    const k = this.kids(n);
    const left = this.expr(k[0]!);
    const right = this.expr(k[k.length - 1]!);
    const opText = k.slice(1, -1).map((c) => this.text(c)).join(' ');
    if (opText === 'and' || opText === 'or') {
      const values = left.k === 'boolop' && left.op === opText && !this.parenCache.has(left) ? [...left.values, right] : [left, right];
      const e: Expr = { k: 'boolop', op: opText, values, ...p };
      return e;
    }
    const cmp = ['<', '<=', '>', '>=', '==', '!=', 'is', 'is not', 'in', 'not in'];
    if (cmp.includes(opText) || opText === '<>') {
      if (opText === '<>') this.syntax('invalid syntax', k[1]!.from);
      const op = opText as CmpOpName;
      if (left.k === 'compare' && k[0]!.name !== 'ParenthesizedExpression') {
        return { k: 'compare', left: left.left, ops: [...left.ops, op], comparators: [...left.comparators, right], ...p };
      }
      return { k: 'compare', left, ops: [op], comparators: [right], ...p };
    }
    if (opText === '@') this.unsupported('@', k[1]!);
    return { k: 'binop', op: opText as BinOpName, left, right, ...p };
  }

  listcomp(n: SyntaxNode, p: Pos): Expr {
    const k = this.kids(n).filter((c) => c.name !== '[' && c.name !== ']');
    const forIdx = k.findIndex((c) => c.name === 'for');
    if (k.some((c) => c.name === 'async')) this.unsupported('async comprehensions', n);
    const elt = this.single(k.slice(0, forIdx));
    const gens: Comprehension[] = [];
    let i = forIdx;
    while (i < k.length) {
      // for targets in iter (if cond)*
      const inIdx = k.findIndex((c, j) => j > i && c.name === 'in');
      const tnodes = k.slice(i + 1, inIdx);
      const target = this.exprList(tnodes, { from: tnodes[0]!.from, to: tnodes[tnodes.length - 1]!.to });
      this.checkTarget(target, 'for');
      let j = inIdx + 1;
      const iter = this.expr(k[j++]!);
      const ifs: Expr[] = [];
      while (k[j]?.name === 'if') { ifs.push(this.expr(k[j + 1]!)); j += 2; }
      gens.push({ target, iter, ifs });
      i = j;
    }
    return { k: 'listcomp', elt, gens, ...p };
  }

  stringConst(n: SyntaxNode): Const {
    const r = decodeStringLiteral(this.text(n));
    if ('error' in r) this.syntax(r.error, n.from);
    return r.bytes ? { t: 'bytes', v: r.value } : { t: 'str', v: r.value };
  }

  /** f-string: literal text between FormatReplacement children, with escapes decoded. */
  fparts(n: SyntaxNode): FPart[] {
    const text = this.text(n);
    const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text)!;
    const prefix = m[1]!.toLowerCase();
    const raw = prefix.includes('r');
    const q = m[2]!;
    const start = n.from + m[0].length;
    const end = n.to - q.length;
    return this.fpartsRange(n, start, end, raw);
  }

  fpartsRange(n: SyntaxNode, start: number, end: number, raw: boolean): FPart[] {
    const parts: FPart[] = [];
    let cursor = start;
    const pushLit = (to: number) => {
      if (to <= cursor) return;
      let s = this.src.slice(cursor, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      if (!raw) {
        const r = decodeStringLiteral(`"${s.replace(/"/g, '\\"')}"`);
        if ('error' in r) this.syntax(r.error, cursor);
        s = r.value;
      }
      parts.push({ lit: s });
    };
    for (const c of this.kids(n)) {
      if (c.name !== 'FormatReplacement') continue;
      if (c.from < start || c.to > end) continue;
      pushLit(c.from);
      parts.push(this.freplacement(c, raw));
      cursor = c.to;
    }
    pushLit(end);
    return parts;
  }

  freplacement(c: SyntaxNode, raw: boolean): FPart {
    const k = this.kids(c).filter((x) => x.name !== '{' && x.name !== '}');
    if (k.some((x) => x.name === 'FormatSelfDoc')) this.unsupported('= in f-strings', c);
    const conv = k.find((x) => x.name === 'FormatConversion');
    const spec = k.find((x) => x.name === 'FormatSpec');
    const exprNodes = k.filter((x) => x !== conv && x !== spec);
    const part: FPart = { expr: this.exprList(exprNodes, { from: exprNodes[0]!.from, to: exprNodes[exprNodes.length - 1]!.to }) };
    if (conv) part.conv = this.text(conv).slice(1) as 'r' | 's' | 'a';
    if (spec) part.spec = this.fpartsRange(spec, spec.from + 1, spec.to, raw);
    return part;
  }
}

/** Parses a program of the subset. Throws UnsupportedError or PySyntaxError. */
export function parseProgram(source: string, filename = '<string>'): Module {
  return simpleModule(source, filename) ?? parseWithLezer(source, filename);
}

/** parseProgram without the gesture fast path (parse-simple.ts): what the fast path must agree with. */
export function parseWithLezer(source: string, filename = '<string>'): Module {
  const tree = parser.parse(source);
  const conv = new Converter(source, filename);
  return conv.module(tree.topNode);
}

/** The text of one line of a program (for tracebacks). */
export function sourceLine(source: string, line: number): string {
  return source.split('\n')[line - 1]?.replace(/\r$/, '') ?? '';
}
