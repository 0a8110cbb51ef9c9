// The memory map as pixels: one pixel per pymalloc block, one square tile per pool, an 8-wide grid of tiles
// per arena, arenas side by side. Drawn straight into an ImageData so a million blocks paint in one pass.
import type { MemoryMapView } from '../../shared/snapshot';

export interface MapGeometry {
  /** Side of a pool tile in pixels (enough for the smallest class's blocks). */
  tile: number;
  poolsPerRow: number;
  arenaW: number;
  arenaH: number;
  arenasPerRow: number;
  width: number;
  height: number;
}

const GAP = 2;

export function geometry(map: MemoryMapView, maxWidth = 1200): MapGeometry {
  const maxBlocks = Math.floor((map.poolSize - 48) / 16);
  const tile = Math.ceil(Math.sqrt(maxBlocks));
  const poolsPerArena = Math.max(1, ...map.arenas.map((a) => a.pools.length), Math.floor(map.arenaSize / map.poolSize));
  const poolsPerRow = 8;
  const arenaW = poolsPerRow * (tile + 1) + GAP;
  const arenaH = Math.ceil(poolsPerArena / poolsPerRow) * (tile + 1) + GAP;
  const arenasPerRow = Math.max(1, Math.floor(maxWidth / arenaW));
  const rows = Math.max(1, Math.ceil(map.arenas.length / arenasPerRow));
  return { tile, poolsPerRow, arenaW, arenaH, arenasPerRow, width: Math.min(map.arenas.length || 1, arenasPerRow) * arenaW, height: rows * arenaH };
}

/** Size class colour: 32 hues around the wheel, so neighbouring classes stay distinguishable. */
export function classRgb(cls: number): [number, number, number] {
  const h = ((cls * 7) % 32) / 32;
  // HSL to RGB with s = 0.65, l = 0.5
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    return 0.5 - 0.65 * 0.5 * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** Blocks of a pool as a square grid filling its tile: `side` blocks per row, each `cell` pixels wide. */
export function blockGrid(g: MapGeometry, capacity: number): { side: number; cell: number } {
  const side = Math.max(1, Math.ceil(Math.sqrt(capacity)));
  return { side, cell: Math.max(1, Math.floor(g.tile / side)) };
}

/** Pixel origin of a pool tile. */
export function poolOrigin(g: MapGeometry, arenaSlot: number, poolIndex: number): { x: number; y: number } {
  const ax = (arenaSlot % g.arenasPerRow) * g.arenaW;
  const ay = Math.floor(arenaSlot / g.arenasPerRow) * g.arenaH;
  return { x: ax + (poolIndex % g.poolsPerRow) * (g.tile + 1), y: ay + Math.floor(poolIndex / g.poolsPerRow) * (g.tile + 1) };
}

export function paint(map: MemoryMapView, g: MapGeometry, img: ImageData): void {
  const d = img.data;
  d.fill(255);
  const W = img.width;
  let o = 0;
  map.arenas.forEach((a, slot) => {
    for (const p of a.pools) {
      const { x, y } = poolOrigin(g, slot, p.index);
      const [r, gg, b] = classRgb(p.sizeClass);
      const n = p.capacity;
      // Tile background: unused / empty pools are grey, the tail past the last block is light.
      const bg = p.state === 'unused' || p.state === 'empty' ? 215 : 240;
      for (let ty = 0; ty < g.tile; ty++) {
        let i = ((y + ty) * W + x) * 4;
        for (let tx = 0; tx < g.tile; tx++, i += 4) {
          d[i] = bg;
          d[i + 1] = bg;
          d[i + 2] = bg;
        }
      }
      if (p.state !== 'unused' && p.state !== 'empty' && n > 0) {
        const { side, cell } = blockGrid(g, n);
        for (let k = 0; k < n; k++) {
          const owner = map.owners[o + k]!;
          let cr: number, cg: number, cb: number;
          if (owner > 0) {
            cr = r; cg = gg; cb = b;
          } else if (owner < 0) {
            // held by a type free list: allocated for pymalloc, free for Python
            cr = (r + 180) / 3; cg = (gg + 180) / 3; cb = (b + 180) / 3;
          } else {
            cr = (r + 765) / 4; cg = (gg + 765) / 4; cb = (b + 765) / 4;
          }
          const bx = x + (k % side) * cell;
          const by = y + ((k / side) | 0) * cell;
          for (let yy = 0; yy < cell; yy++) {
            let i = ((by + yy) * W + bx) * 4;
            for (let xx = 0; xx < cell; xx++, i += 4) {
              d[i] = cr;
              d[i + 1] = cg;
              d[i + 2] = cb;
            }
          }
        }
      }
      o += n;
    }
  });
}

/** Which block is under a pixel: its index in owners, or -1. */
export function hit(map: MemoryMapView, g: MapGeometry, px: number, py: number): number {
  const slot = Math.floor(py / g.arenaH) * g.arenasPerRow + Math.floor(px / g.arenaW);
  if (px >= g.arenasPerRow * g.arenaW || slot >= map.arenas.length) return -1;
  let o = 0;
  for (let s = 0; s < slot; s++) for (const p of map.arenas[s]!.pools) o += p.capacity;
  const ax = px - (slot % g.arenasPerRow) * g.arenaW;
  const ay = py - Math.floor(slot / g.arenasPerRow) * g.arenaH;
  const col = Math.floor(ax / (g.tile + 1));
  const row = Math.floor(ay / (g.tile + 1));
  const poolIndex = row * g.poolsPerRow + col;
  const bx = ax - col * (g.tile + 1);
  const by = ay - row * (g.tile + 1);
  if (bx >= g.tile || by >= g.tile) return -1;
  for (const p of map.arenas[slot]!.pools) {
    if (p.index === poolIndex) {
      const { side, cell } = blockGrid(g, p.capacity);
      const cx = Math.floor(bx / cell);
      const k = Math.floor(by / cell) * side + cx;
      return cx < side && k < p.capacity ? o + k : -1;
    }
    o += p.capacity;
  }
  return -1;
}

/** Pixel square of the block at owners[index] (inverse of hit), or null past the last pool. */
export function blockRect(map: MemoryMapView, g: MapGeometry, index: number): { x: number; y: number; cell: number } | null {
  let o = 0;
  for (let slot = 0; slot < map.arenas.length; slot++) {
    for (const p of map.arenas[slot]!.pools) {
      if (index < o + p.capacity) {
        const k = index - o;
        const origin = poolOrigin(g, slot, p.index);
        const { side, cell } = blockGrid(g, p.capacity);
        return { x: origin.x + (k % side) * cell, y: origin.y + Math.floor(k / side) * cell, cell };
      }
      o += p.capacity;
    }
  }
  return null;
}

/** The next block after `from` (step +1) or before it (-1) that holds something (an object or a free-list entry); -1 if none. */
export function nextHeldBlock(owners: ArrayLike<number>, from: number, step: 1 | -1): number {
  for (let k = from + step; k >= 0 && k < owners.length; k += step) if (owners[k] !== 0) return k;
  return -1;
}
