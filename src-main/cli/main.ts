// `gclab run FILE.py [--python VERSION] [--json]`: runs a program headless against the simulated heap and
// prints what CPython prints (stdout byte for byte, traceback on stderr, exit 0/1/2).
// Room is left for `gclab run FILE.gclab` (session files) and `gclab export` (later issues).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INTERP_PROFILES } from '../engine/python/interp-profile';
import { PROFILE_IDS, DEFAULT_PROFILE, type ProfileId } from '../engine/profiles/types';
import { runWithSummary } from './run';
import { runSessionFile } from './run-session';
import { exportCommand } from './export';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = `usage: gclab run FILE.py [--python VERSION] [--json]
       gclab run FILE.gclab          (profile and gc settings from the session file)
       gclab export FILE.gclab --to py|svg|png|csv|json|txt [-o OUT]

  --python VERSION  one of ${PROFILE_IDS.join(', ')} (default ${DEFAULT_PROFILE})
  --json            after the program's output, print a JSON summary (final counts,
                    every collection, allocator stats)
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'export') return exportCommand(rest, io);
  if (cmd !== 'run') {
    io.stderr(`gclab: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  let file: string | undefined;
  let python: ProfileId = DEFAULT_PROFILE;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--python' || a.startsWith('--python=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v || !(PROFILE_IDS as readonly string[]).includes(v)) {
        io.stderr(`gclab: --python must be one of ${PROFILE_IDS.join(', ')}${v ? ` (got '${v}')` : ''}\n`);
        return 2;
      }
      python = v as ProfileId;
    } else if (a.startsWith('-')) {
      io.stderr(`gclab: unknown option '${a}'\n${USAGE}`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      io.stderr(`gclab: only one file can be run\n`);
      return 2;
    }
  }
  if (!file) {
    io.stderr(USAGE);
    return 2;
  }
  if (file.endsWith('.gclab')) return runSessionFile(file, io);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr(`gclab: can't open file '${file}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '[Errno 2] No such file or directory' : (e as Error).message}\n`);
    return 2;
  }
  // The script's name as CPython shows it in tracebacks: as typed on 3.8, absolute since 3.9.
  const shown = INTERP_PROFILES[python].absoluteScriptPath ? resolve(file) : file;
  const { result, summary } = runWithSummary(source, { python, filename: shown });
  io.stdout(result.stdout);
  io.stderr(result.stderr);
  if (json) io.stdout(JSON.stringify(summary, null, 2) + '\n');
  return result.exitCode;
}
