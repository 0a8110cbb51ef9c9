// Worker entry: the lab service runs here so a long collection never blocks a window, a menu or a socket.
// One request at a time, answered by id; a failing request answers with its error and the worker goes on.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/api';
import { dispatch, parseRequest } from '../../shared/rpc';
import { createLabService } from '../lab/engine';
import type { FromWorker, LabWorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('lab-worker must run in a worker thread');
const data = workerData as LabWorkerData;
const post = (message: FromWorker) => port.postMessage(message);

const service = createLabService({
  host: data.host,
  appVersion: data.appVersion,
  emit: (event, payload) => post({ event, payload } as FromWorker),
});

// Requests run strictly in order: each waits for the one before.
let queue: Promise<void> = Promise.resolve();
port.on('message', (raw: unknown) => {
  queue = queue.then(async () => {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
    try {
      const request = parseRequest(raw);
      const value = await dispatch(service, request.method, request.args);
      post({ id, ok: true, value });
    } catch (err) {
      post({ id, ok: false, error: toErrorShape(err) });
    }
  });
});
