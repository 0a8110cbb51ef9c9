// The only place that picks a transport: Electron's preload object if present, else the browser host's socket.
// Everything else in the renderer sees a LabClient and nothing more.
import type { LabClient } from '../../shared/api';
import { connectWebSocket } from './ws-client';

declare global {
  interface Window {
    /** Exposed by src-main/electron/preload.ts. */
    gclab?: LabClient;
  }
}

export function createLabClient(): LabClient {
  return window.gclab ?? connectWebSocket(new URL(window.location.href));
}
