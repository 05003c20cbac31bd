// Labels: tonight's queue (the price changes HQ has sent that take effect within a day, not yet
// printed), the printer to print on (the receipt printer, or a label printer), and print them all.
import { useEffect, useState } from 'react';
import type { ApiError, LabelPrinterKind, LabelQueueView, LabelView } from '../../services/api/contract';
import { dateTime, money } from '../format';
import { useI18n } from '../i18n';
import { Notice, Refusal } from './Banner';
import type { StockScreenProps } from './screen-props';

export function LabelsScreen({ client }: Pick<StockScreenProps, 'client'>) {
  const { t, language } = useI18n();
  const [queue, setQueue] = useState<LabelQueueView | null>(null);
  const [printer, setPrinter] = useState<LabelPrinterKind | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [printed, setPrinted] = useState<number | null>(null);
  useEffect(() => {
    void client.call('labels.queue', {}).then((result) => {
      setError(result.ok ? null : result.error);
      if (!result.ok) return;
      setQueue(result.value);
      setPrinter((p) => p ?? result.value.printers[0] ?? null);
    });
  }, [client, printed]);
  // A label for a price already in force prints as it is; one for tomorrow's price asks for the coming one.
  const print = async () => {
    if (!queue || !printer) return;
    // Whether a price is in force yet is the terminal's clock's to say, not this browser's.
    const coming = (l: LabelView) => l.coming;
    let total = 0;
    for (const group of [queue.labels.filter(coming), queue.labels.filter((l) => !coming(l))]) {
      if (group.length === 0) continue;
      const gtins = group.map((l) => l.gtin);
      const result = await client.call('labels.print', { gtins, printer, coming: coming(group[0]!) });
      setError(result.ok ? null : result.error);
      if (!result.ok) return;
      total += result.value.printed;
    }
    setPrinted(total);
  };
  const labels = queue?.labels ?? [];
  // Tonight's label names the moment tomorrow's price takes effect; one for today's, since when.
  const when = (label: LabelView, iso: string) =>
    (label.coming ? t.stock.takesEffect : t.stock.effectiveFrom)(dateTime(iso, language));
  return (
    <section className="stock-task" data-testid="stock-labels">
      <h1>{t.stock.labelsTitle}</h1>
      <h2>{t.stock.labelsQueue}</h2>
      {queue && labels.length === 0 ? <p className="stock-muted">{t.stock.labelsEmpty}</p> : null}
      <ul className="stock-lines" data-testid="stock-label-queue">
        {labels.map((label) => (
          <li key={label.gtin} data-testid="stock-label" data-gtin={label.gtin}>
            <span className="stock-line-name">
              {label.name}
              <span className="stock-muted">
                {' '}
                · {label.gtin}
                {label.effectiveFrom ? ` · ${when(label, label.effectiveFrom)}` : ''}
              </span>
            </span>
            <strong>{money(label.price, label.currency, language)}</strong>
          </li>
        ))}
      </ul>
      {queue && queue.printers.length === 0 ? <p className="stock-muted">{t.stock.noPrinter}</p> : null}
      {queue && queue.printers.length > 0 ? (
        <fieldset className="stock-choice">
          <legend>{t.stock.printOn}</legend>
          {queue.printers.map((p) => (
            <button
              key={p}
              type="button"
              className={`stock-chip ${p === printer ? 'selected' : ''}`}
              aria-pressed={p === printer}
              data-testid={`stock-printer-${p}`}
              onClick={() => setPrinter(p)}
            >
              {t.stock.printers[p]}
            </button>
          ))}
        </fieldset>
      ) : null}
      <Refusal error={error} />
      <Notice text={printed === null ? null : t.stock.printed(printed)} />
      <button
        type="button"
        className="stock-button primary"
        data-testid="stock-print-all"
        disabled={labels.length === 0 || !printer}
        onClick={() => void print()}
      >
        {t.stock.printAll(labels.length)}
      </button>
    </section>
  );
}
