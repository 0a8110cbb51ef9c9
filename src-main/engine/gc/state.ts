// The collector's state (reference §3.1; incremental fields §4.1).

export const DEBUG_STATS = 1;
export const DEBUG_COLLECTABLE = 2;
export const DEBUG_UNCOLLECTABLE = 4;
export const DEBUG_SAVEALL = 32;
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

export interface GenStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class GcState {
  count: [number, number, number] = [0, 0, 0];
  threshold: [number, number, number];
  enabled = true;
  debug = 0;
  collecting = false;
  /** 3.12+: an automatic collection is due at the next eval-breaker check. */
  scheduled = false;
  longLivedTotal = 0;
  longLivedPending = 0;
  stats: GenStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));
  /** Where the profile's startup-frozen immortal objects are: the permanent generation, or generation 2 after unfreeze. */
  startupFrozenIn: 'permanent' | 'gen2' = 'permanent';
  /** gc.freeze() ran before any collection: objects made when the program started (a file's constants) were
   * frozen with it rather than met by a collection (see Heap.newConstantTuple). */
  frozeBeforeCollecting = false;
  /** A Python exception is pending: automatic collections are not started (reference §3.4). */
  errorPending = false;

  // Incremental collector (3.14.0-3.14.4) only.
  /** Which old space (0 = GEN1 list, 1 = GEN2 list) is the visited one. */
  visitedSpace = 0;
  heapSize = 0;
  workToDo = 0;
  phase: 'mark' | 'collect' = 'mark';
  /** Where the interpreter's startup objects (profile startupHeapSize) are: the pending space is marked next. */
  startupSpace: 'pending' | 'visited' | 'permanent' = 'pending';
  /** Startup objects the mark phase could not reach, still in the pending space: increments scan them first. */
  startupUnscanned = 0;
  /** Frames a mark_stacks walk has visited (CPython's frame->visited flag; a new frame starts unvisited). */
  visitedFrames = new WeakSet<object>();

  constructor(thresholds: readonly [number, number, number], initialWorkToDo = 0) {
    this.threshold = [thresholds[0], thresholds[1], thresholds[2]];
    this.workToDo = initialWorkToDo;
  }
}
