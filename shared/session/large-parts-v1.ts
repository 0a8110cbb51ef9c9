// A hand-written check of the three large parts of a v1 session (program, view positions, collection
// log) with exactly the rules of schema-v1.ts. Zod takes about 1 s for 1e5 objects; this loop takes tens of
// milliseconds. It only decides "valid or not": when it says no, the full zod schema runs to explain why.
// tests/session/fuzz.test.ts checks that the two always agree.

import { MAX_COORDINATE, MAX_HANDLE_CHARS, MAX_STATEMENT_CHARS, MAX_STATEMENTS } from './limits';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isCoordinate = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= -MAX_COORDINATE && v <= MAX_COORDINATE;
const isPoint = (v: unknown) => Array.isArray(v) && v.length === 2 && isCoordinate(v[0]) && isCoordinate(v[1]);

function programValid(program: unknown): boolean {
  if (!Array.isArray(program) || program.length > MAX_STATEMENTS) return false;
  for (const e of program) {
    if (typeof e === 'string') {
      if (e.length > MAX_STATEMENT_CHARS) return false;
      continue;
    }
    if (!isObject(e) || typeof e.source !== 'string' || e.source.length > MAX_STATEMENT_CHARS) return false;
    const g = e.gesture;
    if (g !== undefined && (typeof g !== 'string' || g.length < 1 || g.length > 64)) return false;
  }
  return true;
}

function positionsValid(positions: unknown): boolean {
  if (positions === undefined) return true;
  if (!isObject(positions)) return false;
  for (const key of Object.keys(positions)) {
    if (key.length < 1 || key.length > MAX_HANDLE_CHARS || !isPoint(positions[key])) return false;
  }
  return true;
}

function collectionsValid(collections: unknown): boolean {
  if (collections === undefined) return true;
  if (!Array.isArray(collections) || collections.length > MAX_STATEMENTS) return false;
  for (const c of collections) {
    if (!isObject(c)) return false;
    if (!isCount(c.step) || !isCount(c.collected) || !isCount(c.uncollectable)) return false;
    if (c.generation !== 0 && c.generation !== 1 && c.generation !== 2) return false;
    if (c.reason !== 'automatic' && c.reason !== 'manual') return false;
  }
  return true;
}

/**
 * When the large parts are valid, returns the document with them emptied, for zod to check the rest
 * quickly; returns null when they are not (then zod must check the whole document).
 */
export function largePartsValid(doc: Record<string, unknown>): Record<string, unknown> | null {
  const view = doc.view;
  if (!programValid(doc.program) || !collectionsValid(doc.collections)) return null;
  if (isObject(view) && !positionsValid(view.positions)) return null;
  const rest: Record<string, unknown> = { ...doc, program: [] };
  if (doc.collections !== undefined) rest.collections = [];
  if (isObject(view) && view.positions !== undefined) rest.view = { ...view, positions: {} };
  return rest;
}
