// Bytes on disk <-> session: gzip when large (detected on load by magic bytes, so either form opens).

import { gunzipSync, gzipSync } from 'node:zlib';
import { parseSession, serializeSession, type ParseOptions, type ParseResult, type Session } from '../../shared/session';

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

export function decodeSession(bytes: Uint8Array, options: Omit<ParseOptions, 'gunzip'> = {}): ParseResult {
  return parseSession(bytes, { ...options, gunzip: gunzipBounded });
}
