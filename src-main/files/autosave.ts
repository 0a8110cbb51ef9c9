// Autosave into the app's data folder (given by the host: Electron's userData, the web host's own folder),
// and crash detection: each running app instance keeps a marker file that a clean exit removes. On the next
// start, a marker whose process no longer runs means that instance crashed, and its autosave is offered.
//
//   <dataDir>/autosave/<instance>.gclab         the latest autosave (atomic, like every save)
//   <dataDir>/autosave/<instance>.running.json  the marker: pid, start time, which file was open

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Session } from '../../shared/session';
import { isProcessAlive, writeFileAtomic } from './atomic-write';
import { saveSessionFile } from './session-file';

const MARKER_SUFFIX = '.running.json';

interface Marker {
  pid: number;
  instance: string;
  startedAt: string;
  /** The file the user had open (null for an unsaved session). */
  sourcePath: string | null;
  savedAt: string | null;
}

export interface RecoverableAutosave {
  /** The autosaved session file: open it with loadSessionFile. */
  autosavePath: string;
  /** The file that was open when the app crashed, or null for an unsaved session. */
  sourcePath: string | null;
  savedAt: Date;
  instance: string;
}

export function autosaveFolder(dataDir: string): string {
  return join(dataDir, 'autosave');
}

export class Autosave {
  readonly folder: string;
  readonly instance: string;
  private marker: Marker;
  private timer: ReturnType<typeof setInterval> | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(dataDir: string, instance = `${process.pid}-${randomBytes(3).toString('hex')}`) {
    this.folder = autosaveFolder(dataDir);
    this.instance = instance;
    this.marker = { pid: process.pid, instance, startedAt: new Date().toISOString(), sourcePath: null, savedAt: null };
  }

  get autosavePath(): string {
    return join(this.folder, `${this.instance}.gclab`);
  }

  private get markerPath(): string {
    return join(this.folder, `${this.instance}${MARKER_SUFFIX}`);
  }

  /** Call at startup (after findRecoverableAutosaves): from now on a crash is detectable. */
  async start(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomic(this.markerPath, JSON.stringify(this.marker));
  }

  /** Saves the session now (atomic). Calls are queued so two saves never interleave. */
  save(session: Session, sourcePath: string | null = this.marker.sourcePath): Promise<void> {
    const run = async () => {
      await saveSessionFile(this.autosavePath, session);
      this.marker = { ...this.marker, sourcePath, savedAt: new Date().toISOString() };
      await writeFileAtomic(this.markerPath, JSON.stringify(this.marker));
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  /**
   * Autosaves every `seconds` while `snapshot` returns a session (return null when nothing changed since
   * the last save). 0 seconds turns autosave off. Errors go to `onError` and do not stop the timer.
   */
  schedule(seconds: number, snapshot: () => { session: Session; sourcePath: string | null } | null, onError: (e: unknown) => void): void {
    this.unschedule();
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      const s = snapshot();
      if (s) this.save(s.session, s.sourcePath).catch(onError);
    }, seconds * 1000);
    this.timer.unref?.();
  }

  /** Resolves when the saves started so far have finished (or failed). */
  flush(): Promise<void> {
    return this.chain.catch(() => undefined);
  }

  unschedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Call on a clean exit (after the user saved or chose to discard): nothing will be offered next time. */
  async cleanExit(): Promise<void> {
    this.unschedule();
    await this.chain.catch(() => undefined);
    await rm(this.autosavePath, { force: true });
    await rm(this.markerPath, { force: true });
  }
}

async function readMarker(path: string): Promise<Marker | null> {
  try {
    const m = JSON.parse(await readFile(path, 'utf8')) as Partial<Marker>;
    if (typeof m.pid !== 'number' || typeof m.instance !== 'string') return null;
    return { pid: m.pid, instance: m.instance, startedAt: String(m.startedAt), sourcePath: m.sourcePath ?? null, savedAt: m.savedAt ?? null };
  } catch {
    return null;
  }
}

/** Autosaves left by instances that did not exit cleanly and are no longer running, newest first. */
export async function findRecoverableAutosaves(dataDir: string): Promise<RecoverableAutosave[]> {
  const folder = autosaveFolder(dataDir);
  const names = await readdir(folder).catch(() => [] as string[]);
  const found: RecoverableAutosave[] = [];
  for (const name of names.filter((n) => n.endsWith(MARKER_SUFFIX))) {
    const marker = await readMarker(join(folder, name));
    const instance = name.slice(0, -MARKER_SUFFIX.length);
    if (marker && (marker.pid === process.pid || isProcessAlive(marker.pid))) continue; // still running
    const autosavePath = join(folder, `${instance}.gclab`);
    const info = await stat(autosavePath).catch(() => undefined);
    if (!info?.isFile()) {
      // Crashed before its first autosave: nothing to offer, forget the marker.
      await rm(join(folder, name), { force: true });
      continue;
    }
    found.push({ autosavePath, sourcePath: marker?.sourcePath ?? null, savedAt: info.mtime, instance });
  }
  return found.sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime());
}

/** Forgets a crashed instance's autosave (after it was restored, saved elsewhere, or declined). */
export async function discardAutosave(entry: RecoverableAutosave): Promise<void> {
  await rm(entry.autosavePath, { force: true });
  await rm(join(dirname(entry.autosavePath), `${entry.instance}${MARKER_SUFFIX}`), { force: true });
}
