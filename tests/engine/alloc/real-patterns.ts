// Runs python/patterns.py (after mstats.py) on a real interpreter and returns its reports, step by step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findInterpreters, runPython, type PyenvVersion } from '../../support/cpython';
import { parseMallocStats, type ParsedMallocStats } from './mallocstats-text';

const here = join(import.meta.dirname, 'python');
const SCRIPT = readFileSync(join(here, 'mstats.py'), 'utf8') + readFileSync(join(here, 'patterns.py'), 'utf8');

export interface Step { name: string; report: ParsedMallocStats }

export function runRealPattern(version: PyenvVersion, pattern: string, n: number, k: number): Step[] {
  const interp = findInterpreters().get(version);
  if (!interp) throw new Error(`CPython ${version} is not installed`);
  const r = runPython(interp, SCRIPT, [pattern, String(n), String(k)]);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('@@STEP ').slice(1).map((part) => {
    const nl = part.indexOf('\n');
    return { name: part.slice(0, nl), report: parseMallocStats(part.slice(nl + 1)) };
  });
}
