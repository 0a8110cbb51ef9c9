// The host side of a lab worker: a LabClient whose calls travel to the worker thread by id.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { LAB_METHODS, fromErrorShape, type LabApi, type LabClient, type LabEvents, type LabMethod } from '../../shared/api';
import type { FromWorker, LabWorkerData, ToWorker } from './protocol';

export interface LabWorker extends LabClient {
  /** Sends an already validated call; used by transports that received method + args from outside. */
  call(method: LabMethod, args: unknown[]): Promise<unknown>;
  terminate(): Promise<void>;
}

export interface StartOptions extends LabWorkerData {
  /** The built worker (lab-worker.cjs) or, from source, src-main/worker/lab-worker.ts (started through tsx). */
  entry: string;
}

export function startLabWorker(options: StartOptions): LabWorker {
  const { entry, ...data } = options;
  const fromSource = entry.endsWith('.ts');
  const worker = fromSource
    ? new Worker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'tsx-bootstrap.mjs'), {
        workerData: { ...data, entry: pathToFileURL(entry).href },
      })
    : new Worker(entry, { workerData: data });

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<keyof LabEvents, Set<(payload: never) => void>>();
  let dead: Error | null = null;

  worker.on('message', (message: FromWorker) => {
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(fromErrorShape(message.error));
  });
  const failAll = (err: Error) => {
    dead = err;
    for (const waiter of pending.values()) waiter.reject(err);
    pending.clear();
  };
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`lab worker exited (code ${code})`)));

  const call = (method: LabMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies ToWorker);
    });

  const api = Object.fromEntries(
    LAB_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)]),
  ) as unknown as LabApi;

  return {
    ...api,
    call,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    async terminate() {
      worker.removeAllListeners('exit');
      failAll(new Error('lab worker terminated'));
      await worker.terminate();
    },
  };
}
