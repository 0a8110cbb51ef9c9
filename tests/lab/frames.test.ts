// Open function frames through the lab service: the program records them as Python text, undo and profile
// changes rebuild them by replay, the snapshot shows them.
import { describe, expect, it } from 'vitest';
import { createLabService } from '../../src-main/lab/engine';

function lab() {
  return createLabService({ host: 'web', appVersion: '0.0.0', emit: () => undefined });
}

type Lab = ReturnType<typeof lab>;

async function frames(service: Lab) {
  return (await service.snapshot({})).frames;
}

async function run(service: Lab, entries: string[]) {
  for (const e of entries) {
    const r = await service.exec(e);
    expect(r.stderr, `entry ${JSON.stringify(e)}`).toBe('');
  }
}

describe('frames in the lab service', () => {
  it('records the entries as a real program: header, indented body, the call at the header indentation', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = []', '    y = [x]', 'f1()']);
    expect(await service.program()).toBe('def f1():\n    x = []\n    y = [x]\nf1()');
  });

  it('shows the open frame in the snapshot with its locals named f1:x on the objects', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = []']);
    const snap = await service.snapshot({});
    const [f] = snap.frames;
    expect(f).toMatchObject({ function: 'f1', qualname: 'f1', indent: '    ', headerIndent: '', frameObject: null });
    expect(f!.locals.map((l) => l.name)).toEqual(['x']);
    expect(snap.objects.find((o) => o.id === f!.locals[0]!.target)?.names).toEqual(['f1:x']);
  });

  it('undo of a header closes the frame and forgets the function', async () => {
    const service = lab();
    await run(service, ['def f1():']);
    await service.undo();
    expect(await frames(service)).toEqual([]);
    expect(await service.program()).toBe('');
    expect((await service.exec('print(f1)')).error?.name).toBe('NameError');
  });

  it('undo of a statement inside a frame keeps the frame open without that local', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = []', '    y = {}']);
    await service.undo();
    const [f] = await frames(service);
    expect(f!.locals.map((l) => l.name)).toEqual(['x']);
  });

  it('undo of a return opens the frame again with its locals', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = []', 'f1()']);
    expect(await frames(service)).toEqual([]);
    await service.undo();
    const [f] = await frames(service);
    expect(f!.function).toBe('f1');
    expect(f!.locals.map((l) => l.name)).toEqual(['x']);
  });

  it('replays open frames after a profile change, with a frame object on 3.10', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = [1]']);
    await service.setProfile('3.10');
    const [f] = await frames(service);
    expect(f!.locals.map((l) => l.name)).toEqual(['x']);
    expect(f!.frameObject).toEqual(expect.any(Number));
    expect((await service.exec('    print(x)')).stdout).toBe('[1]\n');
  });

  it('opens a saved session with its frame still open and its locals back', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = [1, 2]']);
    const file = await service.exportSession('gclab');
    const other = lab();
    await other.openSession(file.content);
    const [f] = await frames(other);
    expect(f!.locals.map((l) => l.name)).toEqual(['x']);
    expect((await other.exec('    print(len(x))')).stdout).toBe('2\n');
  });

  it('does not record a refused entry', async () => {
    const service = lab();
    await run(service, ['g = 1', 'def f1():', '    print(g)']);
    const r = await service.exec('    g = 2');
    expect(r.ok).toBe(false);
    expect((await service.status()).statements).toBe(3);
  });

  it('rebuilds the heap after a refused entry that had started running', async () => {
    const service = lab();
    await run(service, ['log = []', 'def f1():', '    x = 1']);
    const r = await service.exec('    log.append(1); f1()');
    expect(r.ok).toBe(false);
    expect((await service.exec('    print(log)')).stdout).toBe('[]\n');
  });

  it('records the returns an uncaught error forced, so the program calls what the lab ran', async () => {
    const service = lab();
    await run(service, ['def f1():', '    x = []']);
    await service.exec('    x[1]');
    expect(await service.program()).toBe('def f1():\n    x = []\n    x[1]\nf1()');
    expect(await frames(service)).toEqual([]);
  });

  it('indents a traced collection made while a frame is open', async () => {
    const service = lab();
    await run(service, ['import gc', 'def f1():', '    x = []']);
    await service.collectTraced(0);
    expect(await service.program()).toBe('import gc\ndef f1():\n    x = []\n    gc.collect(0)');
  });
});
