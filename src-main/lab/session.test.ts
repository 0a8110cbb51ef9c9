// Save, open and export through the lab service on the real engine.
import { describe, expect, it } from 'vitest';
import { createLabService } from './engine';

const lab = () => createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });

describe('sessions in the lab service', () => {
  it('a saved session opened in a fresh service has the same program, profile, objects and positions', async () => {
    const a = lab();
    await a.setProfile('3.11');
    await a.exec('a = []\nb = [a]');
    await a.exec('a.append(b)');
    const text = await a.saveSession({ positions: { a: [10, 20], b: [300, 40.5] } });
    const b = lab();
    const opened = await b.openSession({ text });
    expect(opened.view.positions).toEqual({ a: [10, 20], b: [300, 40.5] });
    expect(opened.status.profile).toBe('3.11');
    expect(await b.program()).toBe('a = []\nb = [a]\na.append(b)');
    expect((await b.exec('print(a[0] is b, b[0] is a, len(a), len(b))')).stdout).toBe('True True 1 1\n');
  });

  it('a gzip-compressed file opens like the plain one (given as base64)', async () => {
    const { gzipSync } = await import('node:zlib');
    const a = lab();
    await a.exec('x = {"k": [1, 2, 3]}');
    const text = await a.saveSession({});
    const b = lab();
    await b.openSession({ base64: gzipSync(Buffer.from(text)).toString('base64') });
    expect((await b.exec('print(x)')).stdout).toBe("{'k': [1, 2, 3]}\n");
  });

  it('the saved collection log lists each collection with the statement it ran in', async () => {
    const a = lab();
    await a.exec('a = []\na.append(a)');
    await a.exec('del a');
    await a.exec('import gc\nprint(gc.collect())');
    const saved = JSON.parse(await a.saveSession({})) as { collections: unknown[] };
    expect(saved.collections).toEqual([{ step: 2, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);
  });

  it('a file that is not JSON is refused with where it broke, and the open session stays as it was', async () => {
    const b = lab();
    await b.exec('keep = [1]');
    await expect(b.openSession({ text: 'hello, not json' })).rejects.toMatchObject({ name: 'BadSessionFile', message: expect.stringMatching(/JSON/) });
    expect(await b.program()).toBe('keep = [1]');
    expect((await b.exec('print(keep)')).stdout).toBe('[1]\n');
  });

  it('a program line the lab cannot run names the statement and leaves the open session unchanged', async () => {
    const a = lab();
    await a.exec('x = 1');
    const good = JSON.parse(await a.saveSession({})) as { program: string[] };
    good.program.push('def broken(:');
    const b = lab();
    await b.exec('keep = 2');
    await expect(b.openSession({ text: JSON.stringify(good) })).rejects.toThrow(/program statement 2 cannot run: SyntaxError.*\$\.program\[1\]/);
    expect(await b.program()).toBe('keep = 2');
  });

  it('the session is dirty after a gesture and clean after saving or opening', async () => {
    const a = lab();
    expect((await a.status()).dirty).toBe(false);
    await a.exec('a = 1');
    expect((await a.status()).dirty).toBe(true);
    const text = await a.saveSession({});
    expect((await a.status()).dirty).toBe(false);
    await a.undo();
    expect((await a.status()).dirty).toBe(true);
    await a.openSession({ text });
    expect((await a.status()).dirty).toBe(false);
  });

  it('gc settings stored in the file are the collector state the program starts with', async () => {
    const a = lab();
    const text = JSON.stringify({ format: 'gclab-session', version: 1, app: '0.1.0', profile: '3.12', settings: { gc: { thresholds: [5, 3, 2] } }, program: ['import gc\nprint(gc.get_threshold())'] });
    await a.openSession({ text });
    expect((await a.exec('print(gc.get_threshold())')).stdout).toBe('(5, 3, 2)\n');
  });

  it('the Python export is the program as a script', async () => {
    const a = lab();
    await a.exec('a = [1]\nprint(a)');
    const out = await a.exportSession('py');
    expect(out.extension).toBe('py');
    expect('text' in out.content && out.content.text).toContain('a = [1]\nprint(a)');
  });
});
