// The host side of a lab worker: a LabClient whose calls travel to the worker thread by id.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { LabClient, LabMethod } from '../../shared/api';
import { createRpcClient } from '../../shared/rpc-client';
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

  const rpc = createRpcClient((request) => worker.postMessage(request satisfies ToWorker));
  worker.on('message', (message: FromWorker) => rpc.receive(message));
  worker.on('error', (err) => rpc.fail(err));
  worker.on('exit', (code) => rpc.fail(new Error(`lab worker exited (code ${code})`)));

  return {
    ...rpc.client,
    call: (method, args) => rpc.call(method, args),
    async terminate() {
      worker.removeAllListeners('exit');
      rpc.fail(new Error('lab worker terminated'));
      await worker.terminate();
    },
  };
}
