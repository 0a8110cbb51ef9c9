// Uncaught exceptions printed as CPython prints them: "Traceback (most recent call last):", one entry per frame
// (outermost first), the source line when the file is known, 3.11+ caret lines, then "Type: message".
import type { PyExc, Runtime, TbEntry } from './runtime';
import type { ObjId } from './heap-port';

/** Source text per filename, for the lines under each "File ..." entry. */
export type SourceLookup = (filename: string) => string | undefined;

/** 3.13 (traceback._should_show_carets): `return name(...)` / `x = name(...)` failing in that call get none. */
function plainCallStatement(e: TbEntry): boolean {
  const s = e.stmt;
  const p = e.pos!;
  if (!s) return false;
  const v = s.k === 'return' ? s.value : s.k === 'assign' && s.targets.length === 1 && s.targets[0]!.k === 'name' ? s.value : undefined;
  if (!v || v.k !== 'call' || v.func.k !== 'name') return false;
  return v.line === p.line && v.col === p.col && v.endLine === p.endLine && v.endCol === p.endCol;
}

function caretLine(e: TbEntry, lineText: string, rt: Runtime, unraisable: boolean): string | undefined {
  if (rt.ip.carets === 'none' || !e.pos) return undefined;
  // 3.13+ prints unraisable exceptions (__del__, callbacks) with the C traceback printer, which has no carets.
  if (unraisable && rt.ip.carets === 'anchorsCalls') return undefined;
  const p = e.pos;
  if (p.line !== e.line || p.endLine !== e.line) return undefined;
  const stripped = lineText.trimStart();
  const indent = lineText.length - stripped.length;
  const trimmedEnd = lineText.trimEnd().length;
  const a = e.anchor && e.anchor.line === e.line ? e.anchor : undefined;
  if (rt.ip.carets === 'anchorsCalls' && plainCallStatement(e)) return undefined;
  // Without anchors, a segment covering the whole statement line gets no carets.
  if (!a && p.col <= indent && p.endCol >= trimmedEnd) return undefined;
  let out = '';
  for (let c = p.col; c < p.endCol; c++) out += a ? (c >= a.col && c < a.endCol ? '^' : '~') : '^';
  return '    ' + ' '.repeat(p.col - indent) + out;
}

function levenshtein(a: string, b: string, max: number): number {
  // CPython's _Py_UTF8_Edit_Cost: substitution of a case-only difference costs 1, anything else 2.
  const n = a.length;
  const m = b.length;
  let prev = Array.from({ length: m + 1 }, (_, j) => j * 2);
  for (let i = 1; i <= n; i++) {
    const cur = [i * 2];
    let best = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const ca = a[i - 1]!;
      const cb = b[j - 1]!;
      const sub = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 1 : 2;
      cur[j] = Math.min(prev[j]! + 2, cur[j - 1]! + 2, prev[j - 1]! + sub);
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[m]!;
}

/** "Did you mean" as in traceback._compute_suggestion_error. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const max = Math.floor(((name.length + c.length + 3) * 2) / 6);
    const d = levenshtein(name, c, max);
    if (d > max) continue;
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

/** What object.__dir__ lists for every object (dir(object())), by minor version. */
function objectDir(minor: number): string[] {
  const names = ['__class__', '__delattr__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__', '__getattribute__', '__gt__', '__hash__', '__init__', '__init_subclass__', '__le__', '__lt__', '__ne__', '__new__', '__reduce__', '__reduce_ex__', '__repr__', '__setattr__', '__sizeof__', '__str__', '__subclasshook__'];
  if (minor >= 11) names.push('__getstate__');
  return names;
}

/**
 * The candidates for an instance's missing attribute: sorted dir(obj) (its attributes, its classes', what a class
 * statement adds, object's), without the _names when the wrong name has no leading _ (3.12+ traceback.py). dir()
 * reads obj.__dict__: on 3.11/3.12 that materialises the instance's dict (printing the hint makes it; 3.13's
 * embedded values do not need it), measured: `a.self = a`, the hint printed, `del a`: gc.collect() 2, else 1.
 */
function instanceDir(rt: Runtime, obj: ObjId, wrong: string): string[] {
  const h = rt.heap;
  if (h.kind(obj) !== 'instance') return []; // freed since (the lab's exception holds no reference to it)
  const minor = Number(rt.versionInfo[1]);
  if (rt.ip.hintMaterialisesDict) {
    const d = h.instanceDict(obj);
    if (d) h.decref(d);
  }
  const names = new Set<string>(h.instanceAttrs(obj));
  const seen = new Set<ObjId>();
  const walk = (cls: ObjId) => {
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const n of h.instanceAttrs(cls)) names.add(n);
    for (const b of h.classBases(cls)) walk(b);
  };
  walk(h.classOf(obj));
  for (const n of ['__dict__', '__module__', '__weakref__', ...(minor >= 13 ? ['__firstlineno__', '__static_attributes__'] : [])]) names.add(n);
  for (const n of objectDir(minor)) names.add(n);
  const sorted = [...names].sort();
  return minor >= 12 && !wrong.startsWith('_') ? sorted.filter((n) => !n.startsWith('_')) : sorted;
}

function excHeader(rt: Runtime, e: PyExc): string {
  const cls = rt.excClassOf(e.exc);
  const name = rt.className(cls);
  const msg = rt.excMessage(e.exc);
  let line = msg === '' ? name : `${name}: ${msg}`;
  if (rt.ip.suggestions && e.missingName !== undefined) {
    const names = e.missingAttrOf === undefined ? [...rt.visibleNames()] : instanceDir(rt, e.missingAttrOf, e.missingName);
    const s = suggest(e.missingName, names);
    if (s) line += `. Did you mean: '${s}'?`;
    else if (rt.ip.forgotImport && e.missingAttrOf === undefined && rt.modules.has(e.missingName)) line += `. Did you forget to import '${e.missingName}'?`;
  }
  return line;
}

export function formatTraceback(rt: Runtime, e: PyExc, source: SourceLookup, unraisable = false): string {
  let out = '';
  if (e.causeExc) {
    out += formatTraceback(rt, e.causeExc, source, unraisable);
    out += '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (e.context) {
    out += formatTraceback(rt, e.context, source, unraisable);
    out += '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  if (e.tb.length) {
    out += 'Traceback (most recent call last):\n';
    let last = '';
    let repeats = 0;
    const flushRepeats = () => {
      if (repeats > 3) out += `  [Previous line repeated ${repeats - 3} more time${repeats - 3 > 1 ? 's' : ''}]\n`;
    };
    for (const entry of [...e.tb].reverse()) {
      // Like CPython, a run of identical entries (recursion) prints three times, then a count.
      const key = `${entry.filename}\0${entry.line}\0${entry.name}`;
      if (key === last) {
        repeats++;
        if (repeats > 3) continue;
      } else {
        flushRepeats();
        last = key;
        repeats = 1;
      }
      out += `  File "${entry.filename}", line ${entry.line}, in ${entry.name}\n`;
      const src = source(entry.filename);
      if (src !== undefined) {
        const lineText = (src.split('\n')[entry.line - 1] ?? '').replace(/\r$/, '');
        if (lineText.trim() !== '') {
          out += `    ${lineText.trim()}\n`;
          const c = caretLine(entry, lineText, rt, unraisable);
          if (c) out += c + '\n';
        }
      }
    }
    flushRepeats();
  }
  return out + excHeader(rt, e) + '\n';
}
