// `gclab run` in-process (the spawned bin is covered by tests/differential/cli.test.ts): options, exit codes and
// the --json summary.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src-main/cli/main';

async function run(argv: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { out, err, code };
}

const dir = mkdtempSync(join(tmpdir(), 'gclab-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('gclab run', () => {
  it('appends a JSON summary with the final counts and every collection after the program output', async () => {
    const p = file('cycle.py', 'import gc\nl = []\nl.append(l)\ndel l\nprint(gc.collect())\n');
    const r = await run(['run', p, '--python', '3.12', '--json']);
    expect(r.code).toBe(0);
    const [first, ...rest] = r.out.split('\n');
    expect(first).toBe('1');
    const summary = JSON.parse(rest.join('\n'));
    expect(summary.python).toBe('3.12');
    expect(summary.collections).toEqual([{ generation: 2, collected: 1, uncollectable: 0, countsBefore: expect.any(Array) }]);
    expect(summary.thresholds).toEqual([700, 10, 10]);
    expect(summary.allocator.arenasCurrent).toBeGreaterThan(0);
  });

  it('refuses an unknown version with exit 2 and names the valid ones', async () => {
    const r = await run(['run', file('a.py', 'pass\n'), '--python', '2.7']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--python must be one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14.2, 3.14');
  });

  it('reports a missing file like CPython does', async () => {
    const r = await run(['run', join(dir, 'nope.py')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[Errno 2] No such file or directory');
  });

  it('prints what __del__ methods print while the interpreter exits', async () => {
    const p = file('exit.py', 'class C:\n    def __del__(self):\n        print("bye")\nc = C()\nprint("end")\n');
    const r = await run(['run', p]);
    expect(r.out).toBe('end\nbye\n');
  });
});
