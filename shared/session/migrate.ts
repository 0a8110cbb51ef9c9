// Migrations bring a document of any shipped format version up to the current one, before validation.
// MIGRATIONS[k] turns version k+1 into version k+2; each works on the plain JSON object and must keep
// fields it does not know. Each version has fixtures tests/fixtures/sessions/v<N>-*.gclab that must keep loading.

import { SESSION_FORMAT } from './schema-v1';
import type { SessionProblem } from './validate';

export const CURRENT_SESSION_VERSION = 2;

export type JsonObject = { [key: string]: unknown };
type Migration = (doc: JsonObject) => JsonObject;

export const MIGRATIONS: readonly Migration[] = [
  // 1 -> 2: version 2 only adds object-number handles (`#812`) to view.positions; every v1 name stays valid.
  (doc) => ({ ...doc, version: 2 }),
];

export type MigrateResult = { ok: true; doc: JsonObject; from: number } | { ok: false; error: SessionProblem };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function migrate(doc: unknown): MigrateResult {
  if (!isObject(doc)) {
    const what = Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`;
    return { ok: false, error: { message: `not a GC Lab session: the file holds ${what}, not a JSON object`, path: '$' } };
  }
  if (!Object.hasOwn(doc, 'format')) {
    return { ok: false, error: { message: `not a GC Lab session: there is no "format" field (expected "${SESSION_FORMAT}")`, path: '$.format' } };
  }
  if (doc.format !== SESSION_FORMAT) {
    const shown = typeof doc.format === 'string' ? JSON.stringify(doc.format.slice(0, 60)) : JSON.stringify(doc.format)?.slice(0, 60);
    return { ok: false, error: { message: `not a GC Lab session: "format" is ${shown}, expected "${SESSION_FORMAT}"`, path: '$.format' } };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    const shown = version === undefined ? 'missing' : JSON.stringify(version)?.slice(0, 60);
    return { ok: false, error: { message: `$.version must be a whole number from 1 up, found ${shown}`, path: '$.version' } };
  }
  if (version > CURRENT_SESSION_VERSION) {
    return {
      ok: false,
      error: {
        message: `written by a newer GC Lab (format ${version}); this app reads up to format ${CURRENT_SESSION_VERSION}`,
        path: '$.version',
      },
    };
  }
  let current = doc;
  for (let v = version; v < CURRENT_SESSION_VERSION; v++) current = MIGRATIONS[v - 1]!(current);
  return { ok: true, doc: current, from: version };
}
