import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, isGzip, type Session } from '../../shared/session';
import { GZIP_THRESHOLD_BYTES, loadSessionFile, openSessionFile, saveSessionFile } from '../../src-main/files';
import { useTempDirs } from './support/tmp';

const small = (tag = 'a') => createSession({ app: '0.1.0', profile: '3.11', program: [`${tag} = []`, `${tag}.append(${tag})`] });

function big(n: number): Session {
  const program: string[] = [];
  for (let i = 0; i < n; i++) program.push(`obj${i} = [${i}]`);
  return createSession({ app: '0.1.0', program });
}

describe('saving and loading session files', () => {
  const tempDir = useTempDirs();

  it('a saved session loads back equal', async () => {
    const path = join(tempDir(), 'cycle.gclab');
    await saveSessionFile(path, small());
    const r = await loadSessionFile(path);
    expect(r.ok && r.session).toEqual(small());
  });

  it('a small session is written as plain JSON text', async () => {
    const path = join(tempDir(), 's.gclab');
    await saveSessionFile(path, small());
    expect(readFileSync(path, 'utf8').startsWith('{\n "format": "gclab-session"')).toBe(true);
  });

  it('a session whose JSON exceeds the threshold is written gzip-compressed and still loads', async () => {
    const path = join(tempDir(), 'big.gclab');
    const session = big(20_000);
    await saveSessionFile(path, session);
    const bytes = readFileSync(path);
    expect(isGzip(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(GZIP_THRESHOLD_BYTES);
    const r = await loadSessionFile(path);
    expect(r.ok && r.session.program.length).toBe(20_000);
  });

  it('saving over a file replaces it and leaves no temporary file', async () => {
    const dir = tempDir();
    const path = join(dir, 'doc.gclab');
    await saveSessionFile(path, small('a'));
    await saveSessionFile(path, small('b'));
    expect(readdirSync(dir)).toEqual(['doc.gclab']);
    const r = await loadSessionFile(path);
    expect(r.ok && r.session.program[0]).toBe('b = []');
  });

  it('a save that fails before the rename leaves the previous file byte for byte and removes the temporary file', async () => {
    const dir = tempDir();
    const path = join(dir, 'doc.gclab');
    await saveSessionFile(path, small('a'));
    const before = readFileSync(path);
    await expect(
      saveSessionFile(path, small('b'), {
        beforeRename: () => {
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ).rejects.toThrow(`cannot save ${path}: the disk is full`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['doc.gclab']);
  });

  it('saving into a folder that does not exist fails with a message naming the file', async () => {
    const path = join(tempDir(), 'missing', 'doc.gclab');
    await expect(saveSessionFile(path, small())).rejects.toThrow(`cannot save ${path}: no such file or folder`);
  });

  it('saving through a symbolic link updates the linked file and keeps the link', async () => {
    const dir = tempDir();
    const real = join(dir, 'real.gclab');
    const link = join(dir, 'link.gclab');
    await saveSessionFile(real, small('a'));
    symlinkSync(real, link);
    await saveSessionFile(link, small('b'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const r = await loadSessionFile(real);
    expect(r.ok && r.session.program[0]).toBe('b = []');
  });

  it('saving keeps the file permissions the user set', async () => {
    const path = join(tempDir(), 'doc.gclab');
    await saveSessionFile(path, small('a'));
    chmodSync(path, 0o600);
    await saveSessionFile(path, small('b'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('opening a file that does not exist is an error result, not an exception', async () => {
    const path = join(tempDir(), 'nope.gclab');
    const r = await loadSessionFile(path);
    expect(!r.ok && r.error.message).toBe(`cannot open ${path}: no such file or folder`);
  });

  it('opening a folder is an error result', async () => {
    const dir = tempDir();
    const r = await loadSessionFile(dir);
    expect(!r.ok && r.error.message).toBe(`cannot open ${dir}: it is not a file`);
  });

  it('a damaged file on disk is refused with the parser message', async () => {
    const path = join(tempDir(), 'bad.gclab');
    writeFileSync(path, '{"format": "gclab-session", "version": 1,');
    const r = await loadSessionFile(path);
    expect(!r.ok && r.error.message).toBe('not valid JSON at line 1, column 42 (in $): expected a property name in double quotes, found the end of the file');
    expect(existsSync(path)).toBe(true);
  });

  it('opening a file replays its program into a scratch session and hands it back', async () => {
    const path = join(tempDir(), 'doc.gclab');
    await saveSessionFile(path, small('a'));
    const ran: string[] = [];
    const r = await openSessionFile(path, () => ({ scratch: ran, run: (s) => (ran.push(s), { ok: true }) }));
    expect(r.ok && r.scratch).toEqual(['a = []', 'a.append(a)']);
  });

  it('opening a file whose program fails reports the statement and returns no session', async () => {
    const path = join(tempDir(), 'doc.gclab');
    await saveSessionFile(path, small('a'));
    const r = await openSessionFile(path, () => ({
      scratch: null,
      run: (s) => (s.includes('append') ? { ok: false, error: "AttributeError: 'list' object has no attribute 'append'" } : { ok: true }),
    }));
    expect(!r.ok && r.error).toEqual({
      message: `program statement 2 (line 2 of the program: "a.append(a)") cannot run: AttributeError: 'list' object has no attribute 'append'`,
      path: '$.program[1]',
      statement: 1,
    });
  });
});
