// What a refund gives back, before it is made (issue 12): each line asked its amount and tax, the tax
// per rate, and how the money goes back over the sale's tenders. Pure, so the counter's quote, the
// refund itself and the tests all compute it the same way.
//
// A line: a partial quantity gets floor(paid × q / sold); the refund that brings the line's refunded
// quantity to `sold` gets the rest (paid − what was refunded of it before), so a line refunded in parts
// gives back exactly `paid`, never a minor unit more. Its tax is cut the same way from the line's tax, so
// a line refunded in parts gives back its tax (a part's tax is never more than its amount).
//
// The tenders, in a fixed order: code tenders first, in the order the sale took them, each up to what it
// took less its earlier refunds; cash last. The money goes back where it came from, the drawer pays out
// least, and cash, last, takes the store's cash rounding (core/cash roundCash) — never rounded up beyond
// the cash the sale took less its cash refunds.
import { roundCash } from '../cash/rounding';
import { fail, ok, type Result } from '../result';
import type { TenderKind } from '../types';

/** A sale line as a refund reads it: what was sold and paid, and what has come back of it already. */
export interface RefundBasisLine {
  line: number;
  taxRateBp: number;
  /** Pieces, or grams for a weighed line. */
  sold: number;
  /** What the shopper paid for the whole line, tax included, and the tax in it. */
  paid: number;
  tax: number;
  refundedQuantity: number;
  refundedAmount: number;
  /** The tax of the earlier refunds of the line, when known (else taken as their cut of the line's tax). */
  refundedTax?: number;
}

/** A sale tender as a refund reads it: its position in the sale, what it took, what went back already. */
export interface RefundBasisTender {
  position: number;
  kind: TenderKind;
  took: number;
  refunded: number;
}

export interface RefundAsk {
  line: number;
  quantity: number;
}

export interface QuotedLine {
  line: number;
  quantity: number;
  amount: number;
  tax: number;
  taxRateBp: number;
}

export interface QuotedTender {
  /** The sale's tender given back (its position), or null for a return without a receipt's cash. */
  salePosition: number | null;
  kind: TenderKind;
  amount: number;
}

export interface RefundQuote {
  lines: QuotedLine[];
  /** What the lines give back, tax included; the tenders pay total + cashRounding. */
  total: number;
  taxTotal: number;
  byRate: { rateBp: number; tax: number }[];
  tenders: QuotedTender[];
  cashRounding: number;
}

/** A line asked beyond what may still come back of it, as the refusal's details name it. */
export interface ExcessLine {
  line: number;
  sold: number;
  refunded: number;
  asked: number;
}

/** The lines' amounts and tax, or why not: `unknown_line`, `duplicate_line`, `refund_exceeds_sale`. */
export function quoteLines(
  basis: readonly RefundBasisLine[],
  asks: readonly RefundAsk[],
): Result<Omit<RefundQuote, 'tenders' | 'cashRounding'>> {
  const byLine = new Map(basis.map((line) => [line.line, line]));
  const seen = new Set<number>();
  const excess: ExcessLine[] = [];
  const lines: QuotedLine[] = [];
  for (const ask of asks) {
    const line = byLine.get(ask.line);
    if (!line) return fail('unknown_line', `The sale has no line ${ask.line + 1}`, { line: ask.line });
    if (seen.has(ask.line))
      return fail('duplicate_line', `Line ${ask.line + 1} is asked back twice`, { line: ask.line });
    seen.add(ask.line);
    if (!Number.isSafeInteger(ask.quantity) || ask.quantity < 1)
      return fail('invalid_quantity', `Line ${ask.line + 1}: the quantity must be a whole number ≥ 1`);
    if (line.refundedQuantity + ask.quantity > line.sold) {
      excess.push({ line: line.line, sold: line.sold, refunded: line.refundedQuantity, asked: ask.quantity });
      continue;
    }
    lines.push(quoteLine(line, ask.quantity));
  }
  if (excess.length > 0)
    return fail(
      'refund_exceeds_sale',
      excess
        .map((e) => `line ${e.line + 1}: ${e.sold} sold, ${e.refunded} already back, ${e.asked} asked`)
        .join('; '),
      { lines: excess },
    );
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.taxRateBp, (byRate.get(line.taxRateBp) ?? 0) + line.tax);
  return ok({
    lines,
    total: lines.reduce((sum, line) => sum + line.amount, 0),
    taxTotal: lines.reduce((sum, line) => sum + line.tax, 0),
    byRate: [...byRate.entries()].sort(([a], [b]) => a - b).map(([rateBp, tax]) => ({ rateBp, tax })),
  });
}

/**
 * The money `quantity` more of a line gives back when `refunded` came back before: floor(paid × q / sold),
 * or, for the part that brings the line to `sold`, everything not yet given back, so a line refunded in
 * parts gives back exactly `paid`. The terminal's quote and HQ's view of a sale both count with it.
 */
export function partAmount(
  line: { sold: number; paid: number },
  refunded: { quantity: number; amount: number },
  quantity: number,
): number {
  if (refunded.quantity + quantity >= line.sold) return Math.max(line.paid - refunded.amount, 0);
  return mulDivFloor(line.paid, quantity, line.sold);
}

/** One line's part: its amount (partAmount) and the same cut of its tax. */
export function quoteLine(line: RefundBasisLine, quantity: number): QuotedLine {
  const after = line.refundedQuantity + quantity;
  const amount = partAmount(line, { quantity: line.refundedQuantity, amount: line.refundedAmount }, quantity);
  // The same cut of the line's tax; tax ≤ paid keeps a part's tax within its amount, except that the rest
  // of the tax may, after many tiny parts, pass the rest of the amount: then it is held to the amount.
  const refundedTax = line.refundedTax ?? mulDivFloor(line.tax, line.refundedQuantity, line.sold);
  const tax =
    after === line.sold ? Math.max(line.tax - refundedTax, 0) : mulDivFloor(line.tax, quantity, line.sold);
  return { line: line.line, quantity, amount, tax: Math.min(tax, amount), taxRateBp: line.taxRateBp };
}

/**
 * Splits `amount` over the sale's tenders in the fixed order (code first as taken, cash last, rounded to
 * `increment`). `refund_exceeds_tenders` when what the tenders have left cannot cover it.
 */
export function splitOverTenders(
  amount: number,
  tenders: readonly RefundBasisTender[],
  increment: number,
): Result<{ tenders: QuotedTender[]; cashRounding: number }> {
  const ordered = [...tenders].sort((a, b) => a.position - b.position);
  const parts: QuotedTender[] = [];
  let rest = amount;
  for (const tender of ordered.filter((t) => t.kind !== 'cash')) {
    const part = Math.min(rest, Math.max(tender.took - tender.refunded, 0));
    if (part > 0) parts.push({ salePosition: tender.position, kind: tender.kind, amount: part });
    rest -= part;
  }
  if (rest === 0) return ok({ tenders: parts, cashRounding: 0 });
  const cash = ordered.filter((t) => t.kind === 'cash');
  const cashLeft = cash.reduce((sum, t) => sum + Math.max(t.took - t.refunded, 0), 0);
  if (cashLeft < rest)
    return fail(
      'refund_exceeds_tenders',
      `The sale's tenders have ${amount - rest + cashLeft} left to give back; the refund is ${amount}`,
    );
  const rounded = roundCash(rest, increment);
  if (!rounded.ok) return rounded;
  let payOut = Math.min(rounded.value.rounded, cashLeft);
  const cashRounding = payOut - rest;
  for (const tender of cash) {
    const part = Math.min(payOut, Math.max(tender.took - tender.refunded, 0));
    if (part > 0) parts.push({ salePosition: tender.position, kind: 'cash', amount: part });
    payOut -= part;
  }
  return ok({ tenders: parts, cashRounding });
}

/** A return without a receipt: all of it in cash, rounded to `increment`. */
export function cashOnly(
  amount: number,
  increment: number,
): Result<{ tenders: QuotedTender[]; cashRounding: number }> {
  const rounded = roundCash(amount, increment);
  if (!rounded.ok) return rounded;
  const { rounded: payOut, adjustment } = rounded.value;
  return ok({
    tenders: payOut > 0 ? [{ salePosition: null, kind: 'cash', amount: payOut }] : [],
    cashRounding: adjustment,
  });
}

/** A sale's refund quote: its lines, then the money over its tenders. */
export function quoteRefund(
  basis: { lines: readonly RefundBasisLine[]; tenders: readonly RefundBasisTender[] },
  asks: readonly RefundAsk[],
  increment: number,
): Result<RefundQuote> {
  const lines = quoteLines(basis.lines, asks);
  if (!lines.ok) return lines;
  const split = splitOverTenders(lines.value.total, basis.tenders, increment);
  if (!split.ok) return split;
  return ok({ ...lines.value, ...split.value });
}

/** floor(a × b / c) exactly, for non-negative integers (BigInt: a × b may pass 2^53). */
function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
