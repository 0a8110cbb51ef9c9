// The allocator reports arena and pool transitions (for the memory map), never individual blocks.
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../src-main/engine/alloc/pymalloc';
import type { AllocatorEvent } from '../../../src-main/engine/alloc/events';

function recording(id: '3.8' | '3.13') {
  const p = new Pymalloc(id);
  const events: AllocatorEvent[] = [];
  p.listener = (e) => events.push(e);
  return { p, events, kinds: () => events.map((e) => e.t) };
}

describe('allocator events', () => {
  it('maps an arena and initialises a pool on the first request, and releases both on 3.8 when freed', () => {
    const { p, events, kinds } = recording('3.8');
    const a = p.malloc(100, 1);
    p.free(a);
    expect(kinds()).toEqual(['arena-new', 'pool-init', 'pool-empty', 'arena-release']);
    expect(events[1]).toEqual({ t: 'pool-init', arena: 0, pool: 0, sizeClass: 6, reused: false });
  });

  it('reports a pool that fills up and one that gets a block back, and keeps the last arena on 3.9+', () => {
    const { p, kinds } = recording('3.13');
    const blocks = Array.from({ length: p.classBlocks[31]! }, (_, i) => p.malloc(512, i + 1));
    expect(kinds()).toEqual(['arena-new', 'pool-init', 'pool-full']);
    p.free(blocks[0]!);
    expect(kinds().at(-1)).toBe('pool-used');
    for (const b of blocks.slice(1)) p.free(b);
    expect(kinds().at(-1)).toBe('pool-empty');
    p.malloc(512, 1);
    expect(kinds().at(-1)).toBe('pool-init');
    expect(kinds()).not.toContain('arena-release');
  });

  it('emits nothing per block', () => {
    const { p, kinds } = recording('3.13');
    const kept = Array.from({ length: 100 }, (_, i) => p.malloc(48, i + 1));
    for (const a of kept.slice(50)) p.free(a);
    expect(kinds()).toEqual(['arena-new', 'pool-init']);
  });
});
