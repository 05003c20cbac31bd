// Sales as a terminal sends them, for tests and benches that talk to HQ without a terminal: the
// payload db/sales.ts writes (receipt made by core/receipt, stock lines, the payment), wrapped by
// core/sync's saleEvent.
import { buildReceipt, formatReceiptNumber } from '../../core/receipt';
import { saleEvent, type SalePayload, type WireEvent } from '../../core/sync';
import type { Unit } from '../../core/types';
import { uuidv7 } from '../../core/uuid7';

export interface SoldItem {
  gtin: string;
  name: string;
  /** Pieces, or grams for `kg`. */
  quantity: number;
  unitPrice: number;
  unit?: Unit;
}

export interface SaleInput {
  store: string;
  terminal: string;
  lines: readonly SoldItem[];
  soldAt?: Date;
  /** The terminal's receipt sequence; by default the next of this module's own counter. */
  sequence?: number;
}

let lastSequence = 0;

/** A `sale.completed` payload exactly as db/sales.ts writes it, paid in CNY by the simulator. */
export function salePayload(input: SaleInput): SalePayload {
  const sequence = input.sequence ?? ++lastSequence;
  const soldAt = (input.soldAt ?? new Date()).toISOString();
  const receiptNumber = formatReceiptNumber(input.store, input.terminal, sequence);
  const lines = input.lines.map((l) => ({ ...l, unit: l.unit ?? ('each' as const) }));
  const receipt = buildReceipt({
    receiptNumber,
    storeName: `OpenLane Market ${input.store}`,
    storeAddress: '1 Market Road',
    soldAt,
    currency: 'CNY',
    taxMode: 'inclusive',
    lines: lines.map((l) => ({ ...l, taxRateBp: 1300 })),
    payments: [],
    eReceiptBaseUrl: 'https://receipts.example',
  });
  const paymentId = uuidv7();
  const reference = `PAY-${receiptNumber}`;
  receipt.payments.push({ method: 'qr', provider: 'simulator', amount: receipt.totals.total, reference });
  return {
    id: uuidv7(),
    basketId: uuidv7(),
    paymentId,
    receiptNumber,
    sequence,
    storeId: input.store,
    terminalId: input.terminal,
    currency: 'CNY',
    total: receipt.totals.total,
    taxTotal: receipt.totals.taxTotal,
    soldAt,
    receipt,
    lines: lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice })),
    payment: {
      id: paymentId,
      reference,
      provider: 'simulator',
      providerRef: `sim-${paymentId}`,
      amount: receipt.totals.total,
    },
    tenders: [{ kind: 'merchant_qr', amount: receipt.totals.total, paymentId }],
  };
}

/** A `sale.completed` event of `lines`, sold at `soldAt` (now by default). */
export function sale(
  store: string,
  terminal: string,
  lines: readonly SoldItem[],
  soldAt: Date = new Date(),
): WireEvent<'sale.completed', SalePayload> {
  return saleEvent(salePayload({ store, terminal, lines, soldAt }), soldAt);
}
