// Recalls at HQ on PGlite and on a real PostgreSQL: the admin routes (checked, audited), the device feed
// in commit order with an ended recall sent again, the stream's `event: recall`, a lane's attempts
// recorded against the recall — and a lane's own SQLite filled by the sync client's pull. On PostgreSQL
// the lane listens to a second HQ process on the same database, which announces the first one's recall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogCsv, startServer, createEnrolmentCode, type RunningServer } from '../../server';
import { activeRecallsOf, recallFeedCursor, saveRecalls } from '../../db/recalls';
import { createHqClient } from '../../services/sync/hq-client';
import { pullRecalls } from '../../services/sync/recalls-pull';
import { PRODUCTS } from '../helpers/checkout';
import {
  BACKENDS,
  call,
  enrolDevice,
  startBackend,
  type TestBackend,
  type TestDevice,
} from '../helpers/postgres';
import { openTempDatabase } from '../helpers/temp-db';
import { uuidv7 } from '../../core/uuid7';

const TOKEN = 'recalls-test-admin-token-0123456789';
const { milk, bread } = PRODUCTS;
const CATALOG = `barcode,name,price,tax_rate,unit\n${milk.barcode},Fresh Milk 1 L,12.90,9,each\n${bread.barcode},Toast Bread,8.50,13,each`;
const admin = { token: TOKEN };

/** Reads `event: recall` announcements off a device's stream. */
async function recallStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async next(): Promise<number> {
      for (;;) {
        const match = /event: recall\ndata: \{"version":(\d+)\}\n\n/.exec(text);
        if (match) {
          text = text.slice(match.index + match[0].length);
          return Number(match[1]);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += decoder.decode(value);
      }
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

describe.each(BACKENDS)('recalls at HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let lane: TestDevice;
  const start = () =>
    startServer({
      port: 0,
      adminToken: TOKEN,
      catalogPollMs: 100,
      ...(backend.dataDir ? { dataDir: backend.dataDir } : { databaseUrl: backend.databaseUrl! }),
    });

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await start();
    expect((await importCatalogCsv(server.db, CATALOG, { currency: 'CNY' })).ok).toBe(true);
    lane = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'K01');
  });
  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('refuses a recall it cannot act on, saying which field is wrong, and writes nothing', async () => {
    const bad = await call(server.url, 'POST', '/admin/v1/recalls', {
      ...admin,
      body: { gtin: '6900000000012', lots: ['L 1'], reason: ' ' },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['gtin', 'lots.0', 'reason']));
    expect((await call(server.url, 'GET', '/admin/v1/recalls', admin)).body.recalls).toEqual([]);
    expect(
      (await call(server.url, 'POST', '/admin/v1/recalls', { body: { gtin: milk.barcode, reason: 'x' } }))
        .status,
    ).toBe(401);
  });

  it('makes, lists and ends recalls, audited, and sends each down the feed again when it ends', async () => {
    const made = await call(server.url, 'POST', '/admin/v1/recalls', {
      ...admin,
      body: { gtin: milk.barcode, lots: ['L2411', 'L2411', 'L2412'], reason: 'Possible glass fragments' },
    });
    expect(made.status).toBe(201);
    const recall = made.body.recall;
    expect(recall).toMatchObject({
      gtin: milk.gtin,
      productName: 'Fresh Milk 1 L',
      lots: ['L2411', 'L2412'],
      serials: [],
      createdBy: 'admin token',
      active: true,
      attempts: 0,
    });
    const whole = (
      await call(server.url, 'POST', '/admin/v1/recalls', {
        ...admin,
        body: { gtin: bread.gtin, reason: 'Mould' },
      })
    ).body.recall;

    const feed = await call(server.url, 'GET', '/v1/recalls?after=0', { token: lane.token });
    expect(feed.status).toBe(200);
    expect(feed.body.recalls.map((r: { id: string }) => r.id)).toEqual([recall.id, whole.id]);
    expect(feed.body.nextCursor).toMatch(/^\d+:/);
    const cursor = feed.body.nextCursor as string;
    expect(
      (await call(server.url, 'GET', `/v1/recalls?after=${cursor}`, { token: lane.token })).body.recalls,
    ).toEqual([]);

    const ended = await call(server.url, 'POST', `/admin/v1/recalls/${whole.id}/end`, admin);
    expect(ended.body.recall).toMatchObject({ active: false, endedBy: 'admin token' });
    expect((await call(server.url, 'POST', `/admin/v1/recalls/${whole.id}/end`, admin)).body.error.code).toBe(
      'recall_ended',
    );
    expect((await call(server.url, 'POST', `/admin/v1/recalls/${uuidv7()}/end`, admin)).status).toBe(404);
    const after = await call(server.url, 'GET', `/v1/recalls?after=${cursor}`, { token: lane.token });
    expect(after.body.recalls).toMatchObject([{ id: whole.id, active: false }]);

    const active = await call(server.url, 'GET', '/admin/v1/recalls?state=active', admin);
    expect(active.body.recalls.map((r: { id: string }) => r.id)).toEqual([recall.id]);
    const audit = await server.db.query<{ action: string; target_id: string }>(
      "SELECT action, target_id FROM office_audit WHERE target_type = 'recall' ORDER BY at, action",
    );
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { action: 'recall.create', target_id: recall.id },
        { action: 'recall.end', target_id: whole.id },
      ]),
    );
    // A cursor from a newer database (HQ restored from a backup) is 409: the lane reads everything again.
    const ahead = await call(server.url, 'GET', `/v1/recalls?after=999:${recall.id}`, { token: lane.token });
    expect(ahead).toMatchObject({ status: 409, body: { error: { code: 'cursor_ahead' } } });
    expect((await call(server.url, 'GET', '/v1/recalls?after=nope', { token: lane.token })).status).toBe(400);
  });

  it('announces a new recall on the stream, and fills the lane’s own list through the sync client', async () => {
    // On PostgreSQL the lane listens to a second HQ process: the announcement comes from the database.
    const second = kind === 'postgres' ? await start() : null;
    try {
      const stream = await recallStream((second ?? server).url, lane.token);
      const before = await stream.next();
      await call(server.url, 'POST', '/admin/v1/recalls', {
        ...admin,
        body: { gtin: milk.gtin, serials: ['SER-7'], reason: 'Stolen' },
      });
      expect(await stream.next()).toBe(before + 1);
      await stream.close();
    } finally {
      await second?.close();
    }

    const temp = openTempDatabase();
    try {
      const client = createHqClient({
        serverUrl: server.url,
        deviceId: lane.deviceId,
        secret: lane.secret,
        storeCode: 'S001',
        enrolledAt: new Date().toISOString(),
      });
      expect(await pullRecalls(temp.db, client, () => new Date())).toBeGreaterThanOrEqual(3);
      expect(recallFeedCursor(temp.db)).toMatch(/^4:/); // two made, one ended, one made
      expect(activeRecallsOf(temp.db, milk.gtin).map((r) => [r.lots, r.serials])).toEqual([
        [['L2411', 'L2412'], []],
        [[], ['SER-7']],
      ]);
      expect(activeRecallsOf(temp.db, bread.gtin)).toEqual([]); // that one was ended
      // A lane ahead of HQ (HQ restored from an older backup) reads the list again and keeps only it.
      const stray = { id: 'gone', gtin: bread.gtin, lots: [], serials: [], reason: 'old', active: true };
      saveRecalls(
        temp.db,
        [{ ...stray, createdAt: '2026-01-01T00:00:00Z', endedAt: null }],
        '999:00000000-0000-0000-0000-000000000000',
        new Date(),
      );
      expect(activeRecallsOf(temp.db, bread.gtin)).toHaveLength(1);
      await pullRecalls(temp.db, client, () => new Date());
      expect(activeRecallsOf(temp.db, bread.gtin)).toEqual([]);
      expect(activeRecallsOf(temp.db, milk.gtin)).toHaveLength(2);
      expect(recallFeedCursor(temp.db)).toMatch(/^4:/);
    } finally {
      temp.cleanup();
    }
  });

  it('records a lane’s refused sale as an attempt against its recall, for the office to see', async () => {
    const recall = (await call(server.url, 'GET', '/admin/v1/recalls?state=active', admin)).body.recalls.find(
      (r: { lots: string[] }) => r.lots.length > 0,
    );
    const event = {
      id: uuidv7(),
      type: 'recall.blocked',
      occurredAt: new Date().toISOString(),
      payload: {
        recallId: recall.id,
        gtin: milk.gtin,
        match: 'lot',
        lot: 'L2411',
        serial: null,
        code: `]d201${milk.gtin}10L2411`,
        terminalId: 'K01',
        role: 'kiosk',
        staffId: null,
      },
    };
    const sent = await call(server.url, 'POST', '/v1/events', {
      token: lane.token,
      body: { events: [event, event] },
    });
    expect(sent.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
    const seen = await call(server.url, 'GET', `/admin/v1/recalls/${recall.id}/attempts`, admin);
    expect(seen.body.recall.attempts).toBe(1);
    expect(seen.body.attempts).toEqual([
      expect.objectContaining({
        store: 'S001',
        terminalId: 'K01',
        role: 'kiosk',
        lot: 'L2411',
        match: 'lot',
      }),
    ]);
  });
});
