// An X or Z report on screen: the same figures, in the same order, as the printed report.
import type { ShiftFigures } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';

export interface ShiftReportProps {
  title: string;
  currency: string;
  figures: ShiftFigures;
  approvedBy?: string | null;
  testId: string;
}

export function ShiftReport({ title, currency, figures: f, approvedBy, testId }: ShiftReportProps) {
  const { t, language } = useI18n();
  const m = (minor: number) => money(minor, currency, language);
  const rows: [string, string, string?][] = [
    [t.shift.sales(f.sales.count), m(f.sales.total), 'strong'],
    [t.shift.cash, m(f.tenders.cash), 'sub'],
    [t.shift.merchantQr, m(f.tenders.merchant_qr), 'sub'],
    [t.shift.walletCode, m(f.tenders.wallet_code), 'sub'],
    [t.shift.rounding, m(f.rounding), 'sub'],
    [t.shift.change, m(f.change), 'sub'],
    [t.shift.refunds(f.refunds.count), m(f.refunds.total)],
    // Refunds given back to QR and wallet payments by their providers: rows of their own beside the cash
    // refunds (not under them), and never in the cash expected.
    ...(f.codeRefunds
      ? ([
          [t.refund.xQrRefunds(f.codeRefunds.merchant_qr.count), m(f.codeRefunds.merchant_qr.total)],
          [t.refund.xWalletRefunds(f.codeRefunds.wallet_code.count), m(f.codeRefunds.wallet_code.total)],
        ] satisfies [string, string][])
      : []),
    [t.shift.voids(f.voids.count), m(f.voids.total)],
    [t.shift.float, m(f.openingFloat)],
    [t.shift.payIns(f.payIns.count), m(f.payIns.total)],
    [t.shift.payOuts(f.payOuts.count), m(f.payOuts.total)],
    [t.shift.noSales, String(f.noSales)],
    [t.shift.expected, m(f.expectedCash), 'strong'],
  ];
  if (f.count) {
    rows.push([t.shift.counted, m(f.count.counted), 'strong']);
    rows.push([t.shift.difference, m(f.count.difference), f.count.difference === 0 ? 'strong' : 'off']);
  }
  if (approvedBy !== undefined) rows.push([t.shift.approvedBy, approvedBy ?? '—']);
  return (
    <section className="shift-report" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      <table>
        <tbody>
          {rows.map(([label, value, style]) => (
            <tr key={label} className={style}>
              <th scope="row">{label}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
