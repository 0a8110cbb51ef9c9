import { describe, expect, it } from 'vitest';
import { handleRoot, scanBoundNames } from '../../shared/session';

const bound = (...statements: string[]) => scanBoundNames(statements).names;

describe('the conservative scan of names a program binds', () => {
  it('finds plain, chained, tuple and starred assignment targets', () => {
    const names = bound('a = []', 'b = c = {}', 'd, (e, *f) = 1, (2, 3)', '[g, h] = [0, 0]');
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) expect(names.has(n), n).toBe(true);
  });

  it('finds augmented, annotated and walrus targets', () => {
    const names = bound('x += 1', 'y: list = []', 'print(z := [1])', 'w <<= 2');
    for (const n of ['x', 'y', 'z', 'w']) expect(names.has(n), n).toBe(true);
  });

  it('finds targets of assignments continued over several lines', () => {
    const names = bound('(first,\n second) = (\n  [], [])', 'third = \\\n  []');
    for (const n of ['first', 'second', 'third']) expect(names.has(n), n).toBe(true);
  });

  it('finds for targets, with/except names, imports, defs and classes', () => {
    const names = bound(
      'for i, item in enumerate([1]):\n    pass',
      "with open('f') as fh:\n    pass",
      'import gc, os.path',
      'import collections as co',
      'from weakref import ref, WeakValueDictionary as WVD',
      'def make_node(v):\n    return v',
      'class Node:\n    pass',
    );
    for (const n of ['i', 'item', 'fh', 'gc', 'os', 'co', 'ref', 'WVD', 'make_node', 'Node']) expect(names.has(n), n).toBe(true);
  });

  it('does not count names that are only read or compared', () => {
    const names = bound('a = []', 'print(b)', 'c == a', 'a.d = 1', 'a != e');
    expect(names.has('b')).toBe(false);
    expect(names.has('c')).toBe(false);
    expect(names.has('d')).toBe(false);
    expect(names.has('e')).toBe(false);
  });

  it('ignores assignments inside strings and comments', () => {
    const names = bound('s = "ghost = 1"  # phantom = 2', "t = '''\nspecter = 3\n'''");
    expect([...names].sort()).toEqual(['s', 't']);
  });

  it('reads non-ASCII names as Python does', () => {
    expect(bound('größe = []').has('größe')).toBe(true);
  });

  it('turns the check off for programs that bind names dynamically', () => {
    expect(scanBoundNames(['from os import *']).dynamic).toBe(true);
    expect(scanBoundNames(["exec('a = 1')"]).dynamic).toBe(true);
    expect(scanBoundNames(["globals()['a'] = []"]).dynamic).toBe(true);
    expect(scanBoundNames(['a = []', 'a.append(a)']).dynamic).toBe(false);
  });

  it('takes the leading Python name of a handle path', () => {
    expect(handleRoot('a')).toBe('a');
    expect(handleRoot("node.children[0]['k']")).toBe('node');
    expect(handleRoot('[0]')).toBe(null);
  });

  it('scans a hostile million-character statement in linear time', () => {
    const hostile = 'for as x '.repeat(111_000);
    const t0 = performance.now();
    scanBoundNames([hostile, `${'a, '.repeat(300_000)}b = 1`]);
    expect(performance.now() - t0).toBeLessThan(2_000); // quadratic would take minutes
  });
});
