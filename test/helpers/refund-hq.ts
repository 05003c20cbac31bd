// An HQ for the refund tests (test/integration/hq-refund*.test.ts): a server on PGlite or PostgreSQL with
// two counters of store S001 and one of S002, counter sales as db/tendered-sale.ts writes them (a sale
// discount, a wallet code and cash), and the calls a terminal makes, over real HTTP.
import { expect } from 'vitest';
import { buildReceipt, formatReceiptNumber } from '../../core/receipt';
import { saleEvent, type CounterSalePayload } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { call, enrolDevice, startBackend, type BackendKind, type HqReply, type TestDevice } from './postgres';

export const TEA = '06900000000014';
export const RICE = '06900000000021';
export const SOAP = '06900000000038';
let sequence = 0;
export const ADMIN = 'refund-test-admin-token-0123456789';

/** A counter sale as db/tendered-sale.ts writes it: 10.00 off, a wallet code and cash. */
export function counterSale(
  store: string,
  terminal: string,
  soldAt: Date,
  options: { training?: boolean } = {},
) {
  const receiptNumber = formatReceiptNumber(store, terminal, ++sequence);
  const receipt = buildReceipt({
    receiptNumber,
    storeName: 'OpenLane Market',
    storeAddress: '1 Market Road',
    soldAt: soldAt.toISOString(),
    currency: 'CNY',
    taxMode: 'inclusive',
    lines: [
      { name: 'Oolong tea', unit: 'each', quantity: 3, unitPrice: 1000, taxRateBp: 1300 },
      { name: 'Rice 5 kg', unit: 'each', quantity: 1, unitPrice: 5000, taxRateBp: 900 },
      { name: 'Soap', unit: 'each', quantity: 2, unitPrice: 500, taxRateBp: 1300 },
    ],
    saleDiscount: { kind: 'amount', value: 1000 },
    payments: [],
    eReceiptBaseUrl: 'https://r.example',
  });
  const paymentId = uuidv7();
  // 80.00 after the discount: 50.00 by wallet code, 30.00 in cash.
  receipt.payments.push(
    {
      method: 'payment_code',
      provider: 'wechat',
      amount: 5000,
      reference: 'PAY-7',
      wallet: 'WeChat Pay',
      maskedCode: '1345****7788',
    },
    { method: 'cash', provider: '', amount: 3000, reference: '', tendered: 5000 },
  );
  const payload: CounterSalePayload = {
    id: uuidv7(),
    basketId: uuidv7(),
    paymentId: null,
    receiptNumber,
    sequence,
    storeId: store,
    terminalId: terminal,
    currency: 'CNY',
    total: receipt.totals.total,
    taxTotal: receipt.totals.taxTotal,
    soldAt: soldAt.toISOString(),
    receipt,
    lines: [
      { gtin: TEA, quantity: 3 },
      { gtin: RICE, quantity: 1 },
      { gtin: SOAP, quantity: 2 },
    ],
    tenders: [
      { kind: 'wallet_code', amount: 5000, paymentId },
      { kind: 'cash', amount: 3000, tendered: 5000 },
    ],
    cashRounding: 0,
    change: 2000,
    staffId: 'S07',
    shiftId: null,
    ...(options.training ? { training: true } : {}),
  };
  return { event: saleEvent(payload, soldAt), receiptNumber, paymentId };
}

/** A refunded line (its GTIN left for HQ to find from the sale), changed_mind, restocked by default. */
export const refundLine = (
  index: number,
  quantity: number,
  amount: number,
  disposition: 'restock' | 'write_off' = 'restock',
) => ({
  line: index,
  gtin: null,
  unit: 'each' as const,
  quantity,
  amount,
  reason: 'changed_mind' as const,
  disposition,
});

export interface RefundHq {
  server: RunningServer;
  c01: TestDevice;
  c02: TestDevice;
  /** A counter of another store, S002. */
  other: TestDevice;
  push(
    device: TestDevice,
    events: unknown[],
  ): Promise<{ id: string; status: string; code?: string; reason?: string }[]>;
  get(device: TestDevice, path: string): Promise<HqReply>;
  claim(device: TestDevice, body: unknown): Promise<HqReply>;
  /** Store S001's on-hand of a product. */
  onHand(gtin: string): Promise<number>;
  /** A counter sale by the device (C01, or C09 for another), pushed and applied. */
  sold(
    device?: TestDevice,
    soldAt?: Date,
    options?: { training?: boolean },
  ): Promise<ReturnType<typeof counterSale>>;
  close(): Promise<void>;
}

/** Starts the HQ (with the admin API on, token ADMIN) and enrols its counters. */
export async function startRefundHq(kind: BackendKind): Promise<RefundHq> {
  const backend = await startBackend(kind);
  const server = await startServer({
    port: 0,
    dataDir: backend.dataDir,
    databaseUrl: backend.databaseUrl,
    adminToken: ADMIN,
  });
  const c01 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'C01');
  const c02 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'C02');
  const other = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S002'), 'C01');
  const push: RefundHq['push'] = async (device, events) => {
    const reply = await call(server.url, 'POST', '/v1/events', { token: device.token, body: { events } });
    expect(reply.status).toBe(200);
    return reply.body.results;
  };
  return {
    server,
    c01,
    c02,
    other,
    push,
    get: (device, path) => call(server.url, 'GET', path, { token: device.token }),
    claim: (device, body) => call(server.url, 'POST', '/v1/refund-claims', { token: device.token, body }),
    async onHand(gtin) {
      const { rows } = await server.db.query<{ on_hand: unknown }>(
        `SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id
         WHERE s.code = 'S001' AND l.gtin = $1`,
        [gtin],
      );
      return Number(rows[0]?.on_hand ?? 0);
    },
    async sold(device = c01, soldAt = new Date(), options = {}) {
      const sale = counterSale(device.storeCode, device === c01 ? 'C01' : 'C09', soldAt, options);
      expect(await push(device, [sale.event])).toEqual([{ id: sale.event.id, status: 'applied' }]);
      return sale;
    },
    async close() {
      await server.close();
      await backend.stop();
    },
  };
}
