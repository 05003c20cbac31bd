// A sale on the customer display: its lines on the left (the newest stands out and stays in view), and on
// the right what matters to the shopper now — the total, the payment QR while a QR payment waits, the
// tenders taken and the change, or the thank-you once it is paid.
import { memo, useEffect, useRef } from 'react';
import { QrCode } from '../QrCode';
import { money, quantityText } from '../format';
import { useI18n } from '../i18n';
import type { DisplayLine, DisplayScreen, DisplaySale } from './view';
import { DisplayTotals } from './DisplayTotals';

type SaleScreen = Exclude<DisplayScreen, { kind: 'loading' } | { kind: 'idle' }>;

export function DisplaySaleView({ screen }: { screen: SaleScreen }) {
  const { t } = useI18n();
  const { sale } = screen;
  return (
    <main className="display-sale">
      <header className="display-head">
        <span className="display-head-store">{screen.storeName}</span>
        <span className="display-head-count" data-testid="display-count">
          {t.display.items(sale.itemCount)}
        </span>
      </header>
      <Lines sale={sale} />
      <aside className={`display-panel display-panel-${screen.kind}`} data-testid="display-panel">
        {screen.kind === 'sale' ? <Latest sale={sale} /> : null}
        {screen.kind === 'paying' ? <Paying qr={screen.qr} amount={screen.amount} sale={sale} /> : null}
        {screen.kind === 'paid' ? <Thanks change={sale.change > 0} /> : null}
        <DisplayTotals sale={sale} paid={screen.kind === 'paid'} />
      </aside>
    </main>
  );
}

function Lines({ sale }: { sale: DisplaySale }) {
  const list = useRef<HTMLOListElement>(null);
  const { lastChangedLineId } = sale;
  useEffect(() => {
    const newest = list.current?.querySelector('[data-newest="true"]') ?? list.current?.lastElementChild;
    newest?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [lastChangedLineId, sale.lines.length]);
  return (
    <ol className="display-lines" ref={list} data-testid="display-lines">
      {sale.lines.map((line) => (
        <Line key={line.id} line={line} currency={sale.currency} newest={line.id === lastChangedLineId} />
      ))}
    </ol>
  );
}

const Line = memo(function Line(props: { line: DisplayLine; currency: string; newest: boolean }) {
  const { line, currency, newest } = props;
  const { t, language } = useI18n();
  const several = line.unit === 'kg' || line.quantity !== 1;
  const per = line.unit === 'kg' ? '/kg' : ` ${t.display.each}`;
  return (
    <li className="display-line" data-testid="display-line" data-newest={newest}>
      <span className="display-line-name" data-testid="display-line-name">
        {line.name}
      </span>
      <span className="display-line-total" data-testid="display-line-total">
        {money(line.lineTotal, currency, language)}
      </span>
      {several ? (
        <span className="display-line-qty" data-testid="display-line-qty">
          {quantityText(line.unit, line.quantity)} × {money(line.unitPrice, currency, language)}
          {per}
        </span>
      ) : null}
      {line.discount > 0 ? (
        <span className="display-line-discount">
          {t.display.discount} −{money(line.discount, currency, language)}
        </span>
      ) : null}
    </li>
  );
});

/** The item just scanned, large: what the shopper looks up to check as each item passes. */
function Latest({ sale }: { sale: DisplaySale }) {
  const { t, language } = useI18n();
  const line = sale.lines.find((l) => l.id === sale.lastChangedLineId) ?? sale.lines[sale.lines.length - 1];
  if (!line) return null;
  return (
    <section className="display-latest" data-testid="display-latest" key={line.id}>
      <p className="display-latest-name">{line.name}</p>
      <p className="display-latest-price">
        {line.unit === 'kg' || line.quantity !== 1 ? (
          <span className="display-latest-qty">
            {quantityText(line.unit, line.quantity)} × {money(line.unitPrice, sale.currency, language)}
          </span>
        ) : null}
        <strong>{money(line.lineTotal, sale.currency, language)}</strong>
      </p>
      <p className="display-latest-label">{t.display.latest}</p>
    </section>
  );
}

function Paying({ qr, amount, sale }: { qr: string | null; amount: number; sale: DisplaySale }) {
  const { t, language } = useI18n();
  return (
    <section className="display-pay" data-testid="display-pay">
      <h2 className="display-pay-title">{qr ? t.display.scanToPay : t.display.waiting}</h2>
      {qr ? (
        <div className="display-qr">
          <QrCode text={qr} sizePx={320} label={t.display.scanToPay} testId="display-qr" />
        </div>
      ) : null}
      <p className="display-pay-amount" data-testid="display-pay-amount">
        {money(amount, sale.currency, language)}
      </p>
      {qr ? <p className="display-pay-hint">{t.display.scanHint}</p> : null}
    </section>
  );
}

function Thanks({ change }: { change: boolean }) {
  const { t } = useI18n();
  return (
    <section className="display-thanks" data-testid="display-thanks">
      <span className="display-thanks-mark" aria-hidden="true" />
      <h2>{t.display.thanks}</h2>
      <p>{change ? t.display.thanksHintChange : t.display.thanksHint}</p>
    </section>
  );
}
