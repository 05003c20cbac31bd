// A product's store prices: each store's own price, set or removed (the chain price applies again). A
// store manager sees and changes only their stores; HQ decides anyway.
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { catalogApi, type ProductDetail } from './api';
import { decimal } from './money';
import { catalogTexts } from './texts';

type StorePrice = ProductDetail['storePrices'][number];

export function StorePrices({ product, onChanged }: { product: ProductDetail; onChanged(): void }) {
  const t = useTexts(catalogTexts);
  const format = useFormat();
  const { session } = useSession();
  const ownStores = session.stores === 'all' ? null : session.stores;
  const [store, setStore] = useState(ownStores?.[0] ?? '');
  const [price, setPrice] = useState('');
  const [outcome, setOutcome] = useState<{ ok: string } | { error: unknown } | null>(null);

  const act = async (run: () => Promise<unknown>, ok: string) => {
    try {
      await run();
      setOutcome({ ok });
      onChanged();
    } catch (error) {
      setOutcome({ error });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () => catalogApi.setStorePrice(product.gtin, store.trim(), price.trim()),
      fill(t.storePriceSaved, { store }),
    );
  };
  const columns: Column<StorePrice>[] = [
    { label: t.store, cell: (s) => s.store },
    {
      label: t.storePrice,
      align: 'end',
      cell: (s) => format.money(s.price, product.currency),
      csv: (s) => decimal(s.price, product.currency),
    },
    { label: t.updated, cell: (s) => format.dateTime(s.updatedAt), csv: (s) => s.updatedAt },
    {
      label: t.remove,
      cell: (s) => (
        <button
          type="button"
          className="button-quiet"
          aria-label={`${t.remove} ${s.store}`}
          onClick={() => void act(() => catalogApi.removeStorePrice(product.gtin, s.store), t.removed)}
        >
          {t.remove}
        </button>
      ),
      csv: () => '',
    },
  ];
  return (
    <Panel title={t.storePrices}>
      <DataTable
        caption={t.storePrices}
        rows={product.storePrices}
        columns={columns}
        rowKey={(s) => s.store}
        csvName={`store-prices-${product.gtin}`}
        testId="store-prices"
      />
      <form className="form-row catalog-inline-form" onSubmit={submit}>
        <label className="field">
          {t.storeCode}
          {ownStores ? (
            <select value={store} onChange={(e) => setStore(e.target.value)}>
              {ownStores.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          ) : (
            <input value={store} onChange={(e) => setStore(e.target.value)} size={8} />
          )}
        </label>
        <label className="field">
          {t.storePrice} ({product.currency})
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" size={8} />
        </label>
        <button type="submit" className="button-primary" disabled={!store.trim() || !price.trim()}>
          {t.setStorePrice}
        </button>
      </form>
      {outcome && 'ok' in outcome ? <Notice tone="ok">{outcome.ok}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
    </Panel>
  );
}
