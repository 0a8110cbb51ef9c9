// Save, open and export through the lab service on the real engine.
import { describe, expect, it } from 'vitest';
import { parseSession, type Session } from '../../shared/session';
import { createPythonSession, type PythonSession } from '../engine/python/session';
import { createLabService } from './engine';
import { exportPython } from '../export';
import { LabService } from './service';
import { nodeSessionIo } from './session-files';
import { buildSnapshot, createHeapViews, gcView, sessionFrameNames } from './snapshot';

/** The real service, counting the replays a save makes for its collection log. */
function countingLab() {
  const io = nodeSessionIo('0.1.0');
  const counter = { replays: 0 };
  const service = new LabService<PythonSession>({
    host: 'web',
    appVersion: '0.1.0',
    emit: () => undefined,
    createSession: (profile) => createPythonSession(profile),
    snapshot: (session, request) => buildSnapshot(session.heap, request, sessionFrameNames(session)),
    gc: (session) => gcView(session.heap),
    views: createHeapViews<PythonSession>(),
    io: { ...io, collectionLog: (session) => (counter.replays++, io.collectionLog(session)) },
  });
  return { service, counter, replayLog: (s: Session) => io.collectionLog(s) };
}

async function savedSession(service: LabService<PythonSession>): Promise<Session> {
  const r = parseSession((await service.saveSession({})).text);
  if (!r.ok) throw new Error(r.error.message);
  return r.session;
}

const lab = () => createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });

describe('sessions in the lab service', () => {
  it('a saved session opened in a fresh service has the same program, profile, objects and positions', async () => {
    const a = lab();
    await a.setProfile('3.11');
    await a.exec('a = []\nb = [a]');
    await a.exec('a.append(b)');
    const { text } = await a.saveSession({ positions: { a: [10, 20], b: [300, 40.5] } });
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
    const { text } = await a.saveSession({});
    const b = lab();
    await b.openSession({ base64: gzipSync(Buffer.from(text)).toString('base64') });
    expect((await b.exec('print(x)')).stdout).toBe("{'k': [1, 2, 3]}\n");
  });

  it('the saved collection log lists each collection with the statement it ran in', async () => {
    const a = lab();
    await a.exec('a = []\na.append(a)');
    await a.exec('del a');
    await a.exec('import gc\nprint(gc.collect())');
    const saved = JSON.parse((await a.saveSession({})).text) as { collections: unknown[] };
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
    const good = JSON.parse((await a.saveSession({})).text) as { program: string[] };
    good.program.push('def broken(:');
    const b = lab();
    await b.exec('keep = 2');
    await expect(b.openSession({ text: JSON.stringify(good) })).rejects.toThrow(
      `program statement 2 (line 2 of the program: "def broken(:") cannot run: SyntaxError: invalid syntax (at $.program[1])`,
    );
    expect(await b.program()).toBe('keep = 2');
  });

  it('the session is dirty after a gesture and clean once the saved text is marked written, or after opening', async () => {
    const a = lab();
    expect((await a.status()).dirty).toBe(false);
    await a.exec('a = 1');
    expect((await a.status()).dirty).toBe(true);
    const { text, revision } = await a.saveSession({});
    expect((await a.status()).dirty).toBe(true);
    expect((await a.markSaved(revision)).dirty).toBe(false);
    await a.undo();
    expect((await a.status()).dirty).toBe(true);
    await a.openSession({ text });
    expect((await a.status()).dirty).toBe(false);
  });

  it('a save that was never written (the dialog was cancelled) leaves the session dirty', async () => {
    const a = lab();
    await a.exec('a = 1');
    await a.saveSession({});
    expect((await a.status()).dirty).toBe(true);
  });

  it('a change made while the save was being written keeps the session dirty', async () => {
    const a = lab();
    await a.exec('a = 1');
    const { revision } = await a.saveSession({});
    await a.exec('b = 2');
    expect((await a.markSaved(revision)).dirty).toBe(true);
    const again = await a.saveSession({});
    expect((await a.markSaved(again.revision)).dirty).toBe(false);
  });

  it('a save started before another file was opened does not mark the opened file clean', async () => {
    const a = lab();
    await a.exec('a = 1');
    const { text, revision } = await a.saveSession({});
    await a.openSession({ text });
    await a.exec('c = 3');
    expect((await a.markSaved(revision)).dirty).toBe(true);
  });

  it('an unnamed object keeps its position: keyed by its object number, the same object after the replay', async () => {
    const a = lab();
    await a.exec('a = [[1, 2], {"k": (3, 4)}]');
    const inner = (await a.snapshot({})).objects.find((o) => o.typeName === 'dict' && o.names.length === 0)!;
    const { text } = await a.saveSession({ positions: { a: [1, 2], [`#${inner.id}`]: [250.5, -40] } });
    expect(JSON.parse(text).version).toBe(2);
    const b = lab();
    const opened = await b.openSession({ text });
    expect(opened.view.positions).toEqual({ a: [1, 2], [`#${inner.id}`]: [250.5, -40] });
    const same = (await b.snapshot({})).objects.find((o) => o.id === inner.id)!;
    expect([same.typeName, same.label, same.names]).toEqual([inner.typeName, inner.label, inner.names]);
  });

  it('refuses a position keyed by an object number the program never creates, and keeps the open session', async () => {
    const a = lab();
    await a.exec('a = [1]');
    const { text } = await a.saveSession({ positions: { '#99999': [0, 0] } });
    const b = lab();
    await b.exec('keep = 1');
    await expect(b.openSession({ text })).rejects.toThrow('view.positions["#99999"] places an object the program never creates: no object #99999 exists after the program ran (at $.view.positions["#99999"])');
    expect(await b.program()).toBe('keep = 1');
  });

  it('an opened file has the samples and collection log of its program run once, the same as when it was made', async () => {
    const gestures = ['import gc', 'a = []\na.append(a)', 'del a', 'gc.collect()', 'b = [[] for _ in range(50)]', 'b = None'];
    const a = lab();
    for (const g of gestures) await a.exec(g);
    const { text } = await a.saveSession({});
    const b = lab();
    await b.exec('other = [1, 2, 3]');
    await b.openSession({ text });
    const samples = await b.samples();
    expect(samples.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(samples).toEqual(await a.samples());
    expect(samples[4]!.liveObjects - samples[5]!.liveObjects).toBe(51); // the list and its 50 lists
    expect(await b.collections()).toEqual([{ seq: 4, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);
  });

  it('a file that fails half way leaves the open session, its samples and its collection log as they were', async () => {
    const a = lab();
    await a.exec('import gc');
    await a.exec('x = []\nx.append(x)\ndel x\ngc.collect()');
    const good = JSON.parse((await a.saveSession({})).text) as { program: string[] };
    good.program.push('y = [', 'z = 1');
    const b = lab();
    await b.exec('import gc');
    await b.exec('keep = [[1]]\nkeep.append(keep)\ngc.collect(0)');
    const before = { samples: await b.samples(), collections: await b.collections(), objects: (await b.snapshot({})).objects };
    await expect(b.openSession({ text: JSON.stringify(good) })).rejects.toThrow(/program statement 3 \(line 6 of the program: "y = \["\) cannot run: SyntaxError/);
    expect(await b.samples()).toEqual(before.samples);
    expect(await b.collections()).toEqual(before.collections);
    expect((await b.snapshot({})).objects).toEqual(before.objects);
    // The views still follow the open session: the next gesture is sample 3 of it.
    await b.exec('keep.append(2)');
    expect((await b.samples()).map((s) => s.seq)).toEqual([1, 2, 3]);
    expect((await b.collections()).map((c) => [c.seq, c.generation])).toEqual([[2, 0]]);
  });

  it('a save takes the collection log from the views, without a replay, and it is the log a replay writes', async () => {
    const { service, counter, replayLog } = countingLab();
    const gestures = ['import gc', 'gc.set_threshold(7)', 'for i in range(30):\n    a = []\n    a.append(a)', 'b = [[]]\nb.append(b)\ndel b', 'gc.collect(1)', 'gc.collect()'];
    for (const g of gestures) await service.exec(g);
    const saved = await savedSession(service);
    expect(counter.replays).toBe(0);
    // two automatic collections of generation 0 during the loop (step 2), then the two asked for
    expect(saved.collections!.map((c) => [c.step, c.generation, c.collected, c.reason])).toEqual([
      [2, 0, 6, 'automatic'],
      [2, 0, 13, 'automatic'],
      [4, 1, 12, 'manual'],
      [5, 2, 0, 'manual'],
    ]);
    expect(saved.collections).toEqual(replayLog(saved));
    // the same after an undo, a redo and an open
    await service.undo();
    expect((await savedSession(service)).collections).toEqual(replayLog(await savedSession(service)));
    await service.redo();
    const again = await savedSession(service);
    expect(again.collections).toEqual(saved.collections);
    await service.openSession({ text: (await service.saveSession({})).text });
    expect((await savedSession(service)).collections).toEqual(saved.collections);
    expect(counter.replays).toBe(0);
  });

  it('a failing gesture stays in the program and the log after it is saved: the replay goes on, as the lab did', async () => {
    const { service, counter, replayLog } = countingLab();
    await service.exec('import gc\na = []\na.append(a)\ndel a');
    await service.exec('print(missing)');
    await service.exec('gc.collect()');
    const saved = await savedSession(service);
    expect(saved.program).toEqual(['import gc\na = []\na.append(a)\ndel a', 'print(missing)', 'gc.collect()']);
    expect(counter.replays).toBe(0); // the views' log is the program's
    expect(saved.collections).toEqual([{ step: 2, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);
    expect(saved.collections).toEqual(replayLog(saved));
    expect((await service.collections()).map((c) => c.seq)).toEqual([3]);
  });

  it('a console line that does not compile is not part of the program: the saved file opens again', async () => {
    const { service, counter, replayLog } = countingLab();
    await service.exec('import gc\na = []\na.append(a)\ndel a');
    const r = await service.exec('x = (');
    expect([r.ok, r.error?.name]).toEqual([false, 'SyntaxError']);
    await service.exec('print(gc.collect())');
    const saved = await savedSession(service);
    expect(saved.program).toEqual(['import gc\na = []\na.append(a)\ndel a', 'print(gc.collect())']);
    expect(saved.collections).toEqual([{ step: 1, generation: 2, collected: 1, uncollectable: 0, reason: 'manual' }]);
    expect(saved.collections).toEqual(replayLog(saved));
    expect(counter.replays).toBe(1); // the views counted the refused line as an operation: the log came from a replay
    const b = lab();
    const opened = await b.openSession({ text: (await service.saveSession({})).text });
    expect(opened.warnings).toEqual([]);
    expect(await b.program()).toBe('import gc\na = []\na.append(a)\ndel a\nprint(gc.collect())');
  });

  it('opening a file with a statement that raises goes on past it and says so in the warnings', async () => {
    const a = lab();
    await a.exec('a = [1]');
    await a.exec('a.apend(2)');
    await a.exec('a.append(3)');
    const b = lab();
    const opened = await b.openSession({ text: (await a.saveSession({})).text });
    expect(opened.warnings).toEqual([
      `program statement 2 (line 2 of the program: "a.apend(2)") raised AttributeError: 'list' object has no attribute 'apend'; the lab went on, as it does after a failing gesture (at $.program[1])`,
    ]);
    expect(await b.samples()).toEqual(await a.samples());
    expect((await b.exec('print(a)')).stdout).toBe('[1, 3]\n');
  });

  it('gc settings stored in the file are the collector state the program starts with', async () => {
    const a = lab();
    const text = JSON.stringify({ format: 'gclab-session', version: 1, app: '0.1.0', profile: '3.12', settings: { gc: { thresholds: [5, 3, 2] } }, program: ['import gc\nprint(gc.get_threshold())'] });
    await a.openSession({ text });
    expect((await a.exec('print(gc.get_threshold())')).stdout).toBe('(5, 3, 2)\n');
  });

  it('the Python export wraps the statements that raised, as a replay finds them, through exec, undo, redo and open', async () => {
    const a = lab();
    const script = async (s: LabService<PythonSession>) => {
      const out = await s.exportSession('py');
      return 'text' in out.content ? out.content.text : '';
    };
    const replayed = async (s: LabService<PythonSession>) => exportPython(await savedSession(s));
    for (const g of ['a = [1]', 'a.push(2)', 'a.append(3)', 'print(missing)']) await a.exec(g);
    expect(await script(a)).toContain('try:\n    a.push(2)\nexcept BaseException:');
    expect(await script(a)).toBe(await replayed(a));
    await a.undo();
    expect(await script(a)).toBe(await replayed(a));
    await a.redo();
    expect(await script(a)).toBe(await replayed(a));
    await a.collectTraced(0); // gc is not imported: NameError, kept like any failing gesture
    expect(await script(a)).toBe(await replayed(a));
    await a.setProfile('3.8');
    expect(await script(a)).toBe(await replayed(a));
    const b = lab();
    await b.openSession({ text: (await a.saveSession({})).text });
    expect(await script(b)).toBe(await replayed(a));
    expect((await script(b)).match(/^try:$/gm)).toHaveLength(3);
  });

  it('the Python export is the program as a script', async () => {
    const a = lab();
    await a.exec('a = [1]\nprint(a)');
    const out = await a.exportSession('py');
    expect(out.extension).toBe('py');
    expect('text' in out.content && out.content.text).toContain('a = [1]\nprint(a)');
  });
});
