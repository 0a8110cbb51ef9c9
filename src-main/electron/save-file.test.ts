// Save / Save As of the desktop app without Electron: a fake native dialog, the real lab service and files.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { LabMethod, LabStatus } from '../../shared/api';
import { statementSource } from '../../shared/session';
import { dispatch } from '../../shared/rpc';
import { loadSessionFile } from '../files';
import { createLabService } from '../lab/engine';
import { createCallHandler } from './ipc';
import { windowFiles } from './save-file';

function setup(answers: (string | null)[], discard: boolean[] = [], openAnswers: (string | null)[] = []) {
  const confirmed: string[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gclab-esave-'));
  const service = createLabService({ host: 'electron', appVersion: '0.1.0', emit: () => undefined });
  const asked: string[] = [];
  const recent: string[] = [];
  let duringSave: (() => Promise<unknown>) | null = null;
  const lab = {
    call: async (m: LabMethod, args: unknown[]) => {
      const r = await dispatch(service, m, args);
      if (m === 'saveSession' && duringSave) await duringSave();
      return r;
    },
  };
  const files = windowFiles({
    lab: () => lab,
    chooseSavePath: async (defaultPath) => {
      asked.push(defaultPath);
      const a = answers.shift();
      return a === null || a === undefined ? null : path.join(dir, a);
    },
    addRecent: async (file) => void recent.push(file),
    defaultDir: () => dir,
    confirmDiscard: async (name) => (confirmed.push(name), discard.shift() ?? false),
    chooseOpenPath: async () => {
      const a = openAnswers.shift();
      return a ? path.join(dir, a) : null;
    },
  });
  const dirty = async () => ((await service.status()) as LabStatus).dirty;
  return { dir, service, files, asked, recent, confirmed, dirty, whileSaving: (f: () => Promise<unknown>) => (duringSave = f) };
}

describe('saving from the desktop app', () => {
  it('a cancelled Save dialog writes nothing and the session stays dirty', async () => {
    const t = setup([null]);
    await t.service.exec('a = [1]');
    expect(await t.files.call('saveFile', [{}, false])).toBeNull();
    expect(t.asked).toEqual([path.join(t.dir, 'untitled.gclab')]);
    expect(readdirSync(t.dir)).toEqual([]);
    expect(await t.dirty()).toBe(true);
  });

  it('Save writes the session atomically where the dialog said, marks it clean and adds it to the recent files', async () => {
    const t = setup(['lab']);
    await t.service.exec('a = []\na.append(a)');
    const saved = await t.files.call('saveFile', [{ positions: { a: [10, 20] } }, false]);
    const file = path.join(t.dir, 'lab.gclab');
    expect(saved).toEqual({ name: 'lab.gclab', path: file });
    expect(readdirSync(t.dir)).toEqual(['lab.gclab']); // no temporary file left beside it
    const loaded = await loadSessionFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.session.program.map(statementSource)).toEqual(['a = []\na.append(a)']);
    expect(loaded.session.view?.positions).toEqual({ a: [10, 20] });
    expect(await t.dirty()).toBe(false);
    expect(t.recent).toEqual([file]);
    expect(t.files.path).toBe(file);
  });

  it('a second Save writes the same file without asking; Save As asks again', async () => {
    const t = setup(['one.gclab', 'two.gclab']);
    await t.service.exec('x = 1');
    await t.files.call('saveFile', [{}, false]);
    await t.service.exec('y = 2');
    await t.files.call('saveFile', [{}, false]);
    expect(t.asked).toHaveLength(1);
    await t.files.call('saveFile', [{}, true]);
    expect(t.asked).toEqual([path.join(t.dir, 'untitled.gclab'), path.join(t.dir, 'one.gclab')]);
    const two = await loadSessionFile(path.join(t.dir, 'two.gclab'));
    expect(two.ok && two.session.program.map(statementSource)).toEqual(['x = 1', 'y = 2']);
  });

  it('a gesture made while the file is written is not in the file and keeps the session dirty', async () => {
    const t = setup(['race.gclab']);
    await t.service.exec('before = 1');
    t.whileSaving(() => t.service.exec('during = 2'));
    await t.files.call('saveFile', [{}, false]);
    const loaded = await loadSessionFile(path.join(t.dir, 'race.gclab'));
    expect(loaded.ok && loaded.session.program.map(statementSource)).toEqual(['before = 1']);
    expect(await t.dirty()).toBe(true);
  });

  it('after a file is opened from the page (a drop), Save asks where instead of overwriting the last file', async () => {
    const t = setup(['first.gclab', null]);
    await t.service.exec('x = 1');
    await t.files.call('saveFile', [{}, false]);
    const { text } = await t.service.saveSession({});
    await t.files.call('openSession', [{ text }]);
    await t.service.exec('z = 3');
    expect(await t.files.call('saveFile', [{}, false])).toBeNull();
    expect(t.asked).toHaveLength(2);
    expect(existsSync(path.join(t.dir, 'first.gclab'))).toBe(true);
  });

  it('the IPC gate hands saveFile to the window and refuses a malformed view', async () => {
    const t = setup(['gate.gclab']);
    const OWN = 'file:///app/out/renderer/index.html';
    const handle = createCallHandler(() => t.files, (url) => url === OWN);
    const mainFrame = { url: OWN };
    const sender = { sender: { id: 1, mainFrame }, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    expect(await handle(sender, 'saveFile', [{ zoom: -1 }, false])).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
    expect(await handle(sender, 'saveFile', [{}, false])).toEqual({ ok: true, value: { name: 'gate.gclab', path: path.join(t.dir, 'gate.gclab') } });
  });
});

describe('opening a file from disk in the desktop app (Open…, Open Recent, argv, the OS)', () => {
  async function savedFile(t: ReturnType<typeof setup>, name: string, program: string): Promise<string> {
    const other = createLabService({ host: 'electron', appVersion: '0.1.0', emit: () => undefined });
    await other.exec(program);
    const file = path.join(t.dir, name);
    writeFileSync(file, (await other.saveSession({})).text);
    return file;
  }

  it('opens without asking when nothing is unsaved, and becomes the file Save writes and a recent file', async () => {
    const t = setup([]);
    const file = await savedFile(t, 'doc.gclab', 'kept = [1, 2]');
    const opened = await t.files.openFile(file);
    expect(opened?.status).toMatchObject({ statements: 1, dirty: false });
    expect(t.confirmed).toEqual([]);
    expect([t.files.path, t.recent]).toEqual([file, [file]]);
    expect((await t.service.exec('print(kept)')).stdout).toBe('[1, 2]\n');
  });

  it('over unsaved work it asks; Cancel keeps the open session as it was, Discard opens the file', async () => {
    const t = setup([], [false, true]);
    const file = await savedFile(t, 'other.gclab', 'theirs = 1');
    await t.service.exec('mine = 2');
    expect(await t.files.openFile(file)).toBeNull();
    expect(t.confirmed).toEqual(['other.gclab']);
    expect(await t.service.program()).toBe('mine = 2');
    expect(await t.dirty()).toBe(true);
    expect([t.files.path, t.recent]).toEqual([null, []]);
    expect(await t.files.openFile(file)).not.toBeNull();
    expect(t.confirmed).toEqual(['other.gclab', 'other.gclab']);
    expect(await t.service.program()).toBe('theirs = 1');
  });

  it('a bad file is refused with what and where, and the open session and file stay', async () => {
    const t = setup([]);
    const file = path.join(t.dir, 'bad.gclab');
    writeFileSync(file, JSON.stringify({ format: 'gclab-session', version: 2, app: '0.1.0', profile: '3.12', program: ['a = 1', 'b = ('] }));
    await t.service.exec('mine = 2');
    await t.service.markSaved((await t.service.saveSession({})).revision);
    await expect(t.files.openFile(file)).rejects.toThrow(`program statement 2 (line 2 of the program: "b = (") cannot run: SyntaxError: '(' was never closed (at $.program[1])`);
    expect(await t.service.program()).toBe('mine = 2');
    expect(t.files.path).toBeNull();
  });

  it('Open… from the page (openFile): the native dialog, then the same open; a cancel or a bad file changes nothing', async () => {
    const t = setup([], [], [null, 'missing.gclab', 'mine.gclab']);
    const file = await savedFile(t, 'mine.gclab', 'x = [1]');
    const open = () => t.files.call('openFile', []);
    await t.service.exec('keep = 1');
    await t.service.markSaved((await t.service.saveSession({})).revision);
    expect(await open()).toBeNull();
    expect(await open()).toEqual({ file: { name: 'missing.gclab', path: path.join(t.dir, 'missing.gclab') }, error: expect.stringContaining('no such file') });
    expect(await t.service.program()).toBe('keep = 1');
    const opened = (await open()) as { file: { name: string }; status: { statements: number } };
    expect([opened.file.name, opened.status.statements]).toEqual(['mine.gclab', 1]);
    expect([t.files.path, t.recent]).toEqual([file, [file]]);
  });
});
