// The host's settings (autosave interval), persisted as JSON in the app's data folder with an atomic
// write. One store per host process: every window's autosave follows it, so a change applies at once.
// A damaged or missing file means the defaults; a value given on the command line wins over the file.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostSettings } from '../../shared/api';
import { writeFileAtomic } from './atomic-write';

export const DEFAULT_SETTINGS: HostSettings = { autosaveSeconds: 30 };

const validSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 86_400;

export class SettingsStore {
  private listeners = new Set<(s: HostSettings) => void>();

  private constructor(
    readonly path: string | null,
    private current: HostSettings,
  ) {}

  /** Reads `<dataDir>/settings.json`; `overrides` (command-line flags) win and are not written back. */
  static async load(dataDir: string, overrides: Partial<HostSettings> = {}): Promise<SettingsStore> {
    const path = join(dataDir, 'settings.json');
    let saved: Partial<HostSettings> = {};
    try {
      const doc = JSON.parse(await readFile(path, 'utf8')) as { autosaveSeconds?: unknown };
      if (validSeconds(doc.autosaveSeconds)) saved = { autosaveSeconds: doc.autosaveSeconds };
    } catch {
      // missing or damaged: the defaults
    }
    return new SettingsStore(path, { ...DEFAULT_SETTINGS, ...saved, ...definedOnly(overrides) });
  }

  /** Settings that live only in memory (tests, a host without a data folder). */
  static fixed(settings: Partial<HostSettings> = {}): SettingsStore {
    return new SettingsStore(null, { ...DEFAULT_SETTINGS, ...definedOnly(settings) });
  }

  get(): HostSettings {
    return { ...this.current };
  }

  /** Validates, persists, then tells every listener (each window re-arms its autosave timer). */
  async set(next: HostSettings): Promise<HostSettings> {
    if (!validSeconds(next.autosaveSeconds)) throw new RangeError(`autosaveSeconds must be a whole number from 0 to 86400, got ${String(next.autosaveSeconds)}`);
    const settings = { autosaveSeconds: next.autosaveSeconds };
    if (this.path) await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, ...settings }, null, 1)}\n`);
    this.current = settings;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  /** Returns the function that stops listening. */
  onChange(listener: (s: HostSettings) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

function definedOnly(s: Partial<HostSettings>): Partial<HostSettings> {
  return s.autosaveSeconds === undefined ? {} : { autosaveSeconds: s.autosaveSeconds };
}
