// The session's program as a Python script that real CPython runs to rebuild the same heap: the statements
// in order, nothing lab-specific but the wrapper that lets the script go on after a statement that raised.
// Settings that differ from the profile's start-up state become the gc calls that produce them, since a
// script cannot start CPython with other settings.
import { statementSource, type Session } from '../../shared/session';
import { getProfile } from '../engine/profiles';
import { CLOSER, HEADER } from '../engine/python/open-frames';
import type { ProfileId } from '../engine/profiles/types';
import type { Stopped } from '../lab/run-result';
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
 * The script. `raised`: indices of the statements that raised when the lab ran them, `stopped`: those of them
 * the lab stopped at a limit (default for both: a replay says); each is wrapped so CPython prints its traceback
 * (or the lab's message, stopping the statement as the lab did) and goes on (see wrapRaised).
 */
export function exportPython(session: Session, raised?: readonly number[], stopped?: ReadonlyMap<number, Stopped>): string {
  return pythonScript(session, raised, stopped).text;
}

export function pythonScript(session: Session, raised?: readonly number[], stopped?: ReadonlyMap<number, Stopped>): PythonScript {
  if (raised === undefined) ({ raised, stopped } = replaySession(session));
  const sources = session.program.map(statementSource);
  const head = settingsLines(session);
  // Line index (0-based) from which a wrapped statement's lines sit lower, and by how many lines, by statement.
  const wrapFrom = new Map<number, { from: number; shift: number }>();
  const body = sources.slice();
  for (const i of raised) {
    const wrapped = wrapRaised(sources[i]!, stopped?.get(i));
    if (!wrapped) continue;
    body[i] = wrapped.text;
    wrapFrom.set(i, wrapped);
  }
  // concat, not push(...): a program has up to 2,000,000 statements, more than a call takes as arguments.
  const lines = head.concat(body, returnsOfOpenFrames(sources));
  let offsets: number[] | null = null;
  return {
    text: lines.length ? lines.join('\n') + '\n' : '',
    lineOf(step, line) {
      offsets ??= lineOffsets(head.length, body);
      const w = wrapFrom.get(step);
      return offsets[step]! + line + (w !== undefined && line - 1 >= w.from ? w.shift : 0);
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
 * first unindented call line on). `from`: the first line (0-based) now inside the `try:`, `shift`: how many
 * lines lower the statement's lines from there sit. Lines that continue a string literal stay as they are:
 * indenting them would change the string. A statement the lab `stopped` (an endless loop, where CPython would
 * run forever) runs under stopGuard.
 */
export function wrapRaised(source: string, stopped?: Stopped): { text: string; from: number; shift: number } | null {
  const lines = source.split('\n');
  const top = (l: string) => /^[^ \t#]/.test(l);
  const from = top(lines[0]!) ? 0 : lines.findIndex((l) => top(l) && CLOSER.test(l.trim()));
  if (from < 0) return null;
  const inString = linesStartingInString(lines);
  const wrapped = lines.slice(from).map((l, k) => (l.trim() === '' || inString[from + k] ? l : `    ${l}`));
  if (!stopped) return { text: [...lines.slice(0, from), 'try:', ...wrapped, 'except BaseException:', `    ${PRINT_TRACEBACK}`].join('\n'), from, shift: 1 };
  const guard = stopGuard(stopped);
  return { text: [...lines.slice(0, from), 'try:', `    ${guard.on}`, ...wrapped, 'except BaseException:', `    ${guard.handler}`, 'finally:', `    ${guard.off}`].join('\n'), from, shift: 2 };
}

/**
 * The lab stops a statement after `steps` steps (statements and loop iterations; or at its output or memory
 * limit), prints its message and goes on; CPython would run an endless loop forever. The script stops it the
 * same way: a trace function (sys.settrace, and f_trace for the module's own frame) counts the lines CPython
 * runs and raises KeyboardInterrupt(message) after as many as the lab's steps; the handler prints the message
 * as the lab did (any other exception: its traceback, as for a statement that raised). No name is bound. The
 * stop is near the lab's, not at the same iteration: a loop iteration is about as many traced lines as it has
 * steps in the lab (3.8 traces no line for `while True:`), and tracing is about 10x slower than running.
 */
export function stopGuard(stopped: Stopped): { on: string; handler: string; off: string } {
  const msg = JSON.stringify(stopped.message); // ASCII text: a JSON string is a Python string literal
  const sys = "__import__('sys')";
  const tracer = `lambda f, e, a, n=[0]: (n.__setitem__(0, n[0] + (e == 'line')), n[0] >= ${stopped.steps} and (_ for _ in ()).throw(KeyboardInterrupt(${msg})), ${sys}.gettrace())[2]`;
  return {
    on: `${sys}.settrace(${tracer}); ${sys}._getframe().f_trace = ${sys}.gettrace()  # GC Lab stopped this statement after ${stopped.steps} steps`,
    handler: `${sys}.stderr.write(${msg} + '\\n') if ${sys}.exc_info()[1].args == (${msg},) else ${PRINT_TRACEBACK}`,
    off: `${sys}.settrace(None); ${sys}._getframe().f_trace = None`,
  };
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
