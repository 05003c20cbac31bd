// The same receipt refunded at two terminals, through the terminals' own refund handlers (services/refund)
// and a real HQ on PGlite: a sale made at K01 with the shopper's wallet code through the real checkout and
// payment simulator, pushed up its real outbox; C02 finds it at HQ and refunds a line (the wallet refunded
// at the simulator); K01, online, is refused that line; K01 with HQ out of reach may refund it only with
// a supervisor's approval, and once its outbox goes up HQ flags the excess, naming both terminals, both
// cashiers and the supervisor who approved.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import type { RefundView } from '../../services/api/contract';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { startRefunds, type TerminalRefunds } from '../../services/refund/refund-handlers';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import {
  createHqClient,
  createHqRefundDesk,
  enrolTerminal,
  loadCredentials,
  syncOnce,
} from '../../services/sync';
import { PRODUCTS, WALLET, startSimulator } from '../helpers/checkout';
import { startBackend, type TestBackend } from '../helpers/postgres';
import { CASHIER, COUNTER_STAFF, STAFF_PINS, SUPERVISOR } from '../helpers/staff';

const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');
const APPROVAL = { badge: SUPERVISOR.badge, pin: STAFF_PINS.supervisor };
// The bread (850 of the 21.40 paid): after one refund of it the wallet payment still has 12.90 to give,
// so a second refund of it goes through at the provider, and only HQ can tell it was one too many.
const BREAD = [{ line: 1, quantity: 1, reason: 'changed_mind' as const, disposition: 'restock' as const }];

interface Till {
  id: string;
  store: TerminalStore;
  ctx: CheckoutContext;
  refunds: TerminalRefunds;
  basket: ReturnType<typeof basketHandlers>;
  sync(): ReturnType<typeof syncOnce>;
  close(): void;
}

describe('one receipt refunded at two terminals', () => {
  let backend: TestBackend;
  let server: RunningServer;
  let sim: PaymentSimulator;
  const dirs: string[] = [];
  const tills: Till[] = [];

  /** A counter's data dir as `openlane serve` opens it, enrolled with HQ, its catalog pulled, a cashier on duty. */
  async function till(terminalId: string, cashierId: string): Promise<Till> {
    const dir = mkdtempSync(join(tmpdir(), `openlane-refund-${terminalId}-`));
    dirs.push(dir);
    openTerminalStore(dir).db.close();
    const settingsPath = join(dir, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
    const staff = COUNTER_STAFF.map((s) => (s.id === CASHIER.id ? { ...s, id: cashierId } : s));
    writeFileSync(
      settingsPath,
      JSON.stringify({ ...settings, storeId: 'S001', terminalId, role: 'counter', attendants: staff }),
    );
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: terminalId });
    const store = openTerminalStore(dir);
    const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
    ctx.duty.current = { id: cashierId, name: CASHIER.name, role: 'cashier' };
    const credentials = loadCredentials(dir)!;
    ctx.refundDesk.current = createHqRefundDesk(credentials, { timeZone: 'Asia/Shanghai' });
    const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 });
    const flow = createPaymentFlow(ctx, provider, 'simulator');
    const refunds = startRefunds(ctx, provider, null, async () => ({ ok: true, value: null }));
    const t: Till = {
      id: terminalId,
      store,
      ctx,
      refunds,
      basket: basketHandlers(ctx, () => [], flow.payByCode),
      sync: () => syncOnce(store.db, createHqClient(credentials), { currency: store.settings.currency }),
      close() {
        refunds.close();
        flow.close();
        if (store.db.open) store.db.close();
      },
    };
    tills.push(t);
    expect(await t.sync()).toMatchObject({ rejected: 0 });
    return t;
  }

  async function sell(t: Till, items: (typeof milk)[]): Promise<string> {
    const basket = t.basket;
    for (const item of items) {
      const added = await basket['basket.addScan']({ code: item.barcode, source: 'keypad' });
      if (!added.ok) throw new Error(`scan ${item.barcode}: ${added.error.message}`);
    }
    const paid = await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' });
    if (!paid.ok || paid.value.status !== 'paid') throw new Error(`not paid: ${JSON.stringify(paid)}`);
    const row = t.store.db
      .prepare('SELECT receipt_number FROM sales ORDER BY sequence DESC LIMIT 1')
      .get() as { receipt_number: string };
    return row.receipt_number;
  }

  /** Waits until the refund's every tender is settled, as the screen does. */
  async function settled(t: Till, refund: RefundView): Promise<RefundView> {
    let view = refund;
    await expect
      .poll(
        async () => {
          const got = await t.refunds.handlers['refund.get']({ refundId: refund.id });
          if (got.ok) view = got.value;
          if (view.state === 'needs_attention') throw new Error(JSON.stringify(view.tenders));
          return view.state;
        },
        { timeout: 10_000 },
      )
      .toBe('done');
    return view;
  }

  beforeAll(async () => {
    backend = await startBackend('pglite');
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

  it('online the second terminal is refused; offline it needs a supervisor, and HQ flags the excess', async () => {
    const k01 = await till('K01', 'C01');
    const c02 = await till('C02', 'C07');
    const receiptNumber = await sell(k01, [milk, bread]);
    await k01.sync();

    // C02 finds K01's sale at HQ and gives the bread back to the shopper's wallet.
    const found = await c02.refunds.handlers['refund.find']({ query: receiptNumber });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value).toMatchObject({ source: 'hq', offline: false, terminalId: 'K01' });
    expect(found.value.lines[1]).toMatchObject({ sold: 1, refundableQuantity: 1, paid: bread.price });
    const started = await c02.refunds.handlers['refund.start']({ receiptNumber, lines: BREAD });
    if (!started.ok) throw new Error(started.error.message);
    const done = await settled(c02, started.value);
    expect(done).toMatchObject({ total: bread.price, receiptNumber });
    expect(done.tenders).toEqual([expect.objectContaining({ kind: 'wallet_code', status: 'paid' })]);

    // K01, online, sees the bread already back and is refused it.
    const again = await k01.refunds.handlers['refund.find']({ query: receiptNumber });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.lines[1]).toMatchObject({ refundedQuantity: 1, refundableQuantity: 0 });
    const refused = await k01.refunds.handlers['refund.start']({ receiptNumber, lines: BREAD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refund_exceeds_sale' } });

    // HQ out of reach: K01 knows only its own refunds (none), so the bread may go back once more, but
    // only with a supervisor's badge and PIN.
    k01.ctx.refundDesk.current = createHqRefundDesk(
      { ...loadCredentials(dirs[0]!)!, serverUrl: 'http://127.0.0.1:9' },
      { timeZone: 'Asia/Shanghai' },
    );
    const offline = await k01.refunds.handlers['refund.find']({ query: receiptNumber });
    expect(offline).toMatchObject({ ok: true, value: { source: 'local', offline: true } });
    const unapproved = await k01.refunds.handlers['refund.start']({ receiptNumber, lines: BREAD });
    expect(unapproved).toMatchObject({ ok: false, error: { code: 'approval_needed' } });
    const approved = await k01.refunds.handlers['refund.start']({
      receiptNumber,
      lines: BREAD,
      approval: APPROVAL,
    });
    if (!approved.ok) throw new Error(approved.error.message);
    expect(await settled(k01, approved.value)).toMatchObject({ approvedBy: SUPERVISOR.id });

    // Back online, K01's refund goes up and HQ flags the bread given back twice, naming both tills and cashiers.
    await k01.sync();
    const { rows } = await server.db.query<{ terminal_ids: string[]; staff_ids: string[] }>(
      'SELECT terminal_ids, staff_ids FROM refund_flags',
    );
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.terminal_ids].sort()).toEqual(['C02', 'K01']);
    // Both cashiers, and the supervisor who approved the offline refund.
    expect([...rows[0]!.staff_ids].sort()).toEqual(['C01', 'C07', SUPERVISOR.id]);
  });
});
