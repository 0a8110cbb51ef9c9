// A conservative scan of the names a program binds, used to check that view positions name objects the
// program creates. Conservative means it may list too many names, never too few: a file is only rejected
// when no statement could possibly bind the name. It is a text scan, not a parser: strings and comments
// are blanked, then every name that could be an assignment target (left of `=`, `:=`, `+=`...), a `for`
// target, an `as` name, an import, a def or a class is collected. Programs that bind names dynamically
// (`from m import *`, exec, globals()...) switch the check off.

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;
const NAME_AT_START = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u;
const DYNAMIC = /\bimport\s*\*|\b(?:exec|eval|globals|locals|vars|__dict__|__builtins__|__import__|modules)\b/;

export interface BoundNames {
  names: Set<string>;
  /** True when some statement may bind names the scan cannot see. */
  dynamic: boolean;
}

/** The Python name a handle starts with: `a` for `a`, `a[0]`, `a.child`. */
export function handleRoot(handle: string): string | null {
  const m = NAME_AT_START.exec(handle);
  return m ? m[0] : null;
}

/** Replaces string literals and comments by blanks, keeping line structure and brackets outside strings. */
export function blankStringsAndComments(src: string): string {
  if (!/["'#]/.test(src)) return src;
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = src.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      while (i < n) {
        if (src[i] === '\\') {
          i += 2;
          continue;
        }
        if (src.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        if (!triple && src[i] === '\n') break; // unterminated one-line string: stop at the line end
        if (src[i] === '\n') out += '\n';
        i++;
      }
      out += ' 0 ';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Joins lines continued inside brackets or by a backslash, then splits on newlines and semicolons. */
function logicalLines(code: string): string[] {
  if (!/[\n;\\]/.test(code)) return [code];
  let joined = '';
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    if (c === '\\' && code[i + 1] === '\n') {
      joined += ' ';
      i++;
      continue;
    }
    joined += c === '\n' && depth > 0 ? ' ' : c;
  }
  return joined.split(/[\n;]/);
}

/** True when the name starting at `at` follows a dot (an attribute, not a bound name). */
function isAttribute(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '.';
}

function addNames(text: string, into: Set<string>, skipAttributes: boolean): void {
  for (const m of text.matchAll(NAME)) {
    if (skipAttributes && isAttribute(text, m.index!)) continue;
    into.add(m[0]);
  }
}

const SIMPLE_TARGET = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const AS_TARGET = /\bas\s+(\([^()]{0,500}\)|\[[^[\]]{0,500}\]|[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)/gu;

/** Names between each `for` and the next `in` (one pass: a slice never holds another `for`). */
function addForTargets(line: string, into: Set<string>): void {
  const fors = [...line.matchAll(/\bfor\b/g)].map((m) => m.index!);
  const ins = [...line.matchAll(/\bin\b/g)].map((m) => m.index!);
  let k = 0;
  fors.forEach((at, j) => {
    const start = at + 3;
    while (k < ins.length && ins[k]! < start) k++;
    const end = ins[k];
    const nextFor = fors[j + 1];
    if (end !== undefined && (nextFor === undefined || end < nextFor)) addNames(line.slice(start, end), into, true);
  });
}

/** Offset just after the last assignment operator in a line, or -1 (`==`, `<=`, `>=`, `!=` are not). */
function lastAssignment(line: string): number {
  for (let i = line.length - 1; i >= 0; i--) {
    if (line[i] !== '=') continue;
    const before = line[i - 1];
    const after = line[i + 1];
    if (after === '=') continue;
    if (before === '=' || before === '!' || ((before === '<' || before === '>') && line[i - 2] !== before)) continue;
    return i;
  }
  return -1;
}

export function scanBoundNames(statements: Iterable<string>): BoundNames {
  const names = new Set<string>();
  let dynamic = false;
  for (const statement of statements) {
    const code = blankStringsAndComments(statement);
    if (DYNAMIC.test(code)) dynamic = true;
    for (const line of logicalLines(code)) {
      const eq = lastAssignment(line);
      if (eq >= 0) {
        const lhs = line.slice(0, eq);
        const simple = SIMPLE_TARGET.exec(lhs); // `name =`, by far the most common statement: skip the general scan
        if (simple) names.add(simple[1]!);
        else addNames(lhs, names, true);
      }
      // The keyword tests are cheap filters: most statements contain none of these words. Every pattern
      // is linear in the line, so a hostile million-character statement cannot stall loading.
      if (line.includes('def') || line.includes('class')) {
        for (const m of line.matchAll(/\b(?:def|class)\s+([^\s(:]+)/gu)) addNames(m[1]!, names, false);
      }
      if (line.includes('as')) for (const m of line.matchAll(AS_TARGET)) addNames(m[1]!, names, false);
      if (line.includes('for')) addForTargets(line, names);
      if (line.includes('import')) {
        const imp = /^\s*import\s+(.+)$/u.exec(line);
        if (imp) for (const part of imp[1]!.split(',')) addNames(part.split('.')[0]!, names, false);
        const from = /^\s*from\s+\S+\s+import\s+(.+)$/u.exec(line);
        if (from) addNames(from[1]!, names, false);
      }
    }
  }
  return { names, dynamic };
}
