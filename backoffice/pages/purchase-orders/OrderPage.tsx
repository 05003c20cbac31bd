// One purchase order: its state, per line expected / received / short / damaged, and the receivings
// booked against it (which terminal, who, when). A draft's lines are changed and it is sent from here.
import { useState } from 'react';
import type { PurchaseOrderView } from '../../../server/stock/deliveries';
import type { PurchaseOrderSummary } from '../../../server/stock/orders';
import { api } from '../../api/client';
import { href } from '../../app/route';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { DraftLinesForm } from './DraftLinesForm';
import { poTexts, STATE_TONE } from './texts';

type Order = PurchaseOrderView & Pick<PurchaseOrderSummary, 'state' | 'createdAt' | 'createdBy' | 'sentAt'>;

export function OrderPage({ store, number }: { store: string; number: string }) {
  const t = useTexts(poTexts);
  const f = useFormat();
  const { session } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [justSent, setJustSent] = useState(false);
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const order = useLoad(
    () =>
      api
        .get<{ purchaseOrder: Order }>(`/admin/v1/purchase-orders/${encodeURIComponent(number)}`, { store })
        .then((r) => r.purchaseOrder),
    [store, number],
  );
  const po = order.data;
  const canWrite = session.role === 'admin' || session.role === 'store_manager';
  const send = async () => {
    setError(null);
    try {
      await api.post(
        `/admin/v1/purchase-orders/${encodeURIComponent(number)}/send?store=${encodeURIComponent(store)}`,
      );
      setJustSent(true);
      setJustSaved(false);
      order.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const sum = (pick: (l: Order['lines'][number]) => number) =>
    po ? po.lines.reduce((n, l) => n + pick(l), 0) : 0;
  return (
    <Page
      title={`${t.number} ${number}`}
      actions={
        <>
          <a className="button-quiet" href={href('purchase-orders')}>
            {t.back}
          </a>
          {po?.state === 'draft' && canWrite && !editing ? (
            <>
              <button
                type="button"
                className="button-quiet"
                onClick={() => (setEditing(true), setJustSaved(false))}
              >
                {t.editLines}
              </button>
              <button type="button" className="button-primary" onClick={() => void send()}>
                {t.send}
              </button>
            </>
          ) : null}
        </>
      }
    >
      {order.error ? <ErrorNotice error={order.error} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {justSent ? <Notice tone="ok">{fill(t.sentNotice, { store })}</Notice> : null}
      {justSaved ? <Notice tone="ok">{t.linesSaved}</Notice> : null}
      {po ? (
        <>
          <dl className="po-facts">
            <div>
              <dt>{t.state}</dt>
              <dd>
                <span className={STATE_TONE[po.state]} data-testid="po-state">
                  {t[po.state]}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t.store}</dt>
              <dd>{po.store}</dd>
            </div>
            <div>
              <dt>{t.supplier}</dt>
              <dd>{po.supplier}</dd>
            </div>
            <div>
              <dt>{t.expectedOn}</dt>
              <dd>{po.expectedOn ? f.date(`${po.expectedOn}T12:00:00Z`) : '—'}</dd>
            </div>
            <div>
              <dt>{t.sentAt}</dt>
              <dd>{po.sentAt ? f.dateTime(po.sentAt) : '—'}</dd>
            </div>
            <div>
              <dt>{t.createdBy}</dt>
              <dd>{po.createdBy ?? '—'}</dd>
            </div>
          </dl>
          {po.state === 'draft' ? <Notice tone="info">{t.draftNotice}</Notice> : null}
          {editing && po.state === 'draft' ? (
            <DraftLinesForm
              store={store}
              number={number}
              current={po.lines}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                setJustSaved(true);
                order.reload();
              }}
            />
          ) : null}
          <Panel title={t.lines}>
            <DataTable
              caption={t.lines}
              csvName={`po-${po.store}-${po.number}`}
              testId="po-lines"
              rows={po.lines}
              rowKey={(l) => l.gtin}
              columns={[
                { label: t.gtin, cell: (l) => l.gtin },
                { label: t.product, cell: (l) => l.name ?? t.unknownName, csv: (l) => l.name ?? '' },
                {
                  label: t.expected,
                  cell: (l) => f.number(l.expected),
                  csv: (l) => l.expected,
                  align: 'end',
                },
                {
                  label: t.receivedQty,
                  cell: (l) => f.number(l.received),
                  csv: (l) => l.received,
                  align: 'end',
                },
                {
                  label: t.short,
                  cell: (l) =>
                    l.outstanding > 0 ? <span className="tag tag-warn">{f.number(l.outstanding)}</span> : '0',
                  csv: (l) => l.outstanding,
                  align: 'end',
                },
                {
                  label: t.damaged,
                  cell: (l) =>
                    l.damaged > 0 ? <span className="tag tag-bad">{f.number(l.damaged)}</span> : '0',
                  csv: (l) => l.damaged,
                  align: 'end',
                },
              ]}
            />
            <p className="muted">
              {t.totals}: {t.expected} {f.number(sum((l) => l.expected))} · {t.receivedQty}{' '}
              {f.number(sum((l) => l.received))} · {t.short} {f.number(sum((l) => l.outstanding))} ·{' '}
              {t.damaged} {f.number(sum((l) => l.damaged))}
            </p>
          </Panel>
          <Panel title={t.receivings}>
            <DataTable
              caption={t.receivings}
              csvName={`po-${po.store}-${po.number}-receivings`}
              rows={po.receivings}
              rowKey={(r) => r.reference}
              columns={[
                { label: t.reference, cell: (r) => r.reference },
                { label: t.terminal, cell: (r) => r.terminalId ?? '—', csv: (r) => r.terminalId ?? '' },
                { label: t.staff, cell: (r) => r.staffId ?? '—', csv: (r) => r.staffId ?? '' },
                { label: t.receivedAt, cell: (r) => f.dateTime(r.receivedAt), csv: (r) => r.receivedAt },
              ]}
            />
          </Panel>
        </>
      ) : null}
    </Page>
  );
}
