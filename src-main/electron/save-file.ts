// Save, Save As and opening a file from disk in the desktop app: the native dialogs (injected, so this runs
// without Electron in the tests), an atomic write of the session, then the revision that was written is marked
// saved and the file goes to the recent files. A cancelled dialog writes nothing and leaves the session dirty;
// opening over unsaved work asks first, whatever asked for the file (Open…, Open Recent, argv, the OS).
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LabMethod, LabStatus, OpenedSession, SavedFile, SessionText, SessionViewState } from '../../shared/api';
import { decodeSession, saveSessionFile } from '../files';

export interface Caller {
  call(method: LabMethod, args: unknown[]): Promise<unknown>;
}

export interface WindowFileDeps {
  /** The window's lab as it is now (the worker, or the host sessions around it once they are ready). */
  lab: () => Caller;
  /** The native Save dialog: the chosen path, or null when cancelled. */
  chooseSavePath: (defaultPath: string) => Promise<string | null>;
  /** Recent files (the app's list and the OS's); failures there never fail the save. */
  addRecent: (path: string) => Promise<void>;
  /** Where a first Save suggests the file (the user's documents folder). */
  defaultDir: () => string;
  /** Asked before a file replaces unsaved work: true = discard it and open `fileName`. */
  confirmDiscard: (fileName: string) => Promise<boolean>;
  /** The native Open dialog: the chosen path, or null when cancelled. */
  chooseOpenPath: () => Promise<string | null>;
}

export interface WindowFiles extends Caller {
  /** The file the window has open: set by a native open, cleared by New or a file opened from the page. */
  readonly path: string | null;
  /**
   * Opens a .gclab from disk into the window's lab, asking first when the session has unsaved changes: the
   * opened session, or null when the user kept the open one. A bad file throws the lab's BadSessionFile.
   */
  openFile(path: string): Promise<OpenedSession | null>;
}

/** Wraps a window's lab: answers saveFile, and follows which file is open; every other call passes through. */
export function windowFiles(deps: WindowFileDeps): WindowFiles {
  let path: string | null = null;

  async function saveFile(view: SessionViewState, saveAs: boolean): Promise<SavedFile | null> {
    let target = saveAs ? null : path;
    if (!target) {
      const suggested = path ? basename(path) : 'untitled.gclab';
      const chosen = await deps.chooseSavePath(join(path ? dirname(path) : deps.defaultDir(), suggested));
      if (!chosen) return null;
      target = chosen.toLowerCase().endsWith('.gclab') ? chosen : `${chosen}.gclab`;
    }
    const lab = deps.lab();
    const { text, revision } = (await lab.call('saveSession', [view])) as SessionText;
    const decoded = decodeSession(new TextEncoder().encode(text));
    if (!decoded.ok) throw new Error(`cannot save: ${decoded.error.message}`);
    await saveSessionFile(target, decoded.session);
    // Only now is it on disk; a gesture made meanwhile keeps the session dirty (markSaved compares revisions).
    await lab.call('markSaved', [revision]);
    path = target;
    await deps.addRecent(target).catch(() => undefined);
    return { name: basename(target), path: target };
  }

  async function openFile(file: string): Promise<OpenedSession | null> {
    const lab = deps.lab();
    const status = (await lab.call('status', [])) as LabStatus;
    if (status.dirty && !(await deps.confirmDiscard(basename(file)))) return null;
    const bytes = await readFile(file);
    const opened = (await lab.call('openSession', [{ base64: bytes.toString('base64') }])) as OpenedSession;
    path = file;
    await deps.addRecent(file).catch(() => undefined);
    return opened;
  }

  return {
    get path() {
      return path;
    },
    openFile,
    async call(method, args) {
      if (method === 'saveFile') return saveFile(args[0] as SessionViewState, args[1] === true);
      if (method === 'openFile') {
        const chosen = await deps.chooseOpenPath();
        if (!chosen) return null;
        const file = { name: basename(chosen), path: chosen };
        try {
          const opened = await openFile(chosen);
          return opened && { ...opened, file };
        } catch (e) {
          return { file, error: e instanceof Error ? e.message : String(e) };
        }
      }
      const result = await deps.lab().call(method, args);
      // A file given to the page (a drop) or a new session: Save must ask where, not overwrite the old file.
      if (method === 'newSession' || method === 'openSession' || (method === 'resolveRecovery' && result !== null)) path = null;
      return result;
    },
  };
}
