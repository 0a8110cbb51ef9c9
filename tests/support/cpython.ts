// Real CPython interpreters on this machine, for differential tests and benchmarks.
// pyenv holds 3.8-3.13 on the developers' machines; Pyodide (npm) is a real CPython 3.14.2.
// Tests must say which interpreters they skipped: use `interpreterReport()`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

export const PYENV_VERSIONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;
export type PyenvVersion = (typeof PYENV_VERSIONS)[number];

export interface Interpreter {
  version: PyenvVersion;
  /** Full version, e.g. "3.11.7". */
  full: string;
  path: string;
}

function pyenvRoot(): string {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return join(homedir(), '.pyenv');
  }
}

let cache: Map<PyenvVersion, Interpreter> | undefined;

/** The newest installed patch release of each minor version 3.8-3.13 found under pyenv (or on PATH). */
export function findInterpreters(): Map<PyenvVersion, Interpreter> {
  if (cache) return cache;
  cache = new Map();
  const versionsDir = join(pyenvRoot(), 'versions');
  const installed = existsSync(versionsDir) ? readdirSync(versionsDir) : [];
  for (const v of PYENV_VERSIONS) {
    const candidates = installed
      .filter((name) => name === v || name.startsWith(`${v}.`))
      .filter((name) => /^\d+\.\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b.split('.')[2] ?? 0) - Number(a.split('.')[2] ?? 0));
    let path: string | undefined;
    for (const name of candidates) {
      const p = join(versionsDir, name, 'bin', 'python3');
      if (existsSync(p)) { path = p; break; }
    }
    if (!path) {
      const onPath = spawnSync(`python${v}`, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
      if (onPath.status === 0) path = onPath.stdout.trim();
    }
    if (!path) continue;
    const full = spawnSync(path, ['-S', '-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' });
    if (full.status !== 0) continue;
    cache.set(v, { version: v, full: full.stdout.trim(), path });
  }
  return cache;
}

/** The newest interpreter present, for benchmarks. */
export function newestInterpreter(): Interpreter | undefined {
  const all = [...findInterpreters().values()];
  return all[all.length - 1];
}

/** "present: 3.8.18, 3.9.18 ...; missing: 3.10" — what a test prints about the interpreters it used. */
export function interpreterReport(): string {
  const found = findInterpreters();
  const present = [...found.values()].map((i) => i.full);
  const missing = PYENV_VERSIONS.filter((v) => !found.has(v));
  return `present: ${present.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}`;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Run a program the way the memory-model reference says to measure: `python -S`, PYTHONHASHSEED=0,
 * no PYTHONMALLOC, so startup numbers are quiet and repeatable.
 */
export function runPython(interp: Interpreter, source: string, args: string[] = [], timeoutMs = 120_000): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' };
  delete env.PYTHONMALLOC;
  delete env.PYTHONSTARTUP;
  const r = spawnSync(interp.path, ['-S', '-', ...args], {
    input: source,
    encoding: 'utf8',
    env,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
}

/** `runPython` without blocking the event loop, so several interpreters can run at once. */
export function runPythonAsync(interp: Interpreter, source: string, args: string[] = [], timeoutMs = 120_000): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' };
  delete env.PYTHONMALLOC;
  delete env.PYTHONSTARTUP;
  return new Promise((resolve) => {
    const child = spawn(interp.path, ['-S', '-', ...args], { env, timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status: code ?? -1 });
    });
    child.stdin.end(source);
  });
}

/** Runs `jobs` with at most `limit` in flight; results in input order. */
export async function runLimited<T>(jobs: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

// ---- Pyodide: a real CPython 3.14.2 compiled to WebAssembly, loaded offline from node_modules ----

interface PyodideLike {
  runPython(code: string): unknown;
  setStdout(opts: { batched?: (s: string) => void; raw?: (c: number) => void }): void;
  setStderr(opts: { batched?: (s: string) => void; raw?: (c: number) => void }): void;
}

let pyodidePromise: Promise<PyodideLike | undefined> | undefined;

/** Loads Pyodide once per process; undefined when the package is not installed. */
export function loadPyodideOnce(): Promise<PyodideLike | undefined> {
  if (!pyodidePromise) {
    pyodidePromise = (async () => {
      const require = createRequire(import.meta.url);
      let entry: string;
      try {
        entry = require.resolve('pyodide/pyodide.mjs');
      } catch {
        return undefined;
      }
      const mod = (await import(entry)) as { loadPyodide: (o: { indexURL: string }) => Promise<PyodideLike> };
      return mod.loadPyodide({ indexURL: join(entry, '..') });
    })();
  }
  return pyodidePromise;
}

/** Runs a program in a fresh namespace of Pyodide's CPython 3.14.2; stdout and stderr as text. */
export async function runPyodide(source: string): Promise<RunResult | undefined> {
  const py = await loadPyodideOnce();
  if (!py) return undefined;
  const out: number[] = [];
  const err: number[] = [];
  py.setStdout({ raw: (c) => { out.push(c); } });
  py.setStderr({ raw: (c) => { err.push(c); } });
  let status = 0;
  try {
    // A fresh __main__-like namespace per program, so programs do not see each other's names.
    (py.runPython as (code: string, opts?: { globals?: unknown }) => unknown)(
      `__gclab_ns = {'__name__': '__main__'}\nexec(compile(${JSON.stringify(source)}, '<program>', 'exec'), __gclab_ns)\ndel __gclab_ns`,
    );
  } catch (e) {
    status = 1;
    err.push(...Buffer.from(String((e as Error).message ?? e)));
  }
  const dec = new TextDecoder();
  return { stdout: dec.decode(new Uint8Array(out)), stderr: dec.decode(new Uint8Array(err)), status };
}

// ---- Pyodide as a fresh-looking interpreter per program ----
// One Pyodide instance serves every program (loading takes 3 s of CPU), so the state a program can change
// (collector settings, callbacks, gc.garbage, frozen objects, stdout buffers) is put back before each run.
// Unlike a fresh `python -S`, this interpreter is warm: one-time allocations (the thread state's dict and its
// 'Py_Repr' list made by the first repr of a container) happened before the first program.

const PYODIDE_DRIVER = `
import gc as _gclab_gc
_gclab_defaults = _gclab_gc.get_threshold()
def _gclab_run(src, filename):
    import gc, sys
    gc.disable(); gc.set_debug(0); gc.callbacks.clear(); del gc.garbage[:]; gc.unfreeze()
    gc.set_threshold(*_gclab_defaults)
    gc.collect(); gc.collect()
    gc.enable()
    ns = {'__name__': '__main__', '__builtins__': __builtins__}
    status = 0
    try:
        exec(compile(src, filename, 'exec'), ns)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    except BaseException:
        import traceback
        traceback.print_exc()
        status = 1
    finally:
        # Like the module cleanup at interpreter exit: objects the program left in its globals die now.
        ns.clear()
        del ns
        gc.collect()
        sys.stdout.flush(); sys.stderr.flush()
    return status
`;

let driverReady: Promise<PyodideLike | undefined> | undefined;

/**
 * Runs one program in Pyodide's CPython 3.14.2 in a fresh `__main__` namespace with the collector reset to its
 * startup settings; stdout and stderr as text and an exit status like the command line's (1 for a traceback).
 * undefined when Pyodide is not installed.
 */
export async function runPyodideProgram(source: string, filename = '<program>'): Promise<RunResult | undefined> {
  if (!driverReady) {
    driverReady = (async () => {
      const py = await loadPyodideOnce();
      if (py) {
        py.runPython(PYODIDE_DRIVER);
        // First-use allocations (the thread state's repr-recursion list, ...) happen here, not inside
        // whichever program happens to run first, so every program sees the same warm interpreter.
        py.runPython(`_gclab_run("import io\\nprint([0], (0,), {0: 0}, {0}, file=io.StringIO(), sep='', end='')", '<warm-up>')`);
      }
      return py;
    })();
  }
  const py = await driverReady;
  if (!py) return undefined;
  const out: number[] = [];
  const err: number[] = [];
  py.setStdout({ raw: (c) => { out.push(c); } });
  py.setStderr({ raw: (c) => { err.push(c); } });
  const status = Number(py.runPython(`_gclab_run(${JSON.stringify(source)}, ${JSON.stringify(filename)})`));
  const dec = new TextDecoder();
  return { stdout: dec.decode(new Uint8Array(out)), stderr: dec.decode(new Uint8Array(err)), status };
}
