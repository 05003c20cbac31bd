// The HQ client against a real local HTTP server that plays HQ's token and event routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHqClient, enrolDevice, HqError } from './hq-client';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let url: string;
let handler: Handler;
const seen: { path: string; auth?: string }[] = [];

beforeEach(async () => {
  seen.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url!, auth: req.headers.authorization });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const credentials = () => ({ serverUrl: url, deviceId: 'd', secret: 's', storeCode: 'S001', enrolledAt: '' });
const reply = { results: [], receivedAt: '2025-01-01T00:00:00.000Z', clockSkewMs: 5, warnings: [] };

let tokens = 0;
const withTokens =
  (then: Handler, ttlMs = 600_000): Handler =>
  (req, body, res) => {
    if (req.url === '/v1/token') {
      tokens++;
      return json(res, 200, {
        ok: true,
        token: `t${tokens}`,
        expiresAt: new Date(Date.now() + ttlMs).toISOString(),
        storeCode: 'S001',
      });
    }
    then(req, body, res);
  };
beforeEach(() => (tokens = 0));

describe('the HQ client', () => {
  it('keeps a token until shortly before it expires', async () => {
    handler = withTokens((_req, _body, res) => json(res, 200, { ok: true, ...reply }));
    const client = createHqClient(credentials());
    await client.pushEvents([], new Date());
    await client.pushEvents([], new Date());
    expect(tokens).toBe(1);
    expect(seen.filter((s) => s.path === '/v1/events').map((s) => s.auth)).toEqual([
      'Bearer t1',
      'Bearer t1',
    ]);

    // A token living 30 s, shorter than the 60 s margin, is renewed at half its life.
    handler = withTokens((_req, _body, res) => json(res, 200, { ok: true, ...reply }), 30_000);
    let clock = Date.now();
    const shortLived = createHqClient(credentials(), { tokenMarginMs: 60_000, now: () => clock });
    await shortLived.pushEvents([], new Date());
    clock += 10_000;
    await shortLived.pushEvents([], new Date());
    expect(tokens).toBe(2);
    clock += 10_000;
    await shortLived.pushEvents([], new Date());
    expect(tokens).toBe(3);
  });

  it('renews the token once on a 401, then gives up with HQ’s words', async () => {
    let refusals = 0;
    handler = withTokens((req, _body, res) =>
      req.headers.authorization === 'Bearer t1' || refusals > 5
        ? (refusals++,
          json(res, 401, { ok: false, error: { code: 'token_expired', message: 'the token has expired' } }))
        : json(res, 200, { ok: true, ...reply }),
    );
    const client = createHqClient(credentials());
    await expect(client.pushEvents([], new Date())).resolves.toMatchObject({ clockSkewMs: 5 });
    expect(tokens).toBe(2);
    refusals = 10;
    const failed = client.pushEvents([], new Date());
    await expect(failed).rejects.toMatchObject({ kind: 'refused', status: 401, code: 'token_expired' });
  });

  it('calls a 5xx, a garbled answer and a closed port unreachable, and a 4xx refused', async () => {
    handler = withTokens((_req, _body, res) =>
      json(res, 503, { ok: false, error: { code: 'unavailable', message: 'db' } }),
    );
    await expect(createHqClient(credentials()).catalogPage('0', 10)).rejects.toMatchObject({
      kind: 'unreachable',
    });
    handler = withTokens((_req, _body, res) => json(res, 200, { ok: true, items: 'nope' }));
    await expect(createHqClient(credentials()).catalogPage('0', 10)).rejects.toThrow(
      /does not understand: items/,
    );
    handler = (_req, _body, res) =>
      json(res, 403, { ok: false, error: { code: 'enrolment_code_used', message: 'used' } });
    await expect(enrolDevice(url, 'CODE')).rejects.toMatchObject({
      kind: 'refused',
      code: 'enrolment_code_used',
    });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer().listen(0); // afterEach closes this one
    const gone = enrolDevice(url, 'CODE');
    await expect(gone).rejects.toThrow(HqError);
    await expect(gone).rejects.toThrow(/cannot be reached \((ECONNREFUSED|the connection was closed)\)/);
  });

  it('times out a request HQ never answers', async () => {
    handler = () => undefined;
    await expect(enrolDevice(url, 'CODE', undefined, { timeoutMs: 100 })).rejects.toThrow(
      /did not answer in time/,
    );
    server.closeAllConnections();
  });
});
