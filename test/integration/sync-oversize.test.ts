// An event larger than HQ's body limit must never hold back a terminal's outbox. HQ answers an oversize
// upload 413 with its failure body and reads the rest of the body instead of resetting the connection
// (a client still sending would see EPIPE, not the answer); the terminal sizes its batches in bytes,
// treats a reset during a large upload as "too large", splits, and files a lone oversize event as a
// local dead letter so the events behind it flow. Real HQ on PGlite, real terminal SQLite, real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HQ_BODY_LIMIT_BYTES } from '../../core/sync/limits';
import { appendEvent, outboxStats } from '../../db/outbox';
import { deadLetters } from '../../db/sync';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import { createHqClient, enrolTerminal, loadCredentials, syncOnce } from '../../services/sync';
import { enrolDevice, startBackend, type TestBackend } from '../helpers/postgres';
import { rawConnection } from '../helpers/raw-http';

const GTIN = '05012345678900';
let backend: TestBackend;
let server: RunningServer;
const dirs: string[] = [];
const stores: TerminalStore[] = [];

beforeAll(async () => {
  backend = await startBackend('pglite');
  server = await startServer({ port: 0, dataDir: backend.dataDir });
});

afterAll(async () => {
  for (const s of stores) if (s.db.open) s.db.close();
  await server?.close();
  await backend?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A terminal enrolled with HQ whose outbox holds small stock events around one of `bigBytes`. */
async function terminalWithBigEvent(serverUrl: string, bigBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-oversize-'));
  dirs.push(dir);
  openTerminalStore(dir).db.close();
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: dir, serverUrl: server.url, code });
  const store = openTerminalStore(dir);
  stores.push(store);
  const stock = (reason: string) =>
    appendEvent(store.db, 'stock.adjusted', { lines: [{ gtin: GTIN, quantity: 1 }], reason });
  const ids = store.db.transaction(() => {
    const before = [stock('found'), stock('found')];
    const big = stock('x'.repeat(bigBytes));
    return { before, big, after: [stock('found'), stock('found'), stock('found')] };
  })();
  const credentials = { ...loadCredentials(dir)!, serverUrl };
  const sync = () => syncOnce(store.db, createHqClient(credentials), { currency: 'CNY' });
  return { store, ids, sync };
}

const hqEvents = async (ids: string[]) => {
  const { rows } = await server.db.query<{ n: unknown }>(
    'SELECT count(*) AS n FROM events WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return Number(rows[0]!.n);
};

/**
 * A reverse proxy in front of HQ that resets any upload over `limit` bytes, as HQ itself did (and as a
 * load balancer may): the client sees the connection die, never an answer. It notes each body's size.
 */
async function resettingProxy(limit: number): Promise<{ url: string; sizes: number[]; close(): void }> {
  const target = new URL(server.url);
  const sizes: number[] = [];
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !req.socket.destroyed) req.socket.resetAndDestroy();
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      sizes.push(size);
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sizes,
    close: () => {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

describe('an event larger than HQ accepts', () => {
  it('is answered 413 with the failure body, and the connection is not reset while the body is still coming', async () => {
    const device = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'));
    const connection = await rawConnection(server.url);
    try {
      const size = HQ_BODY_LIMIT_BYTES + 2 * 1024 * 1024;
      await connection.write(
        'POST /v1/events HTTP/1.1\r\nhost: hq\r\ncontent-type: application/json\r\n' +
          `authorization: Bearer ${device.token}\r\ncontent-length: ${size}\r\n\r\n`,
      );
      // HQ answers from the Content-Length alone, before the body...
      const refused = await connection.response();
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'body_too_large' } });
      // ...and then still reads it: a client that is sending when the answer comes is not reset (EPIPE).
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let sent = 0; sent < size; sent += chunk.length) {
        await connection.write(chunk.subarray(0, Math.min(chunk.length, size - sent)));
      }
      // The connection is still good for the next request.
      await connection.write('GET /health HTTP/1.1\r\nhost: hq\r\n\r\n');
      expect((await connection.response()).status).toBe(200);
    } finally {
      connection.close();
    }
  });

  it('is filed as a local dead letter after HQ answers 413, and the rest of the outbox reaches HQ', async () => {
    const t = await terminalWithBigEvent(server.url, HQ_BODY_LIMIT_BYTES + 1024);
    const summary = await t.sync();
    expect(summary).toMatchObject({ pushed: 5, rejected: 1 });
    expect(outboxStats(t.store.db).pending).toBe(0);
    expect(await hqEvents([...t.ids.before, ...t.ids.after])).toBe(5);
    expect(await hqEvents([t.ids.big])).toBe(0);
    expect(deadLetters(t.store.db)).toEqual([
      expect.objectContaining({
        eventId: t.ids.big,
        reasonCode: 'too_large',
        reason: expect.stringMatching(/larger than HQ accepts/),
      }),
    ]);
  });

  it('does not block the outbox when the connection is reset during the upload: batches are sized in bytes, the lone oversize event is filed', async () => {
    const proxy = await resettingProxy(HQ_BODY_LIMIT_BYTES);
    try {
      const t = await terminalWithBigEvent(proxy.url, HQ_BODY_LIMIT_BYTES + 1024);
      const summary = await t.sync();
      expect(summary).toMatchObject({ pushed: 5, rejected: 1 });
      expect(outboxStats(t.store.db).pending).toBe(0);
      expect(await hqEvents([...t.ids.before, ...t.ids.after])).toBe(5);
      expect(deadLetters(t.store.db)).toEqual([
        expect.objectContaining({ eventId: t.ids.big, reasonCode: 'too_large' }),
      ]);
      // Every batch that reached HQ was under its limit: the small events were never sent with the big one.
      expect(proxy.sizes.length).toBeGreaterThan(0);
      for (const size of proxy.sizes) expect(size).toBeLessThanOrEqual(HQ_BODY_LIMIT_BYTES);
    } finally {
      proxy.close();
    }
  });
});
