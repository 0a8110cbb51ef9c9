// Python literal text -> values: numbers and string/bytes literals with their escapes.
import type { Const } from './ast';

/** Int or float constant; undefined for imaginary literals (not in the subset). */
export function parseNumber(text: string): Const | undefined {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  if (/^0[xX]/.test(t)) return { t: 'int', v: BigInt(t) };
  if (/^0[oO]/.test(t)) return { t: 'int', v: BigInt(t) };
  if (/^0[bB]/.test(t)) return { t: 'int', v: BigInt(t) };
  if (/[.eE]/.test(t) || /^(inf|nan)$/i.test(t)) return { t: 'float', v: Number(t) };
  return { t: 'int', v: BigInt(t) };
}

const SIMPLE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decodes a string or bytes literal (with prefix and quotes). bytes come back as a latin-1 JS string. */
export function decodeStringLiteral(text: string): { value: string; bytes: boolean } | { error: string } {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text);
  if (!m) return { error: 'invalid string literal' };
  const prefix = m[1]!.toLowerCase();
  const q = m[2]!;
  const body = text.slice(m[0].length, text.length - q.length);
  const bytes = prefix.includes('b');
  const raw = prefix.includes('r');
  if (raw) return { value: body, bytes };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      if (bytes && ch.charCodeAt(0) > 127) return { error: 'bytes can only contain ASCII literal characters' };
      out += ch;
      continue;
    }
    const e = body[++i];
    if (e === undefined) { out += '\\'; break; }
    if (e === '\n') continue;
    if (SIMPLE[e] !== undefined) { out += SIMPLE[e]; continue; }
    if (e >= '0' && e <= '7') {
      let j = i;
      while (j < i + 3 && j < body.length && body[j]! >= '0' && body[j]! <= '7') j++;
      out += String.fromCharCode(parseInt(body.slice(i, j), 8));
      i = j - 1;
      continue;
    }
    if (e === 'x') {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        return { error: `(${bytes ? 'value' : 'unicode'} error) ${bytes ? "invalid \\x escape at position " + (i - 1) : "'unicodeescape' codec can't decode bytes in position " + (i - 1) + '-' + (i + h.length) + ': truncated \\xXX escape'}` };
      }
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
      continue;
    }
    if (!bytes && (e === 'u' || e === 'U')) {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return { error: `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${e} escape` };
      out += String.fromCodePoint(parseInt(h, 16));
      i += n;
      continue;
    }
    out += '\\' + e; // unknown escapes stay as written (CPython warns, we do not)
  }
  return { value: out, bytes };
}
