// `gclab run FILE.gclab`: replays a session headless with the profile and gc settings stored in the file,
// printing what its program prints. Exit codes as for a .py file (0 ok, 1 uncaught exception, 2 a construct
// the lab does not run); a file that does not load gets the loader's message (what and where) and exit 2.
import { resolve } from 'node:path';
import { loadSessionFile } from '../files';
import { replaySession } from '../export/replay';
import { INTERP_PROFILES } from '../engine/python/interp-profile';
import type { ProfileId } from '../engine/profiles/types';
import type { Session } from '../../shared/session';
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

export async function runSessionFile(file: string, io: Io): Promise<number> {
  const session = await loadOrReport(file, io);
  if (!session) return 2;
  // Tracebacks name the file as CPython would name the exported script run from here.
  const profile = session.profile as ProfileId;
  const shown = INTERP_PROFILES[profile].absoluteScriptPath ? resolve(file) : file;
  const r = replaySession(session, { filename: shown, finish: true });
  io.stdout(r.stdout);
  io.stderr(r.stderr);
  if (r.failedAt !== null) {
    // Line numbers in the traceback count from the failing statement's first line: say which one it was.
    const entry = session.program[r.failedAt]!;
    const path = typeof entry === 'string' ? `$.program[${r.failedAt}]` : `$.program[${r.failedAt}].source`;
    io.stderr(`gclab: ${file}: stopped at program statement ${r.failedAt + 1} (${path})\n`);
  }
  return r.exitCode;
}
