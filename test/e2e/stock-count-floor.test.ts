// A department counted from two devices through one stock terminal — its own screen and a handheld's
// browser at /stock, each with its own device name — while a kiosk sells the counted items, against a
// real HQ (PGlite). The sales come before, between and after the count lines; HQ takes the count at
// the moment of its lines, so its adjustment is exact. The same item counted in the same location from
// both devices is not summed: HQ lists it for review, naming the two devices.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { hqOnHand } from '../helpers/hq-stock';
import type { TestBackend } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';
import {
  standinPaymentSettings,
  startStandinWithMerchant,
  type StandinWithMerchant,
} from '../standins/wechatpay/standin-merchant';
import {
  catalogArrived,
  countAt,
  countRows,
  enrolledData,
  hqAdmin,
  kioskSells,
  scanQuantity,
  startStockHq,
  terminalApi,
} from '../helpers/stock-hq';
import { BREAD, MILK, PHONE, gtin14, signInForStock, stockShots } from '../helpers/stock-screens';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'stock-count-floor');
const milk = gtin14(MILK.barcode);
const bread = gtin14(BREAD.barcode);

describe('two devices count a department while a kiosk sells', () => {
  let dir: string;
  let backend: TestBackend;
  let server: RunningServer;
  let lane: Lane;
  let kiosk: ServeProcess;
  let wx: StandinWithMerchant;
  let till: Page;
  let handheldContext: BrowserContext;
  let handheld: Page;
  let handheldName: string;

  const visible = (page: Page, testId: string) => () => page.getByTestId(testId).isVisible();
  const sell = (barcode: string) => kioskSells(kiosk.url, barcode, WALLET.pays);
  /** HQ's on hand, and what the count booked, once both terminals have sent what they hold. */
  const hqAfterSync = (gtin: string, sessionId: string) => async () => {
    await terminalApi(lane.serve.url, 'sync.now');
    await terminalApi(kiosk.url, 'sync.now');
    const { rows } = await server.db.query<{ total: unknown }>(
      'SELECT sum(quantity) AS total FROM stock_movements WHERE gtin = $1 AND count_session = $2',
      [gtin, sessionId],
    );
    return { onHand: await hqOnHand(server.db, gtin), counted: Number(rows[0]?.total ?? 0) };
  };
  const openSession = async () => {
    const answer = await terminalApi(lane.serve.url, 'stock.countSessions');
    const sessions = (answer.value as { sessions: { id: string; state: string }[] }).sessions;
    return sessions.filter((s) => s.state === 'open').map((s) => s.id);
  };
  /** The handheld joins the one count under way. */
  const handheldJoins = async () => {
    if (await handheld.getByTestId('stock-back').count()) await handheld.getByTestId('stock-back').click();
    await handheld.getByTestId('stock-task-count').click();
    await expect.poll(() => handheld.getByTestId('stock-count-open').count()).toBe(1);
    await handheld.getByTestId('stock-count-open').getByRole('button').click();
    await expect.poll(visible(handheld, 'stock-count-session')).toBe(true);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-count-floor-'));
    ({ backend, server } = await startStockHq());
    await enrolledData(server, join(dir, 'stock'), 'T01');
    await enrolledData(server, join(dir, 'kiosk'), 'K01');
    lane = await startLane({ dir, dataDir: join(dir, 'stock'), serveArgs: ['--role', 'stock'] });
    // The kiosk pays through WeChat Pay's stand-in: a simulator's sales are training sales, which HQ
    // rightly keeps out of its stock.
    wx = await startStandinWithMerchant();
    const kioskSettings = join(dir, 'kiosk', 'settings.json');
    const settings = JSON.parse(readFileSync(kioskSettings, 'utf8')) as Record<string, unknown>;
    const payment = standinPaymentSettings(join(dir, 'kiosk'), wx);
    writeFileSync(kioskSettings, JSON.stringify({ ...settings, payment }));
    kiosk = await startServe({ dataDir: join(dir, 'kiosk') });
    till = lane.page;
    await till.goto(lane.serve.url);
    await signInForStock(till);
  });

  afterAll(async () => {
    await handheldContext?.close();
    await kiosk?.stop();
    await wx?.standin.close();
    await lane?.close();
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('HQ’s adjustment is the count at its moment, with sales before, between and after its lines', async () => {
    await catalogArrived(lane.serve.url, MILK.barcode);
    await catalogArrived(lane.serve.url, BREAD.barcode);
    // The handheld: a browser of its own (its own storage, so its own device name) on the terminal's /stock.
    handheldContext = await lane.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    handheld = await handheldContext.newPage();
    await handheld.goto(new URL('/stock', lane.serve.url).href);
    await expect.poll(visible(handheld, 'stock-home'), { timeout: 10_000 }).toBe(true);
    // HQ's ledger: 20 milk and 10 bread (found on the terminal's own screen, which names no device).
    for (const [code, quantity] of [
      [MILK.barcode, 20],
      [BREAD.barcode, 10],
    ] as const) {
      expect(
        await terminalApi(lane.serve.url, 'stock.adjust', { code, quantity, reason: 'found' }),
      ).toMatchObject({
        ok: true,
      });
    }
    await sell(MILK.barcode); // before the count: 19 milk
    await expect
      .poll(
        async () => {
          await terminalApi(lane.serve.url, 'sync.now');
          await terminalApi(kiosk.url, 'sync.now');
          return [await hqOnHand(server.db, milk), await hqOnHand(server.db, bread)];
        },
        { timeout: 10_000 },
      )
      .toEqual([19, 10]);

    // The till starts the department's count and counts the shelf.
    await till.getByTestId('stock-task-count').click();
    await till.getByTestId('stock-scope-department').click();
    await till.getByTestId('stock-scope-text').fill('Dairy');
    await till.getByTestId('stock-count-start').click();
    await expect.poll(visible(till, 'stock-count-session')).toBe(true);
    await countAt(till, 'Shelf A');
    await scanQuantity(till, MILK.barcode, 11);
    await expect.poll(countRows(till)).toEqual(['Fresh Milk 1 L Shelf A 11']);
    await scanQuantity(till, BREAD.barcode, 4);
    await expect.poll(countRows(till)).toContain('Toast Bread Shelf A 4');
    expect(await till.getByTestId('stock-device').count()).toBe(0);

    await sell(MILK.barcode); // between the lines, from the back room
    await sell(BREAD.barcode);

    // The handheld joins the same count and counts the back room.
    await handheldJoins();
    handheldName = (await handheld.getByTestId('stock-device').innerText()).replace('This device: ', '');
    expect(handheldName).toMatch(/^handheld-[0-9a-f]{8}$/);
    await countAt(handheld, 'Back room');
    await scanQuantity(handheld, MILK.barcode, 5);
    await scanQuantity(handheld, BREAD.barcode, 3);
    await expect
      .poll(async () => (await countRows(handheld)()).sort())
      .toEqual([
        'Fresh Milk 1 L Back room 5',
        'Fresh Milk 1 L Shelf A 11',
        'Toast Bread Back room 3',
        'Toast Bread Shelf A 4',
      ]);
    expect(await seriousViolations(handheld)).toEqual([]);
    await stockShots(handheld, ARTIFACTS, '01-handheld-count-device');

    await sell(MILK.barcode); // after the count
    const [sessionId] = await openSession();
    await till.getByTestId('stock-count-finish').click();
    await expect
      .poll(() => till.getByTestId('stock-notice').innerText())
      .toBe('Count finished: it goes up to HQ');

    // Milk: 11 + 5 counted when HQ expected 18 (20 − 2 sold): −2; the sale after leaves 15.
    // Bread: 4 + 3 counted when HQ expected 9 (10 − 1 sold between the lines): −2, so 7.
    await expect
      .poll(hqAfterSync(milk, sessionId!), { timeout: 10_000 })
      .toEqual({ onHand: 15, counted: -2 });
    expect(await hqAfterSync(bread, sessionId!)()).toEqual({ onHand: 7, counted: -2 });
  });

  it('the same item in the same location from both devices: HQ lists it for review, naming both', async () => {
    await till.getByRole('button', { name: 'Back', exact: true }).click();
    await till.getByTestId('stock-scope-location').click();
    await till.getByTestId('stock-scope-text').fill('Shelf B');
    await till.getByTestId('stock-count-start').click();
    await expect.poll(visible(till, 'stock-count-session')).toBe(true);
    await scanQuantity(till, BREAD.barcode, 2);
    await expect.poll(countRows(till)).toEqual(['Toast Bread Shelf B 2']);

    await handheldJoins();
    await scanQuantity(handheld, BREAD.barcode, 3);
    // The screen shows the running total of both, and that two devices counted it.
    await expect.poll(countRows(handheld)).toEqual(['Toast Bread Shelf B 5 · 2 devices']);
    expect(await handheld.getByTestId('stock-device').innerText()).toBe(`This device: ${handheldName}`);
    expect(await seriousViolations(handheld)).toEqual([]);
    await stockShots(handheld, ARTIFACTS, '02-handheld-same-place-two-devices');

    const reviews = async () => {
      await terminalApi(lane.serve.url, 'sync.now');
      const answer = await hqAdmin(server, 'GET', '/admin/v1/count-reviews?store=S001');
      const body = answer.body as {
        reviews?: { gtin: string; location: string; counts: { deviceId: string; counted: number }[] }[];
      };
      return (body.reviews ?? []).map((r) => ({
        gtin: r.gtin,
        location: r.location,
        counts: r.counts.map((c) => [c.deviceId, c.counted]).sort(),
      }));
    };
    await expect.poll(reviews, { timeout: 10_000 }).toEqual([
      {
        gtin: bread,
        location: 'Shelf B',
        counts: [
          ['T01', 2],
          [`T01:${handheldName}`, 3],
        ].sort(),
      },
    ]);
  });

  it('an adjustment on the handheld is named as its device, one on the till as the terminal', async () => {
    await handheld.getByTestId('stock-back').click();
    await handheld.getByTestId('stock-task-adjust').click();
    await handheld.getByTestId('stock-reason-damaged').click();
    expect(await handheld.getByTestId('stock-device').innerText()).toBe(`This device: ${handheldName}`);
    await scanQuantity(handheld, BREAD.barcode, 1);
    await expect.poll(() => handheld.getByTestId('stock-notice').innerText()).toMatch(/−1/);
    expect(await seriousViolations(handheld)).toEqual([]);
    await stockShots(handheld, ARTIFACTS, '03-handheld-adjust-device');
    const db = new Database(join(dir, 'stock', 'openlane.db'), { readonly: true });
    try {
      const adjusted = db
        .prepare("SELECT payload FROM outbox WHERE type = 'stock.adjusted' ORDER BY rowid")
        .all() as { payload: string }[];
      const devices = adjusted.map((row) => (JSON.parse(row.payload) as { deviceId: string }).deviceId);
      // Milk and bread found on the till at the start; the damaged bread on the handheld.
      expect(devices).toEqual(['T01', 'T01', `T01:${handheldName}`]);
    } finally {
      db.close();
    }
  });
});
