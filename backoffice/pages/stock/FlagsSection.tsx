// Flagged duplicates as sentences: a delivery note two terminals both received (the second booked
// nothing), and refunds that took back more than their sale sold — naming terminals and staff.
import type { DeliveryFlag, RefundFlag } from '../../../server/stock/office-flags';
import { api } from '../../api/client';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { stockTexts } from './texts';

export function FlagsSection() {
  const t = useTexts(stockTexts);
  const f = useFormat();
  const flags = useLoad(
    () => api.get<{ deliveries: DeliveryFlag[]; refunds: RefundFlag[] }>('/admin/v1/stock/flags'),
    [],
  );
  const party = (p: DeliveryFlag['first']) =>
    fill(t.party, {
      terminal: p?.terminalId ?? t.unknownTerminal,
      staff: p?.staffId ?? t.someone,
      time: p ? f.dateTime(p.at) : '—',
    });
  const delivery = (d: DeliveryFlag) =>
    fill(t.deliveryTwice, {
      reference: d.reference,
      store: d.store,
      first: party(d.first),
      second: party(d.second),
      pieces: f.number(d.notBooked.reduce((n, l) => n + l.quantity, 0)),
    });
  const refund = (r: RefundFlag) =>
    fill(t.refundBeyond, {
      receipt: r.receiptNumber,
      store: r.store,
      excess: f.number(r.lines.reduce((n, l) => n + l.excess, 0)),
      amount: r.currency ? f.money(r.excessAmount, r.currency) : f.number(r.excessAmount),
      involved: r.involved
        .map((i) =>
          fill(i.approvedBy ? t.involvedApproved : t.involvedOne, {
            kind: t[i.kind],
            number: i.refundNumber ?? i.refundId.slice(0, 8),
            terminal: i.terminalId,
            staff: i.staffId,
            approver: i.approvedBy ?? '',
          }),
        )
        .join('; '),
    });
  return (
    <>
      {flags.error ? <ErrorNotice error={flags.error} /> : null}
      <Panel title={t.deliveryFlags}>
        <DataTable
          caption={t.deliveryFlags}
          csvName="delivery-flags"
          testId="delivery-flags"
          rows={flags.data?.deliveries ?? []}
          rowKey={(d) => d.eventId}
          columns={[
            {
              label: t.flag,
              cell: (d) => <span className="stock-sentence">{delivery(d)}</span>,
              csv: delivery,
            },
            { label: t.flaggedAt, cell: (d) => f.dateTime(d.flaggedAt), csv: (d) => d.flaggedAt },
          ]}
        />
      </Panel>
      <Panel title={t.refundFlags}>
        <DataTable
          caption={t.refundFlags}
          csvName="refund-flags"
          testId="refund-flags"
          rows={flags.data?.refunds ?? []}
          rowKey={(r) => r.refundId}
          columns={[
            { label: t.flag, cell: (r) => <span className="stock-sentence">{refund(r)}</span>, csv: refund },
            { label: t.flaggedAt, cell: (r) => f.dateTime(r.flaggedAt), csv: (r) => r.flaggedAt },
          ]}
        />
      </Panel>
    </>
  );
}
