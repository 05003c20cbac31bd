// Small pieces every Returns step shows the same way: a tender's name, a sold line's name in the screen's
// language, a refusal in the cashier's words, and a line's reason and stock.
import { localizedName, type LocalizedNames } from '../../../core/catalog/language-tag';
import type { RefundDisposition, RefundReason } from '../../../core/sync/refunds';
import type { TenderKind } from '../../../core/types';
import type { ApiError, RefundSaleView } from '../../../services/api/contract';
import { cashierRefundRefusal } from '../../common/cashier-words';
import type { Messages } from '../../i18n';
import { useI18n } from '../../i18n';
import { InfoIcon } from '../../kiosk/icons';

/** "Cash", "Wallet code"… */
export function tenderName(t: Messages, kind: TenderKind): string {
  return kind === 'cash' ? t.refund.cash : kind === 'merchant_qr' ? t.refund.merchantQr : t.refund.walletCode;
}

/** A sale line's name in `language`, from the receipt as sold (its names per language), else as refunds name it. */
export function soldLineName(sale: RefundSaleView, line: number, fallback: string, language: string): string {
  const lines = (sale.receipt as { lines?: unknown }).lines;
  const sold = Array.isArray(lines)
    ? (lines[line] as { name?: unknown; names?: unknown } | undefined)
    : undefined;
  const names = sold && typeof sold.names === 'object' && sold.names !== null ? sold.names : null;
  return localizedName(fallback, names as LocalizedNames | null, language);
}

/** A refusal or a hint, in the warning tone the counter uses for "not done". */
export function RefundNotice({
  error,
  text,
  testId,
}: {
  error?: ApiError | null;
  text?: string | null;
  testId: string;
}) {
  const { t } = useI18n();
  const shown = error ? cashierRefundRefusal(t, error) : text;
  if (!shown) return null;
  return (
    <div className="banner warn refund-notice" role="alert" data-testid={testId} data-code={error?.code}>
      <InfoIcon />
      <span className="banner-text">{shown}</span>
    </div>
  );
}

/** A returned line's reason, and under it whether the goods go back on the shelf or are written off. */
export function ReasonCell({
  reason,
  disposition,
}: {
  reason: RefundReason;
  disposition: RefundDisposition;
}) {
  const { t } = useI18n();
  return (
    <td className="refund-line-reason">
      <span data-testid="refund-line-reason" data-reason={reason}>
        {t.refund.reasons[reason]}
      </span>
      <span
        className={`refund-stock ${disposition}`}
        data-testid="refund-line-stock"
        data-disposition={disposition}
      >
        {disposition === 'restock' ? t.refund.restock : t.refund.writeOff}
      </span>
    </td>
  );
}

/** A lines table's headings, the figures' right-aligned. */
export function LinesHead({ columns }: { columns: [label: string, figures: boolean][] }) {
  return (
    <thead>
      <tr>
        {columns.map(([label, figures]) => (
          <th key={label} scope="col" className={figures ? 'num' : undefined}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
