// A department counted by two handhelds through one stock terminal while a kiosk keeps selling the
// counted items, with a real HQ (PGlite, then PostgreSQL) over HTTP: sales before, between and after
// the count lines, some reaching HQ only after the count. HQ takes the count at its moment, so its
// adjustment is exact; counts of one item in different locations sum; the same item in the same
// location by two devices waits for a reviewer. The stock terminal's on hand is HQ's level plus what
// HQ has not acknowledged, and it still answers with HQ gone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { countingHandlers } from '../../services/stock/counting-handlers';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import { createHqClient, enrolTerminal, loadCredentials, syncOnce } from '../../services/sync';
import { wireEvent } from '../../core/sync';
import { PRODUCTS, WALLET, startSimulator, value } from '../helpers/checkout';
import { hqOnHand as hqStock } from '../helpers/hq-stock';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread, gum].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Dairy`,
  ),
].join('\n');
const ADMIN = 'count-reviews-admin-token-0123456789';

interface Terminal {
  store: TerminalStore;
  ctx: CheckoutContext;
  sync(): ReturnType<typeof syncOnce>;
}

describe.each(BACKENDS)('a count taken at its moment while a kiosk sells, on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let sim: PaymentSimulator;
  const dirs: string[] = [];
  const closers: (() => void)[] = [];
  let stock: Terminal;
  let kiosk: Terminal;
  let api: ReturnType<typeof countingHandlers>;
  let sell: (item: typeof milk) => Promise<void>;

  async function terminal(terminalId: string, role: string): Promise<Terminal> {
    const dir = mkdtempSync(join(tmpdir(), `openlane-count-${terminalId}-`));
    dirs.push(dir);
    openTerminalStore(dir).db.close();
    const settingsPath = join(dir, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsPath, JSON.stringify({ ...settings, storeId: 'S001', terminalId, role }));
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: terminalId });
    const store = openTerminalStore(dir);
    closers.push(() => store.db.open && store.db.close());
    const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
    const client = createHqClient(loadCredentials(dir)!);
    const t = { store, ctx, sync: () => syncOnce(store.db, client, { currency: store.settings.currency }) };
    expect(await t.sync()).toMatchObject({ rejected: 0 });
    return t;
  }

  const hqOnHand = (gtin: string) => hqStock(server.db, gtin);
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  /** The next act happens on a later millisecond of the terminals' clock than the one before. */
  const tick = async () => {
    const now = Date.now();
    await expect.poll(() => Date.now()).toBeGreaterThan(now);
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    sim = await startSimulator();
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: ADMIN,
    });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    stock = await terminal('C01', 'counter'); // a counter switched to stock work
    stock.ctx.duty.current = { id: 'M01', name: 'Chen Jing', role: 'manager' };
    api = countingHandlers(stock.ctx);
    kiosk = await terminal('K01', 'kiosk');
    const flow = createPaymentFlow(
      kiosk.ctx,
      createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 }),
      'simulator',
    );
    closers.unshift(() => flow.close());
    const basket = basketHandlers(kiosk.ctx, () => [], flow.payByCode);
    sell = async (item) => {
      await tick();
      value(await basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
      const paid = value(await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
      expect(paid.status).toBe('paid');
      await tick();
    };
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) close();
    await server?.close();
    await sim?.close();
    await backend?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('turns the count into the adjustment at its moment, whenever the sales around it arrive', async () => {
    // HQ's ledger: 20 milk and 10 bread. On the shelves there are really 12 + 6 milk.
    value(await api['stock.adjust']({ code: milk.barcode, quantity: 20, reason: 'found' }));
    value(await api['stock.adjust']({ code: bread.barcode, quantity: 10, reason: 'found' }));
    expect(await stock.sync()).toMatchObject({ pushed: 2, rejected: 0 });
    expect(value(await api['stock.item']({ code: milk.barcode })).onHand).toMatchObject({
      hq: 20,
      local: 0,
      total: 20,
    });

    await sell(milk); // before the count, reaches HQ at once: shelf A 11, back room 6
    expect(await kiosk.sync()).toMatchObject({ pushed: expect.any(Number), rejected: 0 });
    expect(await hqOnHand(milk.gtin)).toBe(19);

    const count = value(
      await api['stock.countStart']({ scope: { kind: 'department', department: 'Dairy' } }),
    );
    // A second handheld joins the same count.
    expect(
      value(await api['stock.countStart']({ scope: { kind: 'department', department: 'Dairy' } })).id,
    ).toBe(count.id);
    const line = async (device: string, code: string, quantity: number, location: string) => {
      const view = value(
        await api['stock.countLine']({ sessionId: count.id, code, quantity, location, device }),
      );
      await tick();
      return view;
    };
    await line('hh1', milk.barcode, 10, 'A');
    await line('hh1', milk.barcode, 1, 'A'); // running total 11 at A
    await sell(milk); // between the lines, from the back room; the kiosk is offline now
    const view = await line('hh2', milk.barcode, 5, 'Back'); // back room: 5; the count stands for now
    expect(view.lines.filter((l) => l.gtin === milk.gtin)).toEqual([
      expect.objectContaining({ location: 'A', counted: 11, devices: 1 }),
      expect.objectContaining({ location: 'Back', counted: 5, devices: 1 }),
    ]);
    await sell(milk); // after the count: 15 left

    expect(await stock.sync()).toMatchObject({ rejected: 0 });
    // Counted 11 + 5 = 16 at the last line. HQ knew of one sale then (19): −3 for now, while the two
    // sales still on the kiosk have not reached it.
    expect(await hqOnHand(milk.gtin)).toBe(16);
    // The late sales arrive: the one before the count line is absorbed by the count, the one after takes 1.
    expect(await kiosk.sync()).toMatchObject({ rejected: 0 });
    expect(await hqOnHand(milk.gtin)).toBe(15);
    const { rows } = await server.db.query<{ total: unknown }>(
      `SELECT sum(quantity) AS total FROM stock_movements WHERE gtin = $1 AND count_session = $2`,
      [milk.gtin, count.id],
    );
    expect(Number(rows[0]!.total)).toBe(-2);

    // The stock terminal reads HQ's level on its next sync; its own unsent adjustment is on top of it.
    await stock.sync();
    value(await api['stock.adjust']({ code: milk.barcode, quantity: -1, reason: 'damaged' }));
    expect(value(await api['stock.item']({ code: milk.barcode })).onHand).toMatchObject({
      hq: 15,
      local: -1,
      total: 14,
    });
  });

  it('holds the same item counted in the same location by two devices for review, then applies the choice', async () => {
    const count = value(await api['stock.countStart']({ scope: { kind: 'location', location: 'B' } }));
    value(
      await api['stock.countLine']({
        sessionId: count.id,
        code: bread.barcode,
        quantity: 4,
        location: 'B',
        device: 'hh1',
      }),
    );
    await tick();
    // One device's count alone is applied at once...
    expect(await stock.sync()).toMatchObject({ rejected: 0 });
    expect(await hqOnHand(bread.gtin)).toBe(4);
    value(
      await api['stock.countLine']({
        sessionId: count.id,
        code: bread.barcode,
        quantity: 6,
        location: 'B',
        device: 'hh2',
      }),
    );
    await tick();
    expect(await stock.sync()).toMatchObject({ rejected: 0 });
    // ...a second device in the same place holds it: not summed, and what it booked is taken back.
    expect(await hqOnHand(bread.gtin)).toBe(10);

    const list = await admin('/admin/v1/count-reviews?store=S001');
    expect(list.status).toBe(200);
    const reviews = list.body.reviews as {
      id: string;
      gtin: string;
      counts: { deviceId: string; counted: number }[];
    }[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ gtin: bread.gtin, location: 'B', state: 'open', sessionId: count.id });
    expect(reviews[0]!.counts.map((c) => [c.deviceId, c.counted])).toEqual([
      ['C01:hh1', 4],
      ['C01:hh2', 6],
    ]);

    await sell(bread); // after the count, offline
    const id = reviews[0]!.id;
    // Hostile or wrong decisions change nothing.
    for (const [path, body, status, code] of [
      [`/admin/v1/count-reviews/${id}/accept`, { device: 'C09:hh7', reviewer: 'M01' }, 422, 'unknown_device'],
      [
        `/admin/v1/count-reviews/not-a-uuid/accept`,
        { device: 'C01:hh1', reviewer: 'M01' },
        400,
        'bad_request',
      ],
      [`/admin/v1/count-reviews/${id}/accept`, { device: 'C01:hh1' }, 400, 'bad_request'],
      [
        `/admin/v1/count-reviews/${id}/accept`,
        { device: 'C01:hh1\u0000', reviewer: 'M01' },
        400,
        'bad_request',
      ],
      [
        `/admin/v1/count-reviews/${id}/accept`,
        { device: 'C01:hh1', reviewer: 'x'.repeat(65) },
        400,
        'bad_request',
      ],
      [
        `/admin/v1/count-reviews/0190a5b2-0000-7000-8000-000000000000/accept`,
        { device: 'x', reviewer: 'M01' },
        404,
        'unknown_review',
      ],
    ] as const) {
      const answer = await admin(path, { method: 'POST', body: JSON.stringify(body) });
      expect([answer.status, (answer.body.error as { code: string }).code]).toEqual([status, code]);
    }
    expect(await hqOnHand(bread.gtin)).toBe(10);
    const unauthorised = await fetch(`${server.url}/admin/v1/count-reviews?store=S001`);
    expect(unauthorised.status).toBe(401);
    expect((await admin('/admin/v1/count-reviews?store=S001&state=closed')).status).toBe(400);
    expect((await admin('/admin/v1/count-reviews?store=NOPE')).status).toBe(404);
    expect((await admin('/admin/v1/count-reviews?store=S001&limit=0')).status).toBe(400);
    const text = await fetch(`${server.url}/admin/v1/count-reviews/${id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/plain' },
      body: 'accept C01:hh1',
    });
    expect(text.status).toBe(400);
    const broken = await fetch(`${server.url}/admin/v1/count-reviews/${id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{"device":',
    });
    expect(broken.status).toBe(400);

    const accepted = await admin(`/admin/v1/count-reviews/${id}/accept`, {
      method: 'POST',
      body: JSON.stringify({ device: 'C01:hh1', reviewer: 'M01' }),
    });
    expect(accepted).toMatchObject({
      status: 200,
      body: { review: { state: 'accepted', acceptedDevice: 'C01:hh1', decidedBy: 'M01' } },
    });
    expect(await hqOnHand(bread.gtin)).toBe(4);
    const again = await admin(`/admin/v1/count-reviews/${id}/accept`, {
      method: 'POST',
      body: JSON.stringify({ device: 'C01:hh2', reviewer: 'M01' }),
    });
    expect([again.status, (again.body.error as { code: string }).code]).toEqual([409, 'review_decided']);
    // The bread sold after the count arrives: 3.
    expect(await kiosk.sync()).toMatchObject({ rejected: 0 });
    expect(await hqOnHand(bread.gtin)).toBe(3);
  });

  it('merges the lines of one session sent by different terminals: other locations sum', async () => {
    const count = value(await api['stock.countStart']({ scope: { kind: 'list', gtins: [gum.gtin] } }));
    value(
      await api['stock.countLine']({ sessionId: count.id, code: gum.barcode, quantity: 3, location: 'A' }),
    );
    expect(await stock.sync()).toMatchObject({ rejected: 0 });
    expect(await hqOnHand(gum.gtin)).toBe(3);
    await tick();
    // Another terminal's line of the same session, in another location.
    const line = {
      gtin: gum.gtin,
      counted: 2,
      location: 'C',
      countedAt: new Date().toISOString(),
      lineId: 'k01-l1',
    };
    const event = wireEvent('stock.counted', {
      sessionId: count.id,
      deviceId: 'K01',
      staffId: 'S01',
      lines: [line],
    });
    const client = createHqClient(loadCredentials(dirs[1]!)!);
    expect((await client.pushEvents([event], new Date())).results).toEqual([
      { id: event.id, status: 'applied' },
    ]);
    expect(await hqOnHand(gum.gtin)).toBe(5);
    // Sent again (a lost answer): nothing doubles.
    expect((await client.pushEvents([event], new Date())).results).toEqual([
      { id: event.id, status: 'duplicate' },
    ]);
    expect(await hqOnHand(gum.gtin)).toBe(5);
  });

  it('refuses malformed count events and change markers, with nothing changed and no 500', async () => {
    const client = createHqClient(loadCredentials(dirs[0]!)!);
    const bread0 = await hqOnHand(bread.gtin);
    const line = {
      gtin: bread.gtin,
      counted: 2,
      location: 'A',
      countedAt: new Date().toISOString(),
      lineId: 'l-1',
    };
    const session = { sessionId: 'sess-x', deviceId: 'C01', staffId: 'M01' };
    const bad = [
      { ...session, lines: [{ ...line, counted: -1 }] },
      { ...session, lines: [{ ...line, lineId: undefined }] },
      { ...session, lines: [{ ...line, countedAt: 'yesterday' }] },
      { ...session, staffId: '', lines: [line] },
      { ...session, lines: [line, { ...line, counted: 3 }] },
    ].map((payload) => wireEvent('stock.counted', payload));
    const reply = await client.pushEvents(bad, new Date());
    expect(reply.results.map((r) => r.status)).toEqual(bad.map(() => 'rejected'));
    expect(reply.results.map((r) => (r.status === 'rejected' ? r.code : null))).toEqual(
      bad.map(() => 'bad_payload'),
    );
    expect(await hqOnHand(bread.gtin)).toBe(bread0);

    for (const since of ['garbage', '1:2', "0:06900000000012' OR 1=1", '9'.repeat(40)]) {
      const response = await client.request!(`/v1/stock?since=${encodeURIComponent(since)}`, {
        method: 'GET',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const all = await client.request!('/v1/stock?since=', { method: 'GET' });
    const page = (await all.json()) as { items: { gtin: string; onHand: number }[]; complete: boolean };
    expect(page.complete).toBe(true);
    expect(page.items.find((i) => i.gtin === bread.gtin)?.onHand).toBe(bread0);
  });

  it('shows on hand from what the terminal holds when HQ is gone', async () => {
    // A terminal whose cursor is past HQ's newest change (HQ restored from an older backup) reads all again.
    stock.store.db.prepare('UPDATE hq_stock_feed SET cursor = ? WHERE id = 1').run(`999999:${bread.gtin}`);
    stock.store.db.prepare('DELETE FROM hq_stock_levels').run();
    expect(await stock.sync()).toMatchObject({ warnings: [] });
    const feed = stock.store.db.prepare('SELECT cursor FROM hq_stock_feed').get() as { cursor: string };
    expect(feed.cursor).toMatch(/^\d{1,5}:\d{14}$/);
    const before = value(await api['stock.item']({ code: bread.barcode })).onHand;
    expect(before).toMatchObject({ hq: 3, local: 0, total: 3 });
    await server.close();
    value(await api['stock.adjust']({ code: bread.barcode, quantity: -1, reason: 'expired' }));
    expect(value(await api['stock.item']({ code: bread.barcode })).onHand).toMatchObject({
      hq: 3,
      local: -1,
      total: 2,
    });
  });
});
