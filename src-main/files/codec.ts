// Bytes on disk <-> session: gzip when large (detected on load by magic bytes, so either form opens).

import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { isGzip, parseSession, serializeSession, sessionLimits, type ParseOptions, type ParseResult, type Session } from '../../shared/session';

/** Files whose JSON is larger than this are written gzip-compressed. */
export const GZIP_THRESHOLD_BYTES = 256 * 1024;

export type Compression = 'auto' | 'always' | 'never';

/** gunzip that refuses to produce more than maxOutputBytes (a small file must not expand to gigabytes). */
export function gunzipBounded(bytes: Uint8Array, maxOutputBytes: number): Uint8Array {
  return gunzipSync(bytes, { maxOutputLength: maxOutputBytes });
}

export function encodeSession(session: Session, compression: Compression = 'auto'): Buffer {
  const text = Buffer.from(serializeSession(session), 'utf8');
  const gzip = compression === 'always' || (compression === 'auto' && text.length > GZIP_THRESHOLD_BYTES);
  return gzip ? gzipSync(text, { level: 6 }) : text;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Like encodeSession, but compresses on libuv's thread pool so a large save does not block the process. */
export async function encodeSessionAsync(session: Session, compression: Compression = 'auto'): Promise<Buffer> {
  const text = Buffer.from(serializeSession(session), 'utf8');
  const zip = compression === 'always' || (compression === 'auto' && text.length > GZIP_THRESHOLD_BYTES);
  return zip ? gzipAsync(text, { level: 6 }) : text;
}

/** Like decodeSession, but decompresses on the thread pool. */
export async function decodeSessionAsync(bytes: Uint8Array, options: Omit<ParseOptions, 'gunzip'> = {}): Promise<ParseResult> {
  if (!isGzip(bytes)) return parseSession(bytes, options);
  let plain: Uint8Array;
  const max = options.maxJsonChars ?? sessionLimits.MAX_JSON_CHARS;
  try {
    plain = await gunzipAsync(bytes, { maxOutputLength: max });
  } catch {
    // Let the parser produce its usual message for damaged or oversized data.
    return parseSession(bytes, { ...options, gunzip: gunzipBounded });
  }
  return parseSession(plain, options);
}

export function decodeSession(bytes: Uint8Array, options: Omit<ParseOptions, 'gunzip'> = {}): ParseResult {
  return parseSession(bytes, { ...options, gunzip: gunzipBounded });
}
