// The lab service: one Python session per window or connection, behind the LabApi contract.
// It runs inside the worker (src-main/worker) in both hosts; it knows nothing about transports.
import type { ExecResult, HostKind, LabApi, LabEvents, LabInfo, LabStatus } from '../../shared/api';
import { LabError } from '../../shared/api';
import type { HeapSnapshot, SnapshotRequest } from '../../shared/snapshot';
import { DEFAULT_PROFILE, PROFILE_IDS, type ProfileId } from '../engine/profiles/types';
import { ProgramHistory } from './history';

/** What the service needs of a Python session (src-main/engine/python/session.ts). */
export interface PythonSessionLike {
  exec(source: string): { stdout: string; stderr: string; ok: boolean; error?: { type: string; message: string } };
}

export interface LabServiceDeps<S extends PythonSessionLike> {
  host: HostKind;
  appVersion: string;
  createSession(profile: ProfileId): S;
  /** Builds the renderer's view of the heap (src-main/lab/snapshot.ts); absent until the heap is wired. */
  snapshot?: (session: S, request: SnapshotRequest) => HeapSnapshot;
  emit<E extends keyof LabEvents>(event: E, payload: LabEvents[E]): void;
  profile?: ProfileId;
}

function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}

export class LabService<S extends PythonSessionLike> implements LabApi {
  private profile: ProfileId;
  private session: S;
  private readonly history = new ProgramHistory();

  constructor(private readonly deps: LabServiceDeps<S>) {
    this.profile = deps.profile ?? DEFAULT_PROFILE;
    this.session = deps.createSession(this.profile);
  }

  async info(): Promise<LabInfo> {
    return { appVersion: this.deps.appVersion, host: this.deps.host, profiles: [...PROFILE_IDS], profile: this.profile };
  }

  async status(): Promise<LabStatus> {
    const view = this.deps.snapshot?.(this.session, { maxObjects: 0 });
    return {
      profile: this.profile,
      gc: view?.gc ?? null,
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

  async snapshot(request: SnapshotRequest): Promise<HeapSnapshot> {
    if (!this.deps.snapshot) throw new LabError({ name: 'NotAvailable', message: 'the heap view is not available in this build yet' });
    return this.deps.snapshot(this.session, request);
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
    this.session = this.deps.createSession(this.profile);
    return this.changed('new');
  }

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

  /** The program so far, one gesture per entry (for export and session files). */
  program(): readonly string[] {
    return this.history.program;
  }

  private run(source: string): ExecResult {
    const r = this.session.exec(source);
    const out: ExecResult = { stdout: r.stdout, stderr: r.stderr, ok: r.ok };
    if (!r.ok && r.error) out.error = { name: r.error.type, message: r.error.message };
    return out;
  }

  /** A fresh session that has run the whole program; output is dropped, as it was shown when it first ran. */
  private replay(): void {
    this.session = this.deps.createSession(this.profile);
    for (const source of this.history.program) this.session.exec(source);
  }

  private async changed(reason: LabEvents['changed']['reason']): Promise<LabStatus> {
    const status = await this.status();
    this.deps.emit('changed', { reason, status });
    return status;
  }
}
