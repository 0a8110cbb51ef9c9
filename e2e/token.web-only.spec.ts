// The browser host refuses anything without this launch's token (page, asset, socket) and logs the refusal.
import { WebSocket } from 'ws';
import { test, expect } from './fixtures/app';

function socketStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

test.describe('the browser host token', () => {
  test('a page request without the token is refused with 403 and logged', async ({ page, webHost }) => {
    const response = await page.goto(`${webHost.origin}/`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => webHost.log).toContain('refused http GET / from 127.0.0.1: no token');
  });

  test('a page request with a wrong token is refused with 403 and logged', async ({ page, webHost }) => {
    const response = await page.goto(`${webHost.origin}/?token=${'x'.repeat(webHost.token.length)}`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => webHost.log).toContain('refused http GET / from 127.0.0.1: wrong token');
  });

  test('a static asset without the token is refused; the page cookie lets it load', async ({ playwright, webHost }) => {
    const visitor = await playwright.request.newContext();
    const stranger = await playwright.request.newContext();
    const html = await (await visitor.get(webHost.url)).text();
    const asset = /src="\.(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset, `no script in the page:\n${html}`).toMatch(/^\/assets\/index-.*\.js$/);
    expect((await stranger.get(`${webHost.origin}${asset}`)).status()).toBe(403);
    expect((await stranger.get(`${webHost.origin}${asset}?token=wrong`)).status()).toBe(403);
    expect((await visitor.get(`${webHost.origin}${asset}`)).status()).toBe(200);
    await Promise.all([visitor.dispose(), stranger.dispose()]);
  });

  test('a WebSocket without the token or with a wrong one is refused with 403', async ({ webHost }) => {
    const ws = `ws://127.0.0.1:${webHost.port}/lab`;
    expect(await socketStatus(ws, webHost.origin)).toBe(403);
    expect(await socketStatus(`${ws}?token=wrong`, webHost.origin)).toBe(403);
    expect(await socketStatus(`${ws}?token=${webHost.token}`, webHost.origin)).toBe(101);
    expect(webHost.log.filter((l) => l.startsWith('refused websocket GET /lab')).slice(-2)).toEqual([
      'refused websocket GET /lab from 127.0.0.1: no token',
      'refused websocket GET /lab from 127.0.0.1: wrong token',
    ]);
  });
});
