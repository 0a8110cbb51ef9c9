// The only place that picks a transport: Electron's preload object if present, else the browser host's socket.
// Everything else in the renderer sees a LabClient and nothing more.
import { LAB_METHODS, fromErrorShape, toErrorShape, type LabApi, type LabClient } from '../../shared/api';
import { connectWebSocket } from './ws-client';

declare global {
  interface Window {
    /** Exposed by src-main/electron/preload.ts. */
    gclab?: LabClient;
  }
}

/** The preload rejects with plain {name, message} objects (see preload.ts): turn them back into Errors. */
function withErrors(bridge: LabClient): LabClient {
  const api = Object.fromEntries(
    LAB_METHODS.map((m) => [
      m,
      (...args: unknown[]) =>
        (bridge[m] as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: unknown) => {
          throw fromErrorShape(toErrorShape(err));
        }),
    ]),
  ) as unknown as LabApi;
  return { ...api, on: (event, listener) => bridge.on(event, listener) };
}

export function createLabClient(): LabClient {
  return window.gclab ? withErrors(window.gclab) : connectWebSocket(new URL(window.location.href));
}
