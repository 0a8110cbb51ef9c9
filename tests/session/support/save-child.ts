// A GC Lab stand-in that crashes in the middle of a save. Run with `node --import tsx`.
// argv: <dataDir> <documentPath> <when: mid-write | before-rename>
// It starts autosave, autosaves newer work, then saves a large session to the document and, at the
// requested moment, prints "SAVING <bytes written> <bytes total> <temp file>" and waits to be killed.
import { createSession } from '../../../shared/session';
import { Autosave, saveSessionFile } from '../../../src-main/files';

const [dataDir, documentPath, when] = process.argv.slice(2) as [string, string, string];

const hang = (tempPath: string, written: number, total: number) =>
  new Promise<void>(() => {
    process.stdout.write(`SAVING ${written} ${total} ${tempPath}\n`);
  });

const autosave = new Autosave(dataDir);
await autosave.start();
const work = createSession({ app: '0.1.0', profile: '3.12', program: ['a = []', 'b = [a]', 'a.append(b)', 'unsaved = 1'] });
await autosave.save(work, documentPath);

// 100,000 statements of plain JSON: about 2.6 MB, three 1 MiB chunks, so "mid-write" is inside the file.
const program: string[] = [];
for (let i = 0; i < 100_000; i++) program.push(`obj${i} = [${i}]`);
const big = createSession({ app: '0.1.0', profile: '3.12', program });
let firstChunk = true;
let lastTotal = -1;
await saveSessionFile(documentPath, big, {
  compression: 'never',
  onProgress: async (written, total) => {
    lastTotal = total;
    if (when === 'mid-write' && firstChunk && written < total) {
      firstChunk = false;
      const { readdirSync } = await import('node:fs');
      const { dirname, basename, join } = await import('node:path');
      const temp = readdirSync(dirname(documentPath)).find((n) => n.startsWith(`${basename(documentPath)}.tmp-${process.pid}-`));
      await hang(join(dirname(documentPath), temp ?? '?'), written, total);
    }
  },
  beforeRename: async (temp) => {
    if (when === 'before-rename') await hang(temp, lastTotal, lastTotal);
  },
});
process.stdout.write('SAVED\n');
