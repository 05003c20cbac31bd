// Turns stored rows into what the screen shows; prices and totals are computed by core/pricing.
import type { PricedLine } from '../../core/pricing/adjustments';
import type { Receipt } from '../../core/receipt';
import type { Database } from '../../db/open';
import { basketTenders } from '../../db/basket-tenders';
import { pricedBasket, type AdjustedLineRecord } from '../../db/basket-adjustments';
import type { BasketRecord } from '../../db/baskets';
import type { PaymentRecord } from '../../db/payments';
import type { BasketLineView, BasketView, LineAdjustmentView, PaymentView } from '../api/contract';
import type { Settings } from '../settings';
import { ageCheckView, basketAgeHold } from './age-hold';
import { lineRecallView, recalledLines } from './basket-recalls';
import { lotCheckViews } from './lot-hold';

/**
 * The basket as the screen shows it: live lines in scan order, line totals, totals per tax rate; with
 * a counter's price overrides and discounts priced by core/pricing/adjustments (the sale's receipt too).
 */
export function basketView(db: Database, basket: BasketRecord, settings: Settings): BasketView {
  const { lines: adjusted, sale, priced } = pricedBasket(db, basket.id, settings.taxMode);
  const recalls = new Map(recalledLines(db, basket.id).map(({ line, match }) => [line.id, match]));
  const lotChecks = lotCheckViews(db, basket.id);
  const lines: BasketLineView[] = adjusted.map((line, i) => {
    const price = priced.lines[i]!;
    const adjustment = lineAdjustmentView(line, price);
    const recall = recalls.get(line.id);
    return {
      id: line.id,
      gtin: line.gtin,
      barcode: line.barcode,
      name: line.name,
      unit: line.unit,
      unitPrice: line.priceOverride ?? line.unitPrice,
      quantity: line.quantity,
      lineTotal: price.lineTotal,
      taxRateBp: line.taxRateBp,
      ageLimit: line.ageLimit,
      lot: line.lot ?? null,
      serial: line.serial ?? null,
      expiry: line.expiry ?? null,
      ...(line.names ? { names: line.names } : {}),
      ...(adjustment ? { adjustment } : {}),
      ...(recall ? { recall: lineRecallView(recall) } : {}),
    };
  });
  return {
    id: basket.id,
    status: basket.status,
    currency: basket.currency,
    lines,
    totals: priced.totals,
    lastChangedLineId: basket.lastChangedLineId,
    ageCheck: ageCheckView(basketAgeHold(db, settings, basket.id)),
    ...(lotChecks.length > 0 ? { lotChecks } : {}),
    member: basket.member,
    ...tendersOf(db, basket.id),
    ...(sale?.discount
      ? {
          saleDiscount: {
            ...sale.discount,
            amount: priced.totals.saleDiscount ?? 0,
            reason: sale.reason,
            approverId: sale.approverId,
          },
        }
      : {}),
  };
}

/** A counter sale's tenders so far, as the basket carries them; nothing for a basket never tendered. */
function tendersOf(db: Database, basketId: string): Pick<BasketView, 'tenders' | 'cashRounding'> {
  const tenders = basketTenders(db, basketId);
  if (tenders.length === 0) return {};
  const standing = tenders.filter((t) => t.state === 'taken' || t.state === 'reversing');
  return {
    tenders: tenders.map((t) => ({
      kind: t.kind,
      amount: t.amount,
      ...(t.tendered !== undefined ? { tendered: t.tendered } : {}),
      status: t.state,
    })),
    cashRounding: standing.reduce((sum, t) => sum + t.rounding, 0),
  };
}

function lineAdjustmentView(line: AdjustedLineRecord, price: PricedLine): LineAdjustmentView | null {
  const { override, lineDiscount } = line;
  if (!override && !lineDiscount) return null;
  return {
    originalUnitPrice: override ? line.unitPrice : null,
    overrideReason: override?.reason ?? null,
    originalTotal: price.original,
    discount: lineDiscount?.discount
      ? { ...lineDiscount.discount, amount: price.lineDiscount, reason: lineDiscount.reason }
      : null,
    approverId: lineDiscount?.approverId ?? override?.approverId ?? null,
  };
}

export function paymentView(payment: PaymentRecord): PaymentView {
  return {
    id: payment.id,
    basketId: payment.basketId,
    reference: payment.reference,
    provider: payment.provider,
    method: payment.method,
    maskedCode: payment.maskedCode,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    qrPayload: payment.qrPayload,
    expiresAt: payment.expiresAt,
    failureReason: payment.failureReason,
  };
}

/** The stored receipt JSON of a sale, as the screen shows it. */
export function receiptView(receiptJson: string): Receipt {
  return JSON.parse(receiptJson) as Receipt;
}
