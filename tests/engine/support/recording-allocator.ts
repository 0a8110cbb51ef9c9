// An allocator that records every request (what tracemalloc shows in CPython), on top of the simple one.
import { SimpleAllocator } from '../../../src-main/engine/index';

export class RecordingAllocator extends SimpleAllocator {
  requests: number[] = [];
  frees = 0;

  override malloc(nbytes: number): number {
    this.requests.push(nbytes);
    return super.malloc(nbytes);
  }

  override free(addr: number): void {
    this.frees++;
    super.free(addr);
  }

  override realloc(addr: number, nbytes: number, owner: number): number {
    this.requests.push(nbytes);
    return super.realloc(addr, nbytes, owner);
  }

  /** Requests made while running f. */
  during(f: () => void): number[] {
    const start = this.requests.length;
    f();
    return this.requests.slice(start);
  }
}
