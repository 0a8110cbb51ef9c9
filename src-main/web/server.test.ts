// The browser host's guard and its socket, against a tiny renderer folder and the worker run from source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from './server';

let host: WebHost;
const log: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gclab-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>GC Lab</title>');
  writeFileSync(path.join(dir, 'assets/app.js'), 'console.log(1)');
  host = await startWebHost({
    rendererDir: dir,
    workerEntry: path.join(import.meta.dirname, '../worker/lab-worker.ts'),
    appVersion: '1.2.3',
    log: (line) => log.push(line),
    dataDir: path.join(dir, 'data'),
  });
});
afterAll(() => host.close());

function get(pathAndQuery: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    })
      .on('error', reject)
      .end();
  });
}

function socket(url: string, origin: string) {
  return new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
  });
}

describe('the browser host', () => {
  it('listens on the port it is given and makes a new random token per launch', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const other = await startWebHost({ port: free, rendererDir: os.tmpdir(), workerEntry: 'unused.cjs', appVersion: '0', dataDir: path.join(os.tmpdir(), 'gclab-unused') });
    await other.close();
    expect(other.url).toBe(`http://127.0.0.1:${free}/?token=${other.token}`);
    expect(other.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(other.token).not.toBe(host.token);
  });

  it('serves the page with its token, a CSP and a cookie for the assets', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['set-cookie'])).toContain(`gclab_token_${host.port}=${host.token}`);
  });

  it('serves an asset to a request carrying the token cookie', async () => {
    const res = await get('/assets/app.js', { cookie: `gclab_token_${host.port}=${host.token}` });
    expect(res.status).toBe(200);
  });

  it('refuses a request whose Origin is another site and logs why', async () => {
    const res = await get(`/?token=${host.token}`, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(log.at(-1)).toBe('refused http GET / from 127.0.0.1: foreign origin "http://evil.example"');
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const res = await get(`/?token=${host.token}`, { host: `rebind.example:${host.port}` });
    expect(res.status).toBe(403);
  });

  it('refuses a socket from another origin even with the token', async () => {
    const r = await socket(`ws://127.0.0.1:${host.port}/lab?token=${host.token}`, 'http://evil.example');
    expect(r.status).toBe(403);
  });

  it('answers the contract over the socket with the token', async () => {
    const { ws } = await socket(`ws://127.0.0.1:${host.port}/lab?token=${host.token}`, `http://127.0.0.1:${host.port}`);
    const reply = new Promise<unknown>((resolve) => ws!.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws!.send(JSON.stringify({ id: 7, method: 'info', args: [] }));
    expect(await reply).toMatchObject({ id: 7, ok: true, value: { host: 'web', appVersion: '1.2.3' } });
    ws!.close();
  });

  it('answers a malformed message with an error and keeps the socket open', async () => {
    const { ws } = await socket(`ws://127.0.0.1:${host.port}/lab?token=${host.token}`, `http://127.0.0.1:${host.port}`);
    const replies: unknown[] = [];
    const two = new Promise<void>((resolve) => ws!.on('message', (d) => replies.push(JSON.parse(String(d))) === 2 && resolve()));
    ws!.send('{not json');
    ws!.send(JSON.stringify({ id: 2, method: 'status', args: [] }));
    await two;
    expect(replies[0]).toMatchObject({ id: -1, ok: false, error: { name: 'SyntaxError' } });
    expect(replies[1]).toMatchObject({ id: 2, ok: true });
    ws!.close();
  });
});
