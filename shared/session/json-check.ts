// A strict JSON syntax check that runs before JSON.parse, for two reasons:
// - JSON.parse's messages differ between engines and often give no position; users need line and column;
// - nesting depth must be bounded before a recursive parser (or our validators) sees the data.
// It is iterative (no recursion), linear in the text, and stops at the first error.

import type { PathSegment } from './json-path';

export interface JsonSyntaxError {
  message: string;
  /** 0-based offset in the text. */
  offset: number;
  /** 1-based line and column (column counts UTF-16 code units). */
  line: number;
  column: number;
  /** Where in the document the error sits, as far as it was read. */
  path: PathSegment[];
}

const enum Kind {
  Object,
  Array,
}

interface Frame {
  kind: Kind;
  index: number;
  keyStart: number;
  keyEnd: number;
}

const enum Next {
  Value,
  Key,
  After,
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const cp = text.codePointAt(i)!;
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(cp));
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

// Scanners return the offset after what they read, or -1 with the problem in `scanError`/`scanErrorAt`.
// (Plain functions with a local index: closures over a shared mutable index are several times slower.)
let scanError = '';
let scanErrorAt = 0;

function scanFail(message: string, at: number): number {
  scanError = message;
  scanErrorAt = at;
  return -1;
}

function skipWs(text: string, i: number): number {
  const n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** `i` is at the opening quote. */
function scanString(text: string, i: number): number {
  const start = i;
  const n = text.length;
  i++;
  for (;;) {
    if (i >= n) return scanFail('unterminated string (it starts here and never closes)', start);
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(text.charCodeAt(i + k))) return scanFail('invalid \\u escape in string (needs 4 hex digits)', i);
        }
        i += 6;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
      } else {
        return scanFail(`invalid escape ${describe(text, i + 1)} in string`, i);
      }
      continue;
    }
    if (c < 0x20) return scanFail(`${describe(text, i)} inside a string (write it as an escape)`, i);
    i++;
  }
}

function scanNumber(text: string, i: number): number {
  const start = i;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return scanFail('invalid number', start);
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return scanFail('invalid number (digits must follow the decimal point)', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return scanFail('invalid number (digits must follow the exponent)', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** Returns null when `text` is one valid JSON value nested at most `maxDepth` deep. */
export function checkJsonText(text: string, maxDepth: number): JsonSyntaxError | null {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;

  const fail = (message: string, at: number): JsonSyntaxError => {
    const path: PathSegment[] = [];
    for (const f of stack) {
      if (f.kind === Kind.Array) path.push(f.index);
      else if (f.keyEnd > f.keyStart) {
        try {
          path.push(JSON.parse(text.slice(f.keyStart, f.keyEnd)) as string);
        } catch {
          break;
        }
      } else break;
    }
    return { message, offset: at, ...lineColumn(text, at), path };
  };

  let next = Next.Value;
  i = skipWs(text, i);
  for (;;) {
    if (next === Next.Value) {
      if (i >= n) return fail('unexpected end of the file where a value was expected', i);
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        if (stack.length >= maxDepth) return fail(`nested deeper than ${maxDepth} levels`, i);
        const kind = c === 0x7b ? Kind.Object : Kind.Array;
        stack.push({ kind, index: 0, keyStart: 0, keyEnd: 0 });
        i = skipWs(text, i + 1);
        if (text.charCodeAt(i) === (kind === Kind.Object ? 0x7d : 0x5d)) {
          stack.pop();
          i++;
          next = Next.After;
        } else next = kind === Kind.Object ? Next.Key : Next.Value;
        continue;
      }
      if (c === 0x22) i = scanString(text, i);
      else if (c === 0x2d || isDigit(c)) i = scanNumber(text, i);
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return fail(`unexpected ${describe(text, i)} where a value was expected`, i);
      if (i < 0) return fail(scanError, scanErrorAt);
      next = Next.After;
      continue;
    }
    if (next === Next.Key) {
      i = skipWs(text, i);
      const top = stack[stack.length - 1]!;
      if (text.charCodeAt(i) !== 0x22) return fail(`expected a property name in double quotes, found ${describe(text, i)}`, i);
      const keyStart = i;
      i = scanString(text, i);
      if (i < 0) return fail(scanError, scanErrorAt);
      top.keyStart = keyStart;
      top.keyEnd = i;
      i = skipWs(text, i);
      if (text.charCodeAt(i) !== 0x3a) return fail(`expected ':' after the property name, found ${describe(text, i)}`, i);
      i = skipWs(text, i + 1);
      next = Next.Value;
      continue;
    }
    // Next.After: a value just ended.
    i = skipWs(text, i);
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < n) return fail(`unexpected ${describe(text, i)} after the end of the JSON value`, i);
      return null;
    }
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i = skipWs(text, i + 1);
      if (top.kind === Kind.Object) {
        top.keyStart = top.keyEnd = 0;
        next = Next.Key;
      } else {
        top.index++;
        next = Next.Value;
      }
      continue;
    }
    if ((top.kind === Kind.Object && c === 0x7d) || (top.kind === Kind.Array && c === 0x5d)) {
      stack.pop();
      i++;
      continue;
    }
    return fail(`expected ',' or '${top.kind === Kind.Object ? '}' : ']'}', found ${describe(text, i)}`, i);
  }
}
