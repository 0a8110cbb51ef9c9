// Restore: replay a validated session's program into a lab session, one statement at a time. The caller
// passes a SCRATCH session's runner and swaps it in only when this returns ok, so a program line the lab
// cannot run leaves the open session exactly as it was. Every replay of a program (open, `gclab run`, the
// exports) goes through here, so they all agree on which statements stop it and say so in one wording.

import { formatPath } from './json-path';
import { parseSession, type ParseOptions, type Session, type SessionError } from './parse';
import { statementSource } from './schema-v1';
import type { SessionProblem } from './validate';

/**
 * What running one statement did.
 * - `{ ok: true }`: it ran. `raised` names the exception it ended with ("NameError: name 'x' is not defined"):
 *   the lab shows the traceback and goes on, so a statement that raised when it was recorded raises again
 *   here and the replay goes on too (what ran before the exception is part of the heap).
 * - `{ ok: false }`: it cannot run at all (a syntax error, a construct the lab does not run): nothing of it ran,
 *   the lab would never have recorded it, and the replay stops. `line`: 1-based line of the statement at fault.
 */
export type RunResult = { ok: true; raised?: string } | { ok: false; error: string; line?: number };
export type RunStatement = (source: string, index: number) => RunResult;
export type RunStatementAsync = (source: string, index: number) => RunResult | Promise<RunResult>;

/** A statement that raised during the replay (not an error: reported as a warning of the open). */
export interface RaisedStatement extends SessionProblem {
  statement: number;
}

export type RestoreResult = { ok: true; raised: RaisedStatement[] } | { ok: false; error: SessionError & { statement: number } };

/**
 * Where statement `index` is: its JSON path, its number, the line of the program (the statements joined, as
 * the Python export writes them) and that line's text. `linesBefore`: the program's lines before it, if known.
 */
export function statementPlace(session: Session, index: number, lineInStatement = 1, linesBefore?: number): { path: string; where: string } {
  const entry = session.program[index]!;
  const path = formatPath(typeof entry === 'string' ? ['program', index] : ['program', index, 'source']);
  const lines = statementSource(entry).split('\n');
  const line = Math.min(Math.max(1, lineInStatement), lines.length);
  let before = linesBefore ?? 0;
  if (linesBefore === undefined) for (let i = 0; i < index; i++) before += lineCount(statementSource(session.program[i]!));
  const text = lines[line - 1]!.trim();
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  const inStatement = lines.length > 1 ? `, its line ${line}` : '';
  return { path, where: `program statement ${index + 1}${inStatement} (line ${before + line} of the program: ${JSON.stringify(shown)})` };
}

function lineCount(source: string): number {
  let n = 1;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) n++;
  return n;
}

function failure(session: Session, index: number, why: string, line: number | undefined, linesBefore: number): RestoreResult {
  const { path, where } = statementPlace(session, index, line, linesBefore);
  return { ok: false, error: { message: `${where} cannot run: ${why}`, path, statement: index } };
}

function raisedProblem(session: Session, index: number, exception: string, linesBefore: number): RaisedStatement {
  const { path, where } = statementPlace(session, index, 1, linesBefore);
  return { message: `${where} raised ${exception}; the lab went on, as it does after a failing gesture`, path, statement: index };
}

function thrownText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function restoreSession(session: Session, run: RunStatement): RestoreResult {
  const raised: RaisedStatement[] = [];
  let linesBefore = 0; // of the program, for the messages (counted as it goes: many statements may raise)
  for (let i = 0; i < session.program.length; i++) {
    const source = statementSource(session.program[i]!);
    let r: RunResult;
    try {
      r = run(source, i);
    } catch (e) {
      return failure(session, i, thrownText(e), undefined, linesBefore);
    }
    if (!r.ok) return failure(session, i, r.error, r.line, linesBefore);
    if (r.raised !== undefined) raised.push(raisedProblem(session, i, r.raised, linesBefore));
    linesBefore += lineCount(source);
  }
  return { ok: true, raised };
}

export async function restoreSessionAsync(session: Session, run: RunStatementAsync): Promise<RestoreResult> {
  const raised: RaisedStatement[] = [];
  let linesBefore = 0; // of the program, for the messages (counted as it goes: many statements may raise)
  for (let i = 0; i < session.program.length; i++) {
    const source = statementSource(session.program[i]!);
    let r: RunResult;
    try {
      r = await run(source, i);
    } catch (e) {
      return failure(session, i, thrownText(e), undefined, linesBefore);
    }
    if (!r.ok) return failure(session, i, r.error, r.line, linesBefore);
    if (r.raised !== undefined) raised.push(raisedProblem(session, i, r.raised, linesBefore));
    linesBefore += lineCount(source);
  }
  return { ok: true, raised };
}

export type OpenResult<S> =
  | { ok: true; session: Session; scratch: S; warnings: SessionProblem[] }
  | { ok: false; error: SessionError };

/**
 * Parse, then restore into a fresh scratch lab session made by `createScratch` (for the file's profile and
 * settings). On success the caller swaps `scratch` in; on failure it is simply dropped. The warnings are the
 * parser's, then one per statement that raised.
 */
export function openSession<S>(
  input: string | Uint8Array | ArrayBuffer,
  createScratch: (session: Session) => { scratch: S; run: RunStatement },
  options: ParseOptions = {},
): OpenResult<S> {
  const parsed = parseSession(input, options);
  if (!parsed.ok) return parsed;
  const { scratch, run } = createScratch(parsed.session);
  const restored = restoreSession(parsed.session, run);
  if (!restored.ok) return { ok: false, error: restored.error };
  return { ok: true, session: parsed.session, scratch, warnings: [...parsed.warnings, ...restored.raised] };
}
