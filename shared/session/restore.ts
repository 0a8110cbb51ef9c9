// Restore: replay a validated session's program into a lab session, one statement at a time. The caller
// passes a SCRATCH session's runner and swaps it in only when this returns ok, so a program line the lab
// cannot run leaves the open session exactly as it was.

import { formatPath } from './json-path';
import { parseSession, type ParseOptions, type Session, type SessionError } from './parse';
import { statementSource } from './schema-v1';
import type { SessionProblem } from './validate';

export type RunResult = { ok: true } | { ok: false; error: string };
export type RunStatement = (source: string, index: number) => RunResult;
export type RunStatementAsync = (source: string, index: number) => RunResult | Promise<RunResult>;

export type RestoreResult = { ok: true } | { ok: false; error: SessionError & { statement: number } };

function failure(session: Session, index: number, why: string): RestoreResult {
  const entry = session.program[index]!;
  const path = formatPath(typeof entry === 'string' ? ['program', index] : ['program', index, 'source']);
  const source = statementSource(entry);
  const firstLine = source.split('\n', 1)[0]!;
  const shown = firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine;
  return {
    ok: false,
    error: { message: `program statement ${index + 1} (${JSON.stringify(shown)}) cannot run: ${why}`, path, statement: index },
  };
}

function thrownText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function restoreSession(session: Session, run: RunStatement): RestoreResult {
  for (let i = 0; i < session.program.length; i++) {
    let r: RunResult;
    try {
      r = run(statementSource(session.program[i]!), i);
    } catch (e) {
      return failure(session, i, thrownText(e));
    }
    if (!r.ok) return failure(session, i, r.error);
  }
  return { ok: true };
}

export async function restoreSessionAsync(session: Session, run: RunStatementAsync): Promise<RestoreResult> {
  for (let i = 0; i < session.program.length; i++) {
    let r: RunResult;
    try {
      r = await run(statementSource(session.program[i]!), i);
    } catch (e) {
      return failure(session, i, thrownText(e));
    }
    if (!r.ok) return failure(session, i, r.error);
  }
  return { ok: true };
}

export type OpenResult<S> =
  | { ok: true; session: Session; scratch: S; warnings: SessionProblem[] }
  | { ok: false; error: SessionError };

/**
 * Parse, then restore into a fresh scratch lab session made by `createScratch` (for the file's profile and
 * settings). On success the caller swaps `scratch` in; on failure it is simply dropped.
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
  return { ok: true, session: parsed.session, scratch, warnings: parsed.warnings };
}
