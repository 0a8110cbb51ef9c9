// `sys._debugmallocstats()` for the simulated heap, in the text format of the profile's CPython version
// (obmalloc.c `_PyObject_DebugMallocStats` + `_PyObject_DebugTypeStats`; checked against real 3.8-3.13 output).
import type { Pymalloc } from './pymalloc';
import { mallocStats, arenaMapStats, type ArenaMapStats, type MallocStats } from './stats';
import { NUM_SIZE_CLASSES, SMALL_REQUEST_THRESHOLD, classSize } from './size-classes';
import { MALLOC_STATS_FORMAT, type FreeListLine, type MallocStatsFormat } from '../profiles/pymalloc';
import type { ProfileId } from '../profiles/types';

/** Objects parked on the type free lists (the heap owns them); missing entries print as 0. */
export interface FreeListCounts {
  cfunction?: number;
  dict?: number;
  dictKeys?: number;
  float?: number;
  frame?: number;
  list?: number;
  method?: number;
  /** tuple[n] = free tuples of length n. */
  tuple?: ArrayLike<number>;
}

/** obmalloc's printone(): label padded to 35 columns, '=', the value with thousands separators in 21 columns. */
export function printone(label: string, value: number): string {
  const digits = Math.trunc(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return label.padEnd(35, ' ') + '=' + digits.padStart(21, ' ') + '\n';
}

/** _PyDebugAllocatorStats(): "%d %ss * %zd bytes each" right-aligned to 48 columns. */
function allocatorLine(name: string, count: number, structBytes: number): string {
  return printone(`${count} ${name}s * ${structBytes} bytes each`.padStart(48, ' ') + ' ', count * structBytes);
}

function row(i: number, size: number, pools: number, used: number, avail: number): string {
  return (
    String(i).padStart(5) + ' ' + String(size).padStart(6) + ' ' + String(pools).padStart(11) + ' ' +
    String(used).padStart(15) + ' ' + String(avail).padStart(13) + '\n'
  );
}

/** The pymalloc part (ends with the byte breakdown's Total, or the arena map's Total on 3.10+). */
export function pymallocStatsText(p: Pymalloc, format: MallocStatsFormat): string {
  return renderPymallocStats(mallocStats(p), format.arenaMap ? arenaMapStats(p, format.arenaMap) : null);
}

/** Renders numbers in obmalloc's layout (exported so tests can re-render a real interpreter's numbers). */
export function renderPymallocStats(s: MallocStats, map: ArenaMapStats | null): string {
  let out = `Small block threshold = ${SMALL_REQUEST_THRESHOLD}, in ${NUM_SIZE_CLASSES} size classes.\n\n`;
  out += 'class   size   num pools   blocks in use  avail blocks\n';
  out += '-----   ----   ---------   -------------  ------------\n';
  for (let i = 0; i < NUM_SIZE_CLASSES; i++) {
    if (s.numPools[i] === 0) continue;
    out += row(i, classSize(i), s.numPools[i]!, s.blocksInUse[i]!, s.availBlocks[i]!);
  }
  out += '\n';
  out += printone('# arenas allocated total', s.arenasAllocatedTotal);
  out += printone('# arenas reclaimed', s.arenasReclaimed);
  out += printone('# arenas highwater mark', s.arenasHighwater);
  out += printone('# arenas allocated current', s.arenasCurrent);
  out += printone(`${s.arenasCurrent} arenas * ${s.arenaSize} bytes/arena`, s.arenasCurrent * s.arenaSize);
  out += '\n';
  out += printone('# bytes in allocated blocks', s.bytesInAllocatedBlocks);
  out += printone('# bytes in available blocks', s.bytesInAvailableBlocks);
  out += printone(`${s.unusedPools} unused pools * ${s.poolSize} bytes`, s.bytesInUnusedPools);
  out += printone('# bytes lost to pool headers', s.bytesLostToPoolHeaders);
  out += printone('# bytes lost to quantization', s.bytesLostToQuantization);
  out += printone('# bytes lost to arena alignment', s.bytesLostToArenaAlignment);
  out += printone('Total', s.total);
  if (map) {
    out += '\narena map counts\n';
    out += printone('# arena map mid nodes', map.midNodes);
    out += printone('# arena map bot nodes', map.botNodes);
    out += '\n';
    out += printone('# bytes lost to arena map root', map.rootBytes);
    out += printone('# bytes lost to arena map mid', map.midBytes);
    out += printone('# bytes lost to arena map bot', map.botBytes);
    out += printone('Total', map.total);
  }
  return out;
}

/** The type free-list lines (`_PyObject_DebugTypeStats`). */
export function freeListStatsText(format: MallocStatsFormat, counts: FreeListCounts): string {
  let out = '';
  for (const line of format.freeLists as readonly FreeListLine[]) {
    out += allocatorLine(`free ${line.name}`, counts[line.key] ?? 0, line.structBytes);
  }
  for (let n = 1; n <= format.tupleMaxLength; n++) {
    // sizeof(PyTupleObject) + (n - 1) pointers = 24 + 8n: the struct, not the pymalloc block.
    out += allocatorLine(`free ${n}-sized PyTupleObject`, counts.tuple?.[n] ?? 0, 24 + 8 * n);
  }
  return out;
}

/** Everything `sys._debugmallocstats()` writes to fd 2 for this heap. */
export function debugMallocStats(p: Pymalloc, profile: ProfileId, counts: FreeListCounts = {}): string {
  const format = MALLOC_STATS_FORMAT[profile];
  return pymallocStatsText(p, format) + '\n' + freeListStatsText(format, counts);
}
