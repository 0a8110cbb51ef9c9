// parseSession: bytes or text of a .gclab file -> a validated current-version session, or one clear error
// saying what is wrong and where. Order: bounds, decompress, UTF-8, JSON syntax + depth, migrate, validate.
// Pure: decompression is injected (Node passes zlib, a browser can pass a pako-like function).

import { checkJsonText } from './json-check';
import { formatPath } from './json-path';
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_JSON_CHARS } from './limits';
import { migrate } from './migrate';
import type { SessionV2 } from './schema-v2';
import { referenceProblems, schemaProblems, type SessionProblem } from './validate';

export type Session = SessionV2;

export interface SessionError extends SessionProblem {
  /** For JSON syntax errors: 1-based position in the (decompressed) text. */
  line?: number;
  column?: number;
  /** Every problem found when there are several (the first is `message`/`path`). */
  problems?: SessionProblem[];
}

export type ParseResult =
  | { ok: true; session: Session; warnings: SessionProblem[] }
  | { ok: false; error: SessionError };

export interface ParseOptions {
  /** Decompresses gzip; must throw when the output would exceed maxOutputBytes. */
  gunzip?: (bytes: Uint8Array, maxOutputBytes: number) => Uint8Array;
  /** The running app's version, to warn when a newer app wrote the file. */
  appVersion?: string;
  maxFileBytes?: number;
  maxJsonChars?: number;
  maxDepth?: number;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function megabytes(n: number): string {
  return n < 1024 * 1024 ? `${n} bytes` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Offset of the first byte that is not part of well-formed UTF-8 (only called once decoding failed). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

const fail = (message: string, path = '$', extra: Partial<SessionError> = {}): ParseResult => ({
  ok: false,
  error: { message, path, ...extra },
});

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(input: string | Uint8Array | ArrayBuffer, o: ParseOptions): string | ParseResult {
  if (typeof input === 'string') return input;
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const maxFile = o.maxFileBytes ?? MAX_FILE_BYTES;
  if (bytes.length > maxFile) {
    return fail(`the file is ${megabytes(bytes.length)}; GC Lab opens session files up to ${megabytes(maxFile)}`);
  }
  const maxText = o.maxJsonChars ?? MAX_JSON_CHARS;
  if (isGzip(bytes)) {
    if (!o.gunzip) return fail('the file is gzip-compressed and this host was given no way to decompress it');
    try {
      bytes = o.gunzip(bytes, maxText);
    } catch (e) {
      const why = e instanceof RangeError || /length|large|exceed/i.test(String(e))
        ? `it expands to more than ${megabytes(maxText)}`
        : `the compressed data is damaged (${e instanceof Error ? e.message : String(e)})`;
      return fail(`cannot decompress the file: ${why}`);
    }
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return fail(`the file is not a text file: the bytes are not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})`);
  }
}

const KNOWN_FIELDS: Array<[path: string[], keys: string[]]> = [
  [[], ['format', 'version', 'app', 'profile', 'settings', 'program', 'view', 'collections']],
  [['settings'], ['gc', 'autosaveSeconds', 'theme']],
  [['settings', 'gc'], ['enabled', 'thresholds']],
  [['view'], ['positions', 'zoom', 'pan', 'panels']],
];

/** Unknown fields are kept (and written back on save); say so, so a user knows a newer app added them. */
function unknownFieldWarnings(session: Session): SessionProblem[] {
  const warnings: SessionProblem[] = [];
  for (const [path, keys] of KNOWN_FIELDS) {
    let obj: unknown = session;
    for (const p of path) obj = (obj as Record<string, unknown> | undefined)?.[p];
    if (typeof obj !== 'object' || obj === null) continue;
    for (const key of Object.keys(obj)) {
      if (keys.includes(key) || warnings.length >= 20) continue;
      const where = formatPath([...path, key]);
      warnings.push({ message: `kept ${where}, a field this version of GC Lab does not know`, path: where });
    }
  }
  return warnings;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < 3; i++) {
    const x = Number.isFinite(pa[i]) ? pa[i]! : 0;
    const y = Number.isFinite(pb[i]) ? pb[i]! : 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function parseSession(input: string | Uint8Array | ArrayBuffer, options: ParseOptions = {}): ParseResult {
  const decoded = decode(input, options);
  if (typeof decoded !== 'string') return decoded;
  const maxText = options.maxJsonChars ?? MAX_JSON_CHARS;
  if (decoded.length > maxText) {
    return fail(`the session text is ${megabytes(decoded.length)}; GC Lab opens sessions up to ${megabytes(maxText)}`);
  }
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (!/\S/.test(text)) return fail('the file is empty');

  const syntax = checkJsonText(text, options.maxDepth ?? MAX_DEPTH);
  if (syntax) {
    const path = formatPath(syntax.path);
    return fail(`not valid JSON at line ${syntax.line}, column ${syntax.column} (in ${path}): ${syntax.message}`, path, {
      line: syntax.line,
      column: syntax.column,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }

  const migrated = migrate(doc);
  if (!migrated.ok) return { ok: false, error: migrated.error };

  const problems = schemaProblems(migrated.doc);
  if (problems.length === 0) problems.push(...referenceProblems(migrated.doc as Session));
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    return fail(`${first.message}${more}`, first.path, { problems });
  }

  const session = migrated.doc as Session;
  const warnings: SessionProblem[] = [];
  if (migrated.from !== session.version) {
    warnings.push({ message: `upgraded from format ${migrated.from}; saving writes format ${session.version}`, path: '$.version' });
  }
  if (options.appVersion && compareVersions(session.app, options.appVersion) > 0) {
    warnings.push({
      message: `written by GC Lab ${session.app}, newer than this app (${options.appVersion}); what it added is kept`,
      path: '$.app',
    });
  }
  warnings.push(...unknownFieldWarnings(session));
  return { ok: true, session, warnings };
}
