/** The receipt model: what a finished sale shows on screen, prints on paper, and links to online. */
import { localizedName, type LocalizedNames } from './catalog/language-tag';
import { currencyExponent, minorToDecimal } from './money';
import { priceBasket, type Discount } from './pricing/adjustments';
import { formatTaxRate } from './pricing/totals';
import { lineShares } from './refund/paid';
import type { TaxBreakdown, TaxMode, Totals, Unit } from './types';

/** One printed line; the same shape as ReceiptLine in services/api/contract.ts. */
export interface ReceiptLine {
  name: string;
  unit: Unit;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  taxRateBp: number;
  /** The item's names in other languages, as the line was sold (absent when it had none). */
  names?: LocalizedNames;
  /** A counter's price override: the catalog's unit price (`unitPrice` is the price sold at). */
  originalUnitPrice?: number;
  /** A counter's line discount: what it took off (`lineTotal` is after it), and as given. */
  discount?: { kind: 'amount' | 'percent'; value: number; amount: number };
  /**
   * What the shopper paid for the whole line: lineTotal less its share of the sale discount, plus its
   * share of the tax in tax-exclusive mode (core/refund/paid.ts); the lines' add up to the total. The
   * most a refund of the line gives back. Absent on receipts written before issue 12.
   */
  paid?: number;
}

/** One tender of the sale. */
export interface ReceiptPayment {
  method: string;
  provider: string;
  amount: number;
  reference: string;
  /** A scanned wallet code: which wallet (`WeChat Pay`) and the code as it may be shown (`1345****7788`). */
  wallet?: string;
  maskedCode?: string;
  /** Cash: what the shopper handed over (the change is tendered − amount). */
  tendered?: number;
}

/** A finished sale's receipt; exactly the shape of ReceiptView in services/api/contract.ts. */
export interface Receipt {
  receiptNumber: string;
  storeName: string;
  storeAddress: string;
  /** Terminal's clock, ISO 8601. */
  soldAt: string;
  currency: string;
  taxMode: TaxMode;
  lines: ReceiptLine[];
  totals: Totals;
  taxes: TaxBreakdown[];
  payments: ReceiptPayment[];
  /** One code, two uses: the e-receipt and the loyalty sign-up. */
  eReceiptUrl: string;
  /** A training sale (payments simulated): the receipt says so everywhere it is shown. */
  training?: true;
  /** The language the shopper chose (BCP 47); the screen and the printer use it. Absent: the store's. */
  language?: string;
  /** A counter sale's cash rounding (signed, its own line): the tenders pay total + cashRounding. */
  cashRounding?: number;
  /** Cash given back. */
  change?: number;
}

/**
 * A line as the basket holds it (`unitPrice` the catalog's, with the counter's override and discount
 * beside it); its total is always recomputed so lines and totals cannot disagree.
 */
export type ReceiptLineInput = Omit<
  ReceiptLine,
  'lineTotal' | 'names' | 'originalUnitPrice' | 'discount' | 'paid'
> & {
  names?: LocalizedNames | null;
  priceOverride?: number | null;
  discount?: Discount | null;
};

export interface ReceiptInput {
  receiptNumber: string;
  storeName: string;
  storeAddress: string;
  soldAt: string;
  currency: string;
  taxMode: TaxMode;
  lines: ReceiptLineInput[];
  payments: ReceiptPayment[];
  eReceiptBaseUrl: string;
  /** The shopper's chosen language, when they chose one. */
  language?: string | null;
  /** A counter sale paid with cash: its rounding and the change given (shown when not 0). */
  cashRounding?: number;
  change?: number;
  /** A counter's whole-sale discount, spread over the lines (core/pricing/adjustments.ts). */
  saleDiscount?: Discount | null;
}

/** Builds the receipt of a sale, pricing its lines and totals with the same code as the basket. */
export function buildReceipt(input: ReceiptInput): Receipt {
  // Copy field by field: callers pass basket lines carrying ids, GTINs and more that a receipt must not hold.
  const priced = priceBasket(input.lines, input.saleDiscount, input.taxMode);
  const lines: ReceiptLine[] = input.lines.map((line, i) => {
    const price = priced.lines[i]!;
    const overridden = line.priceOverride !== null && line.priceOverride !== undefined;
    return {
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.priceOverride ?? line.unitPrice,
      lineTotal: price.lineTotal,
      taxRateBp: line.taxRateBp,
      ...(line.names ? { names: line.names } : {}),
      ...(overridden ? { originalUnitPrice: line.unitPrice } : {}),
      ...(line.discount && price.lineDiscount > 0
        ? { discount: { ...line.discount, amount: price.lineDiscount } }
        : {}),
    };
  });
  const totals = priced.totals;
  const shares = lineShares({ taxMode: input.taxMode, lines, totals, taxes: totals.byRate });
  lines.forEach((line, i) => (line.paid = shares[i]!.paid));
  return {
    receiptNumber: input.receiptNumber,
    storeName: input.storeName,
    storeAddress: input.storeAddress,
    soldAt: input.soldAt,
    currency: input.currency,
    taxMode: input.taxMode,
    lines,
    totals,
    taxes: totals.byRate,
    payments: input.payments.map(({ method, provider, amount, reference, wallet, maskedCode, tendered }) => ({
      method,
      provider,
      amount,
      reference,
      ...(wallet ? { wallet } : {}),
      ...(maskedCode ? { maskedCode } : {}),
      ...(tendered !== undefined ? { tendered } : {}),
    })),
    eReceiptUrl: eReceiptUrl(input.eReceiptBaseUrl, input.receiptNumber),
    ...(input.language ? { language: input.language } : {}),
    ...(input.cashRounding ? { cashRounding: input.cashRounding } : {}),
    ...(input.change ? { change: input.change } : {}),
  };
}

const RECEIPT_ID_PART = /^[A-Za-z0-9_]+$/;

/**
 * A receipt number `store-terminal-sequence`, sequence zero-padded to 6 ("S01-K02-000042"). Each terminal
 * numbers its own sales, so terminals never collide while offline. Ids may not contain '-': otherwise
 * store "A-B" + terminal "C" and store "A" + terminal "B-C" would issue the same numbers.
 */
export function formatReceiptNumber(storeId: string, terminalId: string, sequence: number): string {
  for (const [name, id] of [
    ['storeId', storeId],
    ['terminalId', terminalId],
  ] as const) {
    if (!RECEIPT_ID_PART.test(id)) {
      throw new RangeError(
        `${name} "${id}" must be letters, digits or '_' (no '-', which separates the parts)`,
      );
    }
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  }
  return `${storeId}-${terminalId}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The receipt of a training sale: marked, and its e-receipt link says so too (`training=1`), so the
 * e-receipt page can show it is no proof of purchase. Marking twice changes nothing.
 */
export function markTrainingReceipt(receipt: Receipt): Receipt {
  if (receipt.training) return receipt;
  const url: unknown = receipt.eReceiptUrl;
  // A receipt made by hand (tests, old records) may have no link; it is marked all the same.
  if (typeof url !== 'string') return { ...receipt, training: true };
  return { ...receipt, training: true, eReceiptUrl: `${url}${url.includes('?') ? '&' : '?'}training=1` };
}

/**
 * The e-receipt link printed as a QR code: `${base}/${receiptNumber}?join=1`. The same page shows the
 * receipt and offers loyalty sign-up; `join=1` tells it the shopper came from a till, so it opens the
 * sign-up offer. Trailing slashes of `base` are dropped; the receipt number is URL-encoded as one segment.
 */
export function eReceiptUrl(base: string, receiptNumber: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(receiptNumber)}?join=1`;
}

/**
 * The receipt as plain fixed-width lines for a receipt printer (42 columns fits 80 mm paper in font A).
 * Amounts are plain decimals with the currency code beside the total: printer code pages lack ¥ and €.
 * Widths count East Asian wide characters (Chinese product names) as two columns, as printers do.
 */
export function receiptText(receipt: Receipt, width = 42): string[] {
  const money = (minor: number) => minorToDecimal(minor, currencyExponent(receipt.currency));
  const rule = '-'.repeat(width);
  const out: string[] = [];
  for (const text of [receipt.storeName, receipt.storeAddress]) {
    for (const part of wrap(text, width)) out.push(centre(part, width));
  }
  out.push(rule);
  for (const line of receipt.lines) {
    out.push(
      spread(localizedName(line.name, line.names, receipt.language ?? ''), money(line.lineTotal), width),
    );
    const detail = quantityDetail(line, money);
    if (detail) out.push(fit(`  ${detail}`, width));
    for (const [label, amount] of adjustmentLines(line, money)) out.push(spread(`  ${label}`, amount, width));
  }
  out.push(rule);
  const { totals } = receipt;
  if (receipt.taxMode === 'exclusive' || totals.saleDiscount) {
    out.push(spread('Subtotal', money(totals.subtotal), width));
  }
  if (totals.saleDiscount) out.push(spread('Sale discount', money(-totals.saleDiscount), width));
  if (receipt.taxMode === 'exclusive') out.push(spread('Tax', money(totals.taxTotal), width));
  out.push(spread(`TOTAL ${receipt.currency}`, money(totals.total), width));
  if (receipt.cashRounding) {
    out.push(spread('Cash rounding', money(receipt.cashRounding), width));
    out.push(spread(`TO PAY ${receipt.currency}`, money(totals.total + receipt.cashRounding), width));
  }
  out.push(spread('Items', String(totals.itemCount), width));
  if (totals.savings) out.push(spread('You saved', money(totals.savings), width));
  for (const rate of receipt.taxes) {
    const label =
      receipt.taxMode === 'inclusive'
        ? `Tax ${formatTaxRate(rate.taxRateBp)} incl. in ${money(rate.gross)}`
        : `Tax ${formatTaxRate(rate.taxRateBp)} on ${money(rate.net)}`;
    out.push(spread(label, money(rate.tax), width));
  }
  out.push(rule);
  for (const payment of receipt.payments) {
    const provider = payment.provider && payment.provider !== payment.method ? ` (${payment.provider})` : '';
    out.push(spread(`${payment.method}${provider}`, money(payment.amount), width));
    if (payment.reference) out.push(fit(`  Ref ${payment.reference}`, width));
    if (payment.tendered !== undefined && payment.tendered !== payment.amount)
      out.push(spread('  Tendered', money(payment.tendered), width));
  }
  if (receipt.change) out.push(spread('CHANGE', money(receipt.change), width));
  out.push(rule);
  out.push(spread('Receipt', receipt.receiptNumber, width));
  // Printed as the terminal recorded it: the caller passes its local time with offset, not converted here.
  out.push(spread('Time', receipt.soldAt.replace('T', ' ').slice(0, 19), width));
  return out;
}

/** "2 x 3.50" for several pieces, "0.333 kg x 19.99/kg" for a weighed line, nothing for one piece. */
function quantityDetail(line: ReceiptLine, money: (minor: number) => string): string | null {
  if (line.unit === 'kg') return `${minorToDecimal(line.quantity, 3)} kg x ${money(line.unitPrice)}/kg`;
  return line.quantity === 1 ? null : `${line.quantity} x ${money(line.unitPrice)}`;
}

/**
 * The lines under a sold line that show a counter's change: the catalog price it was overridden from,
 * and the line discount with what it took off ("Was 5.00", "Discount 10%  -0.50").
 */
export function adjustmentLines(line: ReceiptLine, money: (minor: number) => string): [string, string][] {
  const out: [string, string][] = [];
  if (line.originalUnitPrice !== undefined) {
    const per = line.unit === 'kg' ? '/kg' : '';
    out.push([`Price was ${money(line.originalUnitPrice)}${per}`, `now ${money(line.unitPrice)}${per}`]);
  }
  if (line.discount) {
    const how = line.discount.kind === 'percent' ? ` ${formatTaxRate(line.discount.value)}` : '';
    out.push([`Discount${how}`, money(-line.discount.amount)]);
  }
  return out;
}

/** Columns a string takes on a printer: wide (CJK, full-width) characters take two. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Cuts text to at most `width` columns without splitting a character. */
function fit(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = columns(ch);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/** Left text and right text on one line, the left one cut short if both do not fit. */
function spread(left: string, right: string, width: number): string {
  if (columns(right) >= width) return fit(right, width);
  const room = Math.max(0, width - columns(right) - 1);
  const shown = fit(left, room);
  return shown + ' '.repeat(Math.max(1, width - columns(shown) - columns(right))) + right;
}

function centre(text: string, width: number): string {
  const pad = Math.floor((width - columns(text)) / 2);
  return ' '.repeat(Math.max(0, pad)) + text;
}

/** Splits text into lines of at most `width` columns, at a space when there is one (CJK has none). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    let part = fit(rest, width);
    if (part.length === 0) break; // a character wider than the paper: give up rather than loop
    const space = part.lastIndexOf(' ');
    if (part.length < rest.length && rest[part.length] !== ' ' && space > 0) part = part.slice(0, space);
    lines.push(part.trimEnd());
    rest = rest.slice(part.length).trimStart();
  }
  return lines;
}
