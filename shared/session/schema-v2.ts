// Version 2 of the .gclab format: the fields of version 1 (schema-v1.ts), with one more kind of view handle.
// Besides a name (`a`, `a[0]`), a position may be keyed by an object number (`#812`): the object's id once
// the program has run. The engine is deterministic, so replaying the program recreates every object under
// the same number, unnamed ones included. Version 1 could not read such keys, hence the new version.

import { z } from 'zod';
import { sessionV1Schema } from './schema-v1';

export const sessionV2Schema = sessionV1Schema.extend({ version: z.literal(2) });

export type SessionV2 = z.infer<typeof sessionV2Schema>;

/** `#812` -> 812; null when the handle is not an object number. */
export function objectNumber(handle: string): number | null {
  const m = /^#(\d{1,9})$/.exec(handle);
  return m ? Number(m[1]) : null;
}

export function objectHandle(id: number): string {
  return `#${id}`;
}
