// The first page: each store's takings today (its own local today) against the same day last week,
// today by hour, and the open problems with a link to where each is dealt with.
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { href } from '../../app/route';
import { useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { decimal } from '../sales/money';
import { TakingsChart } from '../sales/TakingsChart';
import type { Overview } from '../sales/types';
import '../sales/reports.css';
import { overviewTexts } from './texts';

type StoreRow = Overview['stores'][number];

export default function OverviewPage() {
  const t = useTexts(overviewTexts);
  const area = useTexts(areaTexts);
  const format = useFormat();
  const { data, error } = useLoad(() => api.get<Overview>('/admin/v1/reports/overview'), []);
  const currency = data?.stores.find((s) => s.currency)?.currency ?? data?.hours[0]?.currency ?? 'CNY';
  const money = (minor: number, cur: string | null) => format.money(minor, cur ?? currency);
  const change = (r: StoreRow) => {
    if (r.lastWeekTotal === 0) return '—';
    const pct = ((r.todayTotal - r.lastWeekTotal) / r.lastWeekTotal) * 100;
    return `${pct >= 0 ? '+' : ''}${format.number(Math.round(pct))}%`;
  };
  const problems = data
    ? [
        { key: 'refundFlags', label: t.refundFlags, count: data.problems.refundFlags, area: 'stock' },
        { key: 'stockFlags', label: t.stockFlags, count: data.problems.stockFlags, area: 'stock' },
        { key: 'deadLetters', label: t.deadLetters, count: data.problems.deadLetters, area: 'problems' },
      ]
    : [];
  const total = (data?.stores ?? [])
    .filter((s) => s.currency === currency)
    .reduce((sum, s) => sum + s.todayTotal, 0);
  return (
    <Page title={area.overview}>
      {error ? <ErrorNotice error={error} /> : null}
      {!data && !error ? <p className="muted">{t.loading}</p> : null}
      {data ? (
        <>
          <div className="figures">
            <div className="figure">
              <span className="muted">{t.allTakings}</span>
              <strong data-testid="overview-takings">{money(total, currency)}</strong>
            </div>
            {problems.map((p) => (
              <a
                key={p.key}
                className="figure overview-problem"
                href={href(p.area)}
                data-testid={`problem-${p.key}`}
              >
                <span className="muted">{p.label}</span>
                <strong>{format.number(p.count)}</strong>
              </a>
            ))}
          </div>
          <Panel title={t.today}>
            <DataTable<StoreRow>
              caption={t.today}
              csvName="takings-today"
              rows={data.stores}
              rowKey={(r) => `${r.store}-${r.currency ?? ''}`}
              columns={[
                {
                  label: t.store,
                  cell: (r) => (
                    <a href={`${href('sales')}?store=${encodeURIComponent(r.store)}`}>{r.store}</a>
                  ),
                  csv: (r) => r.store,
                },
                { label: t.day, cell: (r) => r.today },
                {
                  label: t.sales,
                  align: 'end',
                  cell: (r) => format.number(r.todaySales),
                  csv: (r) => r.todaySales,
                },
                {
                  label: t.takings,
                  align: 'end',
                  cell: (r) => money(r.todayTotal, r.currency),
                  csv: (r) => decimal(r.todayTotal, r.currency ?? currency),
                },
                {
                  label: t.lastWeek,
                  align: 'end',
                  cell: (r) => money(r.lastWeekTotal, r.currency),
                  csv: (r) => decimal(r.lastWeekTotal, r.currency ?? currency),
                },
                { label: t.change, align: 'end', cell: change },
              ]}
            />
          </Panel>
          <Panel title={t.byHour}>
            <TakingsChart
              testId="chart-today-by-hour"
              title={t.chart}
              currency={currency}
              points={data.hours
                .filter((h) => h.currency === currency)
                .map((h) => ({ label: `${h.hour}`, total: h.total }))}
            />
            <DataTable<Overview['hours'][number]>
              caption={t.byHour}
              csvName="takings-today-by-hour"
              rows={data.hours}
              rowKey={(r) => `${r.hour}-${r.currency}`}
              columns={[
                { label: t.hour, cell: (r) => `${String(r.hour).padStart(2, '0')}:00` },
                { label: t.sales, align: 'end', cell: (r) => format.number(r.sales), csv: (r) => r.sales },
                {
                  label: t.total,
                  align: 'end',
                  cell: (r) => money(r.total, r.currency),
                  csv: (r) => decimal(r.total, r.currency),
                },
              ]}
            />
          </Panel>
        </>
      ) : null}
    </Page>
  );
}
