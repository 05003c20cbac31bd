// The counters' Z reports of the chosen days: what each drawer should have held, what was counted, the
// difference (short or over) and who approved closing with it.
import { api } from '../../api/client';
import { useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { decimal } from './money';
import { salesTexts } from './texts';
import { reportQuery, type ReportFilters, type ZReportRow } from './types';

export function ZReports({ filters }: { filters: ReportFilters }) {
  const t = useTexts(salesTexts);
  const format = useFormat();
  const { data, error } = useLoad(
    () =>
      api.get<{ zReports: ZReportRow[] }>('/admin/v1/reports/z-reports', {
        ...reportQuery(filters),
        training: undefined,
      }),
    [filters.from, filters.to, filters.store],
  );
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="muted">{t.loading}</p>;
  const money = (minor: number | null, currency: string) =>
    minor === null ? '—' : format.money(minor, currency);
  const difference = (r: ZReportRow) => {
    if (r.difference === null) return '—';
    const word = r.difference < 0 ? t.short : r.difference > 0 ? t.over : t.even;
    const tone = r.difference < 0 ? 'sales-diff-short' : r.difference > 0 ? 'sales-diff-over' : undefined;
    return (
      <span className={tone}>
        {money(r.difference, r.currency)} ({word})
      </span>
    );
  };
  return (
    <Panel title={t.zReports}>
      <DataTable<ZReportRow>
        caption={t.zReports}
        csvName={`z-reports-${filters.from}-${filters.to}`}
        testId="table-z-reports"
        rows={data.zReports}
        rowKey={(r) => `${r.store}-${r.terminalId}-${r.number}`}
        columns={[
          { label: t.day, cell: (r) => r.day },
          { label: t.store, cell: (r) => r.store },
          { label: t.terminal, cell: (r) => r.terminalId },
          { label: t.number, align: 'end', cell: (r) => format.number(r.number), csv: (r) => r.number },
          {
            label: t.closedAt,
            cell: (r) => (r.closedAt ? format.dateTime(r.closedAt) : '—'),
            csv: (r) => r.closedAt,
          },
          { label: t.closedBy, cell: (r) => r.closedBy ?? '—', csv: (r) => r.closedBy },
          {
            label: t.salesCount,
            align: 'end',
            cell: (r) => format.number(r.salesCount),
            csv: (r) => r.salesCount,
          },
          {
            label: t.total,
            align: 'end',
            cell: (r) => money(r.salesTotal, r.currency),
            csv: (r) => decimal(r.salesTotal, r.currency),
          },
          {
            label: t.expected,
            align: 'end',
            cell: (r) => money(r.expectedCash, r.currency),
            csv: (r) => decimal(r.expectedCash, r.currency),
          },
          {
            label: t.counted,
            align: 'end',
            cell: (r) => money(r.countedCash, r.currency),
            csv: (r) => decimal(r.countedCash, r.currency),
          },
          {
            label: t.difference,
            align: 'end',
            cell: difference,
            csv: (r) => decimal(r.difference, r.currency),
          },
          { label: t.approvedBy, cell: (r) => r.approvedBy ?? '—', csv: (r) => r.approvedBy },
        ]}
      />
    </Panel>
  );
}
