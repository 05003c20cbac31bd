// Sales by day, hour, store, department and tender for the chosen days and stores, with refunds beside
// each day: two charts and five tables, every table exportable.
import { api } from '../../api/client';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { decimal } from './money';
import { TakingsChart } from './TakingsChart';
import { salesTexts, type SalesText } from './texts';
import { reportQuery, type ReportFilters, type SalesReport } from './types';

type DayRow = SalesReport['days'][number] & { refunds: number; refundTotal: number };

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
  const days: DayRow[] = data.days.map((d) => {
    const refund = data.refunds.find((r) => r.day === d.day && r.currency === d.currency);
    return { ...d, refunds: refund?.refunds ?? 0, refundTotal: refund?.total ?? 0 };
  });
  const sales = data.days.reduce((sum, d) => sum + d.sales, 0);
  const takings = data.days.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.total, 0);
  const refunded = data.refunds.filter((r) => r.currency === currency).reduce((sum, r) => sum + r.total, 0);
  const moneyColumn = <Row,>(
    label: string,
    pick: (r: Row) => number,
    cur: (r: Row) => string,
  ): Column<Row> => ({
    label,
    align: 'end',
    cell: (r) => money(pick(r), cur(r)),
    csv: (r) => decimal(pick(r), cur(r)),
  });
  const count = <Row,>(label: string, pick: (r: Row) => number): Column<Row> => ({
    label,
    align: 'end',
    cell: (r) => format.number(pick(r)),
    csv: (r) => pick(r),
  });
  const tender = (kind: string) => (kind in salesTexts.en ? t[kind as SalesText] : kind);
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
        <Panel title={t.byDay}>
          <TakingsChart
            testId="chart-by-day"
            title={t.chartDay}
            currency={currency}
            points={data.days
              .filter((d) => d.currency === currency)
              .map((d) => ({ label: d.day.slice(5), total: d.total }))}
          />
        </Panel>
        <Panel title={t.byHour}>
          <TakingsChart
            testId="chart-by-hour"
            title={t.chartHour}
            currency={currency}
            points={data.hours
              .filter((h) => h.currency === currency)
              .map((h) => ({ label: `${h.hour}`, total: h.total }))}
          />
        </Panel>
      </div>
      <Panel title={t.byDay}>
        <DataTable<DayRow>
          caption={t.byDay}
          csvName={name('sales-by-day')}
          testId="table-by-day"
          rows={days}
          rowKey={(r) => `${r.day}-${r.currency}`}
          columns={[
            { label: t.day, cell: (r) => r.day },
            { label: t.currency, cell: (r) => r.currency },
            count(t.salesCount, (r) => r.sales),
            moneyColumn(
              t.total,
              (r) => r.total,
              (r) => r.currency,
            ),
            moneyColumn(
              t.tax,
              (r) => r.taxTotal,
              (r) => r.currency,
            ),
            count(t.lines, (r) => r.lines),
            count(t.refundCount, (r) => r.refunds),
            moneyColumn(
              t.refundTotal,
              (r) => r.refundTotal,
              (r) => r.currency,
            ),
          ]}
        />
      </Panel>
      <div className="sales-grid">
        <Panel title={t.byStore}>
          <DataTable<SalesReport['byStore'][number]>
            caption={t.byStore}
            csvName={name('sales-by-store')}
            rows={data.byStore}
            rowKey={(r) => `${r.store}-${r.currency}`}
            columns={[
              { label: t.store, cell: (r) => r.store },
              count(t.salesCount, (r) => r.sales),
              moneyColumn(
                t.total,
                (r) => r.total,
                (r) => r.currency,
              ),
              moneyColumn(
                t.tax,
                (r) => r.taxTotal,
                (r) => r.currency,
              ),
            ]}
          />
        </Panel>
        <Panel title={t.byTender}>
          <DataTable<SalesReport['tenders'][number]>
            caption={t.byTender}
            csvName={name('sales-by-tender')}
            rows={data.tenders}
            rowKey={(r) => `${r.kind}-${r.currency}`}
            columns={[
              { label: t.tender, cell: (r) => tender(r.kind), csv: (r) => r.kind },
              count(t.payments, (r) => r.payments),
              moneyColumn(
                t.amount,
                (r) => r.amount,
                (r) => r.currency,
              ),
            ]}
          />
        </Panel>
        <Panel title={t.byDepartment}>
          <DataTable<SalesReport['departments'][number]>
            caption={t.byDepartment}
            csvName={name('sales-by-department')}
            rows={data.departments}
            rowKey={(r) => `${r.department}-${r.currency}`}
            columns={[
              { label: t.department, cell: (r) => r.department || t.noDepartment, csv: (r) => r.department },
              count(t.lines, (r) => r.lines),
              moneyColumn(
                t.amount,
                (r) => r.amount,
                (r) => r.currency,
              ),
            ]}
          />
        </Panel>
        <Panel title={t.byHour}>
          <DataTable<SalesReport['hours'][number]>
            caption={t.byHour}
            csvName={name('sales-by-hour')}
            rows={data.hours}
            rowKey={(r) => `${r.hour}-${r.currency}`}
            columns={[
              { label: t.hour, cell: (r) => fill('{h}:00', { h: String(r.hour).padStart(2, '0') }) },
              count(t.salesCount, (r) => r.sales),
              moneyColumn(
                t.total,
                (r) => r.total,
                (r) => r.currency,
              ),
            ]}
          />
        </Panel>
      </div>
    </>
  );
}
