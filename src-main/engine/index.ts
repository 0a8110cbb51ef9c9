// The engine's public surface: the heap (object model + gc module), profiles, invariants, events.
export { Heap, PyError } from './heap/heap';
export type { HeapHost, ClassOptions, ClassInfo } from './heap/heap';
export { Kind, KIND_NAMES } from './heap/kinds';
export type { ObjId } from './heap/kinds';
export { checkHeapInvariants } from './heap/invariants';
export { SimpleAllocator } from './heap/simple-allocator';
export type { FreeListCounts } from './heap/freelists';
export { getProfile, PROFILES, PROFILE_IDS, DEFAULT_PROFILE } from './profiles';
export type { Profile, ProfileId } from './profiles';
export { DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK } from './gc/state';
export type { GenStats } from './gc/state';
export type { EngineEvent, TraceLevel, EventSink, GcPhase } from '../../shared/events';
