// IPC channel names and message shapes between main and preload (no electron import: preload and main share it).
import type { ErrorShape, LabEvents } from '../../shared/api';

export const CALL_CHANNEL = 'gclab:call';
export const EVENT_CHANNEL = 'gclab:event';

export type CallReply = { ok: true; value: unknown } | { ok: false; error: ErrorShape };
export type EventMessage = { [E in keyof LabEvents]: { event: E; payload: LabEvents[E] } }[keyof LabEvents];
