// Finds a .gclab file among command-line arguments (first launch or a second instance).
import path from 'node:path';

export function gclabArg(argv: readonly string[], cwd: string): string | null {
  const file = argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.gclab'));
  return file ? path.resolve(cwd, file) : null;
}
