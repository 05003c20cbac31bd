// Who the till's web host lets in, over real HTTP: its own Host and Origin only (DNS rebinding, other
// sites), no Origin only from this machine, and off loopback only browsers paired with its access token.
// The network side is real: the host listens on every interface and the "other machine" connects from
// this machine's own LAN address, so the host sees a remote address that is not loopback.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TerminalApi } from '../api/contract';
import { rawRequest as send, type RawReply as Reply } from '../../test/helpers/http-request';
import { stubApi } from '../../test/helpers/stub-api';
import { createEventHub } from '../events';
import { machineAddresses } from './addresses';
import { startWebHost, type WebHost } from './host';

const TOKEN = 'k5J3vQx0pL8mN2rT6wY9zA1bC4dE7fG0hI3jK';

/** Only sync.status answers, so a test sees whether a request reached the handlers at all. */
function testApi(): TerminalApi {
  return stubApi({
    'sync.status': async () => ({ ok: false, error: { code: 'reached', message: 'the handler ran' } }),
  });
}

let dir: string;
const hub = createEventHub();
const hosts: WebHost[] = [];

async function start(host: string, accessToken?: string): Promise<WebHost> {
  const web = await startWebHost({
    api: testApi(),
    subscribe: hub.subscribe,
    rendererDir: join(dir, 'renderer'),
    port: 0,
    host,
    accessToken,
  });
  hosts.push(web);
  return web;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-doors-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>OpenLane</title>');
});

afterAll(async () => {
  for (const web of hosts) await web.close();
  rmSync(dir, { recursive: true, force: true });
});

const reached = (reply: Reply) => JSON.parse(reply.body).error?.code === 'reached';

describe('the till on loopback', () => {
  let port: number;
  beforeAll(async () => ({ port } = await start('127.0.0.1')));
  const api = (headers: Record<string, string>) =>
    send('127.0.0.1', port, { path: '/api/sync.status', headers });

  it('answers its own names, with or without an Origin of its own', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      expect(reached(await api({ Host: `${name}:${port}` }))).toBe(true);
      expect(reached(await api({ Host: `${name}:${port}`, Origin: `http://${name}:${port}` }))).toBe(true);
    }
  });

  it('refuses a Host that is not its own (a rebound name) with 421, the API and the pages alike', async () => {
    const rebound = await api({
      Host: `attacker.example:${port}`,
      Origin: `http://attacker.example:${port}`,
    });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body).error).toMatchObject({ code: 'wrong_host' });
    const page = await send('127.0.0.1', port, {
      path: '/',
      method: 'GET',
      headers: { Host: `attacker.example:${port}` },
    });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('<title>OpenLane');
    // The right name on another port is another server.
    expect((await api({ Host: `127.0.0.1:${port + 1}` })).status).toBe(421);
  });

  it('refuses a page of another origin', async () => {
    const reply = await api({ Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error).toMatchObject({
      code: 'forbidden_origin',
      message: 'Origin http://evil.example may not call this terminal',
    });
  });
});

describe('the till on the network', () => {
  // This machine's own LAN address: a connection from it reaches the host as from another machine.
  const lan = machineAddresses().find((a) => !a.startsWith('127.'));
  let port: number;

  beforeAll(async () => {
    if (!lan) throw new Error('these tests need a network interface with an IPv4 address besides loopback');
    ({ port } = await start('0.0.0.0', TOKEN));
  });

  const fromLan = (options: Parameters<typeof send>[2] = {}) =>
    send(lan!, port, { from: lan, ...options, headers: { Host: `${lan}:${port}`, ...options.headers } });
  const origin = () => `http://${lan}:${port}`;

  it('will not start off loopback without an access token', async () => {
    await expect(start('0.0.0.0')).rejects.toThrow(/needs an access token/);
  });

  it('answers an unpaired browser 401 saying how to pair, and sends its pages to /pair', async () => {
    const reply = await fromLan({ path: '/api/sync.status', headers: { Origin: origin() } });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error).toMatchObject({
      code: 'not_paired',
      message: expect.stringMatching(/not paired.*\/pair.*access token/),
    });
    const page = await fromLan({ path: '/', method: 'GET', headers: { Accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/pair');
    const pairing = await fromLan({ path: '/pair', method: 'GET' });
    expect(pairing.status).toBe(200);
    expect(pairing.body).toContain('Pair this browser with the terminal');
  });

  it('pairs a browser once: a wrong token is refused, the right one set as an HttpOnly SameSite=Strict cookie', async () => {
    const wrong = await fromLan({ path: '/pair?token=guess', method: 'GET' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('not this terminal’s access token');
    const right = await fromLan({ path: `/pair?token=${TOKEN}`, method: 'GET' });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    const cookie = right.headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^openlane_access=${TOKEN};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);

    const paired = { Cookie: `openlane_access=${TOKEN}`, Origin: origin() };
    expect(reached(await fromLan({ path: '/api/sync.status', headers: paired }))).toBe(true);
    const page = await fromLan({ path: '/', method: 'GET', headers: { Cookie: paired.Cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>OpenLane');
    // A token sent as a bearer does as well (a script of the store's own); a wrong one does not.
    const bearer = { Authorization: `Bearer ${TOKEN}`, Origin: origin() };
    expect(reached(await fromLan({ path: '/api/sync.status', headers: bearer }))).toBe(true);
    const stale = { Cookie: 'openlane_access=an-old-token-from-before', Origin: origin() };
    expect((await fromLan({ path: '/api/sync.status', headers: stale })).status).toBe(401);
  });

  it('refuses a paired client from the network that sends no Origin, and a foreign Origin', async () => {
    const noOrigin = await fromLan({
      path: '/api/sync.status',
      headers: { Cookie: `openlane_access=${TOKEN}` },
    });
    expect(noOrigin.status).toBe(403);
    expect(JSON.parse(noOrigin.body).error.message).toMatch(
      /without an Origin may only come from this machine/,
    );
    const foreign = await fromLan({
      path: '/api/sync.status',
      headers: { Cookie: `openlane_access=${TOKEN}`, Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('opens the event stream only to a paired browser', async () => {
    const open = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${lan}:${port}/api/events`, { headers, localAddress: lan });
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
        ws.on('error', () => resolve(0));
      });
    expect(await open({ Origin: origin() })).toBe(401);
    expect(await open({ Origin: origin(), Cookie: `openlane_access=${TOKEN}` })).toBe(101);
    expect(await open({ Origin: 'http://evil.example', Cookie: `openlane_access=${TOKEN}` })).toBe(403);
  });

  it('lets this machine in without a token: the kiosk on the till itself, by a loopback name', async () => {
    const local = await send('127.0.0.1', port, {
      path: '/api/sync.status',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(reached(local)).toBe(true);
    // The LAN name from this machine is how a rebinding page would arrive: it needs the token.
    const byLanName = await send(lan!, port, {
      path: '/api/sync.status',
      headers: { Host: `${lan}:${port}`, Origin: origin() },
    });
    expect(byLanName.status).toBe(401);
  });
});
