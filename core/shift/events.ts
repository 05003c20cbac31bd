// What happens in a shift, as events: the figures of an X or Z report are computed from these alone.
// All amounts are integer minor units of the store's currency.
import type { Tender } from '../payment/tenders';
import type { TenderKind } from '../types';

/** The opening float: the cash counted into the drawer when the shift opens. */
export interface FloatEvent {
  kind: 'float';
  amount: number;
}

/**
 * A completed sale. `total` is the sale's total before cash rounding; `rounding` is the signed
 * adjustment the cash part was rounded by (e.g. −4 when 12.34 is paid in cash as 12.30), so the
 * tenders' amounts add up to total + rounding, and a cash tender's amount is the cash kept.
 */
export interface SaleEvent {
  kind: 'sale';
  total: number;
  tenders: readonly Tender[];
  rounding: number;
  /** Rung up in training mode: counts nowhere. */
  training?: boolean;
}

/**
 * Money paid back to a shopper for a return: cash out of the drawer, or (with `tender`) given back to a
 * QR or wallet payment by its provider, which the drawer never sees.
 */
export interface RefundEvent {
  kind: 'refund';
  amount: number;
  /** How it went back; absent: cash. */
  tender?: TenderKind;
  training?: boolean;
}

/** Cash put into (pay-in) or taken out of (pay-out) the drawer outside a sale, with the reason. */
export interface PayEvent {
  kind: 'pay_in' | 'pay_out';
  amount: number;
  reason: string;
}

/** The drawer opened with no sale (to give change for a note, say), with the reason. */
export interface NoSaleEvent {
  kind: 'no_sale';
  reason: string;
}

/** A sale voided whole before it was paid: no money moved; `total` is what it came to. */
export interface VoidEvent {
  kind: 'void';
  total: number;
  training?: boolean;
}

export type ShiftEvent = FloatEvent | SaleEvent | RefundEvent | PayEvent | NoSaleEvent | VoidEvent;

/** Every problem with a shift's events, each naming the event (1-based) and what is wrong with it. */
export function shiftEventProblems(events: readonly ShiftEvent[]): string[] {
  const problems: string[] = [];
  const floats = events.filter((e) => e.kind === 'float').length;
  if (floats !== 1) problems.push(`a shift has exactly one opening float, got ${floats}`);
  events.forEach((event, i) =>
    problems.push(...eventProblems(event).map((p) => `event ${i + 1} (${event.kind}): ${p}`)),
  );
  return problems;
}

function eventProblems(event: ShiftEvent): string[] {
  switch (event.kind) {
    case 'float':
      return amountProblems('amount', event.amount, 0);
    case 'refund':
      return amountProblems('amount', event.amount, 1);
    case 'pay_in':
    case 'pay_out':
      return [...amountProblems('amount', event.amount, 1), ...reasonProblems(event.reason)];
    case 'no_sale':
      return reasonProblems(event.reason);
    case 'void':
      return amountProblems('total', event.total, 0);
    case 'sale':
      return saleProblems(event);
  }
}

function saleProblems(sale: SaleEvent): string[] {
  const problems = amountProblems('total', sale.total, 1);
  if (!Number.isSafeInteger(sale.rounding))
    problems.push(`rounding must be whole minor units, got ${sale.rounding}`);
  if (sale.tenders.length === 0) problems.push('a sale needs at least one tender');
  sale.tenders.forEach((t, i) => problems.push(...amountProblems(`tender ${i + 1} amount`, t.amount, 1)));
  if (sale.rounding !== 0 && !sale.tenders.some((t) => t.kind === 'cash'))
    problems.push('only cash is rounded, and this sale has no cash tender');
  const paid = sale.tenders.reduce((sum, t) => sum + t.amount, 0);
  if (problems.length === 0 && paid !== sale.total + sale.rounding)
    problems.push(`the tenders pay ${paid} but total + rounding is ${sale.total + sale.rounding}`);
  return problems;
}

function amountProblems(name: string, value: number, min: number): string[] {
  return Number.isSafeInteger(value) && value >= min
    ? []
    : [`${name} must be whole minor units ≥ ${min}, got ${value}`];
}

function reasonProblems(reason: string): string[] {
  return reason.trim() === '' ? ['a reason is required'] : [];
}
