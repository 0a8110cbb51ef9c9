// The session's program as a Python script that real CPython runs to rebuild the same heap: the statements
// in order, nothing lab-specific. Settings that differ from the profile's start-up state become the
// gc calls that produce them, since a script cannot start CPython with other settings.
import { scanBoundNames, statementSource, type Session } from '../../shared/session';
import { getProfile } from '../engine/profiles';
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
  const lines = (header.length > 0 ? [`import ${header.join(', ')}`] : []).concat(settings, sources);
  return lines.length ? lines.join('\n') + '\n' : '';
}
