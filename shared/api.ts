// The one contract between the renderer and the lab service (architecture.md, "One contract").
// Both transports (Electron IPC, the browser host's WebSocket) carry exactly these calls and events.
// To add a method: add it to LabApi, to LAB_METHODS, and its argument schema to LAB_ARGS in shared/rpc.ts
// (the compiler checks that the three agree).
import type { EngineEvent } from './events';
import type {
  CollectionRecord,
  GcView,
  HeapSample,
  HeapSnapshot,
  MemoryMapView,
  SnapshotRequest,
  TablePage,
  TableQuery,
} from './snapshot';

export type HostKind = 'electron' | 'web';

export interface LabInfo {
  appVersion: string;
  host: HostKind;
  /** Profile ids the engine simulates ('3.8' ... '3.14'), in order. */
  profiles: string[];
  profile: string;
}

/** What the status bar shows. gc.counts is gc.get_count() of the simulated interpreter. */
export interface LabStatus {
  profile: string;
  gc: GcView;
  canUndo: boolean;
  canRedo: boolean;
  /** Gestures in the program (what undo can take back). */
  statements: number;
  /** The program changed since the last save, open or new session (the title's unsaved mark). */
  dirty: boolean;
}

/**
 * Canvas state saved with a session (docs/session-format.md `view`): positions keyed by object handle, a
 * name (`a`) or an object number (`#812`, the object's id after the program ran); `panels` = open panels.
 */
export type SessionViewState = {
  positions?: Record<string, [number, number]>;
  zoom?: number;
  pan?: [number, number];
  panels?: string[];
};

/** A file's content as it crosses a transport: text as is, binary (gzip) as base64. */
export type FileContent = { text: string } | { base64: string };

export interface OpenedSession {
  status: LabStatus;
  view: SessionViewState;
  /** Problems that did not stop the open (e.g. written by a newer app), one sentence each. */
  warnings: string[];
}

/** A session serialized for saving, and the revision it holds (what markSaved marks clean once written). */
export interface SessionText {
  text: string;
  revision: number;
}

/** Where a host-side save (Electron's native dialog + atomic write) put the session. */
export interface SavedFile {
  /** The file name shown in the title, e.g. "lab.gclab". */
  name: string;
  path: string;
}

/** Settings a person changes in the app, kept in the host's data folder. */
export interface HostSettings {
  /** Seconds between autosaves; 0 turns autosave off. */
  autosaveSeconds: number;
}

/** 'gclab' is the session itself without marking it saved (what autosave writes). */
export const SESSION_EXPORT_KINDS = ['py', 'svg', 'png', 'csv', 'json', 'txt', 'gclab'] as const;
export type SessionExportKind = (typeof SESSION_EXPORT_KINDS)[number];

export interface ExportedFile {
  content: FileContent;
  mime: string;
  /** File name extension without the dot. */
  extension: string;
}

/** An autosave left by a run of the app that crashed, offered back on the next start. */
export interface RecoveryOffer {
  savedAt: string;
  /** The file that was open then, or null for an unsaved session. */
  sourceName: string | null;
  statements: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  ok: boolean;
  /** The Python exception, e.g. { name: 'NameError', message: "name 'x' is not defined" }. */
  error?: ErrorShape;
}

export interface LabApi {
  info(): Promise<LabInfo>;
  status(): Promise<LabStatus>;
  /** Runs Python statements against the session, as one undoable gesture. */
  exec(source: string): Promise<ExecResult>;
  snapshot(options: SnapshotRequest): Promise<HeapSnapshot>;
  setProfile(id: string): Promise<LabStatus>;
  newSession(): Promise<LabStatus>;
  undo(): Promise<LabStatus>;
  redo(): Promise<LabStatus>;
  /** Runs `gc.collect(generation)` as one gesture with the engine's 'full' trace; returns the trace. */
  collectTraced(generation: 0 | 1 | 2): Promise<{ result: ExecResult; events: EngineEvent[] }>;
  /** The objects table over the whole heap: searched, sorted, paged. */
  table(query: TableQuery): Promise<TablePage>;
  /** pymalloc's arenas, pools and block owners, and the sys._debugmallocstats() text (null without pymalloc). */
  memoryMap(): Promise<MemoryMapView | null>;
  /** A sample per operation for the chart. */
  samples(): Promise<HeapSample[]>;
  /** Every collection so far. */
  collections(): Promise<CollectionRecord[]>;
  /** The program so far, one gesture per line. */
  program(): Promise<string>;
  /**
   * The session as .gclab text (program, profile, settings, the renderer's view, collection log) with its
   * revision. It does not mark the session saved: call markSaved(revision) once the text was written.
   */
  saveSession(view: SessionViewState): Promise<SessionText>;
  /** The text of `revision` was written: clean unless the program changed since (then it stays dirty). */
  markSaved(revision: number): Promise<LabStatus>;
  /**
   * Desktop only: save through the native dialog (always for saveAs, or when no file is open) and an atomic
   * write; null when the dialog was cancelled. The browser host refuses it (the page saves there).
   */
  saveFile(view: SessionViewState, saveAs: boolean): Promise<SavedFile | null>;
  /**
   * Desktop only: the native Open dialog, then (asking first over unsaved work) the file opened as Open… in the
   * menu does: it becomes the file Save writes and a recent file. null when the dialog or the question was
   * cancelled; `error` (what is wrong and where) for a file that cannot be opened, the open session unchanged.
   * The browser host refuses it (the page opens through a picker or a drop).
   */
  openFile(): Promise<(OpenedSession & { file: SavedFile }) | { file: SavedFile; error: string } | null>;
  /** The host's settings (null: this host keeps none). */
  settings(): Promise<HostSettings | null>;
  /** Changes and persists the host's settings, applied at once; returns them. */
  setSettings(settings: HostSettings): Promise<HostSettings>;
  /**
   * Opens a .gclab file: replayed into a scratch session, swapped in only on success. A bad file throws a
   * LabError named 'BadSessionFile' saying what is wrong and where; the open session is then unchanged.
   */
  openSession(content: FileContent): Promise<OpenedSession>;
  /** The current session exported: the Python script, the graph (svg/png), the collection log (csv/json), the memory report (txt). */
  exportSession(kind: SessionExportKind): Promise<ExportedFile>;
  /** The autosave of a crashed run, if the host has one to offer (answered by the host, not the worker). */
  recoveryOffer(): Promise<RecoveryOffer | null>;
  /** Opens the offered autosave (like openSession) and forgets it; or, with restore=false, just forgets it. */
  resolveRecovery(restore: boolean): Promise<OpenedSession | null>;
}

export type LabMethod = keyof LabApi;
export const LAB_METHODS = [
  'info', 'status', 'exec', 'snapshot', 'setProfile', 'newSession', 'undo', 'redo',
  'collectTraced', 'table', 'memoryMap', 'samples', 'collections', 'program',
  'saveSession', 'markSaved', 'saveFile', 'openFile', 'openSession', 'exportSession', 'recoveryOffer', 'resolveRecovery',
  'settings', 'setSettings',
] as const;
// Compile-time check that LAB_METHODS lists exactly the methods of LabApi.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const LAB_METHODS_MATCH: Exact<(typeof LAB_METHODS)[number], LabMethod> = true;

/** Commands of the toolbar and of the native menu: both run the same command by id. */
export const COMMAND_IDS = [
  'new', 'open', 'save', 'saveAs', 'export', 'undo', 'redo',
  'zoomIn', 'zoomOut', 'zoomReset', 'fit', 'theme', 'about',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * Push events. `changed` follows every change of the heap (exec, undo, redo, profile, new).
 * `command` is a native menu item (Electron only); `open` is a .gclab file given on the command line or by the OS.
 */
export interface LabEvents {
  changed: { reason: 'exec' | 'collect' | 'undo' | 'redo' | 'profile' | 'new' | 'open' | 'save'; status: LabStatus };
  command: { id: CommandId };
  /** Electron main has already opened the file in the window's lab: `opened` on success, `error` otherwise. */
  open: { path: string; opened?: OpenedSession; error?: string };
}
export type LabEventName = keyof LabEvents;

/** The client side of the contract: the api plus a way to listen to events. */
export interface LabClient extends LabApi {
  on<E extends LabEventName>(event: E, listener: (payload: LabEvents[E]) => void): () => void;
}

/** Errors cross process boundaries as plain data and are rebuilt on the other side. */
export interface ErrorShape {
  name: string;
  message: string;
}

export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof Error) return { name: err.name, message: err.message };
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as { name?: unknown; message: unknown };
    return { name: typeof e.name === 'string' ? e.name : 'Error', message: String(e.message) };
  }
  return { name: 'Error', message: String(err) };
}

export class LabError extends Error {
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = shape.name;
  }
}

export function fromErrorShape(shape: ErrorShape): Error {
  return new LabError(shape);
}
