// LabClient over the browser host's WebSocket (ws://127.0.0.1:PORT/lab?token=...).
import { LAB_METHODS, fromErrorShape, type LabApi, type LabClient, type LabEvents } from '../../shared/api';
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

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: never) => void>>();

  socket.addEventListener('message', (e) => {
    const message = JSON.parse(String(e.data)) as LabResponse | LabEventMessage;
    if ('event' in message) {
      for (const l of listeners.get(message.event) ?? []) l(message.payload as never);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(fromErrorShape(message.error));
  });
  socket.addEventListener('close', () => {
    for (const w of pending.values()) w.reject(new Error('the connection to the GC Lab host closed'));
    pending.clear();
  });

  const call = async (method: string, args: unknown[]) => {
    await opened;
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, args }));
    });
  };
  const api = Object.fromEntries(LAB_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as LabApi;
  return {
    ...api,
    on<E extends keyof LabEvents>(event: E, listener: (payload: LabEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
}
