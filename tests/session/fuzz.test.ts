// Fuzzing the loader with files derived from the fixtures: truncated, bit-flipped, wrong types, huge
// numbers, deep nesting, huge strings, unicode, damaged gzip. Every input must either load (and then save
// and load back to the same session) or be refused with a message and a JSON path; nothing may throw or hang.
// The seed is fixed so a failure reproduces; FUZZ_SEED=<n> explores other seeds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isGzip, migrate, parseSession, serializeSession, type ParseResult } from '../../shared/session';
import { gunzipBounded } from '../../src-main/files/codec';
import { largePartsValid } from '../../shared/session/large-parts-v1';
import { sessionV2Schema } from '../../shared/session/schema-v2';
import { fixtureFiles } from './support/fixtures';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = 10_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

interface Base {
  name: string;
  bytes: Buffer;
  text: string;
  doc: Json;
  paths: Path[];
}

function allPaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), allPaths(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push([...prefix, k]);
      allPaths(value[k]!, [...prefix, k], out);
    }
  }
  return out;
}

/**
 * The large ring fixture is cut down to its first 12 objects for structural mutations (a full parse of
 * 4,503 statements 3,000 times would dominate the run); its stored gzip bytes are still mutated as they are.
 */
function smallRing(doc: any): any {
  const keep = (s: string) => [...s.matchAll(/obj(\d+)/g)].every((m) => Number(m[1]) < 12);
  const program = (doc.program as string[]).filter(keep);
  const positions = Object.fromEntries(Object.entries(doc.view.positions).filter(([k]) => keep(k)));
  const collections = doc.collections.map((c: any) => ({ ...c, step: program.length - 1 }));
  return { ...doc, program, view: { ...doc.view, positions }, collections };
}

const bases: Base[] = [...fixtureFiles()].map(([name, bytes]) => {
  let doc = JSON.parse((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8')) as Json;
  if ((doc as any).program.length > 1000) doc = smallRing(doc);
  const text = JSON.stringify(doc, null, 1);
  return { name, bytes, text, doc, paths: allPaths(doc) };
});

const DEEP = '"\u0000deep\u0000"';

/** A copy of `doc` with the value at `path` set (or deleted, for undefined); copies only along the path. */
function replaceAt(doc: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  const node = doc as any;
  const copy: any = Array.isArray(node) ? [...node] : { ...node };
  if (rest.length > 0) copy[head!] = replaceAt(node[head!], rest, value);
  else if (value !== undefined) copy[head!] = value;
  else if (Array.isArray(copy)) copy.splice(Number(head), 1);
  else delete copy[head!];
  return copy;
}

const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 1e-320, -0, 4294967296, 2147483648, 0.5);
// Strings from raw code points (every plane, lone surrogates, controls). fast-check's own string
// arbitraries rebuild character tables on every value, which would cost more than the loader under test.
const unicodeString = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0x10ffff })), { maxLength: 16 })
  .map((cps) => cps.map((c) => (c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c))).join(''));
const weirdString = fc.oneof(
  unicodeString,
  fc.constantFrom('', '\ud800', '\udc00x', '\u0000', '__proto__', 'constructor', '😀'.repeat(20), 'a\nb = []', '3.13', 'gclab-session', 'a', 'b'),
);
const leaf: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), weirdString);
const smallJson: fc.Arbitrary<Json> = fc.oneof(
  leaf,
  fc.array(fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxLength: 4 }),
  fc.dictionary(unicodeString, fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 4 }),
);
// Just under and just over the longest statement accepted (1,000,000 characters).
const hugeString = fc
  .tuple(fc.constantFrom(20_000, 1_000_001), fc.constantFrom('a', 'é', 'x = 1\n'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  // Huge strings cost a megabyte each: about 30 of the 10,000 runs are enough to cover their limits.
  { weight: 16, arbitrary: smallJson },
  { weight: 12, arbitrary: hugeNumber },
  { weight: 12, arbitrary: weirdString },
  { weight: 1, arbitrary: hugeString },
  { weight: 4, arbitrary: fc.constant(DEEP) },
);

// Arbitraries are built once here: building them inside the per-run chain costs more than the runs.
const flips = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 8 });
const unholdableNumber = fc.constantFrom('1e999999', '-1e999999', '123456789012345678901234567890', '1e-999999', '0.0000000000000000000000001');
// One replaced document in eight is gzipped (the gzip path is also fuzzed through the ring fixture's bytes).
const replacement = fc.tuple(wrongValue, fc.boolean(), fc.nat({ max: 7 }).map((n) => n === 0));
const added = fc.tuple(weirdString, smallJson);

/** One mutated file: bytes (possibly gzip) or text. */
const mutated: fc.Arbitrary<{ kind: string; input: string | Uint8Array }> = fc
  .tuple(fc.nat({ max: bases.length - 1 }), fc.nat(), fc.nat({ max: 100_000 }))
  .chain(([b, pick, depth]) => {
    const base = bases[b]!;
    const path = base.paths[pick % base.paths.length]!;
    const bytes = Buffer.from(base.text, 'utf8');
    return fc.oneof(
      // Truncated text, and truncated gzip.
      { weight: 2, arbitrary: fc.nat({ max: bytes.length }).map((n) => ({ kind: `truncate ${base.name} at ${n}`, input: bytes.subarray(0, n) })) },
      { weight: 1, arbitrary: fc.nat({ max: base.bytes.length }).map((n) => ({ kind: `truncate raw ${base.name} at ${n}`, input: base.bytes.subarray(0, n) })) },
      // Bit flips in the text or in the file as stored (gzip for the ring fixture).
      { weight: 2, arbitrary: fc.tuple(flips, fc.boolean()).map(([where, raw]) => {
        const out = Buffer.from(raw ? base.bytes : bytes);
        for (const [at, bit] of where) out[at % out.length]! ^= 1 << bit;
        return { kind: `flip ${where.length} bits in ${raw ? 'raw ' : ''}${base.name}`, input: out };
      }) },
      // A value replaced by one of the wrong type, a huge number or string, unicode, or deep nesting.
      { weight: 4, arbitrary: replacement.map(([value, asText, gzip]) => {
        let text = JSON.stringify(replaceAt(base.doc, path, value));
        const d = Math.max(1, depth % 3 === 0 ? depth : depth % 80);
        text = text.replace(DEEP, `${'['.repeat(d)}${depth % 2 ? ']'.repeat(d) : ''}`);
        const input = gzip ? gzipSync(text, { level: 1 }) : asText ? text : Buffer.from(text, 'utf8');
        return { kind: `replace ${JSON.stringify(path)} in ${base.name}${gzip ? ' (gzip)' : ''}`, input };
      }) },
      // A field removed, or an unknown field added.
      { weight: 1, arbitrary: fc.constant(path).map((p) => ({ kind: `delete ${JSON.stringify(p)} in ${base.name}`, input: JSON.stringify(replaceAt(base.doc, p, undefined)) })) },
      { weight: 1, arbitrary: added.map(([key, value]) => ({
        kind: `add field ${JSON.stringify(key)} in ${base.name}`,
        input: JSON.stringify({ ...(base.doc as object), [key]: value }),
      })) },
      // Number tokens rewritten as numbers no double can hold.
      { weight: 1, arbitrary: unholdableNumber.map((n) => ({
        kind: `number ${n} in ${base.name}`,
        input: base.text.replace(/(?<=[:\[,]\s*)-?\d+(\.\d+)?/, n),
      })) },
    );
  });

/** The hand-written fast check of the large parts must accept exactly what the zod schema accepts. */
function checkFastPathAgrees(input: string | Uint8Array, kind: string): void {
  if (typeof input !== 'string' && isGzip(input)) return;
  let doc: unknown;
  try {
    doc = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
  } catch {
    return;
  }
  // Both checks see what the loader gives them: the document migrated to the current version.
  const migrated = migrate(doc);
  if (!migrated.ok) return;
  doc = migrated.doc;
  const rest = largePartsValid(doc as Record<string, unknown>);
  const fast = rest !== null && sessionV2Schema.safeParse(rest).success;
  expect(fast, `${kind}: fast check says ${fast}, zod says ${!fast}`).toBe(sessionV2Schema.safeParse(doc).success);
}

function checkResult(r: ParseResult, kind: string): void {
  if (r.ok) {
    // What loads must save and load back to the same session.
    const again = parseSession(serializeSession(r.session));
    if (!again.ok) throw new Error(`${kind}: loaded, but its saved form is refused: ${again.error.message}`);
    expect(again.session, kind).toEqual(r.session);
    return;
  }
  if (typeof r.error.message !== 'string' || r.error.message.length < 10) throw new Error(`${kind}: unclear message ${JSON.stringify(r.error.message)}`);
  if (typeof r.error.path !== 'string' || !r.error.path.startsWith('$')) throw new Error(`${kind}: no JSON path (${JSON.stringify(r.error.path)})`);
}

describe('the session loader under fuzzing', () => {
  it(`${RUNS} mutated session files each load or are refused with a message and a path, without throwing or hanging`, { timeout: 60_000 }, () => {
    let loaded = 0;
    let refused = 0;
    let slowest = 0;
    let slowestKind = '';
    let runs = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      fc.assert(
        fc.property(mutated, ({ kind, input }) => {
          const t0 = performance.now();
          const r = parseSession(input, { gunzip: gunzipBounded });
          const took = performance.now() - t0;
          if (took > slowest) [slowest, slowestKind] = [took, kind];
          checkResult(r, kind);
          if (++runs % 2 === 0) checkFastPathAgrees(input, kind); // every other run: it re-parses with zod
          if (r.ok) loaded++;
          else refused++;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } catch (e) {
      throw new Error(`session fuzz failed with seed ${SEED} (rerun: FUZZ_SEED=${SEED} npx vitest run tests/session/fuzz.test.ts)\n${(e as Error).message}`);
    }
    const total = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(`session fuzz: seed ${SEED}, ${loaded} loaded, ${refused} refused, slowest ${slowest.toFixed(1)} ms (${slowestKind.slice(0, 80)}), total ${(total / 1000).toFixed(1)} s (cpu ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
    expect(loaded + refused).toBe(RUNS);
    // Both outcomes must occur, or the mutations are not reaching the loader's interesting paths.
    expect(loaded).toBeGreaterThan(RUNS / 50);
    expect(refused).toBeGreaterThan(RUNS / 2);
    expect(slowest).toBeLessThan(2_000);
  });
});
