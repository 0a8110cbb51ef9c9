// The lab service in a real worker thread, started from source through the tsx bootstrap.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startLabWorker } from './host';

const lab = startLabWorker({ entry: path.join(import.meta.dirname, 'lab-worker.ts'), host: 'web', appVersion: '9.9.9' });
afterAll(() => lab.terminate());

describe('the lab worker', () => {
  it('answers info with the host kind, the version and the profiles', async () => {
    const info = await lab.info();
    expect(info).toMatchObject({ host: 'web', appVersion: '9.9.9', profile: '3.13' });
    expect(info.profiles).toContain('3.14.2');
  });

  it('returns a failing request as an error with its message and keeps serving', async () => {
    await expect(lab.setProfile('4.0')).rejects.toMatchObject({ name: 'UnknownProfile', message: expect.stringContaining('no profile "4.0"') });
    expect((await lab.info()).profile).toBe('3.13');
  });

  it('refuses a call with invalid arguments inside the worker too', async () => {
    await expect(lab.call('exec', [123])).rejects.toMatchObject({ name: 'InvalidRequest' });
  });

  it('pushes a changed event after a statement runs', async () => {
    const seen = new Promise((resolve) => lab.on('changed', resolve));
    await lab.exec('x = 1');
    expect(await seen).toMatchObject({ reason: 'exec', status: { statements: 1 } });
  });

  it('keeps the host thread free while a long program runs in the worker', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const r = await lab.exec('x = []\nfor i in range(200000):\n    x.append([i])\nprint(len(x))');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(r.stdout).toBe('200000\n');
    // The host's timers kept firing during the run: at least half the 10 ms ticks that fit in it.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 10 / 2));
    expect(elapsed).toBeGreaterThan(100); // long enough that a blocked thread would have shown
  });
});
