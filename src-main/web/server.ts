// The browser host: serves the built renderer and the LabApi over a WebSocket on 127.0.0.1.
// Every page, asset and socket needs this launch's token and our own origin; refusals are 403 and logged.
import { createServer, type IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorShape } from '../../shared/api';
import { parseRequest, type LabEventMessage, type LabResponse } from '../../shared/rpc';
import { startLabWorker } from '../worker/host';
import { RecoveryStore, hostSessions } from '../lab/host-sessions';
import { SettingsStore } from '../files';
import { createGuard } from './guard';
import { contentSecurityPolicy, serveStatic } from './static';

export interface WebHostOptions {
  port?: number;
  rendererDir: string;
  workerEntry: string;
  appVersion: string;
  log?: (line: string) => void;
  /** Where autosaves and crash markers live (src-main/web/data-dir.ts picks the default). */
  dataDir: string;
  /** Seconds between autosaves, 0 = off; given, it wins over the setting saved in dataDir (default 30). */
  autosaveSeconds?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const token = randomBytes(24).toString('base64url');
  // Looked for before this run writes its own marker: only crashed earlier runs are offered.
  const recovery = await RecoveryStore.find(options.dataDir);
  // One store for every connection: a change made in one page re-arms every page's autosave.
  const settings = await SettingsStore.load(options.dataDir, { autosaveSeconds: options.autosaveSeconds });
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createGuard(token, port);
  const csp = contentSecurityPolicy(guard.origin);

  const refuse = (req: IncomingMessage, kind: string, reason: string) => {
    const pathOnly = (req.url ?? '/').split('?')[0];
    log(`refused ${kind} ${req.method ?? 'GET'} ${pathOnly} from ${req.socket.remoteAddress ?? '?'}: ${reason}`);
  };

  server.on('request', (req, res) => {
    const reason = guard.check(req);
    if (reason) {
      refuse(req, 'http', reason);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.rendererDir, req, res, {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Lets the page's own assets carry the token without putting it in every URL.
      'set-cookie': `${guard.cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reason = guard.check(req);
    if (reason || new URL(req.url ?? '/', guard.origin).pathname !== '/lab') {
      refuse(req, 'websocket', reason ?? 'unknown path');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  // One lab session (one worker) per connection, like one per window in Electron.
  const connect = (ws: WebSocket) => {
    const lab = startLabWorker({ entry: options.workerEntry, host: 'web', appVersion: options.appVersion });
    const send = (message: LabResponse | LabEventMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const off = lab.on('changed', (payload) => send({ event: 'changed', payload }));
    const sessions = hostSessions(lab, { dataDir: options.dataDir, recovery, settings, log });
    sessions.catch((e: unknown) => log(`autosave unavailable: ${String(e)}`));
    ws.on('message', async (data) => {
      let id = -1;
      try {
        const raw: unknown = JSON.parse(String(data));
        if (typeof (raw as { id?: unknown })?.id === 'number') id = (raw as { id: number }).id;
        const request = parseRequest(raw);
        const target = await sessions.catch(() => lab);
        send({ id, ok: true, value: await target.call(request.method, request.args) });
      } catch (err) {
        send({ id, ok: false, error: toErrorShape(err) });
      }
    });
    ws.on('close', () => {
      off();
      void sessions
        .then((s) => s.close())
        .catch(() => undefined)
        .finally(() => void lab.terminate());
    });
  };

  return {
    url: `${guard.origin}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
