// Reading and writing .gclab files on disk.

import { readFile, stat } from 'node:fs/promises';
import { restoreSession, sessionLimits, type OpenResult, type ParseResult, type RunStatement, type Session } from '../../shared/session';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write';
import { decodeSessionAsync, encodeSessionAsync, type Compression } from './codec';

export interface SaveOptions extends AtomicWriteOptions {
  /** 'auto' (default) gzips files whose JSON exceeds GZIP_THRESHOLD_BYTES. */
  compression?: Compression;
}

/** Saves atomically: on any error the previous file is untouched. Throws an Error whose message names the file. */
export async function saveSessionFile(path: string, session: Session, options: SaveOptions = {}): Promise<void> {
  const bytes = await encodeSessionAsync(session, options.compression);
  try {
    await writeFileAtomic(path, bytes, options);
  } catch (e) {
    throw new Error(`cannot save ${path}: ${describeFsError(e)}`, { cause: e });
  }
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return err.message ?? String(e);
  }
}

/** Loads and validates; never throws: a missing or unreadable file is an error result like a bad file. */
export async function loadSessionFile(path: string, options: { appVersion?: string } = {}): Promise<ParseResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: { message: `cannot open ${path}: it is not a file`, path: '$' } };
    if (info.size > sessionLimits.MAX_FILE_BYTES) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      return {
        ok: false,
        error: { message: `cannot open ${path}: the file is ${mb(info.size)}; GC Lab opens session files up to ${mb(sessionLimits.MAX_FILE_BYTES)}`, path: '$' },
      };
    }
    return await decodeSessionAsync(await readFile(path), options);
  } catch (e) {
    return { ok: false, error: { message: `cannot open ${path}: ${describeFsError(e)}`, path: '$' } };
  }
}

/**
 * Open = load + validate + restore into a scratch lab session made by `createScratch`. On success the
 * caller swaps `scratch` in; on any failure nothing was touched but the scratch session, which is dropped.
 */
export async function openSessionFile<S>(
  path: string,
  createScratch: (session: Session) => { scratch: S; run: RunStatement },
  options: { appVersion?: string } = {},
): Promise<OpenResult<S>> {
  const loaded = await loadSessionFile(path, options);
  if (!loaded.ok) return loaded;
  const { scratch, run } = createScratch(loaded.session);
  const restored = restoreSession(loaded.session, run);
  if (!restored.ok) return { ok: false, error: restored.error };
  return { ok: true, session: loaded.session, scratch, warnings: [...loaded.warnings, ...restored.raised] };
}
