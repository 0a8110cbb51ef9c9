// The IPC gate: every call is checked for who sent it (one of our windows, our page, its main frame) and
// for what it carries (shared/rpc.ts), before it reaches the window's lab worker.
import type { IpcMainInvokeEvent } from 'electron';
import { toErrorShape, type LabMethod } from '../../shared/api';
import { parseCall } from '../../shared/rpc';
import type { CallReply } from './channels';

export interface CallTarget {
  call(method: LabMethod, args: unknown[]): Promise<unknown>;
}

type SenderInfo = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function createCallHandler(labFor: (webContentsId: number) => CallTarget | undefined, isOwnUrl: (url: string) => boolean) {
  return async (e: SenderInfo, method: unknown, args: unknown): Promise<CallReply> => {
    try {
      const lab = labFor(e.sender.id);
      const frame = e.senderFrame;
      if (!lab || !frame || frame !== e.sender.mainFrame || !isOwnUrl(frame.url)) {
        return { ok: false, error: { name: 'Forbidden', message: 'this frame may not call GC Lab' } };
      }
      const call = parseCall(method, args);
      return { ok: true, value: await lab.call(call.method, call.args) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  };
}
