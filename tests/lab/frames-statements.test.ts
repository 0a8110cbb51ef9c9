// The renderer's frame gestures as statements (src-renderer/components/ops.ts, expr.ts): what Call function,
// Return and a gesture inside a frame write, checked by running them through the real lab service.
import { describe, expect, it } from 'vitest';
import { createLabService } from '../../src-main/lab/engine';
import { callStatement, deleteGlobalStatement, inFrame, nextFunctionName, returnStatement } from '../../src-renderer/components/ops';
import { exprFor } from '../../src-renderer/components/expr';

function lab() {
  return createLabService({ host: 'web', appVersion: '0.0.0', emit: () => undefined });
}

async function innermost(service: ReturnType<typeof lab>) {
  return (await service.snapshot({})).frames.at(-1);
}

describe('frame gestures as statements', () => {
  it('indents a gesture as the body of the innermost open frame', async () => {
    const service = lab();
    await service.exec(callStatement('f1', undefined));
    await service.exec(callStatement('f2', await innermost(service)));
    expect(inFrame('x = []\ny = [x]', await innermost(service))).toBe('        x = []\n        y = [x]');
  });

  it('writes Return of an empty frame as pass then the call, which the lab runs', async () => {
    const service = lab();
    await service.exec(callStatement('f1', undefined));
    const ret = returnStatement((await innermost(service))!);
    expect(ret).toBe('    pass\nf1()');
    expect((await service.exec(ret)).ok).toBe(true);
    expect(await service.program()).toBe('def f1():\n    pass\nf1()');
  });

  it('names the next function after the names in use', () => {
    expect(nextFunctionName(['f1', 'x', 'f3'])).toBe('f2');
  });

  it('reaches a local of the innermost frame by its bare name and an object under it by accessors', async () => {
    const service = lab();
    for (const s of ['def f1():', '    x = [[]]']) await service.exec(s);
    const snap = await service.snapshot({});
    const x = snap.frames[0]!.locals[0]!.target;
    const inner = snap.refs.find((r) => r.from === x)!.to;
    expect(exprFor(snap, x, 'f1')).toBe('x');
    expect(exprFor(snap, inner, 'f1')).toBe('x[0]');
    expect(exprFor(snap, inner)).toBeNull();
  });
});

describe('deleting a global from inside a frame', () => {
  it('declares it global first, so the lab deletes the global as the real function would', async () => {
    const service = lab();
    for (const s of ['g = []', 'def f1():']) await service.exec(s);
    const r = await service.exec(inFrame(deleteGlobalStatement('g', true), await innermost(service)));
    expect(r.ok).toBe(true);
    expect((await service.snapshot({})).globals.map((x) => x.name)).not.toContain('g');
    expect(await service.program()).toBe('g = []\ndef f1():\n    global g\n    del g');
  });
});
