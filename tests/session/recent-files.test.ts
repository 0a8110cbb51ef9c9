import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecentFiles } from '../../src-main/files';
import { useTempDirs } from './support/tmp';

describe('the recent files list', () => {
  const tempDir = useTempDirs();

  it('lists the most recently opened file first, without duplicates', async () => {
    const recent = new RecentFiles(tempDir());
    await recent.add('/docs/a.gclab');
    await recent.add('/docs/b.gclab');
    await recent.add('/docs/a.gclab');
    expect(await recent.list()).toEqual(['/docs/a.gclab', '/docs/b.gclab']);
  });

  it('keeps at most its bound, dropping the oldest', async () => {
    const recent = new RecentFiles(tempDir(), 3);
    for (const n of [1, 2, 3, 4, 5]) await recent.add(`/docs/${n}.gclab`);
    expect(await recent.list()).toEqual(['/docs/5.gclab', '/docs/4.gclab', '/docs/3.gclab']);
  });

  it('persists across restarts of the app', async () => {
    const dir = tempDir();
    await new RecentFiles(dir).add('/docs/kept.gclab');
    expect(await new RecentFiles(dir).list()).toEqual(['/docs/kept.gclab']);
  });

  it('a damaged list file reads as empty and is replaced by the next change', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recent-files.json'), '{"files": [');
    const recent = new RecentFiles(dir);
    expect(await recent.list()).toEqual([]);
    expect(await recent.add('/docs/new.gclab')).toEqual(['/docs/new.gclab']);
  });

  it('prune drops files that no longer exist', async () => {
    const dir = tempDir();
    const present = join(dir, 'present.gclab');
    writeFileSync(present, '{}');
    const recent = new RecentFiles(dir);
    await recent.add(join(dir, 'deleted.gclab'));
    await recent.add(present);
    expect(await recent.prune()).toEqual([present]);
  });

  it('remove and clear empty it', async () => {
    const recent = new RecentFiles(tempDir());
    await recent.add('/a.gclab');
    await recent.add('/b.gclab');
    expect(await recent.remove('/a.gclab')).toEqual(['/b.gclab']);
    expect(await recent.clear()).toEqual([]);
  });
});
