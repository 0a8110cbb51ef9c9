// The lab service: one Python session per window or connection, behind the LabApi contract.
// It runs inside the worker (src-main/worker) in both hosts; it knows nothing about transports.
import type {
  ExecResult,
  ExportedFile,
  FileContent,
  HostKind,
  HostSettings,
  LabApi,
  LabEvents,
  LabInfo,
  LabStatus,
  OpenedSession,
  RecoveryOffer,
  SavedFile,
  SessionExportKind,
  SessionText,
  SessionViewState,
} from '../../shared/api';
import { LabError } from '../../shared/api';
import type { EngineEvent } from '../../shared/events';
import type {
  CollectionRecord,
  GcView,
  HeapSample,
  HeapSnapshot,
  MemoryMapView,
  SnapshotRequest,
  TablePage,
  TableQuery,
} from '../../shared/snapshot';
import { DEFAULT_PROFILE, PROFILE_IDS, type ProfileId } from '../engine/profiles/types';
import { createSession, objectNumber, restoreSession, serializeSession, type Session } from '../../shared/session';
import { ProgramHistory } from './history';
import { runResult, stoppedBy, type Stopped } from './run-result';
import type { SessionIo } from './session-io';
import type { HeapViews } from './snapshot';

/** What the service needs of a Python session (src-main/engine/python/session.ts). */
export interface PythonSessionLike {
  /** `recorded`: what the program keeps of this entry when not the source (null: refused); see engine/python/session.ts. */
  exec(source: string): { stdout: string; stderr: string; ok: boolean; error?: { type: string; message: string; line?: number; steps?: number }; recorded?: string | null; rollback?: boolean };
  /** Function frames the program has open (a statement made now goes to the last one, indented as `indent` says). */
  openFrames?(): { indent: string }[];
}

export interface LabServiceDeps<S extends PythonSessionLike> {
  host: HostKind;
  appVersion: string;
  createSession(profile: ProfileId): S;
  /** The renderer's view of the heap (src-main/lab/snapshot.ts buildSnapshot). */
  snapshot(session: S, request: SnapshotRequest): HeapSnapshot;
  /** gc.get_count() and friends, read without running Python (src-main/lab/snapshot.ts gcView). */
  gc(session: S): GcView;
  /** Per-session trackers: samples, collection log, table, memory map, traced runs. */
  views: HeapViews<S>;
  emit<E extends keyof LabEvents>(event: E, payload: LabEvents[E]): void;
  profile?: ProfileId;
  /** Reading, writing and exporting .gclab sessions. */
  io: SessionIo<S>;
}

function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}

export class LabService<S extends PythonSessionLike> implements LabApi {
  private profile: ProfileId;
  private session!: S;
  private readonly history = new ProgramHistory();
  /** The opened file as loaded: its settings and unknown fields are written back on save. */
  private base: Session | null = null;
  private view: SessionViewState = {};
  /** Bumped by every change of the program; dirty = it moved since the last save/open/new. */
  private revision = 0;
  private savedRevision = 0;
  /** The revision at the last open/new: a save started before it must not mark the new session clean. */
  private openedRevision = 0;

  constructor(private readonly deps: LabServiceDeps<S>) {
    this.profile = deps.profile ?? DEFAULT_PROFILE;
    this.fresh();
  }

  async info(): Promise<LabInfo> {
    return { appVersion: this.deps.appVersion, host: this.deps.host, profiles: [...PROFILE_IDS], profile: this.profile };
  }

  async status(): Promise<LabStatus> {
    return {
      profile: this.profile,
      gc: this.deps.gc(this.session),
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      statements: this.history.program.length,
      dirty: this.revision !== this.savedRevision,
    };
  }

  async exec(source: string): Promise<ExecResult> {
    const result = this.run(source);
    const { recorded, rollback } = this.lastEntry;
    if (recorded === null) {
      // Refused inside a frame (the joined program would not do what the lab did): not part of the program.
      if (rollback) this.replay();
      return result;
    }
    // A failing gesture is kept too: what ran before the exception changed the heap, and a replay of the
    // same text reproduces exactly that partial effect. An error inside frames also records the returns it forced.
    this.history.record(recorded ?? source);
    if (!result.ok) this.noteRaised(this.history.program.length - 1);
    await this.changed('exec');
    return result;
  }

  async collectTraced(generation: 0 | 1 | 2): Promise<{ result: ExecResult; events: EngineEvent[] }> {
    const source = `${this.session.openFrames?.().at(-1)?.indent ?? ''}gc.collect(${generation})`;
    const { value, events } = this.deps.views.traced(this.session, () => this.run(source));
    this.history.record(source);
    if (!value.ok) this.noteRaised(this.history.program.length - 1);
    await this.changed('collect');
    return { result: value, events };
  }

  async snapshot(request: SnapshotRequest): Promise<HeapSnapshot> {
    return this.deps.snapshot(this.session, request);
  }

  async table(query: TableQuery): Promise<TablePage> {
    return this.deps.views.table(this.session, query);
  }

  async memoryMap(): Promise<MemoryMapView | null> {
    const map = this.deps.views.memoryMap(this.session);
    // JSON (the browser host's socket) would turn a typed array into an object.
    return map && { ...map, owners: Array.from(map.owners) };
  }

  async samples(): Promise<HeapSample[]> {
    return this.deps.views.samples();
  }

  async collections(): Promise<CollectionRecord[]> {
    return this.deps.views.collections();
  }

  async program(): Promise<string> {
    return this.history.program.join('\n');
  }

  async setProfile(id: string): Promise<LabStatus> {
    if (!isProfileId(id)) {
      throw new LabError({ name: 'UnknownProfile', message: `no profile ${JSON.stringify(id)}; known: ${PROFILE_IDS.join(', ')}` });
    }
    // The same program, run by another CPython version.
    this.profile = id;
    this.replay();
    return this.changed('profile');
  }

  async newSession(): Promise<LabStatus> {
    this.history.clear();
    this.base = null;
    this.view = {};
    this.fresh();
    this.revision++;
    this.savedRevision = this.openedRevision = this.revision;
    return this.changed('new');
  }

  /** The session in the current format (also what autosave writes); `view` defaults to the last one saved. */
  currentSession(view: SessionViewState = this.view): Session {
    const program = [...this.history.program];
    const fresh = createSession({ app: this.deps.appVersion, profile: this.profile, program, view });
    const session: Session = this.base
      ? { ...this.base, app: fresh.app, profile: fresh.profile, program, view: { ...this.base.view, ...view } }
      : fresh;
    session.collections = this.logIsProgram ? this.viewsLog() : this.deps.io.collectionLog(session);
    return session;
  }

  /** Serializes without marking clean: the host or page calls markSaved(revision) once the text is on disk. */
  async saveSession(view: SessionViewState): Promise<SessionText> {
    this.view = view; // also what autosave writes from now on
    return { text: serializeSession(this.currentSession(view)), revision: this.revision };
  }

  async markSaved(revision: number): Promise<LabStatus> {
    // A revision from before the last open/new (or from the future) is not what is open now.
    if (revision < this.openedRevision || revision > this.revision) return this.status();
    this.savedRevision = Math.max(this.savedRevision, revision);
    return this.changed('save');
  }

  /** The browser host saves from the page; Electron main answers this itself (src-main/electron/save-file.ts). */
  async saveFile(): Promise<SavedFile | null> {
    throw new LabError({ name: 'NotSupported', message: 'this host saves sessions from the page (download or file picker)' });
  }

  /** Electron main answers this itself (src-main/electron/save-file.ts); the browser page opens through a picker. */
  async openFile(): Promise<null> {
    throw new LabError({ name: 'NotSupported', message: 'this host opens sessions from the page (file picker or drop)' });
  }

  /** Hosts answer settings (they own the data folder); a bare service keeps none. */
  async settings(): Promise<HostSettings | null> {
    return null;
  }

  async setSettings(): Promise<HostSettings> {
    throw new LabError({ name: 'NotSupported', message: 'this host keeps no settings' });
  }

  async openSession(content: FileContent): Promise<OpenedSession> {
    const bytes = 'text' in content ? new TextEncoder().encode(content.text) : Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0));
    const parsed = this.deps.io.decode(bytes);
    if (!parsed.ok) throw badFile(parsed.error.message, parsed.error.path);
    const session = parsed.session;
    if (!isProfileId(session.profile)) throw badFile(`profile ${JSON.stringify(session.profile)} is not simulated`, '$.profile');
    // Replay once, into a scratch session the views follow (samples, collection log); it is swapped in when
    // every statement ran. On failure the views go back to the open session, which nothing touched.
    const scratch = this.deps.createSession(session.profile);
    this.deps.io.applySettings(scratch, session.settings);
    const restoreViews = this.deps.views.attach(scratch);
    let opened: ReturnType<typeof this.replayOpened>;
    try {
      opened = this.replayOpened(scratch, session);
    } catch (e) {
      restoreViews();
      throw e;
    }
    const { program, raised } = opened;
    this.logIsProgram = opened.logIsProgram;
    this.raised = opened.raisedAt;
    this.stopped = opened.stopped;
    this.session = scratch;
    this.profile = session.profile;
    this.base = session;
    this.view = (session.view ?? {}) as SessionViewState;
    this.history.clear();
    for (const source of program) this.history.record(source);
    this.revision++;
    this.savedRevision = this.openedRevision = this.revision;
    const status = await this.changed('open');
    return { status, view: this.view, warnings: [...parsed.warnings.map((w) => `${w.message} (at ${w.path})`), ...raised] };
  }

  async exportSession(kind: SessionExportKind): Promise<ExportedFile> {
    if (kind === 'gclab') return { content: { text: serializeSession(this.currentSession()) }, mime: 'application/x-gclab', extension: 'gclab' };
    return this.deps.io.export(this.currentSession(), kind, this.raised, this.stopped);
  }

  /** Hosts answer these (they own the data folder); a bare service has nothing to offer. */
  async recoveryOffer(): Promise<RecoveryOffer | null> {
    return null;
  }

  async resolveRecovery(): Promise<OpenedSession | null> {
    return null;
  }

  /** Nothing to undo leaves everything as it is (no event); status.statements tells the caller. */
  async undo(): Promise<LabStatus> {
    if (this.history.undo() === undefined) return this.status();
    this.replay();
    return this.changed('undo');
  }

  async redo(): Promise<LabStatus> {
    const source = this.history.redo();
    if (source === undefined) return this.status();
    if (!this.run(source).ok) this.noteRaised(this.history.program.length - 1);
    return this.changed('redo');
  }

  /** What the program keeps of the last entry run (see PythonSessionLike.exec). */
  private lastEntry: { recorded?: string | null; rollback?: boolean } = {};
  /**
   * Whether the views' collection log is the program's, statement for statement: every operation since the
   * session was made ran one program entry as recorded (a statement that raised is one; the export replay goes
   * on after it as the lab does). Then a save takes the log from the views instead of replaying.
   */
  private logIsProgram = true;
  /** Indices of the program statements that raised (the Python export wraps them), kept so export needs no replay. */
  private raised: number[] = [];
  /** Those of them the lab stopped at a limit (an endless loop): the Python export stops them the same way. */
  private stopped = new Map<number, Stopped>();
  private lastStop: Stopped | undefined;
  private noteRaised(statement: number): void {
    this.raised.push(statement);
    if (this.lastStop) this.stopped.set(statement, this.lastStop);
  }

  private run(source: string): ExecResult {
    const r = this.session.exec(source);
    this.lastEntry = { recorded: r.recorded, rollback: r.rollback };
    this.lastStop = stoppedBy(r);
    if (r.recorded !== undefined) this.logIsProgram = false;
    this.deps.views.afterOperation(this.session);
    const out: ExecResult = { stdout: r.stdout, stderr: r.stderr, ok: r.ok };
    if (!r.ok && r.error) out.error = { name: r.error.type, message: r.error.message };
    return out;
  }

  /**
   * Runs an opened file's program into `scratch` (sampled by the views) through shared/session restoreSession,
   * as every replay does: its sources and the statements that raised, or a BadSessionFile saying what and where.
   */
  private replayOpened(scratch: S, session: Session): { program: string[]; logIsProgram: boolean; raised: string[]; raisedAt: number[]; stopped: Map<number, Stopped> } {
    const program: string[] = [];
    const stopped = new Map<number, Stopped>();
    let logIsProgram = true;
    const restored = restoreSession(session, (source) => {
      const r = scratch.exec(source);
      this.deps.views.afterOperation(scratch);
      if (r.recorded !== undefined) logIsProgram = false;
      const stop = stoppedBy(r);
      if (stop) stopped.set(program.length, stop);
      program.push(source);
      return runResult(r);
    });
    if (!restored.ok) throw badFile(restored.error.message, restored.error.path);
    const stray = this.strayObjectHandle(scratch, session.view?.positions);
    if (stray) throw badFile(`view.positions[${JSON.stringify(stray)}] places an object the program never creates: no object ${stray} exists after the program ran`, `$.view.positions[${JSON.stringify(stray)}]`);
    return { program, logIsProgram, raised: restored.raised.map((w) => `${w.message} (at ${w.path})`), raisedAt: restored.raised.map((w) => w.statement), stopped };
  }

  /** The views' collection log as the session format stores it (operation n ran program statement n - 1). */
  private viewsLog(): Session['collections'] {
    return this.deps.views.collections().map((c) => ({ step: c.seq - 1, generation: c.generation, collected: c.collected, uncollectable: c.uncollectable, reason: c.reason }));
  }

  /** The first object-number handle (`#812`) no object of the replayed program answers to, if any. */
  private strayObjectHandle(scratch: S, positions: Record<string, unknown> | undefined): string | null {
    for (const handle of Object.keys(positions ?? {})) {
      const id = objectNumber(handle);
      if (id !== null && !this.deps.io.objectExists(scratch, id)) return handle;
    }
    return null;
  }

  private fresh(): void {
    this.session = this.deps.createSession(this.profile);
    this.deps.io.applySettings(this.session, this.base?.settings);
    this.deps.views.attach(this.session);
    this.logIsProgram = true;
    this.raised = [];
    this.stopped = new Map();
  }

  /**
   * Undo and profile changes rebuild the heap by running the program again in a fresh session: simple and
   * always correct because the engine is deterministic. Output is dropped (it was shown when it first ran).
   */
  private replay(): void {
    this.fresh();
    for (const [i, source] of this.history.program.entries()) if (!this.run(source).ok) this.noteRaised(i);
  }

  private async changed(reason: LabEvents['changed']['reason']): Promise<LabStatus> {
    if (reason !== 'save' && reason !== 'open' && reason !== 'new') this.revision++;
    const status = await this.status();
    this.deps.emit('changed', { reason, status });
    return status;
  }
}

function badFile(what: string, path: string): LabError {
  return new LabError({ name: 'BadSessionFile', message: `${what} (at ${path})` });
}
