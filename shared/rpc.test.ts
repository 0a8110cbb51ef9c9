import { describe, expect, it } from 'vitest';
import { LabError, fromErrorShape, toErrorShape } from './api';
import { parseCall, parseRequest } from './rpc';

describe('the contract validates every call', () => {
  it('accepts a known method with fitting arguments', () => {
    expect(parseCall('exec', ['a = []'])).toEqual({ method: 'exec', args: ['a = []'] });
  });

  it('refuses an unknown method by name', () => {
    expect(() => parseCall('__proto__', [])).toThrow('unknown method "__proto__"');
  });

  it('refuses arguments of the wrong type and says which one', () => {
    expect(() => parseCall('exec', [42])).toThrow(/^invalid arguments for exec at argument 0: /);
  });

  it('refuses extra arguments', () => {
    expect(() => parseCall('undo', ['now'])).toThrow(/^invalid arguments for undo/);
  });

  it('refuses snapshot options it does not know', () => {
    expect(() => parseCall('snapshot', [{ maxObjects: 10, evil: true }])).toThrow(/^invalid arguments for snapshot/);
  });

  it('refuses a request envelope without a numeric id', () => {
    expect(() => parseRequest({ id: 'x', method: 'info', args: [] })).toThrow('malformed request');
  });

  it('names validation failures InvalidRequest', () => {
    const err = (() => {
      try {
        parseCall('setProfile', []);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LabError);
    expect((err as Error).name).toBe('InvalidRequest');
  });
});

describe('errors cross as {name, message}', () => {
  it('rebuilds an error with its name and message', () => {
    const back = fromErrorShape(toErrorShape(new RangeError('too far')));
    expect([back instanceof Error, back.name, back.message]).toEqual([true, 'RangeError', 'too far']);
  });

  it('turns a thrown non-error into a message', () => {
    expect(toErrorShape('boom')).toEqual({ name: 'Error', message: 'boom' });
  });
});
