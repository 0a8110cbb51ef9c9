// Autosave and the crash offer, with the lab service itself as the lab (no worker) and a real data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabMethod, OpenedSession } from '../../shared/api';
import { dispatch } from '../../shared/rpc';
import { createLabService } from './engine';
import { RecoveryStore, hostSessions } from './host-sessions';
import { SettingsStore } from '../files';

function lab() {
  const service = createLabService({ host: 'web', appVersion: '0.1.0', emit: () => undefined });
  return { service, call: (m: LabMethod, args: unknown[]) => dispatch(service, m, args) };
}

/** Makes the markers in `dataDir` look like they belong to a process that died (a pid that has exited). */
function crash(dataDir: string) {
  const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  const folder = path.join(dataDir, 'autosave');
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.running.json'))) {
    const marker = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as { pid: number };
    writeFileSync(path.join(folder, name), JSON.stringify({ ...marker, pid: Number(deadPid) }));
  }
}

describe('host sessions', () => {
  it('an unsaved session autosaved before a crash is offered and restored in a new window', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-host-'));
    const first = lab();
    const sessions = await hostSessions(first, { dataDir, recovery: await RecoveryStore.find(dataDir), autosaveSeconds: 0 });
    await first.service.exec('kept = {"a": [1]}');
    await sessions.autosaveNow();
    crash(dataDir);

    const second = lab();
    const next = await hostSessions(second, { dataDir, recovery: await RecoveryStore.find(dataDir), autosaveSeconds: 0 });
    expect(await next.call('recoveryOffer', [])).toMatchObject({ sourceName: null, statements: 1 });
    const restored = (await next.call('resolveRecovery', [true])) as OpenedSession;
    expect(restored.status.statements).toBe(1);
    expect((await second.service.exec('print(kept)')).stdout).toBe("{'a': [1]}\n");
    expect(await next.call('recoveryOffer', [])).toBeNull();
  });

  it('a clean session is not autosaved, and closing it clean leaves nothing to offer', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-host-'));
    const first = lab();
    const sessions = await hostSessions(first, { dataDir, recovery: await RecoveryStore.find(dataDir), autosaveSeconds: 0 });
    await first.service.exec('x = 1');
    await first.service.markSaved((await first.service.saveSession({})).revision);
    await sessions.autosaveNow();
    expect(readdirSync(path.join(dataDir, 'autosave')).filter((n) => n.endsWith('.gclab'))).toEqual([]);
    await sessions.close();
    expect(readdirSync(path.join(dataDir, 'autosave'))).toEqual([]);
    crash(dataDir);
    const store = await RecoveryStore.find(dataDir);
    expect(await store.offer()).toBeNull();
  });

  it('Discard forgets the autosave: the next start offers nothing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-host-'));
    const first = lab();
    const sessions = await hostSessions(first, { dataDir, recovery: await RecoveryStore.find(dataDir), autosaveSeconds: 0 });
    await first.service.exec('y = []');
    await sessions.autosaveNow();
    crash(dataDir);
    const second = await hostSessions(lab(), { dataDir, recovery: await RecoveryStore.find(dataDir), autosaveSeconds: 0 });
    expect(await second.call('resolveRecovery', [false])).toBeNull();
    expect(await (await RecoveryStore.find(dataDir)).offer()).toBeNull();
  });

  it('the autosave interval set in the app applies at once: the timer autosaves unsaved work within a second', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-host-'));
    const settings = await SettingsStore.load(dataDir);
    const first = lab();
    const sessions = await hostSessions(first, { dataDir, recovery: await RecoveryStore.find(dataDir), settings });
    expect([await sessions.call('settings', []), sessions.autosaveSeconds()]).toEqual([{ autosaveSeconds: 30 }, 30]);
    expect(await sessions.call('setSettings', [{ autosaveSeconds: 1 }])).toEqual({ autosaveSeconds: 1 });
    expect(sessions.autosaveSeconds()).toBe(1);
    await first.service.exec('timed = [1]');
    const autosaves = () => readdirSync(path.join(dataDir, 'autosave')).filter((n) => n.endsWith('.gclab'));
    const deadline = Date.now() + 5000;
    while (autosaves().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(autosaves()).toHaveLength(1);
    await sessions.call('setSettings', [{ autosaveSeconds: 0 }]);
    expect(sessions.autosaveSeconds()).toBe(0);
    await sessions.close();
  });

  it('the autosave setting is kept in the data folder for the next start, and a command-line value wins over it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gclab-host-'));
    await (await SettingsStore.load(dataDir)).set({ autosaveSeconds: 45 });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual({ version: 1, autosaveSeconds: 45 });
    expect((await SettingsStore.load(dataDir)).get()).toEqual({ autosaveSeconds: 45 });
    expect((await SettingsStore.load(dataDir, { autosaveSeconds: 1 })).get()).toEqual({ autosaveSeconds: 1 });
    writeFileSync(path.join(dataDir, 'settings.json'), '{"autosaveSeconds": "soon"');
    expect((await SettingsStore.load(dataDir)).get()).toEqual({ autosaveSeconds: 30 });
  });

  it('refuses an autosave interval that is not a whole number of seconds from 0 to 86400', async () => {
    const store = SettingsStore.fixed();
    await expect(store.set({ autosaveSeconds: 1.5 })).rejects.toThrow('autosaveSeconds must be a whole number from 0 to 86400, got 1.5');
    expect(store.get()).toEqual({ autosaveSeconds: 30 });
  });
});
