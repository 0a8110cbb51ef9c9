// The session's program as a Python script that real CPython runs to rebuild the same heap: the statements
// in order, nothing lab-specific. Settings that differ from the profile's start-up state become the
// gc calls that produce them, since a script cannot start CPython with other settings.
import { scanBoundNames, statementSource, type Session } from '../../shared/session';
import { getProfile } from '../engine/profiles';
import { CLOSER, HEADER } from '../engine/python/open-frames';
import type { ProfileId } from '../engine/profiles/types';

const MODULES = ['gc', 'sys', 'weakref'] as const;

/**
 * The modules the header imports: those the program uses (`gc.` ...) without binding the name itself.
 * Never an unconditional `import gc, sys, weakref`: importing weakref under `python -S` creates about 880
 * tracked objects on 3.13, which would shift every gc count and automatic collection after it.
 */
export function headerModules(sources: readonly string[], needGc: boolean): string[] {
  const bound = scanBoundNames(sources).names;
  const text = sources.join('\n');
  // Settings lines run before the first statement, so they need gc even when the program imports it later.
  return MODULES.filter((m) => (m === 'gc' && needGc) || (!bound.has(m) && new RegExp(`(?<![\\w.])${m}\\s*\\.`).test(text)));
}

/** gc calls reproducing settings.gc where it differs from how the profile's CPython starts. */
function settingsLines(session: Session): string[] {
  const gc = session.settings?.gc;
  const lines: string[] = [];
  const defaults = getProfile(session.profile as ProfileId).thresholds;
  if (gc?.thresholds && gc.thresholds.some((t, i) => t !== defaults[i])) lines.push(`gc.set_threshold(${gc.thresholds.join(', ')})`);
  if (gc?.enabled === false) lines.push('gc.disable()');
  return lines;
}

export function exportPython(session: Session): string {
  const sources = session.program.map(statementSource);
  const settings = settingsLines(session);
  const header = headerModules(sources, settings.length > 0);
  // concat, not push(...): a program has up to 2,000,000 statements, more than a call takes as arguments.
  const lines = (header.length > 0 ? [`import ${header.join(', ')}`] : []).concat(settings, sources, returnsOfOpenFrames(sources));
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * A session saved with function frames still open ends inside a `def` that is never called; the script returns
 * from them in order (innermost first), so it runs the body the lab ran. `pass` stands in an empty body.
 */
export function returnsOfOpenFrames(sources: readonly string[]): string[] {
  const open: { name: string; indent: string; hasBody: boolean }[] = [];
  for (const source of sources) {
    const lines = source.replace(/\r\n?/g, '\n').split('\n').filter((l) => !/^[ \t]*(#.*)?$/.test(l));
    for (const line of lines) {
      const indent = /^[ \t]*/.exec(line)![0];
      const text = line.slice(indent.length).trim();
      const top = open[open.length - 1];
      if (top && indent === top.indent && CLOSER.exec(text)?.[1] === top.name) {
        open.pop();
        continue;
      }
      if (top && indent.length > top.indent.length) top.hasBody = true;
      const header = lines.length === 1 ? HEADER.exec(text) : null;
      if (header && (top ? indent.length > top.indent.length : indent === '')) open.push({ name: header[1]!, indent, hasBody: false });
    }
  }
  const out: string[] = [];
  for (const f of open.reverse()) {
    if (!f.hasBody) out.push(`${f.indent}    pass`);
    out.push(`${f.indent}${f.name}()`);
  }
  return out;
}
