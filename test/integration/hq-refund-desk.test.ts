// The terminal's refund desk (services/sync/hq-refund-desk.ts) against a real HQ, on PGlite and on a real
// PostgreSQL: a sale made at one terminal through the real checkout and payment simulator, pushed through
// its real outbox, found by another terminal's desk with its lines and what each cost; a claim granted
// and the same line refused to the next terminal (online, the second is refused); refunds sent up through
// both terminals' outboxes, the offline one beyond the sale flagged at HQ with both terminals and staff;
// restocked lines back in stock, written-off ones not; the search; HQ away or slow is `reachable: false`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/uuid7';
import { appendEvent } from '../../db/outbox';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import type { HqRefundDesk } from '../../services/refund/hq-desk';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import {
  createHqClient,
  createHqRefundDesk,
  enrolTerminal,
  loadCredentials,
  syncOnce,
} from '../../services/sync';
import { refundPayload } from '../helpers/refund-events';
import { PRODUCTS, WALLET, startSimulator } from '../helpers/checkout';
import { BACKENDS, freePort, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');

interface Till {
  id: string;
  dir: string;
  store: TerminalStore;
  desk: HqRefundDesk;
  sell(items: (typeof milk)[]): Promise<string>;
  sync(): ReturnType<typeof syncOnce>;
  close(): void;
}

describe.each(BACKENDS)('the refund desk against HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let sim: PaymentSimulator;
  const dirs: string[] = [];
  const tills: Till[] = [];

  /** A terminal data dir as `openlane serve` opens it, enrolled with HQ, its catalog pulled. */
  async function till(terminalId: string): Promise<Till> {
    const dir = mkdtempSync(join(tmpdir(), `openlane-desk-${terminalId}-`));
    dirs.push(dir);
    openTerminalStore(dir).db.close();
    const settingsPath = join(dir, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsPath, JSON.stringify({ ...settings, storeId: 'S001', terminalId }));
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: terminalId });
    const store = openTerminalStore(dir);
    const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
    const flow = createPaymentFlow(
      ctx,
      createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 }),
      'simulator',
    );
    const basket = basketHandlers(ctx, () => [], flow.payByCode);
    const credentials = loadCredentials(dir)!;
    const t: Till = {
      id: terminalId,
      dir,
      store,
      desk: createHqRefundDesk(credentials, { timeZone: 'Asia/Shanghai' }),
      async sell(items) {
        for (const item of items) {
          const added = await basket['basket.addScan']({ code: item.barcode, source: 'keypad' });
          if (!added.ok) throw new Error(`scan ${item.barcode}: ${added.error.message}`);
        }
        const paid = await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' });
        if (!paid.ok || paid.value.status !== 'paid') throw new Error(`not paid: ${JSON.stringify(paid)}`);
        const row = store.db
          .prepare('SELECT receipt_number FROM sales ORDER BY sequence DESC LIMIT 1')
          .get() as {
          receipt_number: string;
        };
        return row.receipt_number;
      },
      sync: () => syncOnce(store.db, createHqClient(credentials), { currency: store.settings.currency }),
      close() {
        flow.close();
        if (store.db.open) store.db.close();
      },
    };
    tills.push(t);
    expect(await t.sync()).toMatchObject({ pulled: 2, rejected: 0 });
    return t;
  }

  const refundOf = (t: Till, fields: Parameters<typeof refundPayload>[0]) =>
    refundPayload({ terminalId: t.id, refundNumber: `${t.id}-R-1`, ...fields });
  /** The engine writes a refund's event in the refund's own transaction; here it is the only change. */
  const inTransaction = (t: Till, write: (db: TerminalStore['db']) => void) =>
    t.store.db.transaction(() => write(t.store.db))();
  const onHand = async (gtin: string) => {
    const { rows } = await server.db.query<{ on_hand: unknown }>(
      'SELECT on_hand FROM stock_levels WHERE gtin = $1',
      [gtin],
    );
    return Number(rows[0]?.on_hand ?? 0);
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    sim = await startSimulator();
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const t of tills.splice(0)) t.close();
    await server?.close();
    await sim?.close();
    await backend?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds a sale another terminal pushed, claims it once, and HQ flags the offline refund beyond it', async () => {
    const k01 = await till('K01');
    const c02 = await till('C02');
    const receiptNumber = await k01.sell([milk, milk, bread]);
    // Not at HQ until K01's outbox goes up.
    expect(await c02.desk.findSale(receiptNumber)).toEqual({ reachable: true, value: null });
    expect(await k01.sync()).toMatchObject({ pushed: expect.any(Number), rejected: 0 });

    const found = await c02.desk.findSale(receiptNumber);
    if (!found.reachable || !found.value) throw new Error(`not found: ${JSON.stringify(found)}`);
    const sale = found.value;
    const receipt = sale.receipt as {
      lines: { name: string; quantity: number; lineTotal: number }[];
      payments: { maskedCode?: string }[];
    };
    expect(sale).toMatchObject({
      receiptNumber,
      storeId: 'S001',
      terminalId: 'K01',
      total: 2 * milk.price + bread.price,
    });
    // Inclusive tax, no discount: each line cost its lineTotal, and together the total.
    expect(sale.lines.map((l) => [l.gtin, l.name, l.sold, l.paid, l.refundedQuantity])).toEqual(
      receipt.lines.map((l, i) => [[milk, bread][i]!.gtin, l.name, l.quantity, l.lineTotal, 0]),
    );
    expect(sale.lines.map((l) => l.sold)).toEqual([2, 1]);
    const masked = receipt.payments[0]!.maskedCode!;
    expect(masked).toMatch(/\*{4}/);
    expect(sale.tenders).toEqual([
      expect.objectContaining({
        kind: 'wallet_code',
        amount: sale.total,
        provider: 'simulator',
        maskedCode: masked,
        refunded: 0,
      }),
    ]);

    // Online: C02 claims both milks; K01, asked for one more, is refused line by line.
    const c02Refund = uuidv7();
    const claim = { receiptNumber, lines: [{ line: 0, quantity: 2 }] };
    expect(
      await c02.desk.claim({ ...claim, refundId: c02Refund, terminalId: 'C02', staffId: 'S09' }),
    ).toEqual({
      reachable: true,
      value: { granted: true },
    });
    expect(
      await k01.desk.claim({
        ...claim,
        refundId: uuidv7(),
        terminalId: 'K01',
        staffId: 'S07',
        lines: [{ line: 0, quantity: 1 }],
      }),
    ).toEqual({
      reachable: true,
      value: {
        granted: false,
        code: 'refund_exceeds_sale',
        lines: [{ line: 0, sold: 2, refunded: 2, asked: 1 }],
      },
    });

    // A claim given back frees its lines; C02 claims them again.
    const spare = uuidv7();
    expect(
      await k01.desk.claim({
        ...claim,
        refundId: spare,
        terminalId: 'K01',
        staffId: 'S07',
        lines: [{ line: 1, quantity: 1 }],
      }),
    ).toMatchObject({ value: { granted: true } });
    expect(await k01.desk.release!(spare)).toEqual({ reachable: true, value: true });
    expect(await k01.desk.release!(spare)).toEqual({ reachable: true, value: false });

    // C02 refunds what it claimed (milk back on the shelf); K01, offline, refunds a milk anyway with a
    // supervisor's approval (written off) and the bread (restocked). Both go up through their outboxes.
    const milkBefore = await onHand(milk.gtin);
    const breadBefore = await onHand(bread.gtin);
    const paid = sale.lines.map((l) => l.paid);
    const line = (i: number, quantity: number, amount: number, disposition: 'restock' | 'write_off') => ({
      line: i,
      gtin: sale.lines[i]!.gtin,
      unit: 'each' as const,
      quantity,
      amount,
      reason: 'damaged' as const,
      disposition,
    });
    const online = refundOf(c02, {
      id: c02Refund,
      receiptNumber,
      staffId: 'S09',
      lines: [line(0, 2, paid[0]!, 'restock')],
    });
    inTransaction(c02, (db) => appendEvent(db, 'refund.completed', online));
    const offline = refundOf(k01, {
      receiptNumber,
      staffId: 'S07',
      approvedBy: 'S01',
      offline: true,
      lines: [line(0, 1, Math.floor(paid[0]! / 2), 'write_off'), line(1, 1, paid[1]!, 'restock')],
    });
    inTransaction(k01, (db) => appendEvent(db, 'refund.completed', offline));
    expect(await c02.sync()).toMatchObject({ rejected: 0 });
    expect(await k01.sync()).toMatchObject({ rejected: 0 });

    expect(await onHand(milk.gtin)).toBe(milkBefore + 2);
    expect(await onHand(bread.gtin)).toBe(breadBefore + 1);
    const { rows } = await server.db.query<{
      refund_id: string;
      terminal_ids: string[];
      staff_ids: string[];
      lines: unknown;
    }>('SELECT refund_id, terminal_ids, staff_ids, lines FROM refund_flags WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.refund_id).toBe(offline.id);
    expect([...rows[0]!.terminal_ids].sort()).toEqual(['C02', 'K01']);
    expect([...rows[0]!.staff_ids].sort()).toEqual(['S01', 'S07', 'S09']);
    expect(rows[0]!.lines).toEqual([
      { line: 0, sold: 2, before: 2, refunded: 1, excess: 1, excessAmount: Math.floor(paid[0]! / 2) },
    ]);

    const after = await c02.desk.findSale(receiptNumber);
    if (!after.reachable || !after.value) throw new Error('gone');
    expect(after.value.lines.map((l) => [l.refundedQuantity, l.refundedAmount])).toEqual([
      [3, paid[0]! + Math.floor(paid[0]! / 2)],
      [1, paid[1]!],
    ]);

    // The search, by the terminal's local day, the amount and the code's last digits.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const searched = await c02.desk.searchSales({
      date: today,
      amount: sale.total,
      maskedCode: masked.slice(-4),
    });
    expect(searched).toMatchObject({
      reachable: true,
      value: [expect.objectContaining({ receiptNumber, maskedCodes: [masked] })],
    });
    expect(await c02.desk.searchSales({ amount: sale.total + 1 })).toEqual({ reachable: true, value: [] });
  });

  it('says HQ is unreachable when it is away, slow or failing, and null for a sale it does not have', async () => {
    const c03 = await till('C03');
    expect(await c03.desk.findSale('S001-K09-000001')).toEqual({ reachable: true, value: null });
    expect(await c03.desk.findSale('not a receipt')).toEqual({ reachable: true, value: null });
    const credentials = loadCredentials(c03.dir)!;

    const away = createHqRefundDesk({ ...credentials, serverUrl: `http://127.0.0.1:${await freePort()}` });
    const gone = await away.findSale('S001-K01-000001');
    expect(gone).toMatchObject({
      reachable: false,
      why: expect.stringMatching(/cannot be reached \(ECONNREFUSED\)/),
    });

    // Accepts the connection and never answers.
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const failing: Server = createServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ok: false,
          error: { code: 'unavailable', message: 'the HQ database is not answering' },
        }),
      );
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const url = (s: Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}`;
    try {
      const slow = createHqRefundDesk({ ...credentials, serverUrl: url(hanging) }, { timeoutMs: 300 });
      const started = Date.now();
      expect(
        await slow.claim({
          refundId: uuidv7(),
          receiptNumber: 'S001-K01-000001',
          terminalId: 'C03',
          staffId: 'S1',
          lines: [{ line: 0, quantity: 1 }],
        }),
      ).toMatchObject({
        reachable: false,
        why: expect.stringMatching(/did not answer in time/),
      });
      expect(Date.now() - started).toBeLessThan(5000);
      const down = createHqRefundDesk({ ...credentials, serverUrl: url(failing) });
      expect(await down.searchSales({ amount: 100 })).toMatchObject({
        reachable: false,
        why: expect.stringMatching(/not answering/),
      });
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
