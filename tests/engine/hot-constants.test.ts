// The hot loops keep their own copies of the heap's flag bits, kinds and record offsets as enums (inlined by esbuild
// as literals: module-level consts cost a context load and a Smi check per use). These tests keep the copies equal
// to the definitions in kinds.ts and store.ts.
import { describe, expect, it } from 'vitest';
import * as kinds from '../../src-main/engine/heap/kinds';
import { REC, FIRST_ID, GEN_SHIFT, KIND_SHIFT, GEN_MASK, FLAGS_MASK, Lay } from '../../src-main/engine/heap/store';
import * as heap from '../../src-main/engine/heap/heap';
import { GEN0 } from '../../src-main/engine/gc/lists';
import * as fullScan from '../../src-main/engine/gc/full-scan';
import * as classic from '../../src-main/engine/gc/classic';
import * as lists from '../../src-main/engine/gc/lists';

type Mirror = Record<string, string | number>;

function members(mirror: object): [string, number][] {
  const m = Object.entries(mirror as Mirror).filter((e): e is [string, number] => typeof e[1] === 'number'); // not the reverse mappings
  expect(m.length).toBeGreaterThan(0);
  return m;
}

/** Each numeric member of a mirror enum against its definition. */
function expectFlagsMatch(mirror: object): void {
  for (const [name, v] of members(mirror)) {
    expect(v, `flag ${name}`).toBe((kinds as unknown as Record<string, number>)[`F_${name}`]);
  }
}

function expectKindsMatch(mirror: object): void {
  for (const [name, v] of members(mirror)) {
    const key = Object.keys(kinds.Kind).find((k) => k.toUpperCase() === name);
    expect(key, `kind ${name}`).toBeDefined();
    expect(v, `kind ${name}`).toBe((kinds.Kind as Record<string, number>)[key!]);
  }
}

function expectRecordMatch(mirror: object): void {
  for (const [name, v] of members(mirror)) {
    expect(v, `record offset ${name}`).toBe((REC as Record<string, number>)[name]);
  }
}

describe('hot-loop constant copies', () => {
  it('the full scan uses the flag bits, kinds and record offsets the heap defines', () => {
    expectFlagsMatch(fullScan.Fl);
    expectKindsMatch(fullScan.Kd);
    expectRecordMatch(fullScan.Rec);
  });

  it('the collection steps use the flag bits, kinds and record offsets the heap defines', () => {
    expectFlagsMatch(classic.Fl);
    expectKindsMatch(classic.Kd);
    expectRecordMatch(classic.Rec);
    expect(classic.Word.GEN_CLEAR).toBe(~GEN_MASK);
  });

  it('the generation lists use the record offsets the heap defines', () => {
    expectRecordMatch(lists.Rec);
    expect(lists.Word.GEN_CLEAR).toBe(~GEN_MASK);
  });

  it("the full scan's word fields match the store's layout", () => {
    const W = fullScan.W;
    expect(W.GEN_SHIFT).toBe(GEN_SHIFT);
    expect(W.KIND_SHIFT).toBe(KIND_SHIFT);
    expect(W.FIRST_ID).toBe(FIRST_ID);
    expect(W.GEN_CLEAR).toBe(~(0xff << GEN_SHIFT));
    expect(W.STR_KEYS).toBe(kinds.F_UNICODE_KEYS | kinds.F_SPLIT);
  });

  it('the heap uses the flag bits, kinds and record offsets it defines', () => {
    expectFlagsMatch(heap.Fl);
    expectKindsMatch(heap.Kd);
    expectRecordMatch(heap.Rec);
    expect(heap.Lim.GEN0_HEAD).toBe(GEN0);
  });

  it("the store's methods use its own layout", () => {
    expect([Lay.REF_OFF, Lay.REF_LEN, Lay.AUX]).toEqual([REC.REF_OFF, REC.REF_LEN, REC.AUX]);
    expect([Lay.GEN_SHIFT, Lay.KIND_SHIFT, Lay.GEN_MASK]).toEqual([GEN_SHIFT, KIND_SHIFT, GEN_MASK]);
    expect(Lay.FLAGS_GEN).toBe(FLAGS_MASK | GEN_MASK);
  });
});
