// The collection log as CSV and JSON: one row per collection, the fields of the session format's log.
import type { CollectionRow } from './replay';

export const COLLECTION_COLUMNS = ['step', 'generation', 'collected', 'uncollectable', 'reason'] as const;

/** RFC 4180 text: a header row, then one row per collection; every value is a number or a bare word. */
export function collectionsCsv(rows: readonly CollectionRow[]): string {
  const lines = [COLLECTION_COLUMNS.join(',')];
  for (const r of rows) lines.push(COLLECTION_COLUMNS.map((c) => String(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** A JSON array, one collection per line (diffs well, like the session file). */
export function collectionsJson(rows: readonly CollectionRow[]): string {
  if (rows.length === 0) return '[]\n';
  const body = rows.map((r) => ' ' + JSON.stringify(Object.fromEntries(COLLECTION_COLUMNS.map((c) => [c, r[c]])))).join(',\n');
  return `[\n${body}\n]\n`;
}
