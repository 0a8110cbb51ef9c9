// The recent files list: most recent first, no duplicates, bounded, persisted as JSON in the app's data
// folder (atomic write). A damaged list file is treated as empty rather than blocking startup.

import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export const RECENT_FILES_MAX = 10;

export class RecentFiles {
  readonly path: string;

  constructor(dataDir: string, readonly max = RECENT_FILES_MAX) {
    this.path = join(dataDir, 'recent-files.json');
  }

  async list(): Promise<string[]> {
    try {
      const doc = JSON.parse(await readFile(this.path, 'utf8')) as { files?: unknown };
      if (!Array.isArray(doc.files)) return [];
      return doc.files.filter((f): f is string => typeof f === 'string').slice(0, this.max);
    } catch {
      return [];
    }
  }

  private async write(files: string[]): Promise<string[]> {
    const kept = files.slice(0, this.max);
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, files: kept }, null, 1)}\n`);
    return kept;
  }

  /** Puts `file` first (after opening or saving it); returns the new list. */
  async add(file: string): Promise<string[]> {
    const abs = resolve(file);
    return this.write([abs, ...(await this.list()).filter((f) => f !== abs)]);
  }

  async remove(file: string): Promise<string[]> {
    const abs = resolve(file);
    return this.write((await this.list()).filter((f) => f !== abs));
  }

  async clear(): Promise<string[]> {
    return this.write([]);
  }

  /** Drops entries whose file no longer exists (e.g. before showing the menu). */
  async prune(): Promise<string[]> {
    const files = await this.list();
    const exists = await Promise.all(files.map((f) => stat(f).then((s) => s.isFile(), () => false)));
    return this.write(files.filter((_, i) => exists[i]));
  }
}
