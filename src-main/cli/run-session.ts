// `gclab run FILE.gclab`: replays a session headless with the profile and gc settings stored in the file,
// printing what its program prints. Exit codes as for a .py file (0 ok, 1 uncaught exception, 2 a construct
// the lab does not run); a file that does not load gets the loader's message (what and where) and exit 2.
// Tracebacks show the line numbers of the exported script (`gclab export --to py`), as CPython running it
// would: each statement runs under a file name of its own, then those names become the script's lines.
import { resolve } from 'node:path';
import { loadSessionFile } from '../files';
import { replaySession } from '../export/replay';
import { exportPython } from '../export/python';
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

/** Line of the exported script just before each statement's first line (the header comes first). */
export function statementLineOffsets(session: Session): number[] {
  const sources = session.program.map(statementSource);
  const lineCount = (s: string) => s.split('\n').length;
  let line = exportPython(session).split('\n').length - 1 - sources.reduce((n, s) => n + lineCount(s), 0);
  return sources.map((s) => {
    const before = line;
    line += lineCount(s);
    return before;
  });
}

/** Marks a statement's file name; NUL cannot be part of a path, so no real name is ever rewritten. */
const MARK = '\u0000gclab-statement-';

export function rewriteLines(text: string, shown: string, offsets: readonly number[]): string {
  if (!text.includes(MARK)) return text;
  const quoted = shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`File "${quoted}${MARK}(\\d+)", line (\\d+)`, 'g'), (_m, step: string, line: string) => {
    return `File "${shown}", line ${Number(line) + offsets[Number(step)]!}`;
  });
}

export async function runSessionFile(file: string, io: Io): Promise<number> {
  const session = await loadOrReport(file, io);
  if (!session) return 2;
  // Tracebacks name the file as CPython would name the exported script run from here.
  const profile = session.profile as ProfileId;
  const shown = INTERP_PROFILES[profile].absoluteScriptPath ? resolve(file) : file;
  const offsets = statementLineOffsets(session);
  const r = replaySession(session, { filename: (step) => `${shown}${MARK}${step}`, finish: true });
  io.stdout(r.stdout);
  let stderr = rewriteLines(r.stderr, shown, offsets);
  if (r.failedAt !== null && r.exitCode === 2) {
    // "GC Lab does not run `x` yet, line 3, column 5": a line of the failing statement.
    const offset = offsets[r.failedAt]!;
    stderr = stderr.replace(/, line (\d+), column (\d+)/, (_m, line: string, col: string) => `, line ${Number(line) + offset}, column ${col}`);
  }
  io.stderr(stderr);
  if (r.failedAt !== null) {
    const entry = session.program[r.failedAt]!;
    const path = typeof entry === 'string' ? `$.program[${r.failedAt}]` : `$.program[${r.failedAt}].source`;
    io.stderr(`gclab: ${file}: stopped at program statement ${r.failedAt + 1} (${path})\n`);
  }
  return r.exitCode;
}
