// The lab service: one Python session per window or connection, behind the LabApi contract.
// It runs inside the worker (src-main/worker) in both hosts; it knows nothing about transports.
import type { ExecResult, HostKind, LabApi, LabEvents, LabInfo, LabStatus } from '../../shared/api';
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
import { ProgramHistory } from './history';
import type { HeapViews } from './snapshot';

/** What the service needs of a Python session (src-main/engine/python/session.ts). */
export interface PythonSessionLike {
  exec(source: string): { stdout: string; stderr: string; ok: boolean; error?: { type: string; message: string } };
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
}

function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}

export class LabService<S extends PythonSessionLike> implements LabApi {
  private profile: ProfileId;
  private session!: S;
  private readonly history = new ProgramHistory();

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
    };
  }

  async exec(source: string): Promise<ExecResult> {
    const result = this.run(source);
    // A failing gesture is kept too: what ran before the exception changed the heap, and a replay of the
    // same text reproduces exactly that partial effect.
    this.history.record(source);
    await this.changed('exec');
    return result;
  }

  async collectTraced(generation: 0 | 1 | 2): Promise<{ result: ExecResult; events: EngineEvent[] }> {
    const source = `gc.collect(${generation})`;
    const { value, events } = this.deps.views.traced(this.session, () => this.run(source));
    this.history.record(source);
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
    this.fresh();
    return this.changed('new');
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
    this.run(source);
    return this.changed('redo');
  }

  private run(source: string): ExecResult {
    const r = this.session.exec(source);
    this.deps.views.afterOperation(this.session);
    const out: ExecResult = { stdout: r.stdout, stderr: r.stderr, ok: r.ok };
    if (!r.ok && r.error) out.error = { name: r.error.type, message: r.error.message };
    return out;
  }

  private fresh(): void {
    this.session = this.deps.createSession(this.profile);
    this.deps.views.attach(this.session);
  }

  /**
   * Undo and profile changes rebuild the heap by running the program again in a fresh session: simple and
   * always correct because the engine is deterministic. Output is dropped (it was shown when it first ran).
   */
  private replay(): void {
    this.fresh();
    for (const source of this.history.program) this.run(source);
  }

  private async changed(reason: LabEvents['changed']['reason']): Promise<LabStatus> {
    const status = await this.status();
    this.deps.emit('changed', { reason, status });
    return status;
  }
}
