// The interface between the object model (heap/) and the small-object allocator (alloc/).
// The heap asks for the bytes CPython would request for an object (struct with GC header and pre-header,
// list item arrays, dict keys tables, instance values arrays, str/bytes payloads) and gets back a
// simulated address; `id(obj)` is derived from it. Requests of 0 or more than 512 bytes go to the raw
// allocator (malloc), exactly as pymalloc forwards them.

/** A simulated address in the lab's address space. 0 is never a valid address. */
export type Address = number;

export interface Allocator {
  /** PyObject_Malloc / PyMem_Malloc: `owner` is the object id that will own the block (for the memory map): a
   *  non-negative integer (pymalloc keeps it exact below 2^43, the raw side below 2^31). */
  malloc(nbytes: number, owner: number): Address;
  /** PyObject_Free: pymalloc block or raw block, decided by the address, as in obmalloc.c. */
  free(addr: Address): void;
  /** PyObject_Realloc: keeps the block when the new size fits its class and is over 3/4 of it. */
  realloc(addr: Address, nbytes: number, owner: number): Address;
}
