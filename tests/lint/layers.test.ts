// Each layering rule, broken by a fixture, fails lint with its own message; code that obeys passes.
// Fixtures are linted with the project's real eslint.config.js, as if they sat at a path in the real tree.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, asPath: string) {
  const code = readFileSync(path.join(root, 'tests/fixtures/lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, asPath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering rules', () => {
  it('fails when the engine imports a node: module', async () => {
    expect(await lintAs('engine-imports-node.ts', 'src-main/engine/heap/fixture.ts')).toEqual([
      'gclab/layers: src-main/engine is pure: it may import only engine files, shared/ and @lezer/python|@lezer/common, not "node:fs".',
    ]);
  });

  it('fails when the engine imports a src-main file outside the engine', async () => {
    expect(await lintAs('engine-imports-lab.ts', 'src-main/engine/heap/fixture.ts')).toEqual([
      'gclab/layers: src-main/engine is pure: it may import only engine files, shared/ and @lezer/python|@lezer/common, not "../../lab/service".',
    ]);
  });

  it('fails when shared imports from src-main', async () => {
    expect(await lintAs('shared-imports-main.ts', 'shared/fixture.ts')).toEqual([
      'gclab/layers: shared/ must not import from src-* ("../src-main/engine/profiles/types").',
    ]);
  });

  it('fails when a file outside src-main/electron imports electron', async () => {
    expect(await lintAs('electron-outside.ts', 'src-main/lab/fixture.ts')).toEqual([
      'gclab/layers: Only src-main/electron may import electron.',
    ]);
  });

  it('fails when the renderer imports src-main from TypeScript', async () => {
    expect(await lintAs('renderer-imports-main.ts', 'src-renderer/lib/fixture.ts')).toEqual([
      'gclab/layers: src-renderer must not import src-main ("../../src-main/lab/service"); talk through the contract in shared/api.ts.',
    ]);
  });

  it('fails when a Svelte component imports src-main', async () => {
    expect(await lintAs('renderer-imports-main.svelte', 'src-renderer/shell/Fixture.svelte')).toEqual([
      'gclab/layers: src-renderer must not import src-main ("../../src-main/engine/profiles/types"); talk through the contract in shared/api.ts.',
    ]);
  });

  it('passes an engine file that imports only engine files, shared and the lezer parser', async () => {
    expect(await lintAs('engine-obeys.ts', 'src-main/engine/heap/fixture.ts')).toEqual([]);
  });

  it('passes electron imports inside src-main/electron', async () => {
    expect(await lintAs('electron-inside.ts', 'src-main/electron/fixture.ts')).toEqual([]);
  });
});
