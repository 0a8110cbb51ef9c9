// The preload: exposes exactly one object, window.gclab, implementing LabClient over IPC.
// Sandboxed, so it is a single CommonJS bundle and imports nothing but electron and shared/api.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { LAB_METHODS, type LabApi, type LabClient, type LabEvents } from '../../shared/api';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply, type EventMessage } from './channels';

async function call(method: string, args: unknown[]): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(CALL_CHANNEL, method, args)) as CallReply;
  if (reply.ok) return reply.value;
  // contextBridge copies an Error with its message only; a plain {name, message} crosses whole and the
  // renderer's client rebuilds the Error (src-renderer/lib/client.ts).
  throw reply.error;
}

const api = Object.fromEntries(LAB_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as LabApi;

const client: LabClient = {
  ...api,
  on<E extends keyof LabEvents>(event: E, listener: (payload: LabEvents[E]) => void) {
    const handler = (_e: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) listener(message.payload as LabEvents[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('gclab', client);
