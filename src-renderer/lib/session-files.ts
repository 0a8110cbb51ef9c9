// Browser side of session files: reading a picked or dropped file, writing a save (file picker or download),
// downloading an export, and the view saved with a session: positions keyed by the object's name, or by its
// object number (`#812`) when it has none (docs/session-format.md), zoom, pan and the open panel.
import type { ExportedFile, FileContent, SessionViewState } from '../../shared/api';
import type { SnapObject } from '../../shared/snapshot';
import { objectHandle, objectNumber } from '../../shared/session/schema-v2';

/** gzip files travel as base64, everything else as text (the service detects gzip by its magic bytes). */
export async function fileContent(file: Blob): Promise<FileContent> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary) };
  }
  return { text: new TextDecoder().decode(bytes) };
}

export function download(name: string, content: FileContent, mime: string): void {
  const data = 'text' in content ? content.text : Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([data], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportName(base: string, file: ExportedFile): string {
  return `${base}.${file.extension}`;
}

/** "lab.gclab" -> "lab"; anything else keeps its name. */
export function baseName(fileName: string): string {
  return fileName.replace(/\.gclab$/i, '');
}

/** What the canvas reports (Workbench.viewState) and takes back (Workbench.restoreView). */
export interface CanvasView {
  positions: Map<number, { x: number; y: number }>;
  zoom?: number;
  pan?: { x: number; y: number };
  panels?: string[];
}

const tenth = (v: number) => Math.round(v * 10) / 10;

/** The canvas as the session's view: a named object under its (global) name, any other under `#id`. */
export function viewToSave(objects: readonly Pick<SnapObject, 'id' | 'names'>[], canvas: CanvasView): SessionViewState {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const positions: Record<string, [number, number]> = {};
  for (const [id, p] of canvas.positions) {
    const o = byId.get(id);
    if (!o) continue;
    // 'f:x' is a local of a running frame: gone when the frame returns, so not a handle.
    const name = o.names.find((n) => !n.includes(':'));
    positions[name ?? objectHandle(id)] = [tenth(p.x), tenth(p.y)];
  }
  const view: SessionViewState = { positions };
  if (canvas.zoom !== undefined) view.zoom = canvas.zoom;
  if (canvas.pan) view.pan = [canvas.pan.x, canvas.pan.y];
  if (canvas.panels) view.panels = canvas.panels;
  return view;
}

/** The file's positions as object ids of the opened heap: names (format 1 and 2) and object numbers. */
export function viewToRestore(objects: readonly Pick<SnapObject, 'id' | 'names'>[], view: SessionViewState): CanvasView {
  const byName = new Map<string, number>();
  for (const o of objects) for (const n of o.names) byName.set(n, o.id);
  const positions = new Map<number, { x: number; y: number }>();
  for (const [handle, [x, y]] of Object.entries(view.positions ?? {})) {
    const id = objectNumber(handle) ?? byName.get(handle);
    if (id !== undefined) positions.set(id, { x, y });
  }
  return { positions, zoom: view.zoom, pan: view.pan && { x: view.pan[0], y: view.pan[1] }, panels: view.panels };
}

/** The parts of the File System Access API a save uses (Chromium; absent in Firefox and Safari). */
export interface WritableFileHandle {
  name: string;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
type SavePicker = (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<WritableFileHandle>;

export interface WrittenFile {
  name: string;
  /** Where a later Save writes without asking again (file picker only). */
  handle: WritableFileHandle | null;
}

/**
 * Writes the session where the user says. With a file picker: into the chosen file (or the one chosen
 * before, for Save), null when the picker is cancelled. Without one: a download, after asking for a name
 * on Save As (null when that is cancelled); a download cannot report a cancel, so it counts as written.
 */
export async function writeSessionFile(
  text: string,
  o: { suggestedName: string; handle: WritableFileHandle | null; saveAs: boolean },
): Promise<WrittenFile | null> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (picker) {
    let handle = o.saveAs ? null : o.handle;
    if (!handle) {
      try {
        handle = await picker({ suggestedName: o.suggestedName, types: [{ description: 'GC Lab session', accept: { 'application/x-gclab': ['.gclab'] } }] });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return null;
        throw err;
      }
    }
    const out = await handle.createWritable();
    await out.write(text);
    await out.close();
    return { name: handle.name, handle };
  }
  let name = o.suggestedName;
  if (o.saveAs) {
    const answer = window.prompt('Save the session as', name);
    if (!answer) return null;
    name = answer.toLowerCase().endsWith('.gclab') ? answer : `${answer}.gclab`;
  }
  download(name, { text }, 'application/x-gclab');
  return { name, handle: null };
}
