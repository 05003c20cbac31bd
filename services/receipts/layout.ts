// The paper receipt's layout: the core receipt model as lines of fixed-width text and the e-receipt
// QR, for 42 columns (80 mm paper, 180 dpi printers, font A) or 48 (203 dpi). Pure: no printer here.
// Amounts are plain decimals with the currency code beside the total, as on the screen's receipt,
// because printer code pages lack ¥ and €.
import { localizedName } from '../../core/catalog/language-tag';
import { currencyExponent, minorToDecimal } from '../../core/money';
import { paymentWords } from '../../core/payment-words';
import { formatTaxRate } from '../../core/pricing/totals';
import { adjustmentLines, type Receipt, type ReceiptLine } from '../../core/receipt';
import { Columns, type CellWidth } from './columns';

/** The receipt as printed: the model itself (a wallet payment carries its wallet and masked code). */
export type PrintableReceipt = Receipt;

export type PrintBlock =
  /** One printed line, already padded to the paper's width. `title` prints bold and double height. */
  | { kind: 'line'; text: string; style?: 'bold' | 'title' }
  /** The e-receipt link, printed by the printer's own QR command. */
  | { kind: 'qr'; data: string };

export interface LayoutOptions {
  columns: number;
  cells: CellWidth;
  /** Time zone the time is printed in; the terminal's own by default. */
  timeZone?: string;
  /** Add the Chinese caption under the QR (only where the printer prints Chinese). */
  chinese?: boolean;
  /** A copy printed again: marked COPY at the top and bottom, so it cannot pass for a second sale's receipt. */
  reprint?: boolean;
}

/** Printed at the top and bottom of a training sale's receipt: ASCII, which every code page has. */
export const TRAINING_MARK = '*** TRAINING - NOT A SALE ***';

/** Printed at the top and bottom of a reprint; the Chinese word only where the printer prints it. */
export const COPY_MARK = '*** COPY ***';
export const COPY_MARK_CHINESE = '*** COPY 副本 ***';

/**
 * The language the receipt prints in: the shopper's, when the printer prints Chinese or the shopper's
 * language needs none; otherwise English, since a printer without the glyphs prints garbage.
 */
function printLanguage(receipt: PrintableReceipt, options: LayoutOptions): string {
  const language = receipt.language ?? 'en';
  return options.chinese || !/^(zh|ja|ko)\b/i.test(language) ? language : 'en';
}

/** The receipt as printed blocks, top to bottom; the cut comes after the last. */
export function receiptLayout(receipt: PrintableReceipt, options: LayoutOptions): PrintBlock[] {
  const cols = new Columns(options.columns, options.cells);
  const money = (minor: number) => minorToDecimal(minor, currencyExponent(receipt.currency));
  const rule: PrintBlock = { kind: 'line', text: '-'.repeat(cols.width) };
  const line = (text: string, style?: 'bold' | 'title'): PrintBlock => ({ kind: 'line', text, style });
  const out: PrintBlock[] = [];
  const language = printLanguage(receipt, options);
  // A training receipt says so first and last, where a torn-off half still shows it.
  const training = receipt.training ? [rule, line(cols.centre(TRAINING_MARK), 'bold'), rule] : [];
  out.push(...training);

  // A reprint says COPY first and last, so neither half of a torn copy passes for a second sale.
  const copy = options.reprint
    ? [line(cols.centre(options.chinese ? COPY_MARK_CHINESE : COPY_MARK), 'title')]
    : [];
  out.push(...copy);
  // Double height keeps the width, so the store name still fits in the same columns.
  for (const part of cols.wrap(receipt.storeName)) out.push(line(cols.centre(part), 'title'));
  for (const part of cols.wrap(receipt.storeAddress)) out.push(line(cols.centre(part)));
  out.push(rule);
  for (const item of receipt.lines) {
    const name = localizedName(item.name, item.names, language);
    for (const text of cols.spread(name, money(item.lineTotal))) out.push(line(text));
    const detail = quantityDetail(item, money);
    if (detail) out.push(line(cols.fit(`  ${detail}`)));
    for (const [label, amount] of adjustmentLines(item, money))
      for (const text of cols.spread(`  ${label}`, amount)) out.push(line(text));
  }
  out.push(rule);
  out.push(...totalsBlock(receipt, cols, money));
  out.push(rule);
  for (const payment of receipt.payments) {
    const label = paymentWords(payment, language);
    for (const text of cols.spread(label, money(payment.amount))) out.push(line(text));
    if (payment.maskedCode) out.push(line(cols.fit(`  Code ${payment.maskedCode}`)));
    if (payment.reference) out.push(line(cols.fit(`  Ref ${payment.reference}`)));
    if (payment.tendered !== undefined && payment.tendered !== payment.amount)
      out.push(...cols.spread('  Tendered', money(payment.tendered)).map((text) => line(text)));
  }
  // Cash given back: what the cashier counted out, in bold like the total.
  if (receipt.change) out.push(...cols.spread('CHANGE', money(receipt.change)).map((t) => line(t, 'bold')));
  out.push(rule);
  out.push(...cols.spread('Receipt', receipt.receiptNumber).map((text) => line(text)));
  out.push(...cols.spread('Time', localTime(receipt.soldAt, options.timeZone)).map((text) => line(text)));
  out.push(line(''));
  out.push({ kind: 'qr', data: receipt.eReceiptUrl });
  out.push(line(cols.centre('Scan for your e-receipt and to join')));
  out.push(line(cols.centre('our loyalty programme')));
  if (options.chinese) out.push(line(cols.centre('扫码查看电子小票并加入会员')));
  out.push(...copy);
  out.push(...training);
  return out;
}

/** Total, item count, and tax per rate as a table whose columns line up. */
function totalsBlock(receipt: PrintableReceipt, cols: Columns, money: (minor: number) => string) {
  const { totals } = receipt;
  const out: PrintBlock[] = [];
  const line = (text: string, style?: 'bold'): PrintBlock => ({ kind: 'line', text, style });
  if (receipt.taxMode === 'exclusive' || totals.saleDiscount)
    out.push(...cols.spread('Subtotal', money(totals.subtotal)).map((t) => line(t)));
  if (totals.saleDiscount)
    out.push(...cols.spread('Sale discount', money(-totals.saleDiscount)).map((t) => line(t)));
  if (receipt.taxMode === 'exclusive')
    out.push(...cols.spread('Tax', money(totals.taxTotal)).map((t) => line(t)));
  out.push(...cols.spread(`TOTAL ${receipt.currency}`, money(totals.total)).map((t) => line(t, 'bold')));
  // The cash rounding is its own line, never folded into a price; then what was actually paid.
  if (receipt.cashRounding) {
    out.push(...cols.spread('Cash rounding', money(receipt.cashRounding)).map((t) => line(t)));
    const toPay = money(totals.total + receipt.cashRounding);
    out.push(...cols.spread(`TO PAY ${receipt.currency}`, toPay).map((t) => line(t, 'bold')));
  }
  out.push(...cols.spread('Items', String(totals.itemCount)).map((t) => line(t)));
  if (totals.savings) out.push(...cols.spread('You saved', money(totals.savings)).map((t) => line(t)));
  out.push(line(''));
  // Three amount columns of 11 cells; the rate takes what is left (9 cells on 42 columns).
  const amount = 11;
  const first = cols.width - 3 * amount;
  const row = (a: string, b: string, c: string, d: string) =>
    line(
      cols.padEnd(a, first) + cols.padStart(b, amount) + cols.padStart(c, amount) + cols.padStart(d, amount),
    );
  out.push(row(receipt.taxMode === 'inclusive' ? 'Tax incl.' : 'Tax', 'Net', 'Tax', 'Gross'));
  for (const rate of receipt.taxes)
    out.push(row(formatTaxRate(rate.taxRateBp), money(rate.net), money(rate.tax), money(rate.gross)));
  return out;
}

/** "2 x 3.50" for several pieces, "0.500 kg x 10.01/kg" for a weighed line, nothing for one piece. */
function quantityDetail(line: ReceiptLine, money: (minor: number) => string): string | null {
  if (line.unit === 'kg') return `${minorToDecimal(line.quantity, 3)} kg x ${money(line.unitPrice)}/kg`;
  return line.quantity === 1 ? null : `${line.quantity} x ${money(line.unitPrice)}`;
}

/**
 * The sale's time as the shopper's wall clock shows it: the model keeps the terminal's clock in UTC
 * ISO 8601, and a receipt reading 10:42 for a sale at 18:42 would look wrong to everyone.
 */
export function localTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
