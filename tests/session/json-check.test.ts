import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkJsonText } from '../../shared/session/json-check';

const valid = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('the strict JSON check that runs before JSON.parse', () => {
  it('accepts exactly what JSON.parse accepts, on random near-JSON text', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '\n', '"a"', '"\\u00e9"', '"\\x"', '"\t"', '1', '-0', '1.5e3', '01', '1.', '.5', 'true', 'nul', 'null', '"', '\\');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }).map((t) => t.join('')), (text) => {
        expect(checkJsonText(text, 1000) === null).toBe(valid(text));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('accepts every JSON value JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(checkJsonText(JSON.stringify(v), 1000)).toBe(null);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('reports a trailing comma where it stands', () => {
    expect(checkJsonText('{"a": [1, 2,]}', 64)).toMatchObject({
      message: `unexpected "]" where a value was expected`,
      line: 1,
      column: 13,
      path: ['a', 2],
    });
  });

  it('reports a raw line break inside a string on the line where it occurs', () => {
    expect(checkJsonText('{\n "s": "one\ntwo"}', 64)).toMatchObject({
      message: 'control character U+000A inside a string (write it as an escape)',
      line: 2,
      column: 11,
      path: ['s'],
    });
  });

  it('stops at the depth limit on the bracket that crosses it', () => {
    expect(checkJsonText('[[[[1]]]]', 3)).toMatchObject({ message: 'nested deeper than 3 levels', column: 4 });
    expect(checkJsonText('[[[1]]]', 3)).toBe(null);
  });
});
