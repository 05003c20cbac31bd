// The delivery desk against a real HTTP server standing in for HQ: a granted and a refused claim read as
// HQ sends them; HQ failing (500), answering what the terminal cannot read, or gone is `reachable: false`,
// so the receiving goes ahead offline; the expected deliveries cached only when HQ's reply is readable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExpectedDeliveries } from '../../db/receivings';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { createHqClient } from './hq-client';
import { createHqDeliveryDesk, pullDeliveries } from './hq-delivery-desk';

const temp = useTempDatabase();
const holder = { receivingId: 'r1', terminalId: 'C02', staffId: 'staff-a', at: '2026-12-07T09:00:00.000Z' };
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/v1/token') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            ok: true,
            token: 't',
            storeCode: 'S001',
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = () => ({
  serverUrl: url,
  deviceId: '00000000-0000-4000-8000-000000000001',
  secret: 's',
  storeCode: 'S001',
  enrolledAt: '2026-12-07T08:00:00.000Z',
});
const claim = {
  receivingId: '0190f000-0000-7000-8000-000000000000',
  reference: 'DN-1',
  terminalId: 'C01',
  staffId: 's',
};

describe('the delivery desk', () => {
  it('reads a granted and a refused claim', async () => {
    const desk = createHqDeliveryDesk(credentials());
    answer = { status: 200, body: { ok: true, granted: true } };
    expect(await desk.claim(claim)).toEqual({ reachable: true, value: { granted: true } });
    answer = {
      status: 409,
      body: {
        ok: false,
        error: { code: 'delivery_already_received', message: 'taken', details: { holder } },
      },
    };
    expect(await desk.claim(claim)).toEqual({ reachable: true, value: { granted: false, holder } });
  });

  it('is unreachable when HQ fails, answers nonsense, or refuses without naming the holder', async () => {
    const desk = createHqDeliveryDesk(credentials());
    for (const reply of [
      { status: 500, body: { ok: false, error: { code: 'internal', message: 'boom' } } },
      { status: 200, body: 'not json' },
      { status: 409, body: { ok: false, error: { code: 'delivery_already_received', message: 'taken' } } },
    ]) {
      answer = reply;
      expect((await desk.claim(claim)).reachable).toBe(false);
    }
    const gone = createHqDeliveryDesk({ ...credentials(), serverUrl: 'http://127.0.0.1:9' });
    expect((await gone.claim(claim)).reachable).toBe(false);
  });

  it('caches the deliveries HQ sends, and keeps the cache when the reply cannot be read', async () => {
    const client = createHqClient(credentials());
    const delivery = {
      id: 'd1',
      kind: 'purchase_order',
      number: 'PO-1',
      from: 'Acme',
      expectedOn: '2026-12-08',
      lines: [{ gtin: '06900000000014', expected: 10, received: 2, damaged: 1 }],
    };
    answer = { status: 200, body: { ok: true, deliveries: [delivery] } };
    expect(await pullDeliveries(temp.db, client, new Date())).toEqual([]);
    expect(listExpectedDeliveries(temp.db)).toEqual([delivery]);
    answer = { status: 200, body: { ok: true, deliveries: [{ ...delivery, kind: 'gift' }] } };
    expect((await pullDeliveries(temp.db, client, new Date()))[0]).toMatch(/cannot read/);
    answer = { status: 404, body: { ok: false, error: { code: 'not_found', message: 'no' } } };
    expect((await pullDeliveries(temp.db, client, new Date()))[0]).toMatch(/HTTP 404/);
    expect(listExpectedDeliveries(temp.db)).toEqual([delivery]);
  });
});
