// The engine's answer to one program statement, as a replay (shared/session restoreSession) needs it: it ran,
// it ran and raised (the lab goes on), or it cannot run (the replay stops). Used by the lab service's open
// and by the export replay (gclab run, exports), so both treat a statement the same way.
import type { RunResult } from '../../shared/session';

export interface StatementOutcome {
  ok: boolean;
  stderr: string;
  error?: { type: string; message: string; line?: number; steps?: number };
  /** null: refused or not compiled, nothing of it ran (src-main/engine/python/session.ts ExecResult). */
  recorded?: string | null;
}

export function runResult(r: StatementOutcome): RunResult {
  if (r.ok) return { ok: true };
  const what = r.error ? `${r.error.type}: ${r.error.message}` : r.stderr.trim();
  if (r.recorded === null) return { ok: false, error: what, ...(r.error?.line !== undefined ? { line: r.error.line } : {}) };
  return { ok: true, raised: what };
}

/** A statement the lab stopped at one of its limits (steps, output, memory) after `steps` steps, with its message. */
export interface Stopped {
  steps: number;
  message: string;
}

/** Where CPython would run on (an endless loop), the lab stopped the statement: what the export needs to do the same. */
export function stoppedBy(r: StatementOutcome): Stopped | undefined {
  if (r.ok || r.error?.type !== 'LimitExceeded') return undefined;
  return { steps: r.error.steps ?? 0, message: r.error.message };
}
