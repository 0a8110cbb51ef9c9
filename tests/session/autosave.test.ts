import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession } from '../../shared/session';
import { Autosave, autosaveFolder, discardAutosave, findRecoverableAutosaves, loadSessionFile, saveSessionFile } from '../../src-main/files';
import { useTempDirs } from './support/tmp';

const work = (tag: string) => createSession({ app: '0.1.0', program: [`${tag} = []`] });

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/** Leaves the files a crashed instance leaves: its marker (with a dead pid) and its autosave. */
async function crashedInstance(dataDir: string, instance: string, sourcePath: string | null): Promise<void> {
  mkdirSync(autosaveFolder(dataDir), { recursive: true });
  await saveSessionFile(join(autosaveFolder(dataDir), `${instance}.gclab`), work(instance));
  writeFileSync(
    join(autosaveFolder(dataDir), `${instance}.running.json`),
    JSON.stringify({ pid: deadPid(), instance, startedAt: '2026-01-01T00:00:00.000Z', sourcePath, savedAt: null }),
  );
}

describe('autosave and crash recovery', () => {
  const tempDir = useTempDirs();

  it('an autosave of a crashed instance is offered with the file it belonged to', async () => {
    const dataDir = tempDir();
    await crashedInstance(dataDir, 'gone', '/home/u/cycle.gclab');
    const offers = await findRecoverableAutosaves(dataDir);
    expect(offers.map((o) => [o.instance, o.sourcePath])).toEqual([['gone', '/home/u/cycle.gclab']]);
    const r = await loadSessionFile(offers[0]!.autosavePath);
    expect(r.ok && r.session.program).toEqual(['gone = []']);
  });

  it('nothing is offered after a clean exit', async () => {
    const dataDir = tempDir();
    const autosave = new Autosave(dataDir, 'clean');
    await autosave.start();
    await autosave.save(work('x'), null);
    await autosave.cleanExit();
    expect(await findRecoverableAutosaves(dataDir)).toEqual([]);
    expect(readdirSync(autosaveFolder(dataDir))).toEqual([]);
  });

  it('the autosave of an instance that is still running is not offered', async () => {
    const dataDir = tempDir();
    const running = new Autosave(dataDir, 'alive');
    await running.start();
    await running.save(work('x'), null);
    expect(await findRecoverableAutosaves(dataDir)).toEqual([]);
    await running.cleanExit();
  });

  it('the autosave of another instance that is still running is not offered', async () => {
    const dataDir = tempDir();
    await crashedInstance(dataDir, 'other', null);
    const marker = join(autosaveFolder(dataDir), 'other.running.json');
    writeFileSync(marker, JSON.stringify({ pid: process.ppid, instance: 'other', startedAt: '', sourcePath: null, savedAt: null }));
    expect(await findRecoverableAutosaves(dataDir)).toEqual([]);
  });

  it('a crash before the first autosave offers nothing and forgets the marker', async () => {
    const dataDir = tempDir();
    mkdirSync(autosaveFolder(dataDir), { recursive: true });
    const marker = join(autosaveFolder(dataDir), 'early.running.json');
    writeFileSync(marker, JSON.stringify({ pid: deadPid(), instance: 'early', startedAt: '', sourcePath: null, savedAt: null }));
    expect(await findRecoverableAutosaves(dataDir)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it('a declined offer is discarded and not offered again', async () => {
    const dataDir = tempDir();
    await crashedInstance(dataDir, 'gone', null);
    const [offer] = await findRecoverableAutosaves(dataDir);
    await discardAutosave(offer!);
    expect(await findRecoverableAutosaves(dataDir)).toEqual([]);
    expect(readdirSync(autosaveFolder(dataDir))).toEqual([]);
  });

  it('the scheduled autosave writes the session when the snapshot says it changed', async () => {
    const dataDir = tempDir();
    const autosave = new Autosave(dataDir, 'timer');
    await autosave.start();
    let calls = 0;
    const errors: unknown[] = [];
    autosave.schedule(0.02, () => (++calls === 2 ? { session: work('second'), sourcePath: '/docs/t.gclab' } : null), (e) => errors.push(e));
    while (calls < 4) await new Promise((r) => setTimeout(r, 10));
    autosave.unschedule();
    await autosave.flush();
    expect(errors).toEqual([]);
    const r = await loadSessionFile(autosave.autosavePath);
    expect(r.ok && r.session.program).toEqual(['second = []']);
  });

  it('autosave interval 0 turns the timer off', async () => {
    const autosave = new Autosave(tempDir(), 'off');
    let calls = 0;
    autosave.schedule(0, () => (calls++, null), () => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(0);
  });
});
