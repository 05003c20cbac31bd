// The sales area: one set of filters (days, store, training) over three reports — the summary (by day,
// hour, store, department, tender), the Z reports, and the refunds. Days are each store's local days.
import { useState } from 'react';
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { href, useRoute } from '../../app/route';
import { fill, useTexts } from '../../i18n';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { Refunds } from './Refunds';
import { SalesSummary } from './SalesSummary';
import { salesTexts } from './texts';
import type { ReportFilters, StoreZone } from './types';
import { ZReports } from './ZReports';
import './reports.css';

const VIEWS = ['summary', 'z-reports', 'refunds'] as const;
type View = (typeof VIEWS)[number];

/** A day as YYYY-MM-DD in the browser's own calendar, `back` days before today. */
function localDay(back = 0): string {
  const d = new Date();
  d.setDate(d.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export default function SalesPage() {
  const t = useTexts(salesTexts);
  const area = useTexts(areaTexts);
  const route = useRoute();
  const view: View = (VIEWS as readonly string[]).includes(route.rest[0] ?? '')
    ? (route.rest[0] as View)
    : 'summary';
  const [filters, setFilters] = useState<ReportFilters>({
    from: route.query.get('from') ?? localDay(6),
    to: route.query.get('to') ?? localDay(),
    store: route.query.get('store') ?? '',
    training: false,
  });
  const stores = useLoad(() => api.get<{ stores: StoreZone[] }>('/admin/v1/reports/stores'), []);
  const set = (change: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...change }));
  const zones = (stores.data?.stores ?? [])
    .filter((s) => !filters.store || s.code === filters.store)
    .map((s) => `${s.code} ${s.timeZone}`)
    .join(', ');
  const labels: Record<View, string> = { summary: t.summary, 'z-reports': t.zReports, refunds: t.refunds };
  return (
    <Page title={area.sales}>
      <nav className="sales-tabs" aria-label={t.views}>
        {VIEWS.map((v) => (
          <a
            key={v}
            href={v === 'summary' ? href('sales') : href('sales', v)}
            aria-current={v === view ? 'true' : undefined}
          >
            {labels[v]}
          </a>
        ))}
      </nav>
      <form className="sales-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          {t.from}
          <input
            type="date"
            value={filters.from}
            max={filters.to}
            required
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
        </label>
        <label className="field">
          {t.to}
          <input
            type="date"
            value={filters.to}
            min={filters.from}
            required
            onChange={(e) => e.target.value && set({ to: e.target.value })}
          />
        </label>
        <label className="field">
          {t.store}
          <select value={filters.store} onChange={(e) => set({ store: e.target.value })}>
            <option value="">{t.allStores}</option>
            {(stores.data?.stores ?? []).map((s) => (
              <option key={s.code} value={s.code}>
                {s.code}
              </option>
            ))}
          </select>
        </label>
        {view !== 'z-reports' ? (
          <label className="check">
            <input
              type="checkbox"
              checked={filters.training}
              onChange={(e) => set({ training: e.target.checked })}
            />
            {t.training}
          </label>
        ) : null}
      </form>
      {zones ? (
        <p className="muted" data-testid="sales-zones">
          {fill(t.zones, { zones })}
        </p>
      ) : null}
      {view === 'summary' ? <SalesSummary filters={filters} /> : null}
      {view === 'z-reports' ? <ZReports filters={filters} /> : null}
      {view === 'refunds' ? <Refunds filters={filters} /> : null}
    </Page>
  );
}
