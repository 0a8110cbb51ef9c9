// Writing a session: canonical field order, one program statement per line (readable, diffable, and
// still small; the Node side gzips large files). Unknown fields are written back after the known ones.

import { DEFAULT_SESSION_PROFILE, type SessionProfileId } from './profile-ids';
import { CURRENT_SESSION_VERSION } from './migrate';
import { SESSION_FORMAT, type CollectionRecord, type SessionSettings, type SessionView, type Statement } from './schema-v1';
import type { Session } from './parse';

const ORDER = ['format', 'version', 'app', 'profile', 'settings', 'program', 'view', 'collections'];
const ONE_PER_LINE = new Set(['program', 'collections']);

export function serializeSession(session: Session): string {
  const record = session as Record<string, unknown>;
  const keys = [...ORDER.filter((k) => Object.hasOwn(record, k)), ...Object.keys(record).filter((k) => !ORDER.includes(k))];
  const lines = keys
    .filter((k) => record[k] !== undefined)
    .map((k) => {
      const value = record[k];
      const name = JSON.stringify(k);
      if (ONE_PER_LINE.has(k) && Array.isArray(value) && value.length > 0) {
        return ` ${name}: [\n${value.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n ]`;
      }
      return ` ${name}: ${JSON.stringify(value)}`;
    });
  return `{\n${lines.join(',\n')}\n}\n`;
}

export interface NewSessionFields {
  app: string;
  profile?: SessionProfileId;
  program?: Statement[];
  settings?: SessionSettings;
  view?: SessionView;
  collections?: CollectionRecord[];
}

/** A session in the current format, with empty settings, view and log unless given. */
export function createSession(fields: NewSessionFields): Session {
  return {
    format: SESSION_FORMAT,
    version: CURRENT_SESSION_VERSION as 2,
    app: fields.app,
    profile: fields.profile ?? DEFAULT_SESSION_PROFILE,
    settings: fields.settings ?? {},
    program: fields.program ?? [],
    view: fields.view ?? {},
    collections: fields.collections ?? [],
  };
}
