// Canvas gestures as Python statements. The spine of the lab is that a session is a program: every gesture
// becomes exactly one statement, run through the contract's exec, so the console shows it and undo replays it.
// Pure functions (no engine, no DOM), kept in the renderer because the renderer never imports src-main.

/** What the palette can create. */
export type PaletteKind =
  | 'list' | 'dict' | 'tuple' | 'set' | 'instance' | 'int' | 'str' | 'float' | 'bytes' | 'None' | 'weakref';

export const PALETTE_KINDS: readonly PaletteKind[] = [
  'list', 'dict', 'tuple', 'set', 'instance', 'int', 'str', 'float', 'bytes', 'None', 'weakref',
];

export interface CreateOptions {
  /** The name to bind (obj<N> when the user gave none). */
  name: string;
  /** Class name for 'instance' (the class must exist; see classStatement). */
  className?: string;
  /** Literal source for atoms ('1000', "'hello'", '1.5', "b'ab'"). */
  literal?: string;
  /** Names of the items of a tuple, or the referent of a weakref. */
  items?: string[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export function isIdentifier(s: string): boolean {
  return IDENT.test(s) && !KEYWORDS.has(s);
}

/** Default literal per atom kind: values outside CPython's caches, so each creation is a new object. */
export const DEFAULT_LITERALS: Partial<Record<PaletteKind, string>> = {
  int: '1000',
  str: "'text'",
  float: '1.5',
  bytes: "b'data'",
};

/** `obj3 = []` and friends. */
export function createStatement(kind: PaletteKind, o: CreateOptions): string {
  const rhs = ((): string => {
    switch (kind) {
      case 'list': return '[]';
      case 'dict': return '{}';
      case 'set': return 'set()';
      case 'tuple': {
        const items = o.items ?? [];
        return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
      }
      case 'instance': return `${o.className ?? 'Node'}()`;
      case 'None': return 'None';
      case 'weakref': return `weakref.ref(${(o.items ?? [])[0] ?? 'None'})`;
      default: return o.literal ?? DEFAULT_LITERALS[kind] ?? 'None';
    }
  })();
  return `${o.name} = ${rhs}`;
}

/** The class statement a new instance kind needs (one gesture: naming a class). */
export function classStatement(className: string, withDel: boolean): string {
  if (!withDel) return `class ${className}:\n    pass`;
  return `class ${className}:\n    def __del__(self):\n        print('__del__', type(self).__name__, id(self))`;
}

/** Kinds of container a reference can be drawn from, and how the UI asks for its detail. */
export type RefGesture =
  | { source: 'list' }
  | { source: 'dict'; key: string }
  | { source: 'set' }
  | { source: 'attr'; attr: string };

/** What the UI must ask before it can write the reference statement for a source kind (null: cannot). */
export function refPrompt(sourceKind: string): RefGesture['source'] | null {
  switch (sourceKind) {
    case 'list': return 'list';
    case 'dict': return 'dict';
    case 'set': return 'set';
    case 'instance': case 'function': case 'class': case 'module': return 'attr';
    default: return null; // tuples are immutable, atoms hold nothing: the UI explains instead
  }
}

/** A Python source for a dict key the user typed: an int stays an int, anything else becomes a str literal. */
export function keyLiteral(typed: string): string {
  const t = typed.trim();
  if (/^-?\d+$/.test(t)) return t;
  if (/^(['"]).*\1$/.test(t)) return t;
  return pyStr(t);
}

export function pyStr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `a.append(b)`, `a['k'] = b`, `a.add(b)`, `a.attr = b`. */
export function addRefStatement(source: string, target: string, g: RefGesture): string {
  switch (g.source) {
    case 'list': return `${source}.append(${target})`;
    case 'dict': return `${source}[${keyLiteral(g.key)}] = ${target}`;
    case 'set': return `${source}.add(${target})`;
    case 'attr': return `${source}.${g.attr} = ${target}`;
  }
}

/** Deleting the reference an edge shows: by list position, dict key, attribute, set member. */
export function deleteRefStatement(
  source: string,
  edge: { kind: string; index?: number; key?: string },
  target: string,
): string | null {
  switch (edge.kind) {
    case 'item': return edge.index === undefined ? null : `del ${source}[${edge.index}]`;
    case 'value': case 'key': return edge.key === undefined ? null : `del ${source}[${edge.key}]`;
    case 'attr': case 'slot': return edge.key === undefined ? null : `del ${source}.${edge.key}`;
    case 'member': return `${source}.discard(${target})`;
    default: return null;
  }
}

export function deleteNameStatement(name: string): string {
  return `del ${name}`;
}

/**
 * Deleting a global name. Inside a function frame `del g` alone would make g a local of the function (an
 * UnboundLocalError), so it is declared global first, as one would write it in the function.
 */
export function deleteGlobalStatement(name: string, inFunction: boolean): string {
  return inFunction ? `global ${name}\ndel ${name}` : `del ${name}`;
}

export function bindNameStatement(name: string, targetExpr: string): string {
  return `${name} = ${targetExpr}`;
}

/** The open frame a statement goes to (the innermost one); see SnapFrame. */
export interface FrameTarget {
  function: string;
  indent?: string;
  headerIndent?: string;
  empty?: boolean;
}

/**
 * A statement as the program records it while frames are open: every line indented as the innermost frame's
 * body, so the joined program is the function's body (`    x = []`). Outside frames it is unchanged.
 */
export function inFrame(statement: string, frame: FrameTarget | undefined): string {
  if (!frame?.indent) return statement;
  return statement.split('\n').map((l) => (l.trim() ? frame.indent + l : l)).join('\n');
}

/** "Call function": `def f1():`, at the indentation of the frame it is called from (a nested def inside one). */
export function callStatement(name: string, frame: FrameTarget | undefined): string {
  return `${frame?.indent ?? ''}def ${name}():`;
}

/**
 * "Return": the call `f1()` at the header's indentation, which finishes the call the header started. A body
 * with no statement yet gets `pass` first (a def without a body is an IndentationError).
 */
export function returnStatement(frame: FrameTarget): string {
  const call = `${frame.headerIndent ?? ''}${frame.function}()`;
  return frame.empty ? `${frame.indent ?? '    '}pass\n${call}` : call;
}

/** First free `f<N>` for a new function, given the names in use. */
export function nextFunctionName(used: Iterable<string>): string {
  const taken = new Set(used);
  let n = 1;
  while (taken.has(`f${n}`)) n++;
  return `f${n}`;
}

export function collectStatement(generation: 0 | 1 | 2): string {
  return `gc.collect(${generation})`;
}

/** First free `obj<N>` given the names in use; N counts up so names stay readable and unique. */
export function nextObjName(used: Iterable<string>): string {
  const taken = new Set(used);
  let n = 1;
  for (const u of taken) {
    const m = /^obj(\d+)$/.exec(u);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  while (taken.has(`obj${n}`)) n++;
  return `obj${n}`;
}

/** Prefix an import the statement needs when the program has not made it yet. */
export function withImports(program: string, statement: string): string {
  const need: string[] = [];
  for (const mod of ['gc', 'weakref', 'sys']) {
    const uses = new RegExp(`\\b${mod}\\.`).test(statement);
    const has = new RegExp(`^\\s*import\\s+(?:[\\w, ]*\\b)?${mod}\\b`, 'm').test(program);
    if (uses && !has) need.push(`import ${mod}`);
  }
  return need.length ? `${need.join('\n')}\n${statement}` : statement;
}
