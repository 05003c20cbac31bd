// Sales by day, hour, store, department and tender for the chosen days and stores, with refunds beside
// each day: the key figures, then each breakdown's chart and table (breakdowns.tsx), every table
// exportable.
import { api } from '../../api/client';
import { useFormat, useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { salesBreakdowns, type Breakdown } from './breakdowns';
import { TakingsChart } from './TakingsChart';
import { salesTexts } from './texts';
import { reportQuery, type ReportFilters, type SalesReport } from './types';

export function SalesSummary({ filters }: { filters: ReportFilters }) {
  const t = useTexts(salesTexts);
  const format = useFormat();
  const { data, error } = useLoad(
    () => api.get<SalesReport>('/admin/v1/reports/sales', reportQuery(filters)),
    [filters.from, filters.to, filters.store, filters.training],
  );
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="muted">{t.loading}</p>;
  const money = (minor: number, currency: string) => format.money(minor, currency);
  const currency = data.days[0]?.currency ?? data.byStore[0]?.currency ?? 'CNY';
  const name = (base: string) => `${base}-${data.from}-${data.to}${filters.training ? '-training' : ''}`;
  const sales = data.days.reduce((sum, d) => sum + d.sales, 0);
  const takings = data.days.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.total, 0);
  const refunded = data.refunds.filter((r) => r.currency === currency).reduce((sum, r) => sum + r.total, 0);
  const breakdowns = salesBreakdowns(data, { t, format, currency, csvName: name });
  const panel = (b: Breakdown) => (
    <Panel key={b.key} title={b.title}>
      {b.table}
    </Panel>
  );
  return (
    <>
      {filters.training ? <p className="notice notice-info">{t.trainingNote}</p> : null}
      <div className="figures">
        <div className="figure">
          <span className="muted">{t.takings}</span>
          <strong data-testid="sales-takings">{money(takings, currency)}</strong>
        </div>
        <div className="figure">
          <span className="muted">{t.salesCount}</span>
          <strong>{format.number(sales)}</strong>
        </div>
        <div className="figure">
          <span className="muted">{t.averageSale}</span>
          <strong>{money(sales > 0 ? Math.round(takings / sales) : 0, currency)}</strong>
        </div>
        <div className="figure">
          <span className="muted">{t.refundTotal}</span>
          <strong>{money(refunded, currency)}</strong>
        </div>
      </div>
      <div className="sales-grid">
        {breakdowns.map((b) =>
          b.chart ? (
            <Panel key={b.key} title={b.title}>
              <TakingsChart {...b.chart} currency={currency} />
            </Panel>
          ) : null,
        )}
      </div>
      {breakdowns.filter((b) => b.wide).map(panel)}
      <div className="sales-grid">{breakdowns.filter((b) => !b.wide).map(panel)}</div>
    </>
  );
}
