// Bounds checked BEFORE any parsing, so a hostile or broken file cannot hang the app or blow the stack.
// They are generous for real sessions: a 1e5-object session is about 4 MB of JSON and 6 levels deep.

/** Largest file accepted, compressed or not (bytes on disk). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest JSON text accepted after decompression (UTF-16 code units, ~bytes for ASCII). */
export const MAX_JSON_CHARS = 256 * 1024 * 1024;
/** Deepest nesting of arrays/objects accepted (the format itself uses 4; unknown fields get room). */
export const MAX_DEPTH = 64;
/** Most program statements in one session. */
export const MAX_STATEMENTS = 2_000_000;
/** Longest single program statement (characters). */
export const MAX_STATEMENT_CHARS = 1_000_000;
/** Longest handle name in view positions. */
export const MAX_HANDLE_CHARS = 512;
/** Coordinates beyond this are not a place on any canvas: reject them instead of drawing nothing. */
export const MAX_COORDINATE = 1e9;
