// Messages between a host (Electron main or the browser host) and its lab worker.
import type { HostKind } from '../../shared/api';
import type { LabEventMessage, LabRequest, LabResponse } from '../../shared/rpc';

export interface LabWorkerData {
  host: HostKind;
  appVersion: string;
}

export type ToWorker = LabRequest;
export type FromWorker = LabResponse | LabEventMessage;
