// The program runner every other part uses: `gclab run`, the differential corpus, and the lab service
// (each UI gesture is one Python statement exec'd against one persistent __main__).
import type { ProfileId } from '../profiles/types';
import { DEFAULT_PROFILE } from '../profiles/types';
import type { Heap } from '../heap/heap';
import { PySyntaxError, UnsupportedError } from './errors';
import { Interpreter } from './interpreter';
import { FrameRefusal, OpenFrames, type OpenFrameView } from './open-frames';

export interface ExecResult {
  stdout: string;
  stderr: string;
  ok: boolean;
  /** 0 ok, 1 uncaught exception (traceback in stderr, CPython's layout) or a step/memory limit, 2 unsupported construct. */
  exitCode: 0 | 1 | 2;
  /** steps: for a LimitExceeded stop, the steps the statement had run (its loop iterations and statements). */
  error?: { type: string; message: string; line?: number; column?: number; steps?: number };
  /**
   * Inside open frames (open-frames.ts): the text the program records for this entry when it is not the source
   * itself. null when the entry was refused or did not compile (nothing of it ran or belongs to the program).
   */
  recorded?: string | null;
  /** A refused entry ran in part: the caller rebuilds the heap without it (a replay of the program). */
  rollback?: boolean;
}

export interface ExecOptions {
  /** Shown in tracebacks ("File ..."); source lines are printed for every name but '<stdin>'. */
  filename?: string;
  /** Stops an endless loop: every statement and loop iteration is a step (default 50 million). */
  maxSteps?: number;
  /** Stops runaway allocation: most objects alive at once (default 8 million). */
  maxObjects?: number;
  /**
   * The source is a whole program (`gclab run`), not one entry of the lab's program: a lone `def f():` is then
   * the IndentationError CPython reports, never the header of an open frame.
   */
  wholeProgram?: boolean;
}

export interface PythonSession {
  readonly heap: Heap;
  readonly profile: ProfileId;
  /** The interpreter behind the session (runtime, heap adapter), for tools that need more than exec. */
  readonly interpreter: Interpreter;
  exec(source: string, opts?: ExecOptions): ExecResult;
  /** The function frames open between entries, outermost first (a `def f1():` entry opens one, `f1()` closes it). */
  openFrames(): OpenFrameView[];
  /** Names of the heap frames' local slots, for the snapshot. */
  frameNames(i: number): ReturnType<OpenFrames['frameNames']>;
}

/** Formats a syntax error as CPython prints it for a file. */
export function formatSyntaxError(e: PySyntaxError, filename: string): string {
  const stripped = e.lineText.replace(/^\s+/, '');
  const indent = e.lineText.length - stripped.length;
  const caretCol = Math.max(0, e.col - indent);
  return `  File "${filename}", line ${e.line}\n    ${stripped.trimEnd()}\n    ${' '.repeat(caretCol)}^\n${e.kind}: ${e.msg}\n`;
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
  const interp = new Interpreter(profile);
  const frames = new OpenFrames(interp);
  return {
    heap: interp.port.heap,
    profile,
    interpreter: interp,
    openFrames: () => frames.views(),
    frameNames: (i) => frames.frameNames(i),
    exec(source, opts = {}) {
      const filename = opts.filename ?? '<string>';
      try {
        if (opts.maxObjects !== undefined) interp.rt.maxObjects = opts.maxObjects;
        if (!opts.wholeProgram && frames.handles(source)) {
          const r = frames.exec(source, filename, opts.maxSteps);
          const out: ExecResult = { stdout: r.stdout, stderr: r.stderr, ok: r.status === 0, exitCode: r.status, ...(r.error ? { error: r.error } : {}) };
          if (r.recorded !== source) out.recorded = r.recorded;
          if (r.rollback) out.rollback = true;
          return out;
        }
        const r = interp.run(source, filename, opts.maxSteps);
        return { stdout: r.stdout, stderr: r.stderr, ok: r.status === 0, exitCode: r.status, ...(r.error ? { error: r.error } : {}) };
      } catch (e) {
        if (e instanceof FrameRefusal) {
          return { stdout: '', stderr: `${e.message}\n`, ok: false, exitCode: 2, error: { type: 'Refused', message: e.message }, recorded: null };
        }
        // Nothing of an entry that does not compile ran: it is no part of the program, in frames or not (a
        // saved program never holds a line the lab cannot run, and its Python export stays a valid script).
        const r = compileError(e, filename);
        if (r) return { ...r, recorded: null };
        throw e;
      }
    },
  };
}

/** What `gclab run FILE.py` does: a fresh session, one program, CPython's stdout/stderr/exit code. */
export function runProgram(source: string, opts: { python?: ProfileId; filename?: string; maxSteps?: number; maxObjects?: number } = {}): ExecResult {
  const session = createPythonSession(opts.python);
  return finishProgram(session, session.exec(source, { filename: opts.filename, maxSteps: opts.maxSteps, maxObjects: opts.maxObjects, wholeProgram: true }));
}

/** Interpreter exit after a program: what __del__ methods print then comes after the program's output. */
export function finishProgram(session: PythonSession, r: ExecResult): ExecResult {
  if (r.exitCode === 2 || r.error?.type === 'LimitExceeded') return r;
  const atExit = session.interpreter.shutdown();
  return { ...r, stdout: r.stdout + atExit, stderr: r.stderr + session.interpreter.rt.err };
}
