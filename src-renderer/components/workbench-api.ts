// What the workbench needs from the lab, kept narrow so the components do not depend on the whole contract.
// The frame adapts its LabApi client to this (see lab-adapter.ts); tests and the benchmark can fake it.
import type {
  CollectionRecord,
  HeapSample,
  HeapSnapshot,
  MemoryMapView,
  SnapshotRequest,
  TablePage,
  TableQuery,
} from '../../shared/snapshot';
import type { EngineEvent } from '../../shared/events';

export interface ExecOutcome {
  /** What CPython would print to stdout/stderr while running it. */
  output: string;
  /** The traceback text when the statement raised, null otherwise. */
  error: string | null;
}

export interface WorkbenchApi {
  profiles: readonly string[];
  profile(): Promise<string>;
  setProfile(id: string): Promise<void>;
  exec(source: string): Promise<ExecOutcome>;
  /** Run gc.collect(generation) as a gesture with the engine's 'full' trace; returns the trace's events. */
  collectTraced(generation: 0 | 1 | 2): Promise<{ outcome: ExecOutcome; events: EngineEvent[] }>;
  snapshot(req: SnapshotRequest): Promise<HeapSnapshot>;
  /** The session's history as a program. */
  program(): Promise<string>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  table(q: TableQuery): Promise<TablePage>;
  memoryMap(): Promise<MemoryMapView | null>;
  samples(): Promise<HeapSample[]>;
  collections(): Promise<CollectionRecord[]>;
  /**
   * Called when the heap changed behind the workbench's back (menu undo, another view, a file opened, New), with
   * the reason (LabEvents['changed'].reason); returns unsubscribe.
   */
  subscribe?(onChange: (reason?: string) => void): () => void;
}
