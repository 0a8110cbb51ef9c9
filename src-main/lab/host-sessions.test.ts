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
    await first.service.saveSession({});
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
});
