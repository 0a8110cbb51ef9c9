// The .gclab session format: pure TypeScript shared by main and renderer (imports nothing from src-*).
// Format reference: docs/session-format.md. Node-side file handling: src-main/files/index.ts.
//
// Wiring, one call each (the frame / lab service does this; nothing here touches electron or the DOM):
//
//   Open (bytes from a file, a drop, a picker; the open session is untouched on any failure):
//     const r = openSession(bytes, (s) => {
//       const lab = createPythonSession(s.profile);        // a SCRATCH session for the file's profile
//       // settings.gc (enabled, thresholds) is the collector state before the first statement: apply it
//       // to the scratch session first (e.g. exec `import gc` + `gc.set_threshold(...)`), then replay:
//       return { scratch: lab, run: (src) => {
//         const x = lab.exec(src);   // src-main/lab/run-result.ts runResult(x) maps the engine's answer
//         return runResult(x);       // ok; ok + raised (the replay goes on); or cannot run (it stops)
//       } };
//     }, { gunzip, appVersion });
//     r.ok ? (swap in r.scratch and r.session; show r.warnings) : show r.error.message (r.error.path = where).
//     On Node, loadSessionFile(path) (src-main/files) reads + gunzips + parses; then restoreSession(...).
//   Validate only: parseSession(bytesOrText, { gunzip }) -> { ok, session, warnings } | { ok: false, error }.
//   Save / Save As / autosave: build the session with createSession({ app, profile, settings, program, view,
//     collections }), or { ...loadedSession, program, view, collections } to keep unknown fields; then
//     serializeSession(session) for the text, or saveSessionFile(path, session) on Node (atomic, gzip when large).
//   Restore with an async runner (a worker): restoreSessionAsync(session, run).
//   Export as Python: src-main/export exportPython(session, raised): the statements joined, those that raised
//     wrapped so CPython goes on past them as the lab does.

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
export { sessionV2Schema, objectNumber, objectHandle, type SessionV2 } from './schema-v2';
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
  statementPlace,
  type RaisedStatement,
  type RestoreResult,
  type OpenResult,
} from './restore';
export { scanBoundNames, handleRoot } from './bound-names';
export * as sessionLimits from './limits';
