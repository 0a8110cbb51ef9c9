// Browser side of session files: reading a picked or dropped file, downloading a save or an export, and
// the canvas positions saved with a session (keyed by the object's first name, docs/session-format.md).
import type { ExportedFile, FileContent, LabClient, SessionViewState } from '../../shared/api';

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

interface CyLike {
  nodes(): { forEach(fn: (n: { id(): string; position(): { x: number; y: number } }) => void): void };
  getElementById(id: string): { nonempty(): boolean; position(p: { x: number; y: number }): void };
  zoom(): number;
  pan(): { x: number; y: number };
}

function graph(): CyLike | null {
  return (window as unknown as { __gclabCy?: CyLike }).__gclabCy ?? null;
}

/** Objects by their first name: the handle positions are saved under. */
async function handles(client: LabClient): Promise<Map<number, string>> {
  const snap = await client.snapshot({ maxObjects: 20_000 });
  return new Map(snap.objects.filter((o) => o.names.length > 0).map((o) => [o.id, o.names[0]!]));
}

export async function currentView(client: LabClient): Promise<SessionViewState> {
  const cy = graph();
  if (!cy) return {};
  const names = await handles(client);
  const positions: Record<string, [number, number]> = {};
  cy.nodes().forEach((n) => {
    const name = names.get(Number(n.id()));
    if (name !== undefined) positions[name] = [Math.round(n.position().x * 10) / 10, Math.round(n.position().y * 10) / 10];
  });
  const pan = cy.pan();
  return { positions, zoom: cy.zoom(), pan: [pan.x, pan.y] };
}

/** Puts named objects where the file had them, once the canvas shows them (it redraws after the open). */
export async function applyView(client: LabClient, view: SessionViewState, timeoutMs = 3000): Promise<void> {
  const wanted = Object.entries(view.positions ?? {});
  if (wanted.length === 0) return;
  const byName = new Map([...(await handles(client))].map(([id, name]) => [name, id]));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cy = graph();
    const present = cy ? wanted.filter(([name]) => byName.has(name) && cy.getElementById(String(byName.get(name))).nonempty()) : [];
    if (cy && (present.length === wanted.filter(([n]) => byName.has(n)).length || Date.now() > deadline)) {
      // Let the canvas finish its own placement of the new nodes first, then move them.
      await new Promise((r) => setTimeout(r, 150));
      for (const [name, [x, y]] of present) cy.getElementById(String(byName.get(name))).position({ x, y });
      return;
    }
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
