// Kill the process in the middle of a save: the previous file must be intact and the autosave offered.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession, statementSource } from '../../shared/session';
import { findRecoverableAutosaves, loadSessionFile, removeStaleTempFiles, saveSessionFile } from '../../src-main/files';
import { useTempDirs } from './support/tmp';

const CHILD = fileURLToPath(new URL('./support/save-child.ts', import.meta.url));

/** Starts the child, waits until it is inside the save, SIGKILLs it; returns the temp file it was writing. */
function crashDuringSave(dataDir: string, documentPath: string, when: string): Promise<{ temp: string; written: number; total: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, documentPath, when], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let saving: { temp: string; written: number; total: number } | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^SAVING (-?\d+) (-?\d+) (.+)$/m.exec(out);
      if (m && !saving) {
        saving = { written: Number(m[1]), total: Number(m[2]), temp: m[3]! };
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && saving) resolve(saving);
      else reject(new Error(`child ended without being killed mid-save (code ${code}, ${signal}):\n${out}\n${err}`));
    });
  });
}

const original = createSession({
  app: '0.1.0',
  profile: '3.12',
  program: ['a = []', 'a.append(a)'],
  view: { positions: { a: [5, 5] } },
});

describe('a crash during a save', () => {
  const tempDir = useTempDirs();

  for (const when of ['mid-write', 'before-rename']) {
    it(`killed ${when.replace('-', ' ')}: the previous file is intact and the autosave is offered`, async () => {
      const dataDir = tempDir();
      const docDir = tempDir();
      const documentPath = join(docDir, 'doc.gclab');
      await saveSessionFile(documentPath, original);
      const before = readFileSync(documentPath);

      const { temp, written, total } = await crashDuringSave(dataDir, documentPath, when);

      // The temporary file (partly or fully written) is beside the document; the document is untouched.
      expect(statSync(temp).size).toBe(written);
      if (when === 'mid-write') expect(written).toBeLessThan(total);
      else expect(written).toBe(total);
      expect(readFileSync(documentPath).equals(before)).toBe(true);
      const reopened = await loadSessionFile(documentPath);
      expect(reopened.ok && reopened.session).toEqual(original);

      // The next start finds the crashed instance's autosave, pointing at the document it belonged to.
      const offers = await findRecoverableAutosaves(dataDir);
      expect(offers).toHaveLength(1);
      expect(offers[0]!.sourcePath).toBe(documentPath);
      const recovered = await loadSessionFile(offers[0]!.autosavePath);
      expect(recovered.ok && recovered.session.program.map(statementSource)).toEqual(['a = []', 'b = [a]', 'a.append(b)', 'unsaved = 1']);

      // The leftover temporary file of the dead process is recognised and removed.
      expect(await removeStaleTempFiles(documentPath)).toEqual([temp]);
      expect(existsSync(temp)).toBe(false);
    });
  }
});
