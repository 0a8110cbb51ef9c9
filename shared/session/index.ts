// The .gclab session format: pure TypeScript shared by main and renderer (imports nothing from src-*).
// Format reference: docs/session-format.md. Node-side file handling: src-main/files/index.ts.
//
// Wiring, one call each:
//   Open (bytes from a file, a drop or a picker):
//     const r = openSession(bytes, (s) => { const lab = createPythonSession(s.profile);
//       return { scratch: lab, run: (src) => toRunResult(() => lab.exec(src)) }; }, { gunzip, appVersion });
//     r.ok ? swap in r.scratch, r.session (show r.warnings) : show r.error.message (r.error.path says where);
//     the open session is untouched on failure.
//     Node: loadSessionFile(path) in src-main/files does the read + gunzip + parseSession.
//   Validate only: parseSession(bytesOrText, { gunzip }) -> { ok, session, warnings } | { ok: false, error }.
//   Save / Save As / autosave: build the session (createSession({ app, profile, program, view, ... }), or
//     { ...loadedSession, program, view } to keep unknown fields), then serializeSession(session) for text,
//     or saveSessionFile(path, session) in src-main/files (atomic, gzip when large).
//   Restore step alone (async runner, e.g. a worker): restoreSessionAsync(session, run).

export { SESSION_PROFILE_IDS, DEFAULT_SESSION_PROFILE, isSessionProfileId, type SessionProfileId } from './profile-ids';
export {
  SESSION_FORMAT,
  sessionV1Schema,
  statementSource,
  type SessionV1,
  type Statement,
  type CollectionRecord,
  type SessionSettings,
  type SessionView,
} from './schema-v1';
export { CURRENT_SESSION_VERSION, MIGRATIONS, migrate } from './migrate';
export { parseSession, isGzip, type Session, type SessionError, type ParseResult, type ParseOptions } from './parse';
export type { SessionProblem } from './validate';
export { serializeSession, createSession, type NewSessionFields } from './serialize';
export {
  restoreSession,
  restoreSessionAsync,
  openSession,
  type RunResult,
  type RunStatement,
  type RunStatementAsync,
  type RestoreResult,
  type OpenResult,
} from './restore';
export { scanBoundNames, handleRoot } from './bound-names';
export * as sessionLimits from './limits';
