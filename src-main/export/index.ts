// Session exports, each a pure function of a session (and of its headless replay where the heap is needed):
//   exportPython(session, r.raised)            the program as a script real CPython runs (statements that raised
//                                              wrapped so it goes on; without r.raised it replays to find them)
//   const r = replaySession(session)           then:
//   collectionsCsv(r.collections) / collectionsJson(r.collections)   the collection log
//   memoryReport(r.python)                     the simulated sys._debugmallocstats() text
//   sessionGraphSvg(session, r)                the graph at the saved positions; svgToPng(svg) on Node
// exportSession(session, format) does the lot for one format (the CLI's `gclab export`).
import type { Session } from '../../shared/session';
import { buildSnapshot } from '../lab/snapshot';
import type { Stopped } from '../lab/run-result';
import { collectionsCsv, collectionsJson } from './collections';
import { memoryReport } from './memory';
import { svgToPng } from './png';
import { exportPython } from './python';
import { replaySession, type Replay } from './replay';
import { graphSvg } from './svg';

export { exportPython, pythonScript, wrapRaised, linesStartingInString, PRINT_TRACEBACK, type PythonScript } from './python';
export { replaySession, type Replay, type CollectionRow, type ReplayOptions } from './replay';
export { collectionsCsv, collectionsJson, COLLECTION_COLUMNS } from './collections';
export { memoryReport } from './memory';
export { graphSvg, escapeXml, type SvgOptions } from './svg';
export { layoutGraph, resolveHandle, handleSteps, handleIndex, type HandleIndex } from './graph-layout';
export { svgToPng, PngUnavailableError } from './png';

export const EXPORT_FORMATS = ['py', 'svg', 'png', 'csv', 'json', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function sessionGraphSvg(session: Session, replay: Replay): string {
  const snap = buildSnapshot(replay.python.heap, { maxObjects: Number.MAX_SAFE_INTEGER });
  return graphSvg(snap, { positions: session.view?.positions });
}

export class ReplayFailedError extends Error {
  override name = 'ReplayFailedError';
  constructor(readonly replay: Replay) {
    super(`${replay.failure!.message} (at ${replay.failure!.path}):\n${replay.failure!.stderr.trimEnd()}`);
  }
}

/**
 * One export as text (or bytes for PNG). Throws ReplayFailedError when a statement cannot run (the lab would
 * not open the file either); statements that raised are replayed past, as the lab runs past them.
 */
export async function exportSession(session: Session, format: ExportFormat, options: { raised?: readonly number[]; stopped?: ReadonlyMap<number, Stopped> } = {}): Promise<string | Uint8Array> {
  if (format === 'py') return exportPython(session, options.raised, options.stopped);
  const replay = replaySession(session);
  if (replay.failedAt !== null) throw new ReplayFailedError(replay);
  switch (format) {
    case 'csv':
      return collectionsCsv(replay.collections);
    case 'json':
      return collectionsJson(replay.collections);
    case 'txt':
      return memoryReport(replay.python);
    case 'svg':
      return sessionGraphSvg(session, replay);
    case 'png':
      return svgToPng(sessionGraphSvg(session, replay));
  }
}
