// The OS file association: the installers register .gclab with the app, and the app opens the file it is
// started with (Linux and Windows pass it on argv, to a first launch or to the running instance).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gclabArg } from './open-file';

describe('opening the .gclab file the OS starts the app with', () => {
  it('finds it among the arguments of a packaged app, a dev run and a second instance, resolved against its cwd', () => {
    expect(gclabArg(['/opt/GC Lab/gclab', '/home/ann/cycle.gclab'], '/')).toBe('/home/ann/cycle.gclab');
    expect(gclabArg(['electron', '.', 'docs/Lab.GCLAB'], '/work')).toBe(path.resolve('/work', 'docs/Lab.GCLAB'));
    expect(gclabArg(['gclab', '--enable-features=x', '-psn_0_1', 'a.gclab'], '/tmp')).toBe('/tmp/a.gclab');
  });

  it('finds nothing without a .gclab argument (the app starts on an empty session)', () => {
    expect(gclabArg(['gclab'], '/')).toBeNull();
    expect(gclabArg(['gclab', 'notes.txt', '--flag.gclab'], '/')).toBeNull();
  });

  it('the installers associate .gclab with the app (electron-builder fileAssociations)', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      build: { fileAssociations: { ext: string; mimeType: string; role: string }[] };
    };
    expect(pkg.build.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'gclab', mimeType: 'application/x-gclab', role: 'Editor' }));
  });
});
