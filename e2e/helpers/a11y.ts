// Accessibility probes run in the page through Chromium's own accessibility tree (the names a screen reader
// announces): which controls have no accessible name, and which tooltips (title attributes) the page offers.
import type { Page } from '@playwright/test';

/** Roles whose name is their content or their column, not something a control must be given. */
const NAME_NOT_REQUIRED = new Set(['row', 'rowgroup', 'cell', 'gridcell', 'columnheader', 'rowheader', 'presentation', 'none', 'generic', 'status', 'alert']);

interface DomNode {
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  contentDocument?: DomNode;
  shadowRoots?: DomNode[];
}
interface AxNode {
  ignored: boolean;
  backendDOMNodeId?: number;
  role?: { value?: string };
  name?: { value?: string };
}

/**
 * Every button, input, select, textarea and element with a role in the page that is exposed to assistive
 * technology without an accessible name, each described (tag, role, id/class, text) so the failure says which.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const described = await page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('[data-a11y-probe]').forEach((el) => el.removeAttribute('data-a11y-probe'));
    document.querySelectorAll('button, input, select, textarea, [role]').forEach((el, i) => {
      el.setAttribute('data-a11y-probe', String(i));
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const type = el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : '';
      out.push(`<${el.tagName.toLowerCase()}${type}${el.id ? `#${el.id}` : ''}${cls}>${text ? ` "${text}"` : ''}`);
    });
    return out;
  });
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const probeOf = new Map<number, number>();
    const walk = (n: DomNode) => {
      const a = n.attributes ?? [];
      for (let i = 0; i < a.length; i += 2) if (a[i] === 'data-a11y-probe') probeOf.set(n.backendNodeId, Number(a[i + 1]));
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? []), ...(n.contentDocument ? [n.contentDocument] : [])]) walk(c);
    };
    walk(root);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const missing: string[] = [];
    for (const n of nodes) {
      if (n.ignored || n.backendDOMNodeId === undefined) continue;
      const probe = probeOf.get(n.backendDOMNodeId);
      if (probe === undefined) continue;
      const role = n.role?.value ?? '';
      if (NAME_NOT_REQUIRED.has(role)) continue;
      if (!(n.name?.value ?? '').trim()) missing.push(`${role}: ${described[probe]}`);
    }
    return missing;
  } finally {
    await cdp.detach();
  }
}

/** The tooltips (title attributes) of the elements on screen now. */
export function tooltips(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[title]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.title),
  );
}
