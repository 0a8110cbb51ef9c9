// The hot loops keep their own copies of the heap's flag bits, kinds and record offsets as const enums (inlined
// as literals: module-level consts cost a context load and a Smi check per use). These tests keep the copies equal
// to the definitions in kinds.ts and store.ts.
import { describe, expect, it } from 'vitest';
import * as kinds from '../../src-main/engine/heap/kinds';
import { REC, FIRST_ID, GEN_SHIFT, KIND_SHIFT } from '../../src-main/engine/heap/store';
import * as fullScan from '../../src-main/engine/gc/full-scan';

type Mirror = Record<string, string | number>;

function members(mirror: Mirror): [string, number][] {
  const m = Object.entries(mirror).filter((e): e is [string, number] => typeof e[1] === 'number'); // not the reverse mappings
  expect(m.length).toBeGreaterThan(0);
  return m;
}

/** Each numeric member of a mirror enum against its definition. */
function expectFlagsMatch(mirror: Mirror): void {
  for (const [name, v] of members(mirror)) {
    expect(v, `flag ${name}`).toBe((kinds as unknown as Record<string, number>)[`F_${name}`]);
  }
}

function expectKindsMatch(mirror: Mirror): void {
  for (const [name, v] of members(mirror)) {
    const key = Object.keys(kinds.Kind).find((k) => k.toUpperCase() === name);
    expect(key, `kind ${name}`).toBeDefined();
    expect(v, `kind ${name}`).toBe((kinds.Kind as Record<string, number>)[key!]);
  }
}

function expectRecordMatch(mirror: Mirror): void {
  for (const [name, v] of members(mirror)) {
    expect(v, `record offset ${name}`).toBe((REC as Record<string, number>)[name]);
  }
}

describe('hot-loop constant copies', () => {
  it('the full scan uses the flag bits, kinds and record offsets the heap defines', () => {
    expectFlagsMatch(fullScan.Fl as unknown as Mirror);
    expectKindsMatch(fullScan.Kd as unknown as Mirror);
    expectRecordMatch(fullScan.Rec as unknown as Mirror);
  });

  it("the full scan's word fields match the store's layout", () => {
    const W = fullScan.W as unknown as Record<string, number>;
    expect(W.GEN_SHIFT).toBe(GEN_SHIFT);
    expect(W.KIND_SHIFT).toBe(KIND_SHIFT);
    expect(W.FIRST_ID).toBe(FIRST_ID);
    expect(W.GEN_CLEAR).toBe(~(0xff << GEN_SHIFT));
    expect(W.STR_KEYS).toBe(kinds.F_UNICODE_KEYS | kinds.F_SPLIT);
  });
});
