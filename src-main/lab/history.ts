// The session's program: the list of gestures (each a Python source text) that built the heap.
// Undo is a replay of the program without the last gesture. That is simple and always correct, because the
// engine is deterministic; snapshots every N gestures can make it cheap later without changing this API.
export class ProgramHistory {
  private done: string[] = [];
  private undone: string[] = [];

  get program(): readonly string[] {
    return this.done;
  }
  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** A new gesture: it ends any redo branch. */
  record(source: string): void {
    this.done.push(source);
    this.undone = [];
  }

  /** Takes the last gesture back; returns it, or undefined when there is nothing to undo. */
  undo(): string | undefined {
    const last = this.done.pop();
    if (last !== undefined) this.undone.push(last);
    return last;
  }

  /** Returns the gesture to run again and puts it back in the program. */
  redo(): string | undefined {
    const next = this.undone.pop();
    if (next !== undefined) this.done.push(next);
    return next;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
