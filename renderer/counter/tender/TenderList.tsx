// The tenders taken so far, in the order taken, one selectable row each; the cash rounding is its own
// line under them, never folded into a tender.
import type { TenderLineView, TenderView } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';

export function TenderList(props: { view: TenderView; selected: number | null }) {
  const { view, selected } = props;
  const { t, language } = useI18n();
  const cash = (minor: number) => money(minor, view.currency, language);
  if (view.tenders.length === 0)
    return (
      <p className="tender-none counter-muted" data-testid="tender-none">
        {t.tender.none}
      </p>
    );
  return (
    <table className="tender-list" data-testid="tender-list">
      <tbody>
        {view.tenders.map((line) => (
          <tr
            key={line.position}
            data-testid="tender-line"
            data-state={line.state}
            data-selected={line.position === selected}
            className={`tender-row tender-${line.state}`}
          >
            <td className="tender-pos">{line.position}</td>
            <td className="tender-kind">
              {kindName(line, t.tender)}
              {line.maskedCode ? <span className="counter-muted"> {line.maskedCode}</span> : null}
              <div className="tender-detail counter-muted">{detail(line, t.tender, cash)}</div>
            </td>
            <td className="tender-amount" data-testid="tender-amount">
              {cash(line.amount)}
            </td>
          </tr>
        ))}
        {view.rounding !== 0 ? (
          <tr className="tender-rounding" data-testid="tender-rounding">
            <td />
            <td>{t.tender.rounding}</td>
            <td className="tender-amount">{cash(view.rounding)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

type Words = ReturnType<typeof useI18n>['t']['tender'];

function kindName(line: TenderLineView, words: Words): string {
  if (line.kind === 'cash') return words.cash;
  return line.kind === 'merchant_qr' ? words.merchantQr : words.walletCode;
}

function detail(line: TenderLineView, words: Words, cash: (minor: number) => string): string {
  switch (line.state) {
    case 'pending':
      return words.pending;
    case 'failed':
      return `${words.failed}${line.failureReason ? ` — ${line.failureReason}` : ''}`;
    case 'reversing':
      return words.reversing;
    case 'reversed':
      return words.reversed;
    case 'taken':
      return line.tendered !== null && line.tendered !== line.amount ? words.handed(cash(line.tendered)) : '';
  }
}
