// The console's history of statements run, walked with Up/Down like Python's own REPL: going back from the
// newest keeps what was being typed (the draft) and going forward past the newest brings it back.

export class ConsoleHistory {
  private readonly entries: string[] = [];
  /** entries.length means "the draft", not an entry. */
  private at = 0;
  private draft = '';

  constructor(private readonly limit = 500) {}

  get size(): number {
    return this.entries.length;
  }

  /** A statement was run: remember it (not twice in a row) and start again from the draft. */
  record(source: string): void {
    const s = source.replace(/\s+$/, '');
    if (s && this.entries.at(-1) !== s) this.entries.push(s);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.at = this.entries.length;
    this.draft = '';
  }

  /** The entry before the one shown, or null at the oldest. `current` is the editor's text now. */
  older(current: string): string | null {
    if (this.at === 0) return null;
    if (this.at === this.entries.length) this.draft = current;
    this.at -= 1;
    return this.entries[this.at]!;
  }

  /** The entry after the one shown, the draft after the newest, or null when the draft is already shown. */
  newer(): string | null {
    if (this.at >= this.entries.length) return null;
    this.at += 1;
    return this.at === this.entries.length ? this.draft : this.entries[this.at]!;
  }
}
