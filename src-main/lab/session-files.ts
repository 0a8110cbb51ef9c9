// SessionIo on Node with the real engine: zlib for gzip files, the export module for exports and the log.
import type { ExportedFile, SessionExportKind } from '../../shared/api';
import type { Session, SessionSettings } from '../../shared/session';
import { exportSession, replaySession } from '../export';
import type { PythonSession } from '../engine/python/session';
import { decodeSession } from '../files/codec';
import type { SessionIo } from './session-io';
import type { Stopped } from './run-result';

const MIME: Record<SessionExportKind, string> = {
  py: 'text/x-python',
  svg: 'image/svg+xml',
  png: 'image/png',
  csv: 'text/csv',
  json: 'application/json',
  txt: 'text/plain',
  gclab: 'application/x-gclab',
};

export function nodeSessionIo(appVersion: string): SessionIo<PythonSession> {
  return {
    decode: (bytes) => decodeSession(bytes, { appVersion }),
    applySettings(python, settings: SessionSettings | undefined) {
      // Same as the export replay (src-main/export/replay.ts): on the heap, so no statement is added.
      const gc = settings?.gc;
      if (gc?.thresholds) python.heap.setThreshold(gc.thresholds[0], gc.thresholds[1], gc.thresholds[2]);
      if (gc?.enabled === false) python.heap.disable();
    },
    objectExists: (python, id) => python.heap.isAlive(id),
    collectionLog: (session) => replaySession(session).collections.map((row) => ({ ...row })),
    async export(session: Session, kind: SessionExportKind, raised?: readonly number[], stopped?: ReadonlyMap<number, Stopped>): Promise<ExportedFile> {
      if (kind === 'gclab') throw new Error('the service writes .gclab itself');
      const out = await exportSession(session, kind, { raised, stopped });
      const content = typeof out === 'string' ? { text: out } : { base64: Buffer.from(out).toString('base64') };
      return { content, mime: MIME[kind], extension: kind };
    },
  };
}
