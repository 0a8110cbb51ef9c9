// Who may talk to the browser host: requests that carry this launch's token and come from our own origin.
// The token arrives in the query (?token=) or, for assets the page loads, in a cookie set with the page.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Guard {
  origin: string;
  cookieName: string;
  /** null when allowed, else why the request is refused. */
  check(req: IncomingMessage): string | null;
  tokenFrom(req: IncomingMessage): string | null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function createGuard(token: string, port: number): Guard {
  const origin = `http://127.0.0.1:${port}`;
  // Cookies are shared across ports of one host, so the name carries the port.
  const cookieName = `gclab_token_${port}`;
  const tokenFrom = (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', origin);
    return url.searchParams.get('token') ?? cookie(req, cookieName);
  };
  return {
    origin,
    cookieName,
    tokenFrom,
    check(req) {
      // A foreign Host header means DNS rebinding: some other name resolving to 127.0.0.1.
      if (req.headers.host !== `127.0.0.1:${port}`) return `wrong host ${JSON.stringify(req.headers.host ?? '')}`;
      const from = req.headers.origin;
      if (from !== undefined && from !== origin) return `foreign origin ${JSON.stringify(from)}`;
      const given = tokenFrom(req);
      if (given === null) return 'no token';
      if (!sameSecret(given, token)) return 'wrong token';
      return null;
    },
  };
}
