// One program run with the numbers `--json` reports: every collection (from the heap's counter-level trace),
// the final gc counts and the allocator's statistics.
import type { ProfileId } from '../engine/profiles/types';
import type { EngineEvent } from '../../shared/events';
import { createPythonSession, finishProgram, type ExecResult } from '../engine/python/session';
import { mallocStats } from '../engine/alloc/stats';

export interface Collection {
  generation: number;
  collected: number;
  uncollectable: number;
  /** Counts when the collection started. */
  countsBefore: [number, number, number];
}

export interface RunSummary {
  python: ProfileId;
  exitCode: number;
  counts: [number, number, number];
  thresholds: [number, number, number];
  collections: Collection[];
  allocator: {
    arenasCurrent: number;
    arenasAllocatedTotal: number;
    arenasHighwater: number;
    bytesInAllocatedBlocks: number;
    bytesInAvailableBlocks: number;
    rawBlocks: number;
    rawBytes: number;
    /** Block size -> blocks in use, for size classes with any. */
    blocksInUseBySize: Record<number, number>;
  };
}

export function runWithSummary(source: string, opts: { python: ProfileId; filename: string }): { result: ExecResult; summary: RunSummary } {
  const session = createPythonSession(opts.python);
  const heap = session.heap;
  const collections: Collection[] = [];
  let pending: [number, number, number] = [0, 0, 0];
  heap.setTrace('counters', (e: EngineEvent) => {
    if (e.t === 'gc-start') pending = [...e.counts];
    else if (e.t === 'gc-done') collections.push({ generation: e.generation, collected: e.collected, uncollectable: e.uncollectable, countsBefore: pending });
  });
  const ran = session.exec(source, { filename: opts.filename });
  heap.setTrace('off', null);
  // The summary describes the heap when the program ends, before the interpreter's exit clears __main__.
  const counts = heap.getCount();
  const st = mallocStats(session.interpreter.port.pymalloc);
  const blocks: Record<number, number> = {};
  st.blocksInUse.forEach((n, i) => { if (n > 0) blocks[16 * (i + 1)] = n; });
  const result = finishProgram(session, ran);
  return {
    result,
    summary: {
      python: opts.python,
      exitCode: result.exitCode,
      counts,
      thresholds: heap.getThreshold(),
      collections,
      allocator: {
        arenasCurrent: st.arenasCurrent,
        arenasAllocatedTotal: st.arenasAllocatedTotal,
        arenasHighwater: st.arenasHighwater,
        bytesInAllocatedBlocks: st.bytesInAllocatedBlocks,
        bytesInAvailableBlocks: st.bytesInAvailableBlocks,
        rawBlocks: st.rawBlocks,
        rawBytes: st.rawBytes,
        blocksInUseBySize: blocks,
      },
    },
  };
}
