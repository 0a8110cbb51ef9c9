// Where a key moves the objects table's cursor: an index into the whole (sorted, filtered) result, not into
// the page on screen, so End reaches the last of 100,000 objects and the table fetches the page it is on.

export type TableKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isTableKey(key: string): key is TableKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
}

/** The new cursor, clamped to the rows there are; `visible` is how many rows PageUp/PageDown move. */
export function moveCursor(key: TableKey, cursor: number, total: number, visible: number): number {
  if (total <= 0) return 0;
  const step = Math.max(1, visible);
  const to =
    key === 'ArrowUp' ? cursor - 1
    : key === 'ArrowDown' ? cursor + 1
    : key === 'PageUp' ? cursor - step
    : key === 'PageDown' ? cursor + step
    : key === 'Home' ? 0
    : total - 1;
  return Math.min(total - 1, Math.max(0, to));
}

/** The first row of the page of `size` rows that holds row `index`. */
export function pageStart(index: number, size: number): number {
  return Math.floor(index / size) * size;
}
