// The memory map's pixel geometry: every block drawn where hovering finds it again.
import { describe, expect, it } from 'vitest';
import type { MemoryMapView } from '../../shared/snapshot';
import { geometry, hit, paint, poolOrigin, blockGrid, blockRect, nextHeldBlock } from '../../src-renderer/components/memory-draw';
import { blockAt, locate } from '../../src-renderer/components/memory-locate';

function map(): MemoryMapView {
  // Two arenas (16 KiB pools, misaligned by 4 KiB like Linux mmap): classes 0, 3 and 31, some blocks owned.
  const pools = [
    { index: 0, state: 'used' as const, sizeClass: 0, blockSize: 16, capacity: 1021, used: 3 },
    { index: 1, state: 'full' as const, sizeClass: 3, blockSize: 64, capacity: 255, used: 255 },
    { index: 2, state: 'empty' as const, sizeClass: 3, blockSize: 64, capacity: 0, used: 0 },
  ];
  const owners: number[] = [];
  for (let i = 0; i < 1021; i++) owners.push(i < 3 ? 100 + i : 0);
  for (let i = 0; i < 255; i++) owners.push(i === 7 ? -1 : 500 + i);
  const second = [{ index: 0, state: 'used' as const, sizeClass: 31, blockSize: 512, capacity: 31, used: 1 }];
  for (let i = 0; i < 31; i++) owners.push(i === 0 ? 900 : 0);
  return {
    poolSize: 16384,
    arenaSize: 1048576,
    arenas: [
      { index: 0, address: 0x7f5a4c700000 + 4096, pools },
      { index: 1, address: 0x7f5a4c600000 + 4096, pools: second },
    ],
    owners,
    report: '',
  };
}

describe('memory map drawing', () => {
  it('finds under the mouse the block drawn at that place, in every pool and arena', () => {
    const m = map();
    const g = geometry(m);
    let o = 0;
    m.arenas.forEach((a, slot) => {
      for (const p of a.pools) {
        const { side, cell } = blockGrid(g, p.capacity);
        for (const k of [0, 1, p.capacity - 1].filter((x) => x >= 0 && x < p.capacity)) {
          const org = poolOrigin(g, slot, p.index);
          expect(hit(m, g, org.x + (k % side) * cell, org.y + Math.floor(k / side) * cell)).toBe(o + k);
        }
        o += p.capacity;
      }
    });
  });

  it('locates an address in its arena, pool and block, and back', () => {
    const m = map();
    const b = blockAt(m, 1021 + 10)!; // class 3 pool, block 10
    expect(b).toMatchObject({ arena: 0, pool: 1, block: 10 });
    expect(locate(m, b.address)).toMatchObject({ arena: 0, pool: 1, block: 10, blockSize: 64, ownerIndex: 1031 });
  });

  it('paints owned, free and free-list blocks in different shades of their class colour', () => {
    const m = map();
    const g = geometry(m);
    const img = { width: g.width, height: g.height, data: new Uint8ClampedArray(g.width * g.height * 4) } as unknown as ImageData;
    paint(m, g, img);
    const px = (slot: number, pool: number, k: number) => {
      const { side, cell } = blockGrid(g, m.arenas[slot]!.pools.find((p) => p.index === pool)!.capacity);
      const o = poolOrigin(g, slot, pool);
      const i = ((o.y + Math.floor(k / side) * cell) * g.width + o.x + (k % side) * cell) * 4;
      return [img.data[i], img.data[i + 1], img.data[i + 2]].join(',');
    };
    const owned = px(0, 1, 0);
    const freeList = px(0, 1, 7);
    const free = px(0, 0, 5);
    expect(new Set([owned, freeList, free, px(0, 0, 0)]).size).toBe(4);
  });
});

describe('the keyboard cursor on the memory map', () => {
  it('draws each block where hovering finds it again', () => {
    const m = map();
    const g = geometry(m);
    for (const k of [0, 2, 1020, 1021, 1028, 1275, 1276, 1306]) {
      const r = blockRect(m, g, k)!;
      expect(hit(m, g, r.x, r.y)).toBe(k);
      expect(hit(m, g, r.x + r.cell - 1, r.y + r.cell - 1)).toBe(k);
    }
    expect(blockRect(m, g, m.owners.length)).toBeNull();
  });

  it('steps over free blocks to the next one that holds something, both ways', () => {
    const owners = map().owners;
    expect(nextHeldBlock(owners, -1, 1)).toBe(0);
    expect(nextHeldBlock(owners, 2, 1)).toBe(1021); // the rest of pool 0 is free
    expect(nextHeldBlock(owners, 1021, -1)).toBe(2);
    expect(nextHeldBlock(owners, 1275, 1)).toBe(1276); // the next arena's first block
    expect(nextHeldBlock(owners, 1276, 1)).toBe(-1);
    expect(nextHeldBlock(owners, 0, -1)).toBe(-1);
  });
});
