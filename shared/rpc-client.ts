// The calling side of the one contract, whatever carries it (the worker's message port, the browser host's
// WebSocket): ids for calls in flight, answers matched back to them, errors rebuilt, events fanned out.
import { LAB_METHODS, fromErrorShape, type LabApi, type LabClient, type LabEvents, type LabMethod } from './api';
import type { LabEventMessage, LabResponse } from './rpc';

export interface RpcClient {
  client: LabClient;
  /** Sends one call and waits for its answer. */
  call(method: LabMethod, args: unknown[]): Promise<unknown>;
  /** Feed every message that arrives from the other side. */
  receive(message: LabResponse | LabEventMessage): void;
  /** The transport is gone: every call in flight, and every later one, fails with `err`. */
  fail(err: Error): void;
}

/** `send` puts one request on the wire; it may wait (e.g. for a socket to open) and may throw. */
export function createRpcClient(send: (request: { id: number; method: LabMethod; args: unknown[] }) => void | Promise<void>): RpcClient {
  let nextId = 1;
  let dead: Error | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: never) => void>>();

  const call = (method: LabMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      Promise.resolve()
        .then(() => send({ id, method, args }))
        .catch((e: unknown) => {
          pending.delete(id);
          reject(e instanceof Error ? e : new Error(String(e)));
        });
    });

  const receive = (message: LabResponse | LabEventMessage) => {
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(fromErrorShape(message.error));
  };

  const fail = (err: Error) => {
    dead = err;
    for (const waiter of pending.values()) waiter.reject(err);
    pending.clear();
  };

  const api = Object.fromEntries(LAB_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as LabApi;
  const client: LabClient = {
    ...api,
    on<E extends keyof LabEvents>(event: E, listener: (payload: LabEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
  return { client, call, receive, fail };
}
