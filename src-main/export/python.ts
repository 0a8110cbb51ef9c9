// The session's program as a Python script that real CPython runs to rebuild the same heap: the statements
// in order, nothing lab-specific but the wrapper that lets the script go on after a statement that raised.
// Settings that differ from the profile's start-up state become the gc calls that produce them, since a
// script cannot start CPython with other settings.
import { statementSource, type Session } from '../../shared/session';
import { getProfile } from '../engine/profiles';
import { CLOSER, HEADER } from '../engine/python/open-frames';
import type { ProfileId } from '../engine/profiles/types';
import { replaySession } from './replay';

/**
 * gc calls reproducing settings.gc where it differs from how the profile's CPython starts. Through
 * `__import__('gc')`, binding no name: the lab binds none either, so a program that uses `gc` without importing
 * it raises NameError in both (no other header either: the script is the program, statement for statement).
 */
function settingsLines(session: Session): string[] {
  const gc = session.settings?.gc;
  const lines: string[] = [];
  const defaults = getProfile(session.profile as ProfileId).thresholds;
  if (gc?.thresholds && gc.thresholds.some((t, i) => t !== defaults[i])) lines.push(`__import__('gc').set_threshold(${gc.thresholds.join(', ')})`);
  if (gc?.enabled === false) lines.push("__import__('gc').disable()");
  return lines;
}

/** The script, and where each statement's lines are in it (tracebacks of `gclab run` name script lines). */
export interface PythonScript {
  text: string;
  /** Script line (1-based) of line `line` (1-based) of program statement `step`. */
  lineOf(step: number, line: number): number;
}

/**
 * The script. `raised`: indices of the statements that raised when the lab ran them (default: a replay says);
 * each is wrapped so CPython prints its traceback and goes on, as the lab did (see wrapRaised).
 */
export function exportPython(session: Session, raised?: readonly number[]): string {
  return pythonScript(session, raised).text;
}

export function pythonScript(session: Session, raised: readonly number[] = replaySession(session).raised): PythonScript {
  const sources = session.program.map(statementSource);
  const head = settingsLines(session);
  // Line index (0-based) from which a wrapped statement's lines sit one line lower, by statement.
  const wrapFrom = new Map<number, number>();
  const body = sources.slice();
  for (const i of raised) {
    const wrapped = wrapRaised(sources[i]!);
    if (!wrapped) continue;
    body[i] = wrapped.text;
    wrapFrom.set(i, wrapped.from);
  }
  // concat, not push(...): a program has up to 2,000,000 statements, more than a call takes as arguments.
  const lines = head.concat(body, returnsOfOpenFrames(sources));
  let offsets: number[] | null = null;
  return {
    text: lines.length ? lines.join('\n') + '\n' : '',
    lineOf(step, line) {
      offsets ??= lineOffsets(head.length, body);
      const from = wrapFrom.get(step);
      return offsets[step]! + line + (from !== undefined && line - 1 >= from ? 1 : 0);
    },
  };
}

/** Script line before each statement's first line. */
function lineOffsets(headLines: number, body: readonly string[]): number[] {
  const out = new Array<number>(body.length);
  let line = headLines;
  for (let i = 0; i < body.length; i++) {
    out[i] = line;
    line += body[i]!.split('\n').length;
  }
  return out;
}

/** What the wrapper's handler runs: the traceback as an uncaught exception prints it, with no name bound. */
export const PRINT_TRACEBACK = "__import__('sys').excepthook(*__import__('sys').exc_info())";

/**
 * A statement that raised in the lab, written so that CPython prints its traceback and runs on, as the lab
 * does after a failing gesture: `try:` + the statement indented + `except BaseException:` + PRINT_TRACEBACK.
 * An entry inside open frames keeps its body lines in the def and wraps the returns its exception forced (its
 * first unindented call line on). `from`: the first line (0-based) now inside the `try:`. Lines that continue a
 * string literal stay as they are: indenting them would change the string.
 */
export function wrapRaised(source: string): { text: string; from: number } | null {
  const lines = source.split('\n');
  const top = (l: string) => /^[^ \t#]/.test(l);
  const from = top(lines[0]!) ? 0 : lines.findIndex((l) => top(l) && CLOSER.test(l.trim()));
  if (from < 0) return null;
  const inString = linesStartingInString(lines);
  const wrapped = lines.slice(from).map((l, k) => (l.trim() === '' || inString[from + k] ? l : `    ${l}`));
  return { text: [...lines.slice(0, from), 'try:', ...wrapped, 'except BaseException:', `    ${PRINT_TRACEBACK}`].join('\n'), from };
}

/**
 * For each line, whether it begins inside a string literal (a triple-quoted one, or a quoted one continued with
 * a backslash): Python's tokenizer rules for quotes, escapes and comments, which string prefixes do not change.
 */
export function linesStartingInString(lines: readonly string[]): boolean[] {
  const out = new Array<boolean>(lines.length).fill(false);
  let quote = ''; // the open literal's closing quote, '' outside one
  for (let n = 0; n < lines.length; n++) {
    out[n] = quote !== '';
    const line = lines[n]!;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote === '') {
        if (c === '#') break;
        if (c === '"' || c === "'") {
          quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
          i += quote.length - 1;
        }
      } else if (c === '\\') {
        i++; // an escaped character, or at the end of the line, the newline
      } else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
    }
    // A one-quote literal ends with its line unless a backslash continued it.
    if (quote.length === 1 && !/(^|[^\\])(\\\\)*\\$/.test(line)) quote = '';
  }
  return out;
}

/**
 * A session saved with function frames still open ends inside a `def` that is never called; the script returns
 * from them in order (innermost first), so it runs the body the lab ran. `pass` stands in an empty body.
 */
export function returnsOfOpenFrames(sources: readonly string[]): string[] {
  const open: { name: string; indent: string; hasBody: boolean }[] = [];
  for (const source of sources) {
    const lines = source.replace(/\r\n?/g, '\n').split('\n').filter((l) => !/^[ \t]*(#.*)?$/.test(l));
    for (const line of lines) {
      const indent = /^[ \t]*/.exec(line)![0];
      const text = line.slice(indent.length).trim();
      const top = open[open.length - 1];
      if (top && indent === top.indent && CLOSER.exec(text)?.[1] === top.name) {
        open.pop();
        continue;
      }
      if (top && indent.length > top.indent.length) top.hasBody = true;
      const header = lines.length === 1 ? HEADER.exec(text) : null;
      if (header && (top ? indent.length > top.indent.length : indent === '')) open.push({ name: header[1]!, indent, hasBody: false });
    }
  }
  const out: string[] = [];
  for (const f of open.reverse()) {
    if (!f.hasBody) out.push(`${f.indent}    pass`);
    out.push(`${f.indent}${f.name}()`);
  }
  return out;
}
