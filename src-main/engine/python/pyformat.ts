// Text exactly as CPython writes it: float repr, str/bytes repr quoting, and format specs for f-strings.

/** repr(float): shortest round-trip digits; exponent form when exp < -4 or exp >= 16 (float_repr_style 'short'). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (exp >= -4 && exp < 16) {
    let s: string;
    if (exp >= 0) {
      const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits + '0'.repeat(exp + 1 - digits.length);
      const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
      s = `${intPart}.${frac}`;
    } else {
      s = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
    return sign + s;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function escapeChar(c: string, quote: string): string {
  const code = c.codePointAt(0)!;
  if (c === '\\') return '\\\\';
  if (c === quote) return '\\' + c;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  return c;
}

/** repr(str): single quotes unless the text has ' and no ". Non-printable chars escaped (ASCII control range). */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (code >= 0x80 && code < 0xa0) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code === 0xad) out += '\\xad';
    else out += escapeChar(c, quote);
  }
  return out + quote;
}

/** repr(bytes); the payload is a latin-1 JS string. */
export function bytesRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = 'b' + quote;
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code >= 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += escapeChar(c, quote);
  }
  return out + quote;
}

export interface Spec {
  fill: string;
  align?: '<' | '>' | '^' | '=';
  sign: '+' | '-' | ' ';
  alt: boolean;
  zero: boolean;
  width: number;
  grouping?: ',' | '_';
  precision?: number;
  type?: string;
}

export function parseSpec(spec: string): Spec | undefined {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!m) return undefined;
  const r: Spec = { fill: m[1] ?? ' ', sign: (m[3] as Spec['sign']) ?? '-', alt: !!m[4], zero: !!m[5], width: m[6] ? Number(m[6]) : 0 };
  if (m[2]) r.align = m[2] as Spec['align'];
  if (m[7]) r.grouping = m[7] as ',' | '_';
  if (m[8] !== undefined) r.precision = Number(m[8]);
  if (m[9]) r.type = m[9];
  if (r.zero && !m[2]) { r.fill = '0'; r.align = '='; }
  return r;
}

function group(intDigits: string, sep: string, every = 3): string {
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % every === 0) out += sep;
    out += intDigits[i];
  }
  return out;
}

function pad(body: string, signStr: string, spec: Spec, defaultAlign: '<' | '>'): string {
  const align = spec.align ?? defaultAlign;
  const len = [...body].length + signStr.length;
  const n = Math.max(0, spec.width - len);
  if (align === '=') return signStr + spec.fill.repeat(n) + body;
  const full = signStr + body;
  if (align === '<') return full + spec.fill.repeat(n);
  if (align === '>') return spec.fill.repeat(n) + full;
  const left = Math.floor(n / 2);
  return spec.fill.repeat(left) + full + spec.fill.repeat(n - left);
}

function signOf(neg: boolean, spec: Spec): string {
  return neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

export function formatInt(v: bigint, spec: Spec): string {
  const t = spec.type ?? 'd';
  if ('eEfFgG%'.includes(t)) return formatFloat(Number(v), spec);
  const neg = v < 0n;
  const a = neg ? -v : v;
  let body: string;
  let prefix = '';
  switch (t) {
    case 'b': body = a.toString(2); prefix = spec.alt ? '0b' : ''; break;
    case 'o': body = a.toString(8); prefix = spec.alt ? '0o' : ''; break;
    case 'x': body = a.toString(16); prefix = spec.alt ? '0x' : ''; break;
    case 'X': body = a.toString(16).toUpperCase(); prefix = spec.alt ? '0X' : ''; break;
    case 'c': body = String.fromCodePoint(Number(a)); break;
    default: body = a.toString(10);
  }
  if (spec.grouping) body = group(body, spec.grouping, t === 'd' || t === 'n' ? 3 : 4);
  return pad(body, signOf(neg, spec) + prefix, spec, '>');
}

export function formatFloat(x: number, spec: Spec): string {
  const t = spec.type;
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  if (!Number.isFinite(a)) {
    body = Number.isNaN(a) ? 'nan' : 'inf';
    if (t && t === t.toUpperCase() && t !== '%') body = body.toUpperCase();
  } else if (t === 'f' || t === 'F' || t === '%') {
    body = (t === '%' ? a * 100 : a).toFixed(spec.precision ?? 6) + (t === '%' ? '%' : '');
  } else if (t === 'e' || t === 'E') {
    body = expForm(a, spec.precision ?? 6);
    if (t === 'E') body = body.toUpperCase();
  } else if (t === 'g' || t === 'G' || (t === undefined && spec.precision !== undefined)) {
    const p = spec.precision === 0 ? 1 : spec.precision ?? 6;
    if (a === 0) body = t === undefined ? '0.0' : '0';
    else {
      const exp = Math.floor(Math.log10(Number(a.toExponential(p - 1))));
      if (exp >= -4 && exp < p) {
        body = a.toFixed(Math.max(0, p - 1 - exp));
        if (!spec.alt && body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
        if (t === undefined && !body.includes('.')) body += '.0';
      } else {
        body = expForm(a, p - 1);
        if (!spec.alt) body = body.replace(/\.?0+e/, 'e');
      }
    }
    if (t === 'G') body = body.toUpperCase();
  } else {
    body = floatRepr(a);
  }
  if (spec.grouping) {
    const [i, f] = body.split(/(?=[.e%])/, 2) as [string, string | undefined];
    body = group(i, spec.grouping) + body.slice(i.length);
    void f;
  }
  return pad(body, signOf(neg, spec), spec, '>');
}

function expForm(a: number, digits: number): string {
  const [m, e] = a.toExponential(digits).split('e') as [string, string];
  const en = Number(e);
  return `${m}e${en < 0 ? '-' : '+'}${Math.abs(en) < 10 ? '0' : ''}${Math.abs(en)}`;
}

export function formatStr(s: string, spec: Spec): string {
  const body = spec.precision !== undefined ? [...s].slice(0, spec.precision).join('') : s;
  return pad(body, '', spec, '<');
}
