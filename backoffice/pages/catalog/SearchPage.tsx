// Search the catalog as you type: each keystroke asks HQ again (a slower, older answer never replaces a
// newer one), and a product's row opens its page.
import { useEffect, useState } from 'react';
import { areaTexts } from '../../app/area-texts';
import { go, href } from '../../app/route';
import { useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { catalogApi, type ProductSummary } from './api';
import { decimal } from './money';
import { catalogTexts } from './texts';

/** Typing settles for this long before HQ is asked. */
const SETTLE_MS = 120;

export function SearchPage() {
  const t = useTexts(catalogTexts);
  const area = useTexts(areaTexts);
  const format = useFormat();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [more, setMore] = useState<ProductSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useLoad(() => catalogApi.search(query), [query]);
  useEffect(() => {
    setMore([]);
    setNext(found.data?.next ?? null);
  }, [found.data]);
  const showMore = async () => {
    const page = await catalogApi.search(query, next);
    setMore((rows) => [...rows, ...page.products]);
    setNext(page.next);
  };
  const rows = [...(found.data?.products ?? []), ...more];
  const columns: Column<ProductSummary>[] = [
    { label: t.name, cell: (p) => p.name },
    {
      label: t.otherNames,
      cell: (p) => Object.values(p.names ?? {}).join(' · '),
      csv: (p) => JSON.stringify(p.names ?? {}),
    },
    { label: t.barcode, cell: (p) => p.barcode },
    { label: t.plu, cell: (p) => p.plu ?? '' },
    { label: t.department, cell: (p) => p.department ?? '' },
    {
      label: t.price,
      align: 'end',
      cell: (p) => `${format.money(p.price, p.currency)}${p.unit === 'kg' ? ` / kg` : ''}`,
      csv: (p) => decimal(p.price, p.currency),
    },
  ];
  return (
    <Page
      title={area.catalog}
      actions={
        <>
          <a className="button-quiet catalog-link-button" href={href('catalog', 'restrictions')}>
            {t.departmentRules}
          </a>
          <a className="button-primary catalog-link-button" href={href('catalog', 'import')}>
            {t.importCsv}
          </a>
        </>
      }
    >
      <Panel>
        <label className="field catalog-search">
          {t.search}
          <input
            type="search"
            className="search"
            value={typed}
            autoFocus
            aria-describedby="catalog-search-hint"
            onChange={(e) => setTyped(e.target.value)}
            data-testid="catalog-search"
          />
        </label>
        <p id="catalog-search-hint" className="muted catalog-hint">
          {t.searchHint}
        </p>
        {found.error ? <ErrorNotice error={found.error} /> : null}
        <DataTable
          caption={t.results}
          rows={rows}
          columns={columns}
          rowKey={(p) => p.gtin}
          csvName="catalog-search"
          onRowClick={(p) => go('catalog', p.gtin)}
          testId="catalog-results"
        />
        {next ? (
          <button type="button" className="button-quiet" onClick={() => void showMore()}>
            {t.more}
          </button>
        ) : null}
      </Panel>
    </Page>
  );
}
