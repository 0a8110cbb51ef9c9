// `gclab run FILE.gclab` and `gclab export`: what a person at a terminal sees, and the exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';
import { serializeSession } from '../../shared/session';
import { collectionsCsv, exportPython, replaySession } from '../../src-main/export';
import { buildSession, OBSERVING_PROGRAM } from './support';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclab-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gclab(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const session = buildSession('3.12', OBSERVING_PROGRAM);

describe('gclab run FILE.gclab', () => {
  it("prints what the session's program prints and exits 0", async () => {
    const r = await gclab('run', file('ok.gclab', serializeSession(session)));
    expect(r).toEqual({ code: 0, out: replaySession(session, { finish: true }).stdout, err: '' });
    expect(r.out).toContain('collected 2\n');
  });

  it('uses the profile stored in the file (3.8 collects the instance dicts too)', async () => {
    const old = buildSession('3.8', OBSERVING_PROGRAM);
    const r = await gclab('run', file('old.gclab', serializeSession(old)));
    expect(r.code).toBe(0);
    expect(r.out).toContain('collected 4\n');
  });

  it('a statement that raises prints the traceback and the replay goes on, as in the lab (exit 0)', async () => {
    const text = serializeSession({ ...session, program: ['a = [1]', 'print(a)', 'a.apend(2)', 'print("after", a)'] });
    const r = await gclab('run', file('raises.gclab', text));
    expect(r.code).toBe(0);
    expect(r.out).toBe('[1]\nafter [1]\n');
    expect(r.err).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*AttributeError: 'list' object has no attribute 'apend'\n$/);
  });

  it('a statement the lab cannot run stops it before any output, with the loader message naming it', async () => {
    const text = serializeSession({ ...session, program: ['print("before")', 'if True:\n    x = (1,'] });
    const r = await gclab('run', file('syntax.gclab', text));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^  File ".*syntax\.gclab", line 3\n[\s\S]*SyntaxError: '\(' was never closed\n/);
    expect(r.err).toMatch(/syntax\.gclab: program statement 2, its line 2 \(line 3 of the program: "x = \(1,"\) cannot run: SyntaxError: '\(' was never closed \(at \$\.program\[1\]\)\n$/);
  });

  it('a file that is not JSON gets the loader message with line and column, and exit 2', async () => {
    const r = await gclab('run', file('broken.gclab', '{"format": "gclab-session",\n "version": 1,,}'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/broken\.gclab: not valid JSON at line 2, column \d+/);
  });

  it('a session from a newer GC Lab is refused with exit 2', async () => {
    const r = await gclab('run', file('newer.gclab', JSON.stringify({ format: 'gclab-session', version: 99, app: '9.0', profile: '3.13', program: [] })));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/newer GC Lab/);
  });

  it('a missing file exits 2 saying so', async () => {
    const r = await gclab('run', join(dir, 'nope.gclab'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.gclab.*no such file/);
  });
});

describe('gclab export', () => {
  it('--to py prints the script on stdout', async () => {
    const r = await gclab('export', file('py.gclab', serializeSession(session)), '--to', 'py');
    expect(r).toEqual({ code: 0, out: exportPython(session), err: '' });
  });

  it('-o writes the export to the file and nothing to stdout, leaving no temporary file', async () => {
    const out = join(dir, 'log.csv');
    const r = await gclab('export', file('csv.gclab', serializeSession(session)), '--to=csv', '-o', out);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(out, 'utf8')).toBe(collectionsCsv(replaySession(session).collections));
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('--to txt prints the memory report of the replayed heap', async () => {
    const r = await gclab('export', file('txt.gclab', serializeSession(session)), '--to', 'txt');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Small block threshold = 512, in 32 size classes\./);
  });

  it('an unknown format, a missing --to or png without -o exit 2 with a message', async () => {
    const f = file('fmt.gclab', serializeSession(session));
    const bogus = await gclab('export', f, '--to', 'gif');
    expect(bogus.code).toBe(2);
    expect(bogus.err).toContain("--to must be one of py, svg, png, csv, json, txt (got 'gif')");
    const none = await gclab('export', f);
    expect(none.code).toBe(2);
    expect(none.err).toContain('usage: gclab export');
    const png = await gclab('export', f, '--to', 'png');
    expect(png.code).toBe(2);
    expect(png.err).toContain('give a file with -o');
  });

  it('a statement that raised does not stop an export: the log has the collection after it, the script wraps it', async () => {
    const program = ['import gc', 'a = []\na.append(a)', 'a.missing()', 'del a', 'gc.collect()'];
    const f = file('raised.gclab', serializeSession({ ...session, program }));
    const csv = await gclab('export', f, '--to', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out.trim().split(/\r?\n/)).toEqual(['step,generation,collected,uncollectable,reason', '4,2,1,0,manual']);
    const py = await gclab('export', f, '--to', 'py');
    expect(py.out).toContain("try:\n    a.missing()\nexcept BaseException:\n    __import__('sys').excepthook(*__import__('sys').exc_info())\ndel a\n");
  });

  it('a statement the lab cannot run stops an export, naming it (exit 1 for a syntax error)', async () => {
    const f = file('unrunnable.gclab', serializeSession({ ...session, program: ['a = []', 'b = (a'] }));
    const r = await gclab('export', f, '--to', 'txt');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`program statement 2 (line 2 of the program: "b = (a") cannot run: SyntaxError: '(' was never closed (at $.program[1])`);
  });

  it('a bad file is not exported: loader message, exit 2, no output file', async () => {
    const out = join(dir, 'never.svg');
    const r = await gclab('export', file('bad.gclab', '[1, 2'), '--to', 'svg', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it('--to png -o writes a PNG image rendered by Chromium (or exits 2 saying why it cannot)', async () => {
    const out = join(dir, 'graph.png');
    const r = await gclab('export', file('png.gclab', serializeSession(session)), '--to', 'png', '-o', out);
    if (r.code === 2) {
      expect(r.err).toMatch(/--to png is not available here: PNG export needs/);
      return;
    }
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const png = readFileSync(out);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(100); // IHDR width in pixels
  }, 60_000);
});
