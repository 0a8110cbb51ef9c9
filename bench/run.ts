// `npm run bench`: runs every bench/*.bench.ts in its own Node process (clean memory numbers), passing the
// arguments through (e.g. `npm run bench -- --json`). Benchmarks are never part of the test command.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, f), ...args.filter((a) => a.startsWith('--'))], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    console.error(`${f} exited with ${r.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
