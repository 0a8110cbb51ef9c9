// Atomic file replacement: write a temporary file beside the target, flush it to disk, rename it over the
// target. A crash or error at any point leaves either the old file or the new one, never a mix; on error
// the temporary file is removed (after a crash it is left behind: removeStaleTempFiles cleans those up).

import { randomBytes } from 'node:crypto';
import { open, readdir, realpath, rename, rm, stat, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const CHUNK_BYTES = 1024 * 1024;
const TEMP_MARK = '.tmp-';

export interface AtomicWriteOptions {
  /** Called after each chunk is written (large saves can show progress); awaited. */
  onProgress?: (written: number, total: number) => void | Promise<void>;
  /** Called once the data is on disk, just before the rename; awaited. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Windows refuses to rename over a file another process has open for a moment (antivirus, indexer). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  // Write through a symlink to its target, so saving does not replace the link with a file.
  const target = await realpath(path).catch(() => path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = `${target}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`;
  const previousMode = await stat(target).then((s) => s.mode & 0o777, () => undefined);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', previousMode ?? 0o644);
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, offset, Math.min(CHUNK_BYTES, bytes.length - offset));
      offset += bytesWritten;
      await options.onProgress?.(offset, bytes.length);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (previousMode !== undefined) await chmod(temp, previousMode);
    await options.beforeRename?.(temp);
    await renameWithRetry(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  // Make the rename itself durable; directories cannot be opened for sync on Windows, which is fine.
  const dir = await open(dirname(target), 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close().catch(() => undefined);
  }
}

/** Temporary files left beside `path` by saves of processes that no longer run (a crash mid-save). */
export async function staleTempFiles(path: string): Promise<string[]> {
  const target = await realpath(path).catch(() => path);
  const prefix = `${basename(target)}${TEMP_MARK}`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(prefix))
    .filter((n) => {
      const pid = Number.parseInt(n.slice(prefix.length), 10);
      return Number.isSafeInteger(pid) && pid !== process.pid && !isAlive(pid);
    })
    .map((n) => join(dirname(target), n));
}

export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const stale = await staleTempFiles(path);
  await Promise.all(stale.map((p) => rm(p, { force: true })));
  return stale;
}

export { isAlive as isProcessAlive };
