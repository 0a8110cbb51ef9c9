// Replays a session's program headless into a fresh lab interpreter of its profile, statement by statement
// (one persistent __main__, as the lab runs gestures), recording what it prints and every collection.
// Exports that need the heap (graph, memory report, collection log) and `gclab run FILE.gclab` start here.
import { restoreSession, type RestoreResult, type Session } from '../../shared/session';
import { runResult, stoppedBy, type Stopped } from '../lab/run-result';
import type { EngineEvent } from '../../shared/events';
import { createPythonSession, finishProgram, type ExecResult, type PythonSession } from '../engine/python/session';
import type { ProfileId } from '../engine/profiles/types';

/** One collection as the session format's log stores it (docs/session-format.md, `collections`). */
export interface CollectionRow {
  /** 0-based index of the program statement during which it ran. */
  step: number;
  generation: number;
  collected: number;
  uncollectable: number;
  reason: 'automatic' | 'manual';
}

export interface Replay {
  python: PythonSession;
  stdout: string;
  stderr: string;
  /**
   * 0 when every statement ran (some may have raised: the lab goes on after a failing gesture, and so does the
   * exported script); otherwise the exit code of the statement that cannot run (1 syntax error, 2 unsupported).
   */
  exitCode: 0 | 1 | 2;
  /** Index of the statement that cannot run (the replay stopped there), or null. */
  failedAt: number | null;
  /**
   * The loader's message for it, what is wrong and where ("program statement 3 (line 4 ...) cannot run: ..."),
   * and what that statement printed on stderr (the SyntaxError as CPython prints it).
   */
  failure: { message: string; path: string; stderr: string } | null;
  /** Indices of the statements that raised, in order (the Python export wraps them so CPython goes on too). */
  raised: number[];
  /** Those of them the lab stopped at a limit (an endless loop): the Python export stops them the same way. */
  stopped: Map<number, Stopped>;
  collections: CollectionRow[];
}

export interface ReplayOptions {
  /** Shown in tracebacks ("File ..."); default '<string>'. A function names each statement's own file. */
  filename?: string | ((step: number) => string);
  /** Run the interpreter's exit (what __del__ methods print at shutdown), as `gclab run` does. */
  finish?: boolean;
}

/** settings.gc is the collector state before the first statement; set on the heap so no statement is added. */
function applyGcSettings(python: PythonSession, session: Session): void {
  const gc = session.settings?.gc;
  if (gc?.thresholds) python.heap.setThreshold(gc.thresholds[0], gc.thresholds[1], gc.thresholds[2]);
  if (gc?.enabled === false) python.heap.disable();
}

export function replaySession(session: Session, options: ReplayOptions = {}): Replay {
  const python = createPythonSession(session.profile as ProfileId);
  applyGcSettings(python, session);
  const heap = python.heap;
  const collections: CollectionRow[] = [];
  let step = 0;
  let reason: CollectionRow['reason'] = 'manual';
  heap.setTrace('counters', (e: EngineEvent) => {
    if (e.t === 'gc-start') {
      // Same rule as the lab's tracker: automatic only when enabled and count0 is over threshold0.
      const t0 = heap.getThreshold()[0];
      reason = heap.isEnabled() && t0 > 0 && e.counts[0] > t0 ? 'automatic' : 'manual';
    } else if (e.t === 'gc-done') {
      collections.push({ step, generation: e.generation, collected: e.collected, uncollectable: e.uncollectable, reason });
    }
  });
  let stdout = '';
  let stderr = '';
  let last: ExecResult = { stdout: '', stderr: '', ok: true, exitCode: 0 };
  const raised: number[] = [];
  const stopped = new Map<number, Stopped>();
  let restored: RestoreResult;
  try {
    // The lab service's open replays through the same restoreSession and runResult: the same statements
    // stop both, with the same message.
    restored = restoreSession(session, (source, i) => {
      step = i;
      const filename = typeof options.filename === 'function' ? options.filename(i) : options.filename;
      last = python.exec(source, { filename });
      stdout += last.stdout;
      stderr += last.stderr;
      const r = runResult(last);
      if (r.ok && r.raised !== undefined) raised.push(i);
      const stop = stoppedBy(last);
      if (stop) stopped.set(i, stop);
      return r;
    });
    if (options.finish && restored.ok) {
      step = Math.max(0, session.program.length - 1);
      const done = finishProgram(python, { ...last, ok: true, exitCode: 0, stdout: '', stderr: '' });
      stdout += done.stdout;
      stderr += done.stderr;
    }
  } finally {
    heap.setTrace('off', null);
  }
  if (restored.ok) return { python, stdout, stderr, exitCode: 0, failedAt: null, failure: null, raised, stopped, collections };
  const { message, path, statement } = restored.error;
  return { python, stdout, stderr, exitCode: last.exitCode === 0 ? 1 : last.exitCode, failedAt: statement, failure: { message, path, stderr: last.stderr }, raised, stopped, collections };
}
