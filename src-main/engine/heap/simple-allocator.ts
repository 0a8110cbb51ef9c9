// A minimal Allocator (bump addresses, 16-byte rounding) for heaps created without pymalloc and for tests that
// only look at the object model. It keeps no pools; use the allocator engineer's Pymalloc for memory studies.
import type { Address, Allocator } from '../alloc/allocator';

export class SimpleAllocator implements Allocator {
  private nextAddr = 0x10000;
  private sizes = new Map<number, number>();
  liveBlocks = 0;
  liveBytes = 0;

  malloc(nbytes: number): Address {
    const size = Math.max(16, (nbytes + 15) & ~15);
    const a = this.nextAddr;
    this.nextAddr += size;
    this.sizes.set(a, size);
    this.liveBlocks++;
    this.liveBytes += size;
    return a;
  }

  free(addr: Address): void {
    const size = this.sizes.get(addr);
    if (size === undefined) throw new Error(`free of unknown block 0x${addr.toString(16)}`);
    this.sizes.delete(addr);
    this.liveBlocks--;
    this.liveBytes -= size;
  }

  realloc(addr: Address, nbytes: number, owner: number): Address {
    if (addr === 0) return this.malloc(nbytes);
    const size = this.sizes.get(addr);
    if (size !== undefined && nbytes <= size && nbytes * 4 > size * 3) return addr;
    this.free(addr);
    return this.malloc(nbytes + 0 * owner);
  }
}
