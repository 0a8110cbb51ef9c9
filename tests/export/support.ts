// Sessions for the export tests: the shipped fixtures, and sessions built the way the lab builds them
// (each gesture one statement run by the lab's interpreter, kept only when it ran).
import { createSession, parseSession, serializeSession, type Session, type SessionView, type SessionSettings } from '../../shared/session';
import { decodeSession } from '../../src-main/files/codec';
import { createPythonSession } from '../../src-main/engine/python/session';
import type { ProfileId } from '../../src-main/engine/profiles/types';
import { fixtureFiles } from '../session/support/fixtures';

export function fixtureSessions(): [string, Session][] {
  return [...fixtureFiles()].map(([name, bytes]) => {
    const r = decodeSession(bytes);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return [name, r.session];
  });
}

/** Runs each statement in a lab interpreter (throwing on the first that fails), then saves and reloads the session. */
export function buildSession(
  profile: ProfileId,
  statements: string[],
  extra: { view?: SessionView; settings?: SessionSettings } = {},
): Session {
  const py = createPythonSession(profile);
  const gc = extra.settings?.gc;
  if (gc?.thresholds) py.heap.setThreshold(...gc.thresholds);
  if (gc?.enabled === false) py.heap.disable();
  for (const s of statements) {
    const r = py.exec(s);
    if (!r.ok) throw new Error(`the lab cannot run ${JSON.stringify(s)}: ${r.stderr}`);
  }
  const text = serializeSession(
    createSession({ app: '0.1.0', profile, program: statements.map((source) => ({ source, gesture: 'console' })), ...extra }),
  );
  const parsed = parseSession(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.session;
}

/** A program with cycles, __del__, a weak reference and a self-referencing dict that prints what it observes. */
export const OBSERVING_PROGRAM = [
  // On 3.13 `import weakref` leaves 7 cyclic objects of the import machinery that the lab does not model
  // (real: gc.collect() after it returns 7; lab: 0): import first, collect once, then observe.
  'import gc, sys, weakref',
  'gc.collect()',
  'class Node:\n    def __init__(self, name):\n        self.name = name\n        self.other = None\n    def __del__(self):\n        print("del", self.name)',
  'a = Node("a")',
  'b = Node("b")',
  'a.other = b',
  'b.other = a',
  'print(sys.getrefcount(a), sys.getrefcount(b), sys.getsizeof([]))',
  'del a, b',
  'print("collected", gc.collect())',
  'class Box:\n    pass',
  'box = Box()',
  'w = weakref.ref(box)',
  'print(w() is box, sys.getrefcount(box))',
  'del box',
  'print(w())',
  "d = {'k': [1, 2, 3]}",
  "d['self'] = d",
  'print(len(d), sys.getrefcount(d))',
  'del d',
  'print("collected", gc.collect(), len(gc.garbage))',
  'print(gc.get_threshold(), gc.isenabled())',
  'keep = Node("kept")',
];
