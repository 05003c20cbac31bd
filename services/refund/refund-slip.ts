// The paper slip of a refund, printed on the receipt printer once the refund is done: marked REFUND,
// its own number and the original receipt's, the lines taken back, how the money went back, who made
// and approved it. Fixed-width lines like the receipt's and the Z report's (ASCII labels, so every
// code page prints them; product names in the printer's cells).
import { currencyExponent, minorToDecimal } from '../../core/money';
import { formatTaxRate } from '../../core/pricing/totals';
import type { RefundRecord } from '../../db/refunds';
import { Columns, type CellWidth } from '../receipts/columns';
import { localTime, type PrintBlock } from '../receipts/layout';

export interface SlipOptions {
  columns: number;
  cells: CellWidth;
  storeName: string;
  timeZone?: string;
  /** A reprint: marked COPY. */
  copy?: boolean;
}

const TENDER_WORDS = { cash: 'Cash', merchant_qr: 'QR payment', wallet_code: 'Wallet' } as const;

/** The slip as printed blocks, top to bottom; the cut comes after the last. */
export function refundSlip(refund: RefundRecord, options: SlipOptions): PrintBlock[] {
  const cols = new Columns(options.columns, options.cells);
  const money = (minor: number) => minorToDecimal(minor, currencyExponent(refund.currency));
  const out: PrintBlock[] = [];
  const line = (text: string, style?: 'bold' | 'title') => out.push({ kind: 'line', text, style });
  const pair = (label: string, value: string, style?: 'bold') =>
    cols.spread(label, value).forEach((text) => line(text, style));
  const rule = () => line('-'.repeat(cols.width));

  for (const part of cols.wrap(options.storeName)) line(cols.centre(part), 'title');
  line(cols.centre(options.copy ? 'REFUND - COPY' : 'REFUND'), 'title');
  if (refund.training) line(cols.centre('TRAINING - NOT A REAL REFUND'), 'bold');
  pair('Refund', refund.refundNumber, 'bold');
  pair('Original receipt', refund.receiptNumber ?? 'none (no receipt)');
  rule();
  for (const item of refund.lines) {
    pair(item.name, `-${money(item.amount)}`);
    const quantity = item.unit === 'kg' ? `${minorToDecimal(item.quantity, 3)} kg` : `${item.quantity} x`;
    line(cols.fit(`  ${quantity}  ${item.reason.replace('_', ' ')}, ${item.disposition.replace('_', ' ')}`));
  }
  rule();
  pair(`REFUND TOTAL ${refund.currency}`, `-${money(refund.total)}`, 'bold');
  for (const rate of taxByRate(refund)) pair(`  Tax ${formatTaxRate(rate.rateBp)} incl.`, money(rate.tax));
  if (refund.cashRounding !== 0) pair('Cash rounding', money(-refund.cashRounding));
  rule();
  for (const tender of refund.tenders) {
    const status = tender.status === 'paid' ? '' : ` (${tender.status.toUpperCase()})`;
    pair(`${TENDER_WORDS[tender.kind]} back${status}`, money(tender.amount));
    if (tender.kind !== 'cash') line(cols.fit(`  Ref ${tender.reference}`));
  }
  rule();
  pair('Staff', refund.staffId);
  if (refund.approvedBy) pair('Approved by', refund.approvedBy);
  if (refund.offline) line(cols.fit('Made offline: HQ checks it later'));
  pair('Time', localTime(refund.completedAt ?? refund.createdAt, options.timeZone));
  return out;
}

function taxByRate(refund: RefundRecord): { rateBp: number; tax: number }[] {
  const rates = new Map<number, number>();
  for (const item of refund.lines) rates.set(item.taxRateBp, (rates.get(item.taxRateBp) ?? 0) + item.tax);
  return [...rates.entries()].sort(([a], [b]) => a - b).map(([rateBp, tax]) => ({ rateBp, tax }));
}
