// How a refund and a sale found for one look to the counter (services/api/refund-contract.ts).
import { isFinal } from '../../core/payment/lifecycle';
import { declinedOwed } from '../../db/refund-cash-instead';
import type { RefundRecord } from '../../db/refunds';
import type { RefundSaleView, RefundView } from '../api/refund-contract';
import { saleFacts, type RefundSale } from './sale-basis';

/** A sale as the Returns screen shows it: each line with what may still come back of it. */
export function refundSaleView(sale: RefundSale): RefundSaleView {
  return {
    ...saleFacts(sale),
    receipt: sale.receipt,
    lines: sale.lines.map(({ tax: _tax, taxRateBp: _rate, refundedTax: _back, ...line }) => ({
      ...line,
      refundableQuantity: Math.max(line.sold - line.refundedQuantity, 0),
      refundableAmount: Math.max(line.paid - line.refundedAmount, 0),
    })),
    tenders: sale.tenders.map((t) => ({
      kind: t.kind,
      amount: t.took,
      refunded: t.refunded,
      maskedCode: t.maskedCode,
    })),
    source: sale.source,
    offline: sale.offline,
    training: sale.training,
  };
}

/**
 * A refund as the counter follows it: `done` once every tender went back (a part a provider turned down
 * counts once cash was given in its place), `needs_attention` once every tender is final but a provider
 * turned one down and nothing replaced it, else `in_progress`.
 */
export function refundView(refund: RefundRecord, printed: boolean): RefundView {
  const sale = refund.sale as Partial<RefundSale> | null;
  const masked = (position: number | null) =>
    sale?.tenders?.find((t) => t.position === position)?.maskedCode ?? null;
  const settled = refund.tenders.every((t) => isFinal(t.status));
  const owed = declinedOwed(refund);
  const allPaid = refund.tenders.every((t) => t.status === 'paid' || (t.status === 'declined' && owed === 0));
  return {
    id: refund.id,
    refundNumber: refund.refundNumber,
    receiptNumber: refund.receiptNumber,
    currency: refund.currency,
    total: refund.total,
    cashRounding: refund.cashRounding,
    state: !settled ? 'in_progress' : allPaid ? 'done' : 'needs_attention',
    tenders: refund.tenders.map((t) => ({
      kind: t.kind,
      amount: t.amount,
      status: t.status,
      maskedCode: masked(t.salePosition),
      failureReason: t.failureReason,
    })),
    lines: refund.lines.map((l) => ({
      line: l.line,
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      amount: l.amount,
      reason: l.reason,
    })),
    staffId: refund.staffId,
    approvedBy: refund.approvedBy,
    refundedAt: refund.completedAt ?? refund.createdAt,
    printed,
  };
}
