// Wires the lab service to the real engine: the Python session and the heap view builder.
import type { HostKind, LabEvents } from '../../shared/api';
import { createPythonSession } from '../engine/python/session';
import { LabService } from './service';

export interface CreateOptions {
  host: HostKind;
  appVersion: string;
  emit<E extends keyof LabEvents>(event: E, payload: LabEvents[E]): void;
}

export function createLabService(options: CreateOptions) {
  // The heap view (src-main/lab/snapshot.ts) is added here when it lands; until then snapshot() answers
  // NotAvailable and the status bar shows no gc counts.
  return new LabService({ ...options, createSession: (profile) => createPythonSession(profile) });
}
