// The service's history logic, with a recording session in place of the Python engine.
import { describe, expect, it } from 'vitest';
import type { LabEvents } from '../../shared/api';
import type { ProfileId } from '../engine/profiles/types';
import { LabService, type PythonSessionLike } from './service';

class RecordingSession implements PythonSessionLike {
  ran: string[] = [];
  constructor(readonly profile: ProfileId) {}
  exec(source: string) {
    this.ran.push(source);
    return source.startsWith('raise')
      ? { stdout: '', stderr: 'Traceback...\n', ok: false, error: { type: 'ValueError', message: 'no' } }
      : { stdout: `ran ${source}\n`, stderr: '', ok: true };
  }
}

function lab() {
  const sessions: RecordingSession[] = [];
  const events: LabEvents['changed'][] = [];
  const service = new LabService({
    host: 'web',
    appVersion: '0.0.0',
    createSession: (p) => {
      const s = new RecordingSession(p);
      sessions.push(s);
      return s;
    },
    emit: (event, payload) => event === 'changed' && events.push(payload as LabEvents['changed']),
  });
  return { service, sessions, events, current: () => sessions[sessions.length - 1] };
}

describe('the lab service', () => {
  it('runs a statement in the current session and returns its output', async () => {
    const { service } = lab();
    expect(await service.exec('a = []')).toEqual({ stdout: 'ran a = []\n', stderr: '', ok: true });
  });

  it('reports a Python exception as {name, message}', async () => {
    const { service } = lab();
    expect((await service.exec('raise ValueError("no")')).error).toEqual({ name: 'ValueError', message: 'no' });
  });

  it('undo replays the program without the last gesture in a fresh session', async () => {
    const { service, current } = lab();
    await service.exec('a = []');
    await service.exec('b = [a]');
    await service.undo();
    expect(current().ran).toEqual(['a = []']);
  });

  it('redo runs the undone gesture again in the same session', async () => {
    const { service, current } = lab();
    await service.exec('a = []');
    await service.exec('b = [a]');
    await service.undo();
    const before = current();
    await service.redo();
    expect([current() === before, before.ran]).toEqual([true, ['a = []', 'b = [a]']]);
  });

  it('switching the profile replays the program under the new version', async () => {
    const { service, current } = lab();
    await service.exec('a = []');
    const status = await service.setProfile('3.8');
    expect([status.profile, current().profile, current().ran]).toEqual(['3.8', '3.8', ['a = []']]);
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
});
