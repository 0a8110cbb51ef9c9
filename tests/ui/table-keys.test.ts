// The objects table's keyboard cursor walks the whole result (100,001 rows here), not the page on screen.
import { describe, expect, it } from 'vitest';
import { moveCursor, pageStart } from '../../src-renderer/components/table-keys';

const TOTAL = 100_001;

describe('objects table keys', () => {
  it('Down and Up move one row and stop at the ends', () => {
    expect(moveCursor('ArrowDown', 0, TOTAL, 10)).toBe(1);
    expect(moveCursor('ArrowUp', 0, TOTAL, 10)).toBe(0);
    expect(moveCursor('ArrowDown', TOTAL - 1, TOTAL, 10)).toBe(TOTAL - 1);
  });

  it('End goes to the last of all rows and Home back to the first', () => {
    expect(moveCursor('End', 3, TOTAL, 10)).toBe(100_000);
    expect(moveCursor('Home', 100_000, TOTAL, 10)).toBe(0);
  });

  it('PageDown and PageUp move by the rows one screen shows, clamped', () => {
    expect(moveCursor('PageDown', 5, TOTAL, 12)).toBe(17);
    expect(moveCursor('PageUp', 5, TOTAL, 12)).toBe(0);
    expect(moveCursor('PageDown', 99_995, TOTAL, 12)).toBe(100_000);
  });

  it('the last row of 100,001 is on the page that starts at 100,000', () => {
    expect(pageStart(100_000, 200)).toBe(100_000);
    expect(pageStart(199, 200)).toBe(0);
    expect(pageStart(200, 200)).toBe(200);
  });

  it('an empty table keeps the cursor at 0', () => {
    expect(moveCursor('End', 0, 0, 10)).toBe(0);
  });
});
