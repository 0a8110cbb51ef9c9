// Runs a TypeScript worker entry from source (tests, dev tools): Node 20 cannot load .ts in a worker with
// --import tsx, so the worker starts here, registers tsx, then imports the real entry (workerData.entry).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
