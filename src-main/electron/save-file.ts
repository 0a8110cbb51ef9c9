// Save and Save As in the desktop app: the native dialog (injected, so this runs without Electron in the
// tests), an atomic write of the session, then the revision that was written is marked saved and the file
// goes to the recent files. A cancelled dialog writes nothing and leaves the session dirty.
import { basename, dirname, join } from 'node:path';
import type { LabMethod, SavedFile, SessionText, SessionViewState } from '../../shared/api';
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
}

export interface WindowFiles extends Caller {
  /** The file the window has open: set by a native open, cleared by New or a file opened from the page. */
  readonly path: string | null;
  opened(path: string): void;
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

  return {
    get path() {
      return path;
    },
    opened(file: string) {
      path = file;
    },
    async call(method, args) {
      if (method === 'saveFile') return saveFile(args[0] as SessionViewState, args[1] === true);
      const result = await deps.lab().call(method, args);
      // A file given to the page (a drop) or a new session: Save must ask where, not overwrite the old file.
      if (method === 'newSession' || method === 'openSession' || (method === 'resolveRecovery' && result !== null)) path = null;
      return result;
    },
  };
}
