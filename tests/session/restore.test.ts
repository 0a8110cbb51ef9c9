import { describe, expect, it } from 'vitest';
import {
  createSession,
  openSession,
  restoreSession,
  restoreSessionAsync,
  serializeSession,
  type RunResult,
} from '../../shared/session';

/**
 * A tiny stand-in for a lab session: it knows which names exist and fails on unknown ones, like NameError
 * (cannot run, as a syntax error would), or with `raises`, raises them as Python does (the replay goes on).
 */
class ToyLab {
  names = new Set<string>();
  ran: string[] = [];
  constructor(private readonly raises = false) {}
  run(source: string): RunResult {
    const assign = /^(\w+) = \[(\w*)\]$/.exec(source);
    const used = assign ? assign[2] : source.replace(/\.\w+\(.*$/, '');
    if (used && !this.names.has(used)) {
      const error = `NameError: name '${used}' is not defined`;
      return this.raises ? { ok: true, raised: error } : { ok: false, error };
    }
    if (assign) this.names.add(assign[1]!);
    this.ran.push(source);
    return { ok: true };
  }
}

const session = (program: Array<string | { source: string; gesture?: string }>) =>
  createSession({ app: '0.1.0', profile: '3.13', program });

describe('restoring a session replays its program into a scratch lab', () => {
  it('runs every statement in order and succeeds', () => {
    const lab = new ToyLab();
    const r = restoreSession(session(['a = []', 'b = [a]', 'a.append(b)']), (s) => lab.run(s));
    expect(r).toEqual({ ok: true, raised: [] });
    expect(lab.ran).toEqual(['a = []', 'b = [a]', 'a.append(b)']);
  });

  it('goes on after a statement that raised, and lists it with its place', () => {
    const lab = new ToyLab(true);
    const r = restoreSession(session(['a = []', 'zz.append(a)', 'b = [a]']), (s) => lab.run(s));
    expect(r).toEqual({
      ok: true,
      raised: [
        {
          message: `program statement 2 (line 2 of the program: "zz.append(a)") raised NameError: name 'zz' is not defined; the lab went on, as it does after a failing gesture`,
          path: '$.program[1]',
          statement: 1,
        },
      ],
    });
    expect(lab.ran).toEqual(['a = []', 'b = [a]']);
  });

  it('names the line of the program and of a multi-line statement where it cannot run', () => {
    const r = restoreSession(session(['a = []\nb = [a]', 'for x in a:\n    pass\n    c = [q]']), (s, i) =>
      i === 1 ? { ok: false, error: 'SyntaxError: invalid syntax', line: 3 } : { ok: true },
    );
    expect(!r.ok && r.error.message).toBe('program statement 2, its line 3 (line 5 of the program: "c = [q]") cannot run: SyntaxError: invalid syntax');
  });

  it('stops at the first statement that cannot run and says which one and why', () => {
    const lab = new ToyLab();
    const r = restoreSession(session(['a = []', 'b = [c]', 'a.append(b)']), (s) => lab.run(s));
    expect(r).toEqual({
      ok: false,
      error: {
        message: `program statement 2 (line 2 of the program: "b = [c]") cannot run: NameError: name 'c' is not defined`,
        path: '$.program[1]',
        statement: 1,
      },
    });
    expect(lab.ran).toEqual(['a = []']);
  });

  it('points at the source field of a statement object', () => {
    const r = restoreSession(session([{ source: 'x.append(1)', gesture: 'console' }]), (s) => new ToyLab().run(s));
    expect(!r.ok && r.error.path).toBe('$.program[0].source');
  });

  it('reports a runner that throws like a statement that failed', () => {
    const r = restoreSession(session(['a = []']), () => {
      throw new Error('evaluator crashed');
    });
    expect(!r.ok && r.error.message).toBe('program statement 1 (line 1 of the program: "a = []") cannot run: evaluator crashed');
  });

  it('works with a runner that answers asynchronously (a worker)', async () => {
    const lab = new ToyLab();
    const r = await restoreSessionAsync(session(['a = []', 'zz.append(a)']), async (s) => lab.run(s));
    expect(!r.ok && r.error.statement).toBe(1);
  });
});

describe('opening a file leaves the open session exactly as it was unless everything succeeds', () => {
  const open = new ToyLab();
  open.run('kept = []');
  const before = JSON.stringify({ names: [...open.names], ran: open.ran });

  it('drops the scratch lab when a program line fails', () => {
    const text = serializeSession(session(['a = []', 'b = [missing]']));
    const r = openSession(text, () => {
      const scratch = new ToyLab();
      return { scratch, run: (s) => scratch.run(s) };
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify({ names: [...open.names], ran: open.ran })).toBe(before);
  });

  it('drops nothing and runs nothing when the file itself is bad', () => {
    let created = 0;
    const r = openSession('{"format": "gclab-session", "version": 9}', () => {
      created++;
      const scratch = new ToyLab();
      return { scratch, run: (s) => scratch.run(s) };
    });
    expect(!r.ok && r.error.message).toBe('written by a newer GC Lab (format 9); this app reads up to format 2');
    expect(created).toBe(0);
  });

  it('hands back the replayed scratch lab on success', () => {
    const text = serializeSession(session(['a = []', 'b = [a]']));
    const r = openSession(text, () => {
      const scratch = new ToyLab();
      return { scratch, run: (s) => scratch.run(s) };
    });
    expect(r.ok && [...r.scratch.names]).toEqual(['a', 'b']);
  });
});
