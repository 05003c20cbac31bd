// GET /v1/sales/{receiptNumber}: a sale of the device's store as a refund needs it (core/sync's
// HqSaleView) — the receipt, how it was paid, what each line cost the shopper, and what has come back of
// each line and tender so far, across every terminal of the store.
import { z } from 'zod';
import { linesPaid, partAmount, type PaidBasis } from '../../core/refund';
import type { HqSaleView, RefundableLine } from '../../core/sync';
import type { TenderKind } from '../../core/types';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';
import { findSale, isObject, soldLines, takenBack, type HeldSale, type Taken } from './sale-state';

const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const paidInput = z.object({
  taxMode: z.enum(['inclusive', 'exclusive']),
  lines: z.array(
    z.object({
      unit: z.enum(['each', 'kg']),
      quantity: amount,
      lineTotal: amount,
      taxRateBp: z.number().int().min(0).max(10_000),
      paid: amount.optional(),
    }),
  ),
  totals: z.object({ total: amount, saleDiscount: amount.optional() }),
  taxes: z
    .array(
      z.object({ taxRateBp: z.number().int().min(0).max(10_000), net: amount, tax: amount, gross: amount }),
    )
    .optional(),
}) satisfies z.ZodType<PaidBasis>;

/** The view of the store's sale with this receipt number, or null when the store has none. */
export async function saleView(
  q: Queryable,
  store: { storeId: string; storeCode: string },
  receiptNumber: string,
): Promise<HqSaleView | null> {
  const { storeId } = store;
  const sale = await findSale(q, storeId, receiptNumber);
  if (!sale) return null;
  const taken = await takenBack(q, storeId, sale);
  const receipt = isObject(sale.payload.receipt) ? sale.payload.receipt : {};
  const tenders = saleTenders(sale.payload, receipt);
  await addRefundedTenders(q, storeId, sale, tenders);
  return {
    receiptNumber: sale.receiptNumber,
    storeId: store.storeCode,
    terminalId: sale.terminalId,
    soldAt: typeof sale.payload.soldAt === 'string' ? sale.payload.soldAt : sale.soldAt.toISOString(),
    currency: sale.currency,
    total: sale.total,
    receipt,
    tenders,
    lines: refundableLines(sale, receipt, taken),
    training: sale.training,
  };
}

/** Each line with what it cost the shopper and what has come back of it (claims at their part's money). */
function refundableLines(
  sale: HeldSale,
  receipt: Record<string, unknown>,
  taken: readonly Taken[],
): RefundableLine[] {
  const lines = soldLines(sale.payload);
  const paid = paidOf(receipt, lines.length);
  return lines.map((line, i) => {
    const back = { quantity: 0, amount: 0 };
    for (const t of taken) {
      if (t.line !== i) continue;
      const money = t.amount ?? partAmount({ sold: line.sold, paid: paid[i]! }, back, t.quantity);
      back.quantity += t.quantity;
      back.amount += money;
    }
    return {
      line: i,
      gtin: line.gtin,
      name: line.name,
      unit: line.unit,
      sold: line.sold,
      paid: paid[i]!,
      refundedQuantity: back.quantity,
      refundedAmount: back.amount,
    };
  });
}

/**
 * What each line cost (core/refund/paid.ts). A receipt that is not core/receipt's model (written by
 * hand, damaged) falls back to each line's lineTotal, so a refund is still possible, for no more than that.
 */
function paidOf(receipt: Record<string, unknown>, count: number): number[] {
  const parsed = paidInput.safeParse(receipt);
  if (parsed.success && parsed.data.lines.length === count) {
    try {
      return linesPaid(parsed.data);
    } catch {
      // amounts beyond the safe range: fall through
    }
  }
  const lines = Array.isArray(receipt.lines) ? receipt.lines : [];
  return Array.from({ length: count }, (_, i) => {
    const total = isObject(lines[i]) ? (lines[i] as Record<string, unknown>).lineTotal : undefined;
    return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : 0;
  });
}

type TenderView = HqSaleView['tenders'][number];

/**
 * How the sale was paid: the sale event's tenders (a kiosk sale's one payment before tenders existed),
 * each with the receipt's tender line at the same index for its provider, reference and masked code.
 */
function saleTenders(payload: Record<string, unknown>, receipt: Record<string, unknown>): TenderView[] {
  const printed = Array.isArray(receipt.payments) ? receipt.payments.filter(isObject) : [];
  const payment = isObject(payload.payment) ? payload.payment : null;
  const listed = Array.isArray(payload.tenders) ? payload.tenders.filter(isObject) : [];
  const raw =
    listed.length > 0
      ? listed
      : payment
        ? [
            {
              kind: printed[0]?.method === 'payment_code' ? 'wallet_code' : 'merchant_qr',
              amount: payment.amount,
              paymentId: payment.id,
            },
          ]
        : [];
  return raw.map((tender, i) => {
    const shown = printed[i] ?? {};
    const paymentId = text(tender.paymentId);
    const own = payment && paymentId !== null && payment.id === paymentId ? payment : null;
    const kind: TenderKind =
      tender.kind === 'cash' || tender.kind === 'wallet_code' ? tender.kind : 'merchant_qr';
    return {
      kind,
      amount: typeof tender.amount === 'number' ? tender.amount : 0,
      paymentId,
      provider: text(own?.provider) ?? text(shown.provider),
      reference: text(own?.reference) ?? text(shown.reference),
      maskedCode: text(shown.maskedCode),
      refunded: 0,
    };
  });
}

/** Adds what the sale's refunds gave back through each tender: a code tender by its payment, cash to cash. */
async function addRefundedTenders(
  q: Queryable,
  storeId: string,
  sale: HeldSale,
  tenders: TenderView[],
): Promise<void> {
  const { rows } = await q.query<{ kind: string; payment_id: string | null; amount: unknown }>(
    `SELECT t.kind, t.payment_id, sum(t.amount) AS amount
     FROM refunds r JOIN refund_tenders t ON t.store_id = r.store_id AND t.refund_id = r.id
     WHERE r.store_id = $1 AND r.receipt_number = $2 AND r.training = $3
     GROUP BY t.kind, t.payment_id`,
    [storeId, sale.receiptNumber, sale.training],
  );
  for (const row of rows) {
    const tender =
      (row.payment_id !== null && tenders.find((t) => t.paymentId === row.payment_id)) ||
      tenders.find((t) => t.kind === row.kind && (row.payment_id === null || t.paymentId === null));
    if (tender) tender.refunded += toNumber(row.amount);
  }
}

/** A non-empty string, else null (a cash tender's empty provider and reference are none). */
function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
