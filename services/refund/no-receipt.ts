// A return without a receipt: each item by its code, priced from today's catalog, paid back in cash only,
// and only with a supervisor's badge and PIN (journalled as their approval, and in the refund itself).
import { cashOnly, lineShares } from '../../core/refund';
import { lineTotal } from '../../core/pricing/line';
import { computeTotals } from '../../core/pricing/totals';
import { mayDo, notAllowedMessage } from '../../core/staff/roles';
import { uuidv7 } from '../../core/uuid7';
import { createRefund, type NewRefundLine, type RefundRecord } from '../../db/refunds';
import { isTrainingStore } from '../../db/sales';
import { currentShift } from '../../db/shifts';
import type { ApiResult, NoReceiptLineInput } from '../api/contract';
import { scanPolicy } from '../checkout/basket-handlers';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';
import { resolveScan } from '../checkout/scan-lookup';
import { checkApprover, recordApproval, type ApproverCredentials } from '../counter/approval';

/** Writes a return without a receipt, approved; the caller pays it out (refund-engine.ts). */
export function startNoReceiptRefund(
  ctx: CheckoutContext,
  staff: OnDuty,
  input: { lines: NoReceiptLineInput[]; approval: ApproverCredentials },
): ApiResult<RefundRecord> {
  if (!mayDo(staff.role, 'refund')) return fail('staff_not_allowed', notAllowedMessage(staff.role, 'refund'));
  const items = itemsOf(ctx, input.lines);
  if (!items.ok) return items;
  const approver = checkApprover(ctx, input.approval, 'approve_refund');
  if (!approver.ok) return approver;
  const priced = items.value.map((item) => ({ ...item, lineTotal: lineTotal(item) }));
  const totals = computeTotals(priced, ctx.settings.taxMode);
  const shares = lineShares({ taxMode: ctx.settings.taxMode, lines: priced, totals, taxes: totals.byRate });
  const cash = cashOnly(totals.total, ctx.settings.counter.cashRoundingIncrement);
  if (!cash.ok) return cash;
  const lines: NewRefundLine[] = priced.map((item, i) => ({
    line: i,
    receiptNumber: null,
    gtin: item.gtin,
    name: item.name,
    unit: item.unit,
    taxRateBp: item.taxRateBp,
    quantity: item.quantity,
    amount: shares[i]!.paid,
    tax: shares[i]!.tax,
    sold: null,
    paid: null,
    reason: input.lines[i]!.reason,
    disposition: input.lines[i]!.disposition,
  }));
  if (totals.total <= 0)
    return fail('nothing_to_refund', 'These items come to nothing: there is no money to give back');
  try {
    return ok(
      ctx.db.transaction(() => {
        const refund = createRefund(ctx.db, {
          id: uuidv7(),
          storeId: ctx.settings.storeId,
          terminalId: ctx.settings.terminalId,
          saleId: null,
          receiptNumber: null,
          currency: ctx.settings.currency,
          total: totals.total,
          taxTotal: totals.taxTotal,
          cashRounding: cash.value.cashRounding,
          staffId: staff.id,
          approvedBy: approver.value.id,
          shiftId: currentShift(ctx.db, ctx.settings.terminalId)?.id ?? null,
          offline: false,
          training: isTrainingStore(ctx.db),
          sale: null,
          lines,
          tenders: cash.value.tenders.map((t) => ({
            kind: 'cash',
            salePosition: null,
            took: null,
            paymentId: null,
            paymentReference: null,
            paymentProviderRef: null,
            provider: null,
            amount: t.amount,
          })),
        });
        recordApproval(ctx, approver.value, 'approve_refund', {
          refundId: refund.id,
          refundNumber: refund.refundNumber,
          receiptNumber: null,
          total: refund.total,
          why: 'no_receipt',
        });
        return refund;
      })(),
    );
  } catch (error) {
    return refusal(error);
  }
}

interface ReturnedItem {
  gtin: string;
  name: string;
  unit: 'each' | 'kg';
  quantity: number;
  unitPrice: number;
  taxRateBp: number;
}

/** Each code looked up in the catalog, or the first that is not an item of this store. */
function itemsOf(ctx: CheckoutContext, lines: readonly NoReceiptLineInput[]): ApiResult<ReturnedItem[]> {
  const policy = { ...scanPolicy(ctx), expiredItems: 'warn' as const };
  const items: ReturnedItem[] = [];
  for (const [i, line] of lines.entries()) {
    const action = resolveScan(ctx.db, line.code, policy);
    if (action.kind !== 'add')
      return fail(
        'item_not_found',
        `Item ${i + 1} (${line.code.slice(0, 40)}) is not an item of this store: ${action.kind === 'refuse' ? action.message : 'scan the item’s barcode'}`,
        { index: i },
      );
    items.push({
      gtin: action.product.gtin,
      name: action.item.name,
      unit: action.item.unit,
      quantity: line.quantity,
      unitPrice: action.item.unitPrice,
      taxRateBp: action.item.taxRateBp,
    });
  }
  return ok(items);
}
