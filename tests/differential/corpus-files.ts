// The differential corpus on disk: tests/corpus/NN_name.py and the list of known lab differences.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILE_IDS, type ProfileId } from '../../src-main/engine/profiles/types';

export const CORPUS_DIR = fileURLToPath(new URL('../corpus', import.meta.url));
export const KNOWN_DIFFERENCES_FILE = join(CORPUS_DIR, 'known-differences.json');

export interface CorpusProgram {
  /** File name, e.g. "13_cycle_instances.py". */
  name: string;
  path: string;
  source: string;
  /** First line `# pyodide: yes`: prints no sizes or addresses, so Pyodide's 32-bit 3.14.2 can be the reference. */
  pyodide: boolean;
}

export function loadCorpus(): CorpusProgram[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => /^\d{2,3}_[a-z0-9_]+\.py$/.test(n))
    .sort()
    .map((name) => {
      const path = join(CORPUS_DIR, name);
      const source = readFileSync(path, 'utf8');
      return { name, path, source, pyodide: /^# pyodide: yes\s*$/m.test(source.split('\n')[0] ?? '') };
    });
}

export interface KnownDifference {
  program: string;
  version: ProfileId;
  /** What the lab prints vs CPython, and the lab bug behind it. */
  reason: string;
}

export function loadKnownDifferences(): KnownDifference[] {
  const raw = JSON.parse(readFileSync(KNOWN_DIFFERENCES_FILE, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${KNOWN_DIFFERENCES_FILE}: expected a JSON array`);
  return raw.map((e: unknown, i) => {
    const o = e as Record<string, unknown>;
    if (typeof o.program !== 'string' || typeof o.version !== 'string' || typeof o.reason !== 'string') {
      throw new Error(`${KNOWN_DIFFERENCES_FILE}[${i}]: needs string fields program, version, reason`);
    }
    if (!(PROFILE_IDS as readonly string[]).includes(o.version)) {
      throw new Error(`${KNOWN_DIFFERENCES_FILE}[${i}]: unknown version ${o.version}`);
    }
    return { program: o.program, version: o.version as ProfileId, reason: o.reason };
  });
}
