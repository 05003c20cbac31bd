// The money of a sale as the shopper checks it: discount and cash rounding when there are any, the total,
// each tender taken, what is still to pay, and the change due in large type.
import { money } from '../format';
import { useI18n } from '../i18n';
import type { DisplaySale } from './view';

export function DisplayTotals({ sale, paid }: { sale: DisplaySale; paid: boolean }) {
  const { t, language } = useI18n();
  const m = (minor: number) => money(minor, sale.currency, language);
  const rounded = sale.rounding !== 0;
  return (
    <div className="display-totals" data-testid="display-totals">
      {sale.discount > 0 ? (
        <Row label={t.display.discount} value={`−${m(sale.discount)}`} testId="display-discount" />
      ) : null}
      <div className="display-total" data-testid="display-total">
        <span>{t.display.total}</span>
        <strong>{m(sale.total)}</strong>
      </div>
      {rounded ? (
        <>
          <Row label={t.display.rounding} value={signed(sale.rounding, m)} testId="display-rounding" />
          <Row label={t.display.toPay} value={m(sale.total + sale.rounding)} testId="display-to-pay" strong />
        </>
      ) : null}
      {sale.tenders.length > 0 ? (
        <ul className="display-tenders" data-testid="display-tenders">
          {sale.tenders.map((tender, i) => (
            <li key={`${tender.kind}-${i}`}>
              <span>{t.display.tender[tender.kind] ?? tender.kind}</span>
              <span>{m(tender.amount)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {!paid && sale.tenders.length > 0 && sale.due > 0 ? (
        <Row label={t.display.due} value={m(sale.due)} testId="display-due" strong />
      ) : null}
      {sale.change > 0 ? (
        <div className="display-change" data-testid="display-change">
          <span>{t.display.change}</span>
          <strong>{m(sale.change)}</strong>
        </div>
      ) : null}
    </div>
  );
}

function Row(props: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <div
      className={props.strong ? 'display-row display-row-strong' : 'display-row'}
      data-testid={props.testId}
    >
      <span>{props.label}</span>
      <span>{props.value}</span>
    </div>
  );
}

function signed(minor: number, m: (minor: number) => string): string {
  return minor < 0 ? `−${m(-minor)}` : `+${m(minor)}`;
}
