// The refunds given on the chosen days, each with its receipt, who gave it and who approved it; a refund
// HQ flagged (it took back more than the sale sold) is marked and links to the problems.
import { api } from '../../api/client';
import { href } from '../../app/route';
import { useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { decimal } from './money';
import { salesTexts } from './texts';
import { reportQuery, type RefundRow, type ReportFilters } from './types';

export function Refunds({ filters }: { filters: ReportFilters }) {
  const t = useTexts(salesTexts);
  const format = useFormat();
  const { data, error } = useLoad(
    () => api.get<{ refunds: RefundRow[] }>('/admin/v1/reports/refunds', reportQuery(filters)),
    [filters.from, filters.to, filters.store, filters.training],
  );
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="muted">{t.loading}</p>;
  return (
    <Panel title={t.refunds}>
      <DataTable<RefundRow>
        caption={t.refunds}
        csvName={`refunds-${filters.from}-${filters.to}${filters.training ? '-training' : ''}`}
        testId="table-refunds"
        rows={data.refunds}
        rowKey={(r) => `${r.store}-${r.refundNumber}`}
        columns={[
          { label: t.refundedAt, cell: (r) => format.dateTime(r.refundedAt), csv: (r) => r.refundedAt },
          { label: t.store, cell: (r) => r.store },
          { label: t.refundNumber, cell: (r) => r.refundNumber },
          { label: t.receipt, cell: (r) => r.receiptNumber ?? '—', csv: (r) => r.receiptNumber },
          { label: t.terminal, cell: (r) => r.terminalId },
          { label: t.staff, cell: (r) => r.staffId },
          { label: t.approvedBy, cell: (r) => r.approvedBy ?? '—', csv: (r) => r.approvedBy },
          {
            label: t.amount,
            align: 'end',
            cell: (r) => format.money(r.total, r.currency),
            csv: (r) => decimal(r.total, r.currency),
          },
          {
            label: t.flagged,
            cell: (r) => (
              <>
                {r.offline ? <span className="tag">{t.offline}</span> : null}{' '}
                {r.flagged ? (
                  <a className="tag tag-bad" href={href('stock')}>
                    {t.flagged}
                  </a>
                ) : null}
              </>
            ),
            csv: (r) => (r.flagged ? 'flagged' : ''),
          },
        ]}
      />
    </Panel>
  );
}
