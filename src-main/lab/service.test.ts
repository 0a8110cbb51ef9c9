// The lab service on the real engine: gestures, undo by replay, profiles, events.
import { describe, expect, it } from 'vitest';
import type { LabEvents } from '../../shared/api';
import { createLabService } from './engine';

function lab() {
  const events: LabEvents['changed'][] = [];
  const service = createLabService({
    host: 'web',
    appVersion: '0.0.0',
    emit: (event, payload) => void (event === 'changed' && events.push(payload as LabEvents['changed'])),
  });
  return { service, events };
}

describe('the lab service', () => {
  it('runs a statement and returns what CPython prints', async () => {
    const { service } = lab();
    expect(await service.exec('a = [1, 2]\nprint(len(a), a)')).toEqual({ stdout: '2 [1, 2]\n', stderr: expect.any(String), ok: true });
  });

  it('reports a Python exception as {name, message}', async () => {
    const { service } = lab();
    expect((await service.exec('print(y)')).error).toEqual({ name: 'NameError', message: "name 'y' is not defined" });
  });

  it('undo takes back the last gesture: its name is gone, the earlier ones stay', async () => {
    const { service } = lab();
    await service.exec('a = []');
    await service.exec('b = [a]');
    await service.undo();
    expect((await service.exec('print(a)')).stdout).toBe('[]\n');
    expect((await service.exec('print(b)')).error?.name).toBe('NameError');
  });

  it('redo runs the undone gesture again', async () => {
    const { service } = lab();
    await service.exec('b = 41 + 1');
    await service.undo();
    await service.redo();
    expect((await service.exec('print(b)')).stdout).toBe('42\n');
  });

  it('the program is every gesture in order', async () => {
    const { service } = lab();
    await service.exec('a = []');
    await service.exec('a.append(a)');
    expect(await service.program()).toBe('a = []\na.append(a)');
  });

  it('switching the profile replays the program under the new version (3.12 thresholds are 700, 10, 10)', async () => {
    const { service } = lab();
    await service.exec('x = [1]');
    await service.setProfile('3.12');
    expect((await service.exec('import gc\nprint(gc.get_threshold(), x)')).stdout).toBe('(700, 10, 10) [1]\n');
  });

  it('refuses an unknown profile and keeps the current one', async () => {
    const { service } = lab();
    await expect(service.setProfile('2.7')).rejects.toThrow('no profile "2.7"');
    expect((await service.info()).profile).toBe('3.13');
  });

  it('announces every heap change with a changed event', async () => {
    const { service, events } = lab();
    await service.exec('a = []');
    await service.undo();
    await service.newSession();
    expect(events.map((e) => [e.reason, e.status.statements])).toEqual([['exec', 1], ['undo', 0], ['new', 0]]);
  });

  it('undo with nothing to undo changes nothing and announces nothing', async () => {
    const { service, events } = lab();
    const status = await service.undo();
    expect([status.statements, status.canUndo, events.length]).toEqual([0, false, 0]);
  });
});
