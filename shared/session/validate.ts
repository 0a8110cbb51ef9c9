// Validation of a migrated (current-version) document: shape and types with zod, then the cross-field
// checks zod cannot express (view positions and collection steps must refer to the program).

import type { z } from 'zod';
import { MAX_STATEMENTS } from './limits';
import { formatPath, type PathSegment } from './json-path';
import { SESSION_PROFILE_IDS } from './profile-ids';
import { statementSource } from './schema-v1';
import { objectNumber, sessionV2Schema, type SessionV2 } from './schema-v2';
import { handleRoot, scanBoundNames } from './bound-names';
import { largePartsValid } from './large-parts-v1';

export interface SessionProblem {
  message: string;
  /** JSON path of the offending value, e.g. `$.program[3].source`. */
  path: string;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
  int: 'a whole number',
};

function boundText(issue: { origin?: string; inclusive?: boolean }, limit: number | bigint, more: boolean): string {
  const n = Number(limit);
  const what = issue.origin === 'string' ? 'characters' : issue.origin === 'array' ? 'items' : '';
  if (what) return `${more ? 'at least' : 'at most'} ${n} ${what}`;
  if (issue.inclusive === false) return `${more ? 'greater than' : 'less than'} ${n}`;
  return `${more ? 'at least' : 'at most'} ${n}`;
}

/** Picks the most specific issue: inside a union, the branch that got furthest into the value. */
function deepest(issue: z.core.$ZodIssue): { issue: z.core.$ZodIssue; path: PathSegment[] } {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: { issue: z.core.$ZodIssue; path: PathSegment[] } | null = null;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const found = deepest(inner);
      if (best === null || found.path.length > best.path.length) best = found;
    }
  }
  if (best === null || best.path.length === 0) return { issue, path };
  return { issue: best.issue, path: [...path, ...best.path] };
}

function issueMessage(issue: z.core.$ZodIssue, path: PathSegment[]): string {
  const where = formatPath(path);
  const last = path[path.length - 1];
  const found = 'input' in issue ? describeValue(issue.input) : 'nothing';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${where} is missing (expected ${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${where} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, found ${found}`;
    case 'too_small':
      return `${where} must be ${boundText(issue, issue.minimum, true)}, found ${found}`;
    case 'too_big':
      return `${where} must be ${boundText(issue, issue.maximum, false)}, found ${found}`;
    case 'invalid_value':
      if (last === 'profile') {
        return `${where} names an unknown CPython profile (${found}); this app knows ${SESSION_PROFILE_IDS.join(', ')}`;
      }
      return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found}`;
    case 'invalid_union':
      if (last === undefined || typeof last === 'number') {
        return `${where} must be a Python statement (a string, or an object with a "source" string), found ${found}`;
      }
      return `${where} has the wrong shape, found ${found}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Zod's issues as problems with a message that names the JSON path; the first is the most useful. */
export function schemaProblems(doc: unknown): SessionProblem[] {
  // Fast path for valid files: hand-check the large arrays, zod the (now small) rest.
  const rest = typeof doc === 'object' && doc !== null ? largePartsValid(doc as Record<string, unknown>) : null;
  if (rest && sessionV2Schema.safeParse(rest).success) return [];
  const result = sessionV2Schema.safeParse(doc, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((raw) => {
    const { issue, path } = deepest(raw);
    return { message: issueMessage(issue, path), path: formatPath(path) };
  });
}

/**
 * Checks that need the whole session: handles in the view and steps in the collection log. Object numbers
 * (`#812`) can only be checked once the program ran: the lab service refuses those no object answers.
 */
export function referenceProblems(session: SessionV2): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const positions = session.view?.positions;
  if (positions) {
    const bound = scanBoundNames(session.program.map(statementSource));
    for (const handle of Object.keys(positions)) {
      if (objectNumber(handle) !== null) continue;
      const root = handleRoot(handle);
      if (root !== null && (bound.dynamic || bound.names.has(root))) continue;
      const path = formatPath(['view', 'positions', handle]);
      if (root === null) {
        problems.push({ message: `${path}: ${JSON.stringify(handle)} is not a handle (it must start with a Python name, or be an object number such as #12)`, path });
      } else {
        problems.push({
          message: `${path} places an object the program never creates: no statement binds the name ${JSON.stringify(root)}`,
          path,
        });
      }
    }
  }
  const collections = session.collections ?? [];
  const steps = Math.min(session.program.length, MAX_STATEMENTS);
  collections.forEach((c, i) => {
    if (c.step >= steps) {
      const path = formatPath(['collections', i, 'step']);
      problems.push({
        message: `${path} is ${c.step}, but the program has ${steps} statement${steps === 1 ? '' : 's'} (steps count from 0)`,
        path,
      });
    }
  });
  return problems;
}
