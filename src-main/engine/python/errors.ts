// Errors raised before a program runs: constructs outside the subset, and real syntax errors.

/** A construct Python accepts but GC Lab does not run yet (exit code 2). */
export class UnsupportedError extends Error {
  constructor(
    readonly construct: string,
    readonly line: number,
    /** 1-based, as people count columns. */
    readonly column: number,
  ) {
    super(`GC Lab does not run \`${construct}\` yet, line ${line}, column ${column}`);
    this.name = 'UnsupportedError';
  }
}

/** A real syntax error: CPython would refuse the program too (it exits 1 with a SyntaxError). */
export class PySyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly line: number,
    /** 0-based offset in the line. */
    readonly col: number,
    readonly lineText: string,
    readonly kind: 'SyntaxError' | 'IndentationError' = 'SyntaxError',
  ) {
    super(msg);
    this.name = kind;
  }
}
