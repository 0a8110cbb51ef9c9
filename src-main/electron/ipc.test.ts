// The IPC gate, without Electron: senders are plain objects shaped like IpcMainInvokeEvent.
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { createCallHandler } from './ipc';
import { secureWebPreferences } from './window-options';

const OWN = 'file:///app/out/renderer/index.html';
const calls: unknown[][] = [];
const lab = { call: async (method: string, args: unknown[]) => (calls.push([method, ...args]), `ran ${method}`) };
const handle = createCallHandler((id) => (id === 1 ? lab : undefined), (url) => url === OWN);

function sender(id: number, url: string, sub = false) {
  const mainFrame = { url };
  const frame = sub ? { url } : mainFrame;
  return { sender: { id, mainFrame }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('the IPC gate', () => {
  it('passes a valid call from our page to its lab', async () => {
    expect(await handle(sender(1, OWN), 'exec', ['a = []'])).toEqual({ ok: true, value: 'ran exec' });
  });

  it('refuses a call from a page that is not ours', async () => {
    expect(await handle(sender(1, 'https://evil.example/'), 'info', [])).toEqual({
      ok: false,
      error: { name: 'Forbidden', message: 'this frame may not call GC Lab' },
    });
  });

  it('refuses a call from a sub-frame of our window', async () => {
    expect((await handle(sender(1, OWN, true), 'info', [])).ok).toBe(false);
  });

  it('refuses a call from a window that has no lab', async () => {
    expect((await handle(sender(2, OWN), 'info', [])).ok).toBe(false);
  });

  it('refuses a payload that does not fit the contract before it reaches the lab', async () => {
    const before = calls.length;
    const reply = await handle(sender(1, OWN), 'exec', [{ source: 'x' }]);
    expect(reply).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
    expect(calls.length).toBe(before);
  });
});

describe('window preferences', () => {
  it('isolate the page: context isolation, sandbox, no node integration anywhere', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
  });
});
