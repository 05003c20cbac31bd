// A product's dated price changes: the upcoming ones (each can be cancelled until it takes effect), the
// past and cancelled ones, and a new one scheduled for a date and time (the browser's own time zone),
// chain-wide or for one store. Lanes receive it ahead and apply it at that moment, online or not.
import { useState, type FormEvent } from 'react';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { catalogApi, type PriceChangeView, type ProductDetail } from './api';
import { decimal } from './money';
import { catalogTexts } from './texts';

export function PriceChanges({ product }: { product: ProductDetail }) {
  const t = useTexts(catalogTexts);
  const format = useFormat();
  const loaded = useLoad(() => catalogApi.priceChanges(product.gtin), [product.gtin]);
  const [price, setPrice] = useState('');
  const [when, setWhen] = useState('');
  const [store, setStore] = useState('');
  const [outcome, setOutcome] = useState<{ ok: string } | { error: unknown } | null>(null);

  const act = async (run: () => Promise<string>) => {
    try {
      setOutcome({ ok: await run() });
      loaded.reload();
    } catch (error) {
      setOutcome({ error });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(when); // a datetime-local value is the browser's local time
    void act(async () => {
      const { change } = await catalogApi.schedule(product.gtin, {
        price: price.trim(),
        effectiveAt: Number.isFinite(at.getTime()) ? at.toISOString() : when,
        ...(store.trim() ? { store: store.trim() } : {}),
      });
      return fill(t.scheduled, { when: format.dateTime(change.effectiveAt) });
    });
  };
  const statusText = { upcoming: t.upcoming, in_force_or_past: t.past, cancelled: t.cancelled } as const;
  const columns: Column<PriceChangeView>[] = [
    { label: t.effectiveAt, cell: (c) => format.dateTime(c.effectiveAt), csv: (c) => c.effectiveAt },
    { label: t.scope, cell: (c) => c.store ?? t.wholeChain },
    {
      label: t.newPrice,
      align: 'end',
      cell: (c) => format.money(c.price, c.currency),
      csv: (c) => decimal(c.price, c.currency),
    },
    {
      label: t.status,
      cell: (c) => (
        <span className={`tag ${c.status === 'upcoming' ? 'tag-ok' : ''}`}>{statusText[c.status]}</span>
      ),
      csv: (c) => c.status,
    },
    { label: t.by, cell: (c) => c.by ?? 'CSV' },
    {
      label: t.cancel,
      cell: (c) =>
        c.status === 'upcoming' ? (
          <button
            type="button"
            className="button-quiet"
            aria-label={fill(t.cancelChange, { when: format.dateTime(c.effectiveAt) })}
            onClick={() =>
              void act(async () => {
                await catalogApi.cancel(c.id);
                return t.cancelled;
              })
            }
          >
            {t.cancel}
          </button>
        ) : (
          ''
        ),
      csv: () => '',
    },
  ];
  return (
    <Panel title={t.priceChanges}>
      <form className="form-row catalog-inline-form" onSubmit={submit} data-testid="schedule-form">
        <label className="field">
          {t.newPrice} ({product.currency})
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" size={8} />
        </label>
        <label className="field">
          {t.effectiveAt}
          <input type="datetime-local" step={1} value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label className="field">
          {t.storeOptional}
          <input value={store} onChange={(e) => setStore(e.target.value)} size={8} />
        </label>
        <button type="submit" className="button-primary" disabled={!price.trim() || !when}>
          {t.schedule}
        </button>
      </form>
      {outcome && 'ok' in outcome ? <Notice tone="ok">{outcome.ok}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      <DataTable
        caption={t.priceChanges}
        rows={loaded.data?.changes ?? []}
        columns={columns}
        rowKey={(c) => String(c.id)}
        csvName={`price-changes-${product.gtin}`}
        testId="price-changes"
      />
    </Panel>
  );
}
