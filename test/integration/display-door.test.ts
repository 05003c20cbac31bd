// The customer display's door on a real terminal (demo store in a real SQLite file) behind the real web
// host: /display is the renderer's page, /display/api answers reads and refuses every handler that acts
// (before it runs: the sale is unchanged), its event stream carries the sale as the till changes it, and
// it keeps the host's doors — own Host and Origin only, and off loopback only a paired browser.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { demoProducts } from '../../core/catalog/demo-store';
import type { ApiResult, PublicSettings, SessionView, TerminalEvent } from '../../services/api/contract';
import { startTerminal, type Terminal } from '../../services/terminal';
import { machineAddresses } from '../../services/web/addresses';
import { startWebHost, type WebHost } from '../../services/web/host';
import { rawRequest, type RawReply } from '../helpers/http-request';

const TOKEN = 'dQ4w9WgXcQ_display_test_token_0123456789';
const DISPLAY_TOKEN = 'Zk8pR2vLmN4tY7wQ1sX0_customer_display_only';
const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

let dir: string;
let terminal: Terminal;
const hosts: WebHost[] = [];

async function host(address: string, accessToken?: string, displayToken?: string): Promise<WebHost> {
  const web = await startWebHost({
    api: terminal.api,
    subscribe: terminal.subscribe,
    rendererDir: join(dir, 'renderer'),
    port: 0,
    host: address,
    accessToken,
    displayToken,
  });
  hosts.push(web);
  return web;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-display-door-'));
  mkdirSync(join(dir, 'renderer'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>OpenLane</title>');
  terminal = await startTerminal({ dataDir: join(dir, 'data') });
});

afterAll(async () => {
  for (const web of hosts) await web.close();
  await terminal?.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (reply: RawReply) => JSON.parse(reply.body) as ApiResult<unknown>;
/** The value of a reply that must have succeeded. */
function value<T>(reply: RawReply): T {
  const result = json(reply);
  if (!result.ok) throw new Error(`expected a success, got ${reply.status} ${reply.body}`);
  return result.value as T;
}
const error = (reply: RawReply) => {
  const result = json(reply);
  return result.ok ? null : result.error;
};

describe('the customer display on the till’s own machine', () => {
  let port: number;
  let origin: string;
  beforeAll(async () => {
    ({ port } = await host('127.0.0.1'));
    origin = `http://127.0.0.1:${port}`;
  });
  const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest('127.0.0.1', port, {
      path,
      headers: { Host: `127.0.0.1:${port}`, Origin: origin, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const session = async () => value<SessionView>(await call('/display/api/session.get', {}));
  const lines = async () => (await session()).basket?.lines.length ?? 0;

  it('serves the renderer’s page at /display', async () => {
    const page = await rawRequest('127.0.0.1', port, {
      path: '/display',
      method: 'GET',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>OpenLane');
  });

  it('reads the session and the settings', async () => {
    expect((await session()).settings.storeName).toBeTruthy();
    expect(value<PublicSettings>(await call('/display/api/settings.get', {})).currency).toBe('CNY');
  });

  it('cannot act on the sale: a scan, a cancel, a payment are refused before they run', async () => {
    const scan = await call('/display/api/basket.addScan', { code: item.barcode, source: 'keypad' });
    expect(scan.status).toBe(403);
    expect(error(scan)).toMatchObject({
      code: 'display_read_only',
      message: 'The customer display only reads the sale; it may not call "basket.addScan"',
    });
    expect(await lines()).toBe(0);
    // The same scan through the till's door goes through: it is the door that refused, not the item.
    expect(json(await call('/api/basket.addScan', { code: item.barcode, source: 'keypad' })).ok).toBe(true);
    expect(await lines()).toBe(1);
    for (const name of ['basket.cancel', 'payment.start', 'session.setLanguage', 'basket.addScan%00']) {
      const reply = await call(
        `/display/api/${name}`,
        name === 'session.setLanguage' ? { language: 'zh-CN' } : {},
      );
      expect(reply.status, name).toBe(403);
      expect(error(reply)?.code, name).toBe('display_read_only');
    }
    const after = await session();
    expect(after.basket?.status).toBe('open');
    expect(after.basket?.lines).toHaveLength(1);
    expect(after.payment).toBeNull();
    expect(after.language ?? 'en').toBe('en');
    expect(json(await call('/api/basket.cancel', {})).ok).toBe(true);
  });

  it('keeps the host’s doors: a foreign Origin, no Origin from a rebound name, a rebound Host', async () => {
    const foreign = await call('/display/api/session.get', {}, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(error(foreign)?.code).toBe('forbidden_origin');
    const rebound = await call('/display/api/session.get', {}, { Host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    const get = await rawRequest('127.0.0.1', port, {
      path: '/display/api/session.get',
      method: 'GET',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(get.status).toBe(405);
  });

  it('streams the sale’s events as the till changes it, and opens only to its own origin', async () => {
    const heard: TerminalEvent[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/display/api/events`, { headers: { Origin: origin } });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    ws.on('message', (data) => heard.push(JSON.parse(String(data)) as TerminalEvent));
    expect(json(await call('/api/basket.addScan', { code: item.barcode, source: 'keypad' })).ok).toBe(true);
    // A code the catalog does not know: the till hears the refusal, the shopper's screen does not.
    await call('/api/basket.addScan', { code: '2999999999999', source: 'keypad' });
    expect(json(await call('/api/basket.cancel', {})).ok).toBe(true);
    // The scan's basket with its line, then the emptied session.
    await expect.poll(() => heard.map((e) => e.type)).toEqual(['basket.changed', 'session.reset']);
    const changed = heard[0] as Extract<TerminalEvent, { type: 'basket.changed' }>;
    expect(changed.basket.lines.map((l) => l.gtin)).toEqual([item.gtin]);
    expect(heard.map((e) => e.type)).not.toContain('scan.rejected');
    ws.close();

    const refused = await new Promise<number>((resolve) => {
      const bad = new WebSocket(`ws://127.0.0.1:${port}/display/api/events`, {
        headers: { Origin: 'http://evil.example' },
      });
      bad.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      bad.on('open', () => (bad.close(), resolve(101)));
    });
    expect(refused).toBe(403);
  });
});

describe('the customer display from another machine', () => {
  const lan = machineAddresses().find((a) => !a.startsWith('127.'));
  let port: number;
  beforeAll(async () => {
    if (!lan) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    ({ port } = await host('0.0.0.0', TOKEN, DISPLAY_TOKEN));
  });
  const fromLan = (options: Parameters<typeof rawRequest>[2]) =>
    rawRequest(lan!, port, {
      from: lan,
      ...options,
      headers: { Host: `${lan}:${port}`, ...options.headers },
    });

  it('needs the browser paired like the till itself: the page goes to /pair, the API answers 401', async () => {
    const page = await fromLan({ path: '/display', method: 'GET', headers: { Accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/pair');
    const unpaired = await fromLan({
      path: '/display/api/session.get',
      headers: { Origin: `http://${lan}:${port}` },
    });
    expect(unpaired.status).toBe(401);
    const paired = { Origin: `http://${lan}:${port}`, Cookie: `openlane_access=${TOKEN}` };
    expect(json(await fromLan({ path: '/display/api/session.get', headers: paired, body: '{}' })).ok).toBe(
      true,
    );
    const write = await fromLan({ path: '/display/api/basket.cancel', headers: paired, body: '{}' });
    expect(write.status).toBe(403);
  });

  it('pairs a customer display with its own token: /display and its reads only, never the till', async () => {
    const origin = `http://${lan}:${port}`;
    const pair = await fromLan({ path: `/pair?token=${DISPLAY_TOKEN}`, method: 'GET' });
    expect(pair.status).toBe(303);
    expect(pair.headers.location).toBe('/display');
    const cookie = (pair.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(new RegExp(`^openlane_display=${DISPLAY_TOKEN};.*HttpOnly.*SameSite=Strict`));
    const asDisplay = { Origin: origin, Cookie: `openlane_display=${DISPLAY_TOKEN}` };

    const page = await fromLan({ path: '/display', method: 'GET', headers: { Cookie: asDisplay.Cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>OpenLane');
    const start = await fromLan({ path: '/', method: 'GET', headers: { Cookie: asDisplay.Cookie } });
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe('/display');
    expect(
      value<SessionView>(await fromLan({ path: '/display/api/session.get', headers: asDisplay, body: '{}' }))
        .settings.storeName,
    ).toBeTruthy();

    // The till's own API is shut to it, the scan included, and so is the display door's write.
    const scan = JSON.stringify({ code: item.barcode, source: 'keypad' });
    const tillScan = await fromLan({ path: '/api/basket.addScan', headers: asDisplay, body: scan });
    expect(tillScan.status).toBe(403);
    expect(error(tillScan)).toMatchObject({
      code: 'display_only',
      message: 'This browser is paired as a customer display: it may open /display only, not the till.',
    });
    expect(
      (await fromLan({ path: '/display/api/basket.addScan', headers: asDisplay, body: scan })).status,
    ).toBe(403);
    const paired = { Origin: origin, Cookie: `openlane_access=${TOKEN}` };
    const session = value<SessionView>(
      await fromLan({ path: '/api/session.get', headers: paired, body: '{}' }),
    );
    expect(session.basket?.lines.length ?? 0).toBe(0);

    const socket = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${lan}:${port}${path}`, { headers: asDisplay, localAddress: lan });
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
        ws.on('error', () => resolve(0));
      });
    expect(await socket('/display/api/events')).toBe(101);
    expect(await socket('/api/events')).toBe(401);
  });
});
