// A counter on real parts for the tender tests: a real SQLite file, the real payment simulator over
// HTTP, the payment flow and the counter's tender flow as a terminal builds them, a cashier signed in,
// and a drawer that records each time it is kicked. `restart()` closes it all and opens the same file
// again with new flows, as a terminal restarted on the same data dir.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import type { DrawerReason } from '../../services/checkout/context';
import { createCheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import { createTenderFlow, type TenderFlow } from '../../services/counter/tender/tender-flow';
import { createEventHub } from '../../services/events';
import type { PaymentProvider } from '../../services/payments/provider';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import { DEFAULT_SETTINGS } from '../../services/settings';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { openCheckout, startSimulator, type TestCheckout } from './checkout';

export const CASHIER = { id: 'C07', name: 'Chen Li', role: 'cashier' as const };

export interface TenderLane {
  checkout: TestCheckout;
  flow: PaymentFlow;
  tenders: TenderFlow;
  /** Every reason the drawer was opened for, in order. */
  drawer: DrawerReason[];
  restart(): TenderLane;
  close(): void;
}

/** A counter with `increment` as its cash rounding, paying at the simulator at `simulatorUrl`. */
export function openTenderLane(
  simulatorUrl: string,
  increment = 10,
  provider: PaymentProvider = createSimulatorProvider({ baseUrl: simulatorUrl, timeoutMs: 2000 }),
): TenderLane {
  const settings = {
    role: 'counter' as const,
    counter: { ...DEFAULT_SETTINGS.counter, cashRoundingIncrement: increment },
  };
  const checkout = openCheckout(settings);
  return wire(checkout, provider);
}

function wire(checkout: TestCheckout, provider: PaymentProvider): TenderLane {
  const drawer: DrawerReason[] = [];
  checkout.ctx.duty.current = CASHIER;
  checkout.ctx.drawer = { open: (reason) => void drawer.push(reason) };
  const flow = createPaymentFlow(checkout.ctx, provider, 'simulator');
  const tenders = createTenderFlow(checkout.ctx, flow.supervisor, provider);
  checkout.basket = basketHandlers(checkout.ctx, () => [], tenders.payByCode);
  const lane: TenderLane = {
    checkout,
    flow,
    tenders,
    drawer,
    restart() {
      flow.close();
      tenders.close();
      const db = checkout.temp.reopen();
      const ctx = createCheckoutContext(db, checkout.ctx.settings, createEventHub());
      ctx.events.subscribe((event) => checkout.events.push(event));
      const again = wire({ ...checkout, ctx, db }, provider);
      again.flow.recover();
      again.tenders.recover();
      return again;
    },
    close() {
      flow.close();
      tenders.close();
    },
  };
  return lane;
}

/**
 * For a test file of counter lanes: the payment simulator started once (its address is `url`), and every
 * lane pushed onto `lanes` closed and deleted after each test.
 */
export function useTenderLanes(): { readonly url: string; lanes: TenderLane[] } {
  let simulator: PaymentSimulator | undefined;
  const lanes: TenderLane[] = [];
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator?.close());
  afterEach(() => {
    for (const lane of lanes.splice(0)) {
      lane.close();
      lane.checkout.cleanup();
    }
  });
  return {
    get url() {
      if (!simulator) throw new Error('The payment simulator starts in beforeAll');
      return simulator.url;
    },
    lanes,
  };
}
