// `npm run web`: starts the browser host from the build (out/main/web.cjs) and prints its one line.
import path from 'node:path';
import { startWebHost } from './server';
import { defaultDataDir } from './data-dir';
import pkg from '../../package.json';

function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(flag.length + 1) : argv[i + 1];
}

function autosaveArg(argv: string[]): number | undefined {
  const value = flagValue(argv, '--autosave-seconds');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) {
    process.stderr.write(`gclab web: --autosave-seconds needs a whole number from 0 to 86400, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return seconds;
}

function portArg(argv: string[]): number | undefined {
  const value = flagValue(argv, '--port');
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`gclab web: --port needs a number from 0 to 65535, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return port;
}

async function main() {
const here = __dirname; // out/main after the build (a CommonJS bundle)
const host = await startWebHost({
  port: portArg(process.argv.slice(2)),
  rendererDir: path.join(here, '../renderer'),
  workerEntry: path.join(here, 'lab-worker.cjs'),
  appVersion: pkg.version,
  dataDir: flagValue(process.argv.slice(2), '--data-dir') ?? defaultDataDir(),
  autosaveSeconds: autosaveArg(process.argv.slice(2)),
});
process.stdout.write(`GC Lab at ${host.url}\n`);

const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`gclab web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
