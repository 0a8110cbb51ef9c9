import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/sessions', import.meta.url));

/** Every shipped-format fixture, name -> bytes as on disk. */
export function fixtureFiles(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(FIXTURE_DIR).sort()) {
    if (name.endsWith('.gclab')) out.set(name, readFileSync(join(FIXTURE_DIR, name)));
  }
  return out;
}

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURE_DIR, name));
}
