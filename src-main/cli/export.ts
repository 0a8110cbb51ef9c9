// `gclab export FILE.gclab --to py|svg|png|csv|json|txt [-o OUT]`: one export of a session, to stdout or,
// with -o, written atomically (a failed export never leaves a half-written OUT).
import { writeFileAtomic } from '../files/atomic-write';
import { EXPORT_FORMATS, exportSession, PngUnavailableError, ReplayFailedError, type ExportFormat } from '../export';
import { loadOrReport } from './run-session';
import type { Io } from './main';

export const EXPORT_USAGE = `usage: gclab export FILE.gclab --to FORMAT [-o OUT]

  --to FORMAT   py    the program as a Python script (runs in real CPython)
                svg   the object graph (png: the same, rasterised; needs -o and Chromium)
                csv   the collection log, one row per collection (json: the same as JSON)
                txt   the memory report (simulated sys._debugmallocstats())
  -o OUT        write to OUT (atomically) instead of stdout
`;

export async function exportCommand(args: string[], io: Io): Promise<number> {
  let file: string | undefined;
  let to: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout(EXPORT_USAGE);
      return 0;
    } else if (a === '--to' || a.startsWith('--to=')) {
      to = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      out = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!out) {
        io.stderr(`gclab export: ${a} needs a file name\n`);
        return 2;
      }
    } else if (a.startsWith('-')) {
      io.stderr(`gclab export: unknown option '${a}'\n${EXPORT_USAGE}`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      io.stderr('gclab export: only one session file can be exported\n');
      return 2;
    }
  }
  if (!file || to === undefined) {
    io.stderr(EXPORT_USAGE);
    return 2;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(to)) {
    io.stderr(`gclab export: --to must be one of ${EXPORT_FORMATS.join(', ')} (got '${to}')\n`);
    return 2;
  }
  const format = to as ExportFormat;
  if (format === 'png' && !out) {
    io.stderr('gclab export: --to png writes binary data: give a file with -o OUT.png\n');
    return 2;
  }
  const session = await loadOrReport(file, io);
  if (!session) return 2;
  let data: string | Uint8Array;
  try {
    data = await exportSession(session, format);
  } catch (e) {
    if (e instanceof ReplayFailedError) {
      io.stderr(`gclab export: ${file}: ${e.message}\n`);
      return e.replay.exitCode === 0 ? 1 : e.replay.exitCode;
    }
    if (e instanceof PngUnavailableError) {
      io.stderr(`gclab export: --to png is not available here: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (!out) {
    io.stdout(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    return 0;
  }
  try {
    await writeFileAtomic(out, data);
  } catch (e) {
    io.stderr(`gclab export: cannot write ${out}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}
