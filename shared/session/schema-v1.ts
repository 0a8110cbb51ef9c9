// Version 1 of the .gclab format as a zod schema. Every object is loose: fields this version does not
// know (written by a newer app, or by hand) pass validation and are kept, so saving writes them back.
// docs/session-format.md describes each field; keep the two in step.

import { z } from 'zod';
import { SESSION_PROFILE_IDS } from './profile-ids';
import {
  MAX_COORDINATE,
  MAX_HANDLE_CHARS,
  MAX_STATEMENT_CHARS,
  MAX_STATEMENTS,
} from './limits';

export const SESSION_FORMAT = 'gclab-session';

/** CPython stores thresholds and counts in C ints. */
const cInt = z.number().int().min(0).max(2 ** 31 - 1);
const count = z.number().int().min(0);
const coordinate = z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE);
const point = z.tuple([coordinate, coordinate]);

export const gcSettingsSchema = z.looseObject({
  /** gc.isenabled() when the program starts. */
  enabled: z.boolean().optional(),
  /** gc.get_threshold() when the program starts; absent = the profile's defaults. */
  thresholds: z.tuple([cInt, cInt, cInt]).optional(),
});

export const settingsSchema = z.looseObject({
  gc: gcSettingsSchema.optional(),
  /** Seconds between autosaves; 0 turns autosave off. */
  autosaveSeconds: z.number().int().min(0).max(86_400).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
});

const source = z.string().max(MAX_STATEMENT_CHARS);

export const statementSchema = z.union([
  source,
  z.looseObject({
    source,
    /** The user gesture that produced the statement (e.g. "console", "canvas.create", "canvas.connect"). */
    gesture: z.string().min(1).max(64).optional(),
  }),
]);

export const viewSchema = z.looseObject({
  /** Canvas position [x, y] of each object, keyed by its handle (see docs/session-format.md). */
  positions: z.record(z.string().min(1).max(MAX_HANDLE_CHARS), point).optional(),
  zoom: z.number().min(1e-6).max(1e6).optional(),
  pan: point.optional(),
  panels: z.array(z.string().min(1).max(64)).max(64).optional(),
});

export const collectionSchema = z.looseObject({
  /** 0-based index of the program statement during which the collection ran. */
  step: count,
  generation: z.number().int().min(0).max(2),
  collected: count,
  uncollectable: count,
  reason: z.enum(['automatic', 'manual']),
});

export const sessionV1Schema = z.looseObject({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(1),
  /** Version of the GC Lab that wrote the file. */
  app: z.string().min(1).max(64),
  profile: z.enum(SESSION_PROFILE_IDS),
  settings: settingsSchema.optional(),
  program: z.array(statementSchema).max(MAX_STATEMENTS),
  view: viewSchema.optional(),
  collections: z.array(collectionSchema).max(MAX_STATEMENTS).optional(),
});

export type SessionV1 = z.infer<typeof sessionV1Schema>;
export type Statement = z.infer<typeof statementSchema>;
export type CollectionRecord = z.infer<typeof collectionSchema>;
export type SessionSettings = z.infer<typeof settingsSchema>;
export type SessionView = z.infer<typeof viewSchema>;

export function statementSource(entry: Statement): string {
  return typeof entry === 'string' ? entry : entry.source;
}
