// The program runner every other part uses: `gclab run`, the differential corpus, and the lab service
// (each UI gesture is one Python statement exec'd against one persistent __main__).
import type { ProfileId } from '../profiles/types';
import { DEFAULT_PROFILE } from '../profiles/types';
import { parseProgram } from './parse';
import { PySyntaxError, UnsupportedError } from './errors';

export interface ExecResult {
  stdout: string;
  stderr: string;
  ok: boolean;
  /** 0 ok, 1 uncaught exception (traceback in stderr, CPython's layout), 2 unsupported construct. */
  exitCode: 0 | 1 | 2;
  error?: { type: string; message: string; line?: number; column?: number };
}

export interface ExecOptions {
  filename?: string;
  /** Stops an endless loop: every statement and loop iteration is a step. */
  maxSteps?: number;
}

export interface PythonSession {
  /** The simulated heap (typed as unknown until the heap module lands; will become `Heap`). */
  readonly heap: unknown;
  readonly profile: ProfileId;
  exec(source: string, opts?: ExecOptions): ExecResult;
}

/** Formats a syntax error as CPython prints it for a file. */
export function formatSyntaxError(e: PySyntaxError, filename: string): string {
  const stripped = e.lineText.replace(/^\s+/, '');
  const indent = e.lineText.length - stripped.length;
  const caretCol = Math.max(0, e.col - indent);
  return `  File "${filename}", line ${e.line}\n    ${stripped}\n    ${' '.repeat(caretCol)}^\n${e.kind}: ${e.msg}\n`;
}

export function compileError(e: unknown, filename: string): ExecResult | undefined {
  if (e instanceof UnsupportedError) {
    return {
      stdout: '', stderr: e.message + '\n', ok: false, exitCode: 2,
      error: { type: 'Unsupported', message: e.message, line: e.line, column: e.column },
    };
  }
  if (e instanceof PySyntaxError) {
    return {
      stdout: '', stderr: formatSyntaxError(e, filename), ok: false, exitCode: 1,
      error: { type: e.kind, message: e.msg, line: e.line, column: e.col + 1 },
    };
  }
  return undefined;
}

export function createPythonSession(profile: ProfileId = DEFAULT_PROFILE): PythonSession {
  return {
    heap: undefined,
    profile,
    exec(source, opts = {}) {
      const filename = opts.filename ?? '<string>';
      try {
        parseProgram(source, filename);
      } catch (e) {
        const r = compileError(e, filename);
        if (r) return r;
        throw e;
      }
      return { stdout: '', stderr: 'GC Lab: the evaluator is not wired yet (parser only)\n', ok: false, exitCode: 2 };
    },
  };
}

/** What `gclab run FILE.py` does: a fresh session, one program, CPython's stdout/stderr/exit code. */
export function runProgram(source: string, opts: { python?: ProfileId; filename?: string } = {}): ExecResult {
  return createPythonSession(opts.python).exec(source, { filename: opts.filename });
}
