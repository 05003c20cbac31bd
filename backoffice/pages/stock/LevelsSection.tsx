// On-hand per store and product, negative first, searched by GTIN digits or name as you type.
import { useState } from 'react';
import type { StockLevelRow } from '../../../server/stock/office-read';
import { api } from '../../api/client';
import { go } from '../../app/route';
import { useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { StoreField, STORE_PATTERN } from './StoreField';
import { stockTexts } from './texts';

export function LevelsSection() {
  const t = useTexts(stockTexts);
  const f = useFormat();
  const [store, setStore] = useState('');
  const [search, setSearch] = useState('');
  const [negative, setNegative] = useState(false);
  const storeQuery = STORE_PATTERN.test(store) ? store : undefined;
  const levels = useLoad(
    () =>
      api
        .get<{ levels: StockLevelRow[] }>('/admin/v1/stock/levels', {
          store: storeQuery,
          q: search.trim() || undefined,
          negative: negative ? 'true' : undefined,
        })
        .then((r) => r.levels),
    [storeQuery, search, negative],
  );
  return (
    <Panel>
      <div className="form-row">
        <StoreField id="stock-store" value={store} onChange={setStore} allowAll />
        <label className="field" htmlFor="stock-search">
          {t.search}
          <input
            id="stock-search"
            type="search"
            className="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            size={28}
          />
        </label>
        <label className="stock-check">
          <input type="checkbox" checked={negative} onChange={(e) => setNegative(e.target.checked)} />
          {t.negativeOnly}
        </label>
      </div>
      {levels.error ? <ErrorNotice error={levels.error} /> : null}
      <DataTable
        caption={t.levels}
        csvName="stock-levels"
        testId="stock-levels"
        rows={levels.data ?? []}
        rowKey={(l) => `${l.store}/${l.gtin}`}
        onRowClick={(l) => go('stock', 'movements', l.store, l.gtin)}
        columns={[
          { label: t.gtin, cell: (l) => l.gtin },
          { label: t.product, cell: (l) => l.name ?? t.unknownName, csv: (l) => l.name ?? '' },
          { label: t.store, cell: (l) => l.store },
          {
            label: t.onHand,
            cell: (l) =>
              l.negative ? (
                <span className="tag tag-bad">
                  {f.number(l.onHand)} · {t.negative}
                </span>
              ) : (
                f.number(l.onHand)
              ),
            csv: (l) => l.onHand,
            align: 'end',
          },
          {
            label: t.movementsCount,
            cell: (l) => f.number(l.movements),
            csv: (l) => l.movements,
            align: 'end',
          },
        ]}
      />
    </Panel>
  );
}
