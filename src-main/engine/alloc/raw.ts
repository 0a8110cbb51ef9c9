// The raw allocator (C malloc) behind pymalloc: requests of 0 or more than 512 bytes, and whatever is realloc'd
// from there. CPython only counts these blocks ("raw allocated blocks"); the lab also gives them addresses that
// look like a glibc heap (0x55...) so `id()` of objects living there looks right. Not a model of glibc's bins:
// a freed chunk is reused by the next request of the same chunk size (like tcache), otherwise memory grows.

export const RAW_BASE = 0x55d0c0a00000;
const CHUNK_HEADER = 16;

export class RawHeap {
  private top = RAW_BASE;
  /** address -> slot in the parallel arrays. */
  private readonly slotOf = new Map<number, number>();
  private addr = new Float64Array(256);
  private chunk = new Float64Array(256); // usable chunk bytes
  private req = new Float64Array(256); // bytes requested
  private owner = new Int32Array(256);
  private freeSlots: number[] = [];
  private nslots = 0;
  /** chunk size -> freed addresses, most recent last. */
  private readonly reuse = new Map<number, number[]>();
  /** Blocks currently allocated and their requested bytes. */
  count = 0;
  bytes = 0;
  /** Every raw malloc ever made (realloc that moves counts as one). */
  totalAllocs = 0;

  has(address: number): boolean {
    return this.slotOf.has(address);
  }

  malloc(nbytes: number, owner: number): number {
    // glibc: request + 8 rounded up to 16, at least 32 (usable = chunk - 8; modelled as chunk - 16 aligned).
    const chunk = Math.max(32, (nbytes + 8 + 15) & ~15);
    const bucket = this.reuse.get(chunk);
    let address: number;
    if (bucket && bucket.length > 0) {
      address = bucket.pop()!;
    } else {
      address = this.top + CHUNK_HEADER;
      this.top += chunk + CHUNK_HEADER;
    }
    let s = this.freeSlots.pop();
    if (s === undefined) {
      s = this.nslots++;
      if (s >= this.addr.length) this.grow();
    }
    this.addr[s] = address;
    this.chunk[s] = chunk;
    this.req[s] = nbytes;
    this.owner[s] = owner;
    this.slotOf.set(address, s);
    this.count++;
    this.bytes += nbytes;
    this.totalAllocs++;
    return address;
  }

  free(address: number): void {
    const s = this.slotOf.get(address);
    if (s === undefined) throw new Error(`free of unknown address 0x${address.toString(16)}`);
    this.slotOf.delete(address);
    const chunk = this.chunk[s]!;
    let bucket = this.reuse.get(chunk);
    if (!bucket) this.reuse.set(chunk, (bucket = []));
    bucket.push(address);
    this.count--;
    this.bytes -= this.req[s]!;
    this.freeSlots.push(s);
  }

  /** realloc(): stays in place when the chunk is big enough, else moves (malloc, copy, free). */
  realloc(address: number, nbytes: number, owner: number): number {
    const s = this.slotOf.get(address);
    if (s === undefined) throw new Error(`realloc of unknown address 0x${address.toString(16)}`);
    if (nbytes + 8 <= this.chunk[s]!) {
      this.bytes += nbytes - this.req[s]!;
      this.req[s] = nbytes;
      this.owner[s] = owner;
      return address;
    }
    const moved = this.malloc(nbytes, owner);
    this.free(address);
    return moved;
  }

  /** Requested bytes of a live raw block (undefined when not raw). */
  sizeOf(address: number): number | undefined {
    const s = this.slotOf.get(address);
    return s === undefined ? undefined : this.req[s];
  }

  ownerOf(address: number): number | undefined {
    const s = this.slotOf.get(address);
    return s === undefined ? undefined : this.owner[s];
  }

  /** Live raw blocks as parallel arrays (address, requested bytes, owner). */
  blocks(): { address: Float64Array; bytes: Float64Array; owner: Int32Array } {
    const n = this.slotOf.size;
    const address = new Float64Array(n);
    const bytes = new Float64Array(n);
    const owner = new Int32Array(n);
    let i = 0;
    for (const [a, s] of this.slotOf) {
      address[i] = a;
      bytes[i] = this.req[s]!;
      owner[i] = this.owner[s]!;
      i++;
    }
    return { address, bytes, owner };
  }

  private grow(): void {
    const n = this.addr.length * 2;
    const f = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    this.addr = f(this.addr);
    this.chunk = f(this.chunk);
    this.req = f(this.req);
    const o = new Int32Array(n);
    o.set(this.owner);
    this.owner = o;
  }
}
