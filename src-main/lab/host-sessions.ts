// The host's part of sessions, shared by the browser host and Electron main: autosave of each window's
// lab into the app's data folder (with the crash marker), and the offer of a crashed run's autosave.
// Hosts route calls through `call`: recoveryOffer/resolveRecovery and settings/setSettings are answered
// here, the rest go to the lab.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExportedFile, HostSettings, LabMethod, LabStatus, OpenedSession, RecoveryOffer } from '../../shared/api';
import {
  Autosave,
  SettingsStore,
  decodeSession,
  discardAutosave,
  findRecoverableAutosaves,
  loadSessionFile,
  type RecoverableAutosave,
} from '../files';

export interface LabCaller {
  call(method: LabMethod, args: unknown[]): Promise<unknown>;
}

/** One per host process: the crashed run's autosave, offered to the first window that asks. */
export class RecoveryStore {
  private constructor(private entry: RecoverableAutosave | null) {}

  static async find(dataDir: string): Promise<RecoveryStore> {
    const found = await findRecoverableAutosaves(dataDir).catch(() => []);
    // Older crashes than the newest are not offered; forget them so they do not pile up.
    for (const old of found.slice(1)) await discardAutosave(old).catch(() => undefined);
    return new RecoveryStore(found[0] ?? null);
  }

  async offer(): Promise<RecoveryOffer | null> {
    if (!this.entry) return null;
    const loaded = await loadSessionFile(this.entry.autosavePath);
    if (!loaded.ok) {
      await this.take(false);
      return null;
    }
    return {
      savedAt: this.entry.savedAt.toISOString(),
      sourceName: this.entry.sourcePath ? basename(this.entry.sourcePath) : null,
      statements: loaded.session.program.length,
    };
  }

  /** Returns the autosave's bytes when restoring; in both cases the offer is forgotten. */
  async take(restore: boolean): Promise<Uint8Array | null> {
    const entry = this.entry;
    this.entry = null;
    if (!entry) return null;
    const bytes = restore ? await readFile(entry.autosavePath).catch(() => null) : null;
    await discardAutosave(entry).catch(() => undefined);
    return bytes;
  }
}

export interface HostSessionOptions {
  dataDir: string;
  recovery: RecoveryStore;
  /** The host's settings (the autosave interval follows them, changes apply at once). */
  settings?: SettingsStore;
  /** Without `settings`: a fixed number of seconds between autosaves; 0 = off. */
  autosaveSeconds?: number;
  /** The file the window has open (for the marker), if the host knows it. */
  sourcePath?: () => string | null;
  log?: (line: string) => void;
}

export interface HostSessions extends LabCaller {
  /** Autosaves now if the program changed since the last autosave. */
  autosaveNow(): Promise<void>;
  /** The interval the autosave timer runs at now (0: no timer). */
  autosaveSeconds(): number;
  /** The window closes: forget the autosave unless there is unsaved work (then it is offered next start). */
  close(): Promise<void>;
}

export async function hostSessions(lab: LabCaller, options: HostSessionOptions): Promise<HostSessions> {
  const autosave = new Autosave(options.dataDir);
  await autosave.start();
  let lastText = '';
  const autosaveNow = async () => {
    const status = (await lab.call('status', [])) as LabStatus;
    if (!status.dirty) return;
    const file = (await lab.call('exportSession', ['gclab'])) as ExportedFile;
    if (!('text' in file.content) || file.content.text === lastText) return;
    const decoded = decodeSession(new TextEncoder().encode(file.content.text));
    if (!decoded.ok) throw new Error(`autosave: ${decoded.error.message}`);
    await autosave.save(decoded.session, options.sourcePath?.() ?? null);
    lastText = file.content.text;
  };
  const log = options.log ?? (() => undefined);
  const settings = options.settings ?? SettingsStore.fixed({ autosaveSeconds: options.autosaveSeconds });
  let timer: ReturnType<typeof setInterval> | undefined;
  const arm = (seconds: number) => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (seconds <= 0) return;
    timer = setInterval(() => void autosaveNow().catch((e: unknown) => log(`autosave failed: ${String(e)}`)), seconds * 1000);
    timer.unref?.();
  };
  arm(settings.get().autosaveSeconds);
  const stopListening = settings.onChange((s) => arm(s.autosaveSeconds));
  return {
    autosaveNow,
    autosaveSeconds: () => (timer ? settings.get().autosaveSeconds : 0),
    async call(method, args) {
      if (method === 'settings') return settings.get();
      if (method === 'setSettings') return settings.set(args[0] as HostSettings);
      if (method === 'recoveryOffer') return options.recovery.offer();
      if (method === 'resolveRecovery') {
        const bytes = await options.recovery.take(args[0] === true);
        if (!bytes) return null;
        return (await lab.call('openSession', [{ base64: Buffer.from(bytes).toString('base64') }])) as OpenedSession;
      }
      return lab.call(method, args);
    },
    async close() {
      stopListening();
      arm(0);
      const dirty = await (lab.call('status', []) as Promise<LabStatus>).then((s) => s.dirty, () => true);
      if (dirty) await autosaveNow().catch(() => undefined);
      else await autosave.cleanExit();
    },
  };
}
