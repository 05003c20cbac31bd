// The refund desk's reading of HQ's answers, against a real HTTP stand-in for HQ: an HQ older than refunds
// (404 not_found), a garbled sale, a refused claim without its lines, a refusal it does not expect. Each is
// `reachable: false` saying why, so the refund goes the offline way; the desk never throws.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/uuid7';
import { createHqRefundDesk } from './hq-refund-desk';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: ReturnType<typeof createServer>[] = [];

/** An HQ stand-in that hands out tokens and answers every other request with `handle`. */
async function hq(handle: Handler): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === '/v1/token') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          token: 't',
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
          storeCode: 'S001',
        }),
      );
      return;
    }
    handle(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const json =
  (status: number, body: unknown): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

const desk = (serverUrl: string) =>
  createHqRefundDesk({
    serverUrl,
    deviceId: uuidv7(),
    secret: 's',
    storeCode: 'S001',
    enrolledAt: '2026-12-07T00:00:00.000Z',
  });
const claim = {
  refundId: uuidv7(),
  receiptNumber: 'S001-C01-000001',
  terminalId: 'C02',
  staffId: 'S09',
  lines: [{ line: 0, quantity: 1 }],
};

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('the refund desk reading HQ', () => {
  it('takes an HQ without the refund routes for offline', async () => {
    const old = desk(
      await hq(json(404, { ok: false, error: { code: 'not_found', message: 'there is no GET /v1/sales' } })),
    );
    expect(await old.findSale('S001-C01-000001')).toEqual({
      reachable: false,
      why: 'HQ does not serve the sale (an HQ older than refunds)',
    });
    expect(await old.claim(claim)).toMatchObject({
      reachable: false,
      why: expect.stringMatching(/older than refunds/),
    });
  });

  it('names what it does not understand in a reply', async () => {
    const garbled = desk(await hq(json(200, { receiptNumber: 'S001-C01-000001', total: -5 })));
    const found = await garbled.findSale('S001-C01-000001');
    expect(found).toMatchObject({
      reachable: false,
      why: expect.stringMatching(/sale reply this terminal does not understand: storeId: .*expected string/),
    });
    const refused = desk(
      await hq(json(409, { ok: false, error: { code: 'refund_exceeds_sale', message: 'too much' } })),
    );
    expect(await refused.claim(claim)).toEqual({
      reachable: false,
      why: 'HQ refused the claim without naming the lines',
    });
  });

  it('passes on a refusal it does not expect in HQ’s words, and sends the search with its time zone', async () => {
    let asked = '';
    const url = await hq((request, response) => {
      asked = request.url ?? '';
      json(400, {
        ok: false,
        error: {
          code: 'bad_request',
          message: 'the sale search is not valid: amount: must be a whole number',
        },
      })(request, response);
    });
    const shanghai = createHqRefundDesk(
      {
        serverUrl: url,
        deviceId: uuidv7(),
        secret: 's',
        storeCode: 'S001',
        enrolledAt: '2026-12-07T00:00:00.000Z',
      },
      { timeZone: 'Asia/Shanghai' },
    );
    expect(await shanghai.searchSales({ date: '2026-12-07', maskedCode: '7788' })).toEqual({
      reachable: false,
      why: 'HQ refused the sale search: the sale search is not valid: amount: must be a whole number',
    });
    expect(new URL(asked, url).searchParams.toString()).toBe(
      'tz=Asia%2FShanghai&date=2026-12-07&maskedCode=7788',
    );
  });
});
