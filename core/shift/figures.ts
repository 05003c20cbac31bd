// The figures of a shift's X report (read-only, any time) and Z report (at close), computed from its
// events alone. Training events count nowhere. The expected cash in the drawer is the float, plus the
// cash each sale kept (its cash tenders' amounts: change given back is not in them, and the cash
// rounding already is), minus cash refunds, plus pay-ins, minus pay-outs. A refund to a QR or wallet
// payment is counted beside them and touches no cash.
import type { TenderKind } from '../types';
import { fail, ok, type Result } from '../result';
import { shiftEventProblems, type SaleEvent, type ShiftEvent } from './events';

/** A number of events and what they came to, in minor units. */
export interface CountAndTotal {
  count: number;
  total: number;
}

export interface ShiftFigures {
  openingFloat: number;
  /** Completed sales: their count, and their totals before cash rounding. */
  sales: CountAndTotal;
  /** What each tender kind took towards sales (cash: what was kept, after change and rounding). */
  tenders: Record<TenderKind, number>;
  /** The sum of the sales' cash rounding adjustments (signed). */
  rounding: number;
  /** The change given back in cash, over all sales (for the report; already out of the cash figure). */
  change: number;
  /** Refunds paid out in cash (they leave the drawer). */
  refunds: CountAndTotal;
  /**
   * Refunds given back to QR and wallet payments by their providers (issue 12); present only when a
   * shift has any, so the figures of a shift without are as they always were.
   */
  codeRefunds?: Record<Exclude<TenderKind, 'cash'>, CountAndTotal>;
  payIns: CountAndTotal;
  payOuts: CountAndTotal;
  noSales: number;
  voids: CountAndTotal;
  /** float + cash sales − cash refunds + pay-ins − pay-outs. */
  expectedCash: number;
  /** With a blind count: what was counted and counted − expected (negative: short). */
  count: { counted: number; difference: number } | null;
}

const none = (): CountAndTotal => ({ count: 0, total: 0 });

/**
 * The figures of a shift's `events`, and, given the blind `counted` total, the difference.
 * Refused (`invalid_shift`) with every problem named when an event is malformed.
 */
export function shiftFigures(events: readonly ShiftEvent[], counted?: number): Result<ShiftFigures> {
  const problems = shiftEventProblems(events);
  if (counted !== undefined && (!Number.isSafeInteger(counted) || counted < 0))
    problems.push(`the counted cash must be whole minor units ≥ 0, got ${counted}`);
  if (problems.length > 0) return fail('invalid_shift', problems.join('; '), { problems });
  const f: ShiftFigures = {
    openingFloat: 0,
    sales: none(),
    tenders: { cash: 0, merchant_qr: 0, wallet_code: 0 },
    rounding: 0,
    change: 0,
    refunds: none(),
    payIns: none(),
    payOuts: none(),
    noSales: 0,
    voids: none(),
    expectedCash: 0,
    count: null,
  };
  for (const event of events) {
    if ('training' in event && event.training) continue;
    switch (event.kind) {
      case 'float':
        f.openingFloat = event.amount;
        break;
      case 'sale':
        addSale(f, event);
        break;
      case 'refund':
        if (event.tender === undefined || event.tender === 'cash') add(f.refunds, event.amount);
        else
          add((f.codeRefunds ??= { merchant_qr: none(), wallet_code: none() })[event.tender], event.amount);
        break;
      case 'pay_in':
      case 'pay_out':
        add(event.kind === 'pay_in' ? f.payIns : f.payOuts, event.amount);
        break;
      case 'no_sale':
        f.noSales += 1;
        break;
      case 'void':
        add(f.voids, event.total);
    }
  }
  f.expectedCash = f.openingFloat + f.tenders.cash - f.refunds.total + f.payIns.total - f.payOuts.total;
  if (counted !== undefined) f.count = { counted, difference: counted - f.expectedCash };
  return ok(f);
}

function add(figure: CountAndTotal, amount: number): void {
  figure.count += 1;
  figure.total += amount;
}

function addSale(f: ShiftFigures, sale: SaleEvent): void {
  add(f.sales, sale.total);
  f.rounding += sale.rounding;
  for (const tender of sale.tenders) {
    f.tenders[tender.kind] += tender.amount;
    if (tender.kind === 'cash') f.change += (tender.tendered ?? tender.amount) - tender.amount;
  }
}
