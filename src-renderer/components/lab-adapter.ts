// The frame's LabClient seen as the narrow WorkbenchApi the components use.
import type { LabClient } from '../../shared/api';
import type { WorkbenchApi } from './workbench-api';

interface ExecLike {
  stdout: string;
  stderr: string;
  ok: boolean;
}

function outcome(r: ExecLike) {
  // CPython writes tracebacks to stderr; a statement that succeeded may still have written there (warnings).
  return r.ok ? { output: r.stdout + r.stderr, error: null } : { output: r.stdout, error: r.stderr || 'Error\n' };
}

/** undo/redo answer either a status or { done, status }: both mean "something changed" unless done is false. */
function done(r: unknown): boolean {
  return !(r && typeof r === 'object' && 'done' in r && (r as { done: unknown }).done === false);
}

export async function workbenchApi(client: LabClient): Promise<WorkbenchApi> {
  const info = await client.info();
  return {
    profiles: info.profiles,
    profile: async () => (await client.status()).profile,
    setProfile: async (id) => {
      await client.setProfile(id);
    },
    exec: async (source) => outcome(await client.exec(source)),
    collectTraced: async (g) => {
      const r = await client.collectTraced(g);
      return { outcome: outcome(r.result), events: r.events };
    },
    snapshot: (req) => client.snapshot(req),
    program: () => client.program(),
    undo: async () => done(await client.undo()),
    redo: async () => done(await client.redo()),
    table: (q) => client.table(q),
    memoryMap: () => client.memoryMap(),
    samples: () => client.samples(),
    collections: () => client.collections(),
    subscribe: (fn) => client.on('changed', (e) => fn(e.reason)),
  };
}
