// What the lab service needs to read, write and export .gclab sessions, kept apart from the engine so the
// service stays generic; src-main/lab/session-files.ts implements it on Node with the real engine.
import type { ExportedFile, SessionExportKind } from '../../shared/api';
import type { ParseResult, Session, SessionSettings } from '../../shared/session';
import type { Stopped } from './run-result';

export interface SessionIo<S> {
  /** Bytes of a .gclab file (gzip or not) -> a validated session or an error saying what and where. */
  decode(bytes: Uint8Array): ParseResult;
  /** settings.gc is the collector state before the first statement: applied to a fresh session. */
  applySettings(session: S, settings: SessionSettings | undefined): void;
  /** The collection log of a program (the session format's rows, with the statement index). */
  collectionLog(session: Session): Session['collections'];
  /** `raised`: the program statements that raised, when the caller knows them (else the export replays to find
   * them); `stopped`: those the lab stopped at a limit. */
  export(session: Session, kind: SessionExportKind, raised?: readonly number[], stopped?: ReadonlyMap<number, Stopped>): Promise<ExportedFile>;
  /** Whether object number `id` (a `#id` view handle) is alive in the session after its program ran. */
  objectExists(session: S, id: number): boolean;
}
