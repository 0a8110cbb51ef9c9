// LabClient over the browser host's WebSocket (ws://127.0.0.1:PORT/lab?token=...).
import type { LabClient } from '../../shared/api';
import { createRpcClient } from '../../shared/rpc-client';
import type { LabEventMessage, LabResponse } from '../../shared/rpc';

export function connectWebSocket(pageUrl: URL): LabClient {
  const token = pageUrl.searchParams.get('token') ?? '';
  const socketUrl = `${pageUrl.protocol === 'https:' ? 'wss' : 'ws'}://${pageUrl.host}/lab?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(socketUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the GC Lab host (is `npm run web` still running?)')), { once: true });
  });
  opened.catch(() => {}); // reported through each call instead

  const rpc = createRpcClient(async (request) => {
    await opened;
    socket.send(JSON.stringify(request));
  });
  socket.addEventListener('message', (e) => rpc.receive(JSON.parse(String(e.data)) as LabResponse | LabEventMessage));
  socket.addEventListener('close', () => rpc.fail(new Error('the connection to the GC Lab host closed')));
  return rpc.client;
}
