// The X and Z reports on paper and in the terminal's CLI: fixed-width lines like the receipt's
// (services/receipts/layout.ts), ASCII only so every printer code page prints them. Pure: no printer.
import { currencyExponent, minorToDecimal } from '../../core/money';
import type { ShiftFigures } from '../../core/shift';
import type { ShiftView, ZReportView } from '../api/shift-contract';
import { Columns, type CellWidth } from '../receipts/columns';
import { localTime, type PrintBlock } from '../receipts/layout';

/** What a report is about: the open shift now (X), or the closed shift's Z report. */
export type ReportSubject =
  { kind: 'X'; shift: ShiftView; figures: ShiftFigures; at: string } | { kind: 'Z'; z: ZReportView };

export interface ReportLayoutOptions {
  columns: number;
  cells: CellWidth;
  storeName: string;
  timeZone?: string;
}

/** The report as printed blocks, top to bottom; the cut comes after the last. */
export function reportLayout(subject: ReportSubject, options: ReportLayoutOptions): PrintBlock[] {
  const cols = new Columns(options.columns, options.cells);
  const currency = subject.kind === 'X' ? subject.shift.currency : subject.z.currency;
  const f = subject.kind === 'X' ? subject.figures : subject.z.figures;
  const money = (minor: number) => minorToDecimal(minor, currencyExponent(currency));
  const out: PrintBlock[] = [];
  const line = (text: string, style?: 'bold' | 'title') => out.push({ kind: 'line', text, style });
  // Labels are short enough for one line; spread() would trim the indent of the tender lines.
  const pair = (label: string, value: string, style?: 'bold') =>
    cols.measure(label) + cols.measure(value) < cols.width
      ? line(cols.padEnd(label, cols.width - cols.measure(value)) + value, style)
      : cols.spread(label, value).forEach((text) => line(text, style));
  const rule = () => line('-'.repeat(cols.width));
  const time = (iso: string) => localTime(iso, options.timeZone);

  for (const part of cols.wrap(options.storeName)) line(cols.centre(part), 'title');
  if (subject.kind === 'Z') {
    line(cols.centre(`Z REPORT ${subject.z.number}`), 'title');
    pair('Terminal', subject.z.terminalId);
    pair('Opened', `${time(subject.z.openedAt)} ${subject.z.openedBy}`);
    pair('Closed', `${time(subject.z.closedAt)} ${subject.z.closedBy}`);
  } else {
    line(cols.centre('X REPORT - SHIFT STILL OPEN'), 'title');
    pair('Terminal', subject.shift.terminalId);
    pair('Opened', `${time(subject.shift.openedAt)} ${subject.shift.openedBy}`);
    pair('Printed', time(subject.at));
  }
  rule();
  pair(`Sales (${f.sales.count})`, money(f.sales.total), 'bold');
  pair('  Cash', money(f.tenders.cash));
  pair('  Merchant QR', money(f.tenders.merchant_qr));
  pair('  Wallet code', money(f.tenders.wallet_code));
  pair('  Cash rounding', money(f.rounding));
  pair('  Change given', money(f.change));
  pair(`Refunds in cash (${f.refunds.count})`, money(f.refunds.total));
  if (f.codeRefunds) {
    pair(`Refunds to QR (${f.codeRefunds.merchant_qr.count})`, money(f.codeRefunds.merchant_qr.total));
    pair(`Refunds to wallet (${f.codeRefunds.wallet_code.count})`, money(f.codeRefunds.wallet_code.total));
  }
  pair(`Voided sales (${f.voids.count})`, money(f.voids.total));
  rule();
  pair('Opening float', money(f.openingFloat));
  pair(`Pay-ins (${f.payIns.count})`, money(f.payIns.total));
  pair(`Pay-outs (${f.payOuts.count})`, money(f.payOuts.total));
  pair('No-sale openings', String(f.noSales));
  pair(`Expected cash ${currency}`, money(f.expectedCash), 'bold');
  if (f.count) {
    pair(`Counted cash ${currency}`, money(f.count.counted), 'bold');
    const d = f.count.difference;
    pair(d < 0 ? 'Difference (short)' : d > 0 ? 'Difference (over)' : 'Difference', money(d), 'bold');
  }
  if (subject.kind === 'Z') {
    pair('Approved by', subject.z.approvedBy ?? '-');
    rule();
    line(cols.centre(`*** Z ${subject.z.number} - END OF SHIFT ***`), 'bold');
  }
  return out;
}

/** The report as plain text lines (the CLI's `shift report`). */
export function reportText(subject: ReportSubject, options: ReportLayoutOptions): string {
  return reportLayout(subject, options)
    .map((block) => (block.kind === 'line' ? block.text : ''))
    .join('\n');
}
