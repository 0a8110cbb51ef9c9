// The typed AST of the Python subset GC Lab runs. Produced from the lezer tree by parse.ts;
// compiled to closures by compile.ts. Positions are CPython's: line 1-based, col 0-based (UTF-8 not modelled).

export interface Pos {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type Const =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: string }
  | { t: 'none' }
  | { t: 'bool'; v: boolean };

export type BinOpName = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^' | '@';
export type CmpOpName = '<' | '<=' | '>' | '>=' | '==' | '!=' | 'is' | 'is not' | 'in' | 'not in';

export interface Keyword {
  name: string;
  value: Expr;
}

export interface FPart {
  lit?: string;
  expr?: Expr;
  conv?: 'r' | 's' | 'a';
  spec?: FPart[];
}

export type Expr = Pos &
  (
    | { k: 'const'; c: Const }
    | { k: 'name'; id: string }
    | { k: 'list'; elts: Expr[] }
    | { k: 'tuple'; elts: Expr[] }
    | { k: 'set'; elts: Expr[] }
    /** A null key: `**values[i]` is merged in (DICT_UPDATE; 3.8 BUILD_MAP_UNPACK). */
    | { k: 'dict'; keys: (Expr | null)[]; values: Expr[] }
    | { k: 'listcomp'; elt: Expr; gens: Comprehension[] }
    | { k: 'attr'; value: Expr; attr: string }
    | { k: 'subscript'; value: Expr; index: Expr }
    | { k: 'slice'; lower?: Expr; upper?: Expr; step?: Expr }
    | { k: 'call'; func: Expr; args: Expr[]; keywords: Keyword[] }
    | { k: 'binop'; op: BinOpName; left: Expr; right: Expr }
    | { k: 'unary'; op: '-' | '+' | '~' | 'not'; operand: Expr }
    | { k: 'compare'; left: Expr; ops: CmpOpName[]; comparators: Expr[] }
    | { k: 'boolop'; op: 'and' | 'or'; values: Expr[] }
    | { k: 'ifexp'; test: Expr; body: Expr; orelse: Expr }
    | { k: 'fstring'; parts: FPart[] }
    | { k: 'lambda'; params: Param[]; body: Expr }
  );

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Param {
  name: string;
  default?: Expr;
}

export interface Handler extends Pos {
  type?: Expr;
  name?: string;
  body: Stmt[];
}

export type Stmt = Pos &
  (
    | { k: 'expr'; value: Expr }
    | { k: 'assign'; targets: Expr[]; value: Expr }
    | { k: 'augassign'; target: Expr; op: BinOpName; value: Expr }
    | { k: 'del'; targets: Expr[] }
    | { k: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { k: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[] }
    | { k: 'for'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
    | { k: 'break' }
    | { k: 'continue' }
    | { k: 'pass' }
    | { k: 'return'; value?: Expr }
    | { k: 'def'; name: string; params: Param[]; body: Stmt[] }
    | { k: 'class'; name: string; bases: Expr[]; body: Stmt[] }
    | { k: 'try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; finalbody: Stmt[] }
    | { k: 'raise'; exc?: Expr; cause?: Expr }
    | { k: 'global'; names: string[] }
    | { k: 'import'; names: { name: string; asname?: string }[] }
    | { k: 'importfrom'; module: string; names: { name: string; asname?: string }[] }
    | { k: 'assert'; test: Expr; msg?: Expr }
  );

export interface Module {
  body: Stmt[];
  source: string;
  filename: string;
}
