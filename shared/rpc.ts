// Runtime validation of the contract in shared/api.ts, used by every transport (Electron IPC, the WebSocket
// of the browser host, the worker): the one table of method name -> argument schema lives here.
import { z } from 'zod';
import { LAB_METHODS, LabError, SESSION_EXPORT_KINDS, type ErrorShape, type LabApi, type LabEvents, type LabMethod } from './api';

const snapshotRequest = z
  .object({
    maxObjects: z.number().int().min(0).max(10_000_000).optional(),
    focus: z.number().int().nullable().optional(),
    radius: z.number().int().min(0).max(1000).optional(),
    includeInternal: z.boolean().optional(),
  })
  .strict();

/** Python source is text; the limit keeps a hostile page from making the worker parse gigabytes. */
const source = z.string().max(1_000_000);
const profileId = z.string().min(1).max(16);
const tableQuery = z
  .object({
    search: z.string().max(200).optional(),
    sortBy: z.enum(['id', 'kind', 'names', 'refcount', 'gen', 'size']).optional(),
    descending: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

const coord = z.number().finite();
const viewState = z
  .object({
    positions: z.record(z.string().min(1).max(200), z.tuple([coord, coord])).optional(),
    zoom: z.number().positive().finite().optional(),
    pan: z.tuple([coord, coord]).optional(),
    panels: z.array(z.string().max(64)).max(64).optional(),
  })
  .strict();
/** The browser host's socket caps a message at 4 MB; base64 of a gzip file stays well under it. */
const fileContent = z.union([
  z.object({ text: z.string().max(3_500_000) }).strict(),
  z.object({ base64: z.string().max(3_500_000) }).strict(),
]);

export const LAB_ARGS = {
  info: z.tuple([]),
  status: z.tuple([]),
  exec: z.tuple([source]),
  collectTraced: z.tuple([z.union([z.literal(0), z.literal(1), z.literal(2)])]),
  snapshot: z.tuple([snapshotRequest]),
  table: z.tuple([tableQuery]),
  memoryMap: z.tuple([]),
  samples: z.tuple([]),
  collections: z.tuple([]),
  program: z.tuple([]),
  setProfile: z.tuple([profileId]),
  newSession: z.tuple([]),
  undo: z.tuple([]),
  redo: z.tuple([]),
  saveSession: z.tuple([viewState]),
  markSaved: z.tuple([z.number().int().min(0)]),
  saveFile: z.tuple([viewState, z.boolean()]),
  openFile: z.tuple([]),
  settings: z.tuple([]),
  setSettings: z.tuple([z.object({ autosaveSeconds: z.number().int().min(0).max(86_400) }).strict()]),
  openSession: z.tuple([fileContent]),
  exportSession: z.tuple([z.enum(SESSION_EXPORT_KINDS)]),
  recoveryOffer: z.tuple([]),
  resolveRecovery: z.tuple([z.boolean()]),
} satisfies { [M in LabMethod]: z.ZodType<Parameters<LabApi[M]>> };

export type LabArgs<M extends LabMethod> = Parameters<LabApi[M]>;

const errorShape = z.object({ name: z.string(), message: z.string() });

/** A call as it travels: ids pair requests with responses. */
export const requestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(LAB_METHODS),
  args: z.array(z.unknown()).max(8),
});
export type LabRequest = z.infer<typeof requestSchema>;

export type LabResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorShape };

export type LabEventMessage = { [E in keyof LabEvents]: { event: E; payload: LabEvents[E] } }[keyof LabEvents];

export const responseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: errorShape }),
]);

/** Checks a call's method and arguments; throws a LabError named 'InvalidRequest' when they do not fit. */
export function parseCall(method: unknown, args: unknown): { method: LabMethod; args: unknown[] } {
  const m = z.enum(LAB_METHODS).safeParse(method);
  if (!m.success) throw new LabError({ name: 'InvalidRequest', message: `unknown method ${JSON.stringify(method)}` });
  const a = LAB_ARGS[m.data].safeParse(args);
  if (!a.success) {
    const issue = a.error.issues[0];
    const where = issue?.path.length ? ` at argument ${issue.path.join('.')}` : '';
    throw new LabError({ name: 'InvalidRequest', message: `invalid arguments for ${m.data}${where}: ${issue?.message ?? 'bad value'}` });
  }
  return { method: m.data, args: a.data as unknown[] };
}

/** Parses a request envelope (from a socket or the worker port) and its arguments. */
export function parseRequest(raw: unknown): LabRequest {
  const r = requestSchema.safeParse(raw);
  if (!r.success) throw new LabError({ name: 'InvalidRequest', message: 'malformed request' });
  const { args } = parseCall(r.data.method, r.data.args);
  return { id: r.data.id, method: r.data.method, args };
}

/** Calls a method of an api object with already validated arguments. */
export function dispatch(api: LabApi, method: LabMethod, args: unknown[]): Promise<unknown> {
  const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(api, args);
}
