// Proof against real CPython: every corpus program runs in the lab and in each real interpreter present;
// stdout and exit status must match byte for byte. Pairs in tests/corpus/known-differences.json are lab bugs
// written down: for those the test asserts they STILL differ, so a fixed one must leave the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { ProfileId } from '../../src-main/engine/profiles/types';
import { runProgram } from '../../src-main/engine/python/session';
import {
  findInterpreters, PYENV_VERSIONS, runLimited, runPythonAsync, runPyodideProgram, type RunResult,
} from '../support/cpython';
import { KNOWN_DIFFERENCES_FILE, loadCorpus, loadKnownDifferences, type CorpusProgram } from './corpus-files';

const programs = loadCorpus();
const known = loadKnownDifferences();

interface Target {
  profile: ProfileId;
  /** The real interpreter, e.g. "CPython 3.11.7"; undefined when missing. */
  reference?: string;
  missing?: string;
  programs: CorpusProgram[];
  run(p: CorpusProgram): Promise<RunResult | undefined>;
}

function pyodideInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pyodide/pyodide.mjs');
    return true;
  } catch {
    return false;
  }
}

const interpreters = findInterpreters();
const targets: Target[] = PYENV_VERSIONS.map((v): Target => {
  const interp = interpreters.get(v);
  return {
    profile: v,
    reference: interp ? `CPython ${interp.full}` : undefined,
    missing: interp ? undefined : `CPython ${v} is not installed (pyenv or python${v} on PATH)`,
    programs,
    run: (p) => (interp ? runPythonAsync(interp, p.source) : Promise.resolve(undefined)),
  };
});
const hasPyodide = pyodideInstalled();
targets.push({
  profile: '3.14.2',
  reference: hasPyodide ? 'Pyodide CPython 3.14.2 (32-bit wasm)' : undefined,
  missing: hasPyodide ? undefined : 'Pyodide (npm package pyodide) is not installed',
  programs: programs.filter((p) => p.pyodide),
  run: (p) => runPyodideProgram(p.source, p.name),
});

interface LabRun { stdout: string; exitCode: number; stderr: string }

function runLab(p: CorpusProgram, profile: ProfileId): LabRun {
  try {
    const r = runProgram(p.source, { python: profile, filename: p.name });
    return { stdout: r.stdout, exitCode: r.exitCode, stderr: r.stderr };
  } catch (e) {
    // A crash of the lab itself is a mismatch, shown with its message.
    return { stdout: '', exitCode: -1, stderr: `the lab threw: ${(e as Error).stack ?? String(e)}` };
  }
}

const outcome = new Map<ProfileId, { match: string[]; differ: string[]; knownStill: string[]; knownFixed: string[] }>();
function record(profile: ProfileId, kind: 'match' | 'differ' | 'knownStill' | 'knownFixed', name: string): void {
  let o = outcome.get(profile);
  if (!o) outcome.set(profile, (o = { match: [], differ: [], knownStill: [], knownFixed: [] }));
  o[kind].push(name);
}

afterAll(() => {
  const short = (names: string[]) => names.map((n) => n.split('_')[0]).join(' ');
  const lines = ['', 'Differential corpus: lab vs real CPython (stdout byte for byte + exit status; programs by number)'];
  for (const t of targets) {
    if (!t.reference) {
      lines.push(`  ${t.profile.padEnd(7)} MISSING: ${t.missing}; ${t.programs.length} programs not compared`);
      continue;
    }
    const o = outcome.get(t.profile) ?? { match: [], differ: [], knownStill: [], knownFixed: [] };
    const ran = o.match.length + o.differ.length + o.knownStill.length + o.knownFixed.length;
    lines.push(`  ${t.profile.padEnd(7)} ${t.reference}: ${o.match.length}/${ran} match`
      + (o.knownStill.length ? `; known differences (${o.knownStill.length}): ${short(o.knownStill)}` : '')
      + (o.differ.length ? `; NEW differences (${o.differ.length}): ${short(o.differ)}` : '')
      + (o.knownFixed.length ? `; listed as known but now match (${o.knownFixed.length}): ${short(o.knownFixed)}` : ''));
  }
  lines.push('  3.14    MISSING: no real CPython 3.14.5+ on this machine; the lab\'s 3.14 profile is not compared');
  console.log(lines.join('\n'));
});

describe('the corpus', () => {
  it('holds at least 45 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(45);
  });

  it('marks for Pyodide only programs that print no sizes or addresses', () => {
    const offenders = programs.filter((p) => p.pyodide && /\b(getsizeof|id|_debugmallocstats)\s*\(/.test(p.source));
    expect(offenders.map((p) => p.name)).toEqual([]);
  });

  it('lists known differences only for programs and versions that are compared', () => {
    const stale = known.filter((k) => {
      const t = targets.find((x) => x.profile === k.version);
      return !t || !t.programs.some((p) => p.name === k.program) || k.reason.trim().length < 10;
    });
    expect(stale, `fix these entries of ${KNOWN_DIFFERENCES_FILE}`).toEqual([]);
  });
});

for (const t of targets) {
  describe(`the lab's ${t.profile} profile against ${t.reference ?? `missing ${t.profile}`}`, () => {
    const reference = new Map<string, RunResult>();
    beforeAll(async () => {
      if (!t.reference) return;
      const results = await runLimited(t.programs.map((p) => () => t.run(p)), 2);
      t.programs.forEach((p, i) => { const r = results[i]; if (r) reference.set(p.name, r); });
    }, 600_000);

    for (const p of t.programs) {
      const k = known.find((x) => x.program === p.name && x.version === t.profile);
      const title = k
        ? `${p.name} still differs from real ${t.profile} as known-differences.json records`
        : `${p.name} prints what real ${t.profile} prints and exits with its status`;
      it(title, (ctx) => {
        if (!t.reference) ctx.skip(t.missing);
        const ref = reference.get(p.name);
        expect(ref, `${t.reference} did not run ${p.name}`).toBeDefined();
        const lab = runLab(p, t.profile);
        const same = lab.stdout === ref!.stdout && lab.exitCode === ref!.status;
        if (k) {
          record(t.profile, same ? 'knownFixed' : 'knownStill', p.name);
          expect(same, `${p.name} on ${t.profile} now matches CPython: remove it from ${KNOWN_DIFFERENCES_FILE}`).toBe(false);
        } else {
          record(t.profile, same ? 'match' : 'differ', p.name);
          expect({ stdout: lab.stdout, exit: lab.exitCode }, `the lab's stderr:\n${lab.stderr.slice(0, 2000)}`)
            .toEqual({ stdout: ref!.stdout, exit: ref!.status });
        }
      });
    }
  });
}
