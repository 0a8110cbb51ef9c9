#!/usr/bin/env node
// `gclab` from a clone: registers tsx so the TypeScript CLI runs without a build step. The program runs in a
// worker thread with a large stack, so Python recursion reaches CPython's limit (1000 frames) before the
// JavaScript stack runs out.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv: process.argv.slice(2) },
    resourceLimits: { stackSizeMb: 256 },
    stdout: true,
    stderr: true,
  });
  worker.stdout.pipe(process.stdout);
  worker.stderr.pipe(process.stderr);
  worker.on('message', (code) => {
    process.exitCode = code;
  });
  worker.on('error', (e) => {
    process.stderr.write(`gclab: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 70;
  });
} else {
  register();
  const { main } = await import('../src-main/cli/main.ts');
  let out = '';
  let err = '';
  const code = await main(workerData.argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  // Written in one piece each so that large outputs are not interleaved.
  await new Promise((resolve) => process.stdout.write(out, resolve));
  await new Promise((resolve) => process.stderr.write(err, resolve));
  parentPort.postMessage(code);
}
