// The lane the wallet-code payment suites share (services/checkout/code-payment*.test.ts): real SQLite
// files, the real payment simulator over HTTP, and simulators of a test's own that are stopped and
// started again on the same port and state file, the way a store's network and power do it.
// useCodePaymentLane() registers the hooks (one simulator for the file; after each test every flow and
// extra simulator closed, and each checkout checked: nobody charged twice, no whole code written down)
// and returns the tools the tests build on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { getPayment, type PaymentRecord } from '../../db/payments';
import type { ApiResult, BasketView, PaymentView, ReceiptView } from '../../services/api/contract';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator, PaymentSimulatorOptions } from '../../services/payments/simulator/server';
import {
  PRODUCTS,
  expectChargedAtMostOnce,
  expectNoWholeCode,
  openCheckout,
  paymentFlowFor,
  startSimulator,
  value,
  waitFor,
  withFlow,
  type TestCheckout,
} from './checkout';

export interface CodePaymentLane {
  /** The file's simulator, started before its first test. */
  readonly sim: PaymentSimulator;
  /** A checkout with milk, bread and gum in an open basket (total 2390) and a flow on `baseUrl`. */
  basketReady(options?: {
    baseUrl?: string;
    timeoutMs?: number;
    paymentTimeoutSeconds?: number;
  }): Promise<{ checkout: TestCheckout; flow: PaymentFlow; api: PaymentFlow['handlers'] }>;
  /** A checkout with nothing in its basket (and no flow yet), checked after the test like the others. */
  openEmpty(): TestCheckout;
  /** A payment flow for `checkout` through the real provider, closed after the test. */
  flowOn(checkout: TestCheckout, baseUrl: string, timeoutMs?: number): PaymentFlow;
  /** Closes every flow opened so far, as the kiosk process dying would. */
  closeFlows(): void;
  /** The simulator started on `port` (where one was before), closed after the test. */
  simulatorOn(port: number): Promise<PaymentSimulator>;
  /** A simulator of the test's own, on a fresh port, keeping its state in a file so it can be restarted. */
  ownSimulator(options?: Omit<PaymentSimulatorOptions, 'port'>): Promise<{
    first: PaymentSimulator;
    url: string;
    /** Starts it again on the same port and file (without the fault options). */
    restart(): Promise<PaymentSimulator>;
  }>;
}

/** Registers the lane's hooks in the calling test file and returns its tools. */
export function useCodePaymentLane(): CodePaymentLane {
  let sim: PaymentSimulator | undefined;
  const opened: TestCheckout[] = [];
  const flows: PaymentFlow[] = [];
  const extraSimulators: PaymentSimulator[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim?.close());
  afterEach(async () => {
    for (const flow of flows.splice(0)) flow.close();
    for (const simulator of extraSimulators.splice(0)) await simulator.close();
    for (const checkout of opened.splice(0)) {
      // Whatever happened, nobody was charged twice, and the whole wallet code was never written down.
      expectChargedAtMostOnce(checkout.db);
      expectNoWholeCode(checkout);
      checkout.cleanup();
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const fileSimulator = (): PaymentSimulator => {
    if (!sim) throw new Error('useCodePaymentLane: the simulator runs only inside the file’s tests');
    return sim;
  };

  const flowOn = (checkout: TestCheckout, baseUrl: string, timeoutMs = 2000): PaymentFlow => {
    const flow =
      timeoutMs === 2000
        ? paymentFlowFor(checkout, baseUrl)
        : withFlow(
            checkout,
            createPaymentFlow(checkout.ctx, createSimulatorProvider({ baseUrl, timeoutMs }), 'simulator'),
          );
    flows.push(flow);
    return flow;
  };

  const simulatorOn = async (port: number): Promise<PaymentSimulator> => {
    const started = await startSimulator(port);
    extraSimulators.push(started);
    return started;
  };

  return {
    get sim() {
      return fileSimulator();
    },
    async basketReady(options = {}) {
      const checkout = openCheckout(
        options.paymentTimeoutSeconds ? { paymentTimeoutSeconds: options.paymentTimeoutSeconds } : {},
      );
      opened.push(checkout);
      for (const item of [PRODUCTS.milk, PRODUCTS.bread, PRODUCTS.gum])
        value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
      const flow = flowOn(checkout, options.baseUrl ?? fileSimulator().url, options.timeoutMs);
      return { checkout, flow, api: flow.handlers };
    },
    openEmpty() {
      const checkout = openCheckout();
      opened.push(checkout);
      return checkout;
    },
    flowOn,
    closeFlows() {
      for (const flow of flows.splice(0)) flow.close();
    },
    simulatorOn,
    async ownSimulator(options = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'openlane-sim-'));
      dirs.push(dir);
      const stateFile = join(dir, 'simulator.json');
      const first = await startSimulator(0, { stateFile, ...options });
      const port = Number(new URL(first.url).port);
      return {
        first,
        url: first.url,
        async restart() {
          const again = await startSimulator(port, { stateFile });
          extraSimulators.push(again);
          return again;
        },
      };
    },
  };
}

/** Scans a wallet code at the kiosk's camera. */
export const scanCode = (checkout: TestCheckout, code: string): Promise<ApiResult<BasketView>> =>
  checkout.basket['basket.addScan']({ code, source: 'camera' });

/** The receipts of the checkout's completed sales, in order. */
export const receipts = (checkout: TestCheckout): ReceiptView[] =>
  checkout.events.flatMap((e) => (e.type === 'sale.completed' ? [e.receipt] : []));

/** Every state payment `id` was announced in, in order. */
export const paymentEvents = (checkout: TestCheckout, id: string): PaymentView[] =>
  checkout.events.flatMap((e) => (e.type === 'payment.changed' && e.payment.id === id ? [e.payment] : []));

/** Waits for the stored payment to reach `status`, and returns it. */
export function waitForStatus(
  checkout: TestCheckout,
  paymentId: string,
  status: string,
  timeoutMs = 3000,
): Promise<PaymentRecord> {
  return waitFor(
    `payment ${paymentId} to be ${status}`,
    () => {
      const now = getPayment(checkout.db, paymentId)!;
      return now.status === status && now;
    },
    timeoutMs,
  );
}
