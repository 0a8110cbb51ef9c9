// `gclab run FILE.gclab`: replays a session headless with the profile and gc settings stored in the file,
// printing what its program prints. Exit codes as CPython's for the exported script (0 ran, 1 a syntax error,
// 2 a construct the lab does not run); a file that does not load gets the loader's message and exit 2.
// Tracebacks show the line numbers of the exported script (`gclab export --to py`), as CPython running it
// would: each statement runs under a file name of its own, then those names become the script's lines.
// A statement that raised does not stop it (nor the lab, nor the exported script).
import { resolve } from 'node:path';
import { loadSessionFile } from '../files';
import { replaySession } from '../export/replay';
import { pythonScript, type PythonScript } from '../export/python';
import { INTERP_PROFILES } from '../engine/python/interp-profile';
import type { ProfileId } from '../engine/profiles/types';
import { statementSource, type Session } from '../../shared/session';
import type { Io } from './main';

/** Loads a session file; on failure writes "gclab: <message> (at <json path>)" and returns null. */
export async function loadOrReport(file: string, io: Io): Promise<Session | null> {
  const loaded = await loadSessionFile(file);
  if (!loaded.ok) {
    const p = loaded.error.path;
    const where = p && p !== '$' && !loaded.error.message.includes(p) ? ` (at ${p})` : '';
    io.stderr(`gclab: ${file}: ${loaded.error.message}${where}\n`);
    return null;
  }
  return loaded.session;
}

/** Marks a statement's file name; NUL cannot be part of a path, so no real name is ever rewritten. */
const MARK = '\u0000gclab-statement-';

export function rewriteLines(text: string, shown: string, lineOf: PythonScript['lineOf']): string {
  if (!text.includes(MARK)) return text;
  const quoted = shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`File "${quoted}${MARK}(\\d+)", line (\\d+)`, 'g'), (_m, step: string, line: string) => {
    return `File "${shown}", line ${lineOf(Number(step), Number(line))}`;
  });
}

/**
 * Replays the session as the lab opens it and as CPython runs its export: a statement that raised prints its
 * traceback and the replay goes on (exit 0, like the script); a statement the lab cannot run stops everything
 * before any output, as CPython refuses a script with a syntax error (exit 1; 2 for a construct the lab does
 * not run), with the error and the loader's message naming the statement.
 */
export async function runSessionFile(file: string, io: Io): Promise<number> {
  const session = await loadOrReport(file, io);
  if (!session) return 2;
  // Tracebacks name the file as CPython would name the exported script run from here.
  const profile = session.profile as ProfileId;
  const shown = INTERP_PROFILES[profile].absoluteScriptPath ? resolve(file) : file;
  const r = replaySession(session, { filename: (step) => `${shown}${MARK}${step}`, finish: true });
  const script = pythonScript(session, r.raised, r.stopped);
  if (r.failedAt === null) {
    io.stdout(r.stdout);
    io.stderr(rewriteLines(r.stderr, shown, script.lineOf));
    return 0;
  }
  // Only the failing statement's own error: the statements before it print nothing, as in CPython.
  let stderr = rewriteLines(r.failure!.stderr, shown, script.lineOf);
  if (r.exitCode === 2) {
    // "GC Lab does not run `x` yet, line 3, column 5": a line of the failing statement.
    stderr = stderr.replace(/, line (\d+), column (\d+)/, (_m, line: string, col: string) => `, line ${script.lineOf(r.failedAt!, Number(line))}, column ${col}`);
  }
  io.stderr(stderr);
  io.stderr(`gclab: ${file}: ${r.failure!.message} (at ${r.failure!.path})\n`);
  return r.exitCode;
}
