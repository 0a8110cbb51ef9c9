import { describe, expect, it } from 'vitest';
import { LabError } from './api';
import { createRpcClient } from './rpc-client';

type Sent = { id: number; method: string; args: unknown[] };

function wire() {
  const sent: Sent[] = [];
  const rpc = createRpcClient((r) => void sent.push(r));
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { sent, rpc, flush };
}

describe('the calling side of the contract', () => {
  it('matches each answer to its call by id, whatever the order answers come in', async () => {
    const { sent, rpc, flush } = wire();
    const a = rpc.client.exec('a = []');
    const b = rpc.client.program();
    await flush();
    expect(sent.map((s) => [s.method, s.args])).toEqual([['exec', ['a = []']], ['program', []]]);
    rpc.receive({ id: sent[1]!.id, ok: true, value: 'a = []' });
    rpc.receive({ id: sent[0]!.id, ok: true, value: { stdout: '', stderr: '', ok: true } });
    await expect(b).resolves.toBe('a = []');
    await expect(a).resolves.toEqual({ stdout: '', stderr: '', ok: true });
  });

  it('rebuilds an error answer as a LabError with its name and message', async () => {
    const { sent, rpc, flush } = wire();
    const p = rpc.client.setProfile('2.7');
    await flush();
    rpc.receive({ id: sent[0]!.id, ok: false, error: { name: 'UnknownProfile', message: 'no profile "2.7"' } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).name).toBe('UnknownProfile');
    expect((err as LabError).message).toBe('no profile "2.7"');
  });

  it('fails calls in flight and every later call once the transport is gone', async () => {
    const { rpc, flush } = wire();
    const inFlight = rpc.client.status();
    await flush();
    rpc.fail(new Error('lab worker exited (code 1)'));
    await expect(inFlight).rejects.toThrow('lab worker exited (code 1)');
    await expect(rpc.client.status()).rejects.toThrow('lab worker exited (code 1)');
  });

  it('rejects a call whose request cannot be sent, and forgets it', async () => {
    const rpc = createRpcClient(() => {
      throw new Error('cannot reach the GC Lab host');
    });
    await expect(rpc.client.info()).rejects.toThrow('cannot reach the GC Lab host');
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const { rpc } = wire();
    const seen: string[] = [];
    const off = rpc.client.on('changed', (p) => seen.push(p.reason));
    rpc.receive({ event: 'changed', payload: { reason: 'exec', status: {} as never } });
    off();
    rpc.receive({ event: 'changed', payload: { reason: 'undo', status: {} as never } });
    expect(seen).toEqual(['exec']);
  });
});
