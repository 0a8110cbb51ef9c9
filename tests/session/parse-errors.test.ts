import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createSession, parseSession, serializeSession, type ParseResult } from '../../shared/session';
import { gunzipBounded } from '../../src-main/files/codec';

const valid = () =>
  createSession({
    app: '0.1.0',
    profile: '3.12',
    program: ['a = []', 'b = [a]', 'import gc', 'gc.collect()'],
    view: { positions: { a: [0, 0], b: [10, 20] } },
    collections: [{ step: 3, generation: 2, collected: 0, uncollectable: 0, reason: 'manual' }],
  });

function errorOf(r: ParseResult) {
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
}

function withDoc(edit: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(serializeSession(valid()));
  edit(doc);
  return JSON.stringify(doc, null, 1);
}

describe('parseSession refuses bad files with a message that says what and where', () => {
  it('a valid session loads', () => {
    const r = parseSession(serializeSession(valid()));
    expect(r.ok).toBe(true);
  });

  it('text that is not JSON is reported with its line and column', () => {
    const text = serializeSession(valid()).replace('"b = [a]"', '"b = [a]" "c"');
    const e = errorOf(parseSession(text));
    expect(e.line).toBe(9);
    expect(e.column).toBe(13);
    expect(e.path).toBe('$.program[1]');
    expect(e.message).toBe(`not valid JSON at line 9, column 13 (in $.program[1]): expected ',' or ']', found "\\""`);
  });

  it('a file cut off in the middle reports the end of the file', () => {
    const text = serializeSession(valid());
    const e = errorOf(parseSession(text.slice(0, 100)));
    expect(e.message).toMatch(/^not valid JSON at line \d+, column \d+ .*(unterminated string|end of the file)/);
  });

  it('an empty file is reported as empty', () => {
    expect(errorOf(parseSession('  \n')).message).toBe('the file is empty');
  });

  it('a JSON file of another kind is not a GC Lab session', () => {
    const e = errorOf(parseSession('{"name": "package", "version": "1.0.0"}'));
    expect(e.message).toBe('not a GC Lab session: there is no "format" field (expected "gclab-session")');
    expect(e.path).toBe('$.format');
  });

  it('a wrong format name is named in the message', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.format = 'excalidraw'))));
    expect(e.message).toBe('not a GC Lab session: "format" is "excalidraw", expected "gclab-session"');
  });

  it('a top-level array is not a session', () => {
    expect(errorOf(parseSession('[1, 2]')).message).toBe('not a GC Lab session: the file holds an array, not a JSON object');
  });

  it('a file from a newer format version says which version this app reads', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.version = 3))));
    expect(e.message).toBe('written by a newer GC Lab (format 3); this app reads up to format 2');
    expect(e.path).toBe('$.version');
  });

  it('a version that is not a whole number is refused', () => {
    expect(errorOf(parseSession(withDoc((d) => (d.version = '1')))).message).toBe('$.version must be a whole number from 1 up, found "1"');
  });

  it('a wrong type deep inside names its JSON path', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.settings = { gc: { thresholds: ['700', 10, 10] } }))));
    expect(e.path).toBe('$.settings.gc.thresholds[0]');
    expect(e.message).toBe('$.settings.gc.thresholds[0] must be a number, found the string "700"');
  });

  it('a statement that is neither a string nor a statement object is named by index', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.program[2] = 42))));
    expect(e.path).toBe('$.program[2]');
    expect(e.message).toBe('$.program[2] must be a Python statement (a string, or an object with a "source" string), found the number 42');
  });

  it('a statement object with a non-string source points at the source', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.program[1] = { source: ['b = [a]'] }))));
    expect(e.path).toBe('$.program[1].source');
    expect(e.message).toBe('$.program[1].source must be a string, found an array');
  });

  it('a missing required field is reported as missing', () => {
    const e = errorOf(parseSession(withDoc((d) => delete d.program)));
    expect(e.message).toBe('$.program is missing (expected an array)');
  });

  it('an unknown profile lists the profiles this app knows', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.profile = '2.7'))));
    expect(e.message).toBe('$.profile names an unknown CPython profile (the string "2.7"); this app knows 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14.2, 3.14');
  });

  it('a coordinate too large to draw is out of range', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.view.positions.a = [1e300, 0]))));
    expect(e.path).toBe('$.view.positions.a[0]');
    expect(e.message).toBe('$.view.positions.a[0] must be at most 1000000000, found the number 1e+300');
  });

  it('a position for a name the program never binds is an error at that handle', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.view.positions.ghost = [1, 2]))));
    expect(e.path).toBe('$.view.positions.ghost');
    expect(e.message).toBe('$.view.positions.ghost places an object the program never creates: no statement binds the name "ghost"');
  });

  it('a position path rooted at a bound name is accepted', () => {
    const r = parseSession(withDoc((d) => (d.view.positions['b[0]'] = [1, 2])));
    expect(r.ok).toBe(true);
  });

  it('a collection logged after the last statement is an error', () => {
    const e = errorOf(parseSession(withDoc((d) => (d.collections[0].step = 4))));
    expect(e.message).toBe('$.collections[0].step is 4, but the program has 4 statements (steps count from 0)');
  });

  it('several problems are all listed, the first in the message', () => {
    const e = errorOf(parseSession(withDoc((d) => { d.app = 7; d.view.zoom = -1; })));
    expect(e.message).toBe('$.app must be a string, found the number 7 (and 1 more problem)');
    expect(e.problems?.map((p) => p.path)).toEqual(['$.app', '$.view.zoom']);
  });

  it('nesting deeper than the limit is refused before parsing, without exhausting the stack', () => {
    const depth = 1_000_000;
    const text = withDoc((d) => (d.extra = 0)).replace('"extra": 0', `"extra": ${'['.repeat(depth)}${']'.repeat(depth)}`);
    const e = errorOf(parseSession(text));
    expect(e.message).toMatch(/nested deeper than 64 levels/);
    expect(e.path).toBe('$.extra[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]');
  });

  it('a file larger than the size limit is refused before it is read as text', () => {
    const bytes = new Uint8Array(2048).fill(0x20);
    expect(errorOf(parseSession(bytes, { maxFileBytes: 1024 })).message).toBe('the file is 2048 bytes; GC Lab opens session files up to 1024 bytes');
  });

  it('a small gzip file that expands past the limit is refused', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const e = errorOf(parseSession(bomb, { gunzip: gunzipBounded, maxJsonChars: 1024 * 1024 }));
    expect(e.message).toBe('cannot decompress the file: it expands to more than 1.0 MB');
  });

  it('damaged gzip data is reported as damaged', () => {
    const gz = gzipSync(serializeSession(valid()));
    const e = errorOf(parseSession(gz.subarray(0, gz.length - 12), { gunzip: gunzipBounded }));
    expect(e.message).toMatch(/^cannot decompress the file: the compressed data is damaged/);
  });

  it('bytes that are not UTF-8 give the offset of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('{"format": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(errorOf(parseSession(bytes)).message).toBe('the file is not a text file: the bytes are not valid UTF-8 (first bad byte at offset 12)');
  });

  it('a file written by a newer app of the same format loads with a warning', () => {
    const r = parseSession(withDoc((d) => (d.app = '0.9.0')), { appVersion: '0.1.0' });
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual(['written by GC Lab 0.9.0, newer than this app (0.1.0); what it added is kept']);
  });
});
