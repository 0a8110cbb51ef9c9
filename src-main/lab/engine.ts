// Wires the lab service to the real engine: the Python session and the heap views.
import type { HostKind, LabEvents } from '../../shared/api';
import { createPythonSession, type PythonSession } from '../engine/python/session';
import { LabService } from './service';
import { nodeSessionIo } from './session-files';
import { buildSnapshot, createHeapViews, gcView, sessionFrameNames } from './snapshot';

export interface CreateOptions {
  host: HostKind;
  appVersion: string;
  emit<E extends keyof LabEvents>(event: E, payload: LabEvents[E]): void;
}

export function createLabService(options: CreateOptions): LabService<PythonSession> {
  return new LabService<PythonSession>({
    ...options,
    createSession: (profile) => createPythonSession(profile),
    snapshot: (session, request) => buildSnapshot(session.heap, request, sessionFrameNames(session)),
    gc: (session) => gcView(session.heap),
    views: createHeapViews<PythonSession>(),
    io: nodeSessionIo(options.appVersion),
  });
}
