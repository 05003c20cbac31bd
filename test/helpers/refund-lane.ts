// A counter on real parts for the refund tests: a real SQLite file, the real payment simulator over HTTP
// (sales are rung up and paid through the counter's own tender flow), the refunds as the terminal wires
// them, one staff member of each role, a drawer that records each kick, and the printer's queue kept as
// the bytes it was sent. `restart()` closes it all and opens the same file again, refunds recovered.
import { createCheckoutContext, type DrawerReason } from '../../services/checkout/context';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import { createTenderFlow, type TenderFlow } from '../../services/counter/tender/tender-flow';
import { createEventHub } from '../../services/events';
import type { PaymentProvider } from '../../services/payments/provider';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PrinterSettings } from '../../services/receipts/printer-settings';
import { startRefunds, type TerminalRefunds } from '../../services/refund/refund-handlers';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { expect } from 'vitest';
import { eventually, openCheckout, press, value, type TestCheckout } from './checkout';
import { CASHIER, COUNTER_STAFF, STAFF_PINS, SUPERVISOR } from './staff';

export const SUPERVISOR_APPROVAL = { badge: SUPERVISOR.badge, pin: STAFF_PINS.supervisor };
const PRINTER: PrinterSettings = { path: '/dev/null', baudRate: 9600, columns: 42, encoding: 'gb18030' };

export interface RefundLane {
  checkout: TestCheckout;
  flow: PaymentFlow;
  tenders: TenderFlow;
  refunds: TerminalRefunds;
  drawer: DrawerReason[];
  /** What the printer was sent, each job as text (ESC/POS bytes read as latin1). */
  printed: string[];
  restart(): RefundLane;
  close(): void;
}

/** A counter with `increment` as its cash rounding, its payments and refunds at the simulator at `url`. */
export function openRefundLane(url: string, increment = 1, provider?: PaymentProvider): RefundLane {
  const checkout = openCheckout({
    role: 'counter',
    attendants: COUNTER_STAFF,
    counter: { ...DEFAULT_SETTINGS.counter, cashRoundingIncrement: increment },
  });
  return wire(checkout, provider ?? createSimulatorProvider({ baseUrl: url, timeoutMs: 1500 }), []);
}

function wire(checkout: TestCheckout, provider: PaymentProvider, printed: string[]): RefundLane {
  const drawer: DrawerReason[] = [];
  checkout.ctx.duty.current = { id: CASHIER.id, name: CASHIER.name, role: 'cashier' };
  checkout.ctx.drawer = { open: (reason) => void drawer.push(reason) };
  const flow = createPaymentFlow(checkout.ctx, provider, 'simulator');
  const tenders = createTenderFlow(checkout.ctx, flow.supervisor, provider);
  checkout.basket = basketHandlers(checkout.ctx, () => [], tenders.payByCode);
  const refunds = startRefunds(checkout.ctx, provider, PRINTER, async (bytes) => {
    printed.push(Buffer.from(bytes).toString('latin1'));
    return { ok: true, value: null };
  });
  const close = () => {
    flow.close();
    tenders.close();
    refunds.close();
  };
  return {
    checkout,
    flow,
    tenders,
    refunds,
    drawer,
    printed,
    restart() {
      close();
      const db = checkout.temp.reopen();
      const ctx = createCheckoutContext(db, checkout.ctx.settings, createEventHub());
      ctx.events.subscribe((event) => checkout.events.push(event));
      const again = wire({ ...checkout, ctx, db }, provider, printed);
      again.refunds.recover();
      return again;
    },
    close,
  };
}

/** Rings up `items` (code and quantity: pieces, or grams) and pays all of it in cash; the receipt number. */
export async function cashSale(
  lane: RefundLane,
  items: [string, number][],
  handed = 100_000,
): Promise<string> {
  await ringUp(lane, items);
  const view = value(await lane.tenders.handlers['tender.cash']({ handed }));
  value(await lane.checkout.basket['sale.finish']({}));
  return view.receipt!.receiptNumber;
}

/** Rings up `items` and pays all of it by the merchant QR, approved on the simulator's pay page. */
export async function qrSale(lane: RefundLane, items: [string, number][]): Promise<string> {
  await ringUp(lane, items);
  const qr = value(await lane.tenders.handlers['tender.qr']({}));
  expect((await press(qr.payment!.qrPayload!, 'approve')).ok).toBe(true);
  const receiptNumber = await eventually(
    'the QR sale completed',
    async () => value(await lane.tenders.handlers['tender.state']({})).receipt?.receiptNumber ?? null,
    10_000,
  );
  value(await lane.checkout.basket['sale.finish']({}));
  return receiptNumber;
}

async function ringUp(lane: RefundLane, items: [string, number][]): Promise<void> {
  for (const [code, quantity] of items) {
    const weighed = code.startsWith('kg:');
    const barcode = weighed ? code.slice(3) : code;
    for (let i = 0; i < (weighed ? 1 : quantity); i++)
      value(
        await lane.checkout.basket['basket.addScan']({
          code: barcode,
          source: 'keypad',
          ...(weighed ? { weightGrams: quantity } : {}),
        }),
      );
  }
}
