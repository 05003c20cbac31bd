// Every purchase order of the reader's stores with its state, and the CSV import.
import { useState } from 'react';
import type { PurchaseOrderSummary } from '../../../server/stock/orders';
import { api } from '../../api/client';
import { go } from '../../app/route';
import { areaTexts } from '../../app/area-texts';
import { useSession } from '../../app/session';
import { useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { StoreField, STORE_PATTERN } from '../stock/StoreField';
import { ImportPanel } from './ImportPanel';
import { poTexts, STATE_TONE, type PoStateName } from './texts';

const STATES: PoStateName[] = ['draft', 'sent', 'partly_received', 'received'];

export function OrderList() {
  const t = useTexts(poTexts);
  const title = useTexts(areaTexts)['purchase-orders'];
  const f = useFormat();
  const { session } = useSession();
  const [store, setStore] = useState('');
  const [state, setState] = useState('');
  const [importing, setImporting] = useState(false);
  const canWrite = session.role === 'admin' || session.role === 'store_manager';
  const storeQuery = STORE_PATTERN.test(store) ? store : undefined;
  const orders = useLoad(
    () =>
      api
        .get<{ purchaseOrders: PurchaseOrderSummary[] }>('/admin/v1/purchase-orders', {
          store: storeQuery,
          state,
        })
        .then((r) => r.purchaseOrders),
    [storeQuery, state],
  );
  return (
    <Page
      title={title}
      actions={
        canWrite ? (
          <>
            <button
              type="button"
              className="button-quiet"
              onClick={() => setImporting((v) => !v)}
              aria-expanded={importing}
            >
              {t.importCsv}
            </button>
            <button type="button" className="button-primary" onClick={() => go('purchase-orders', 'new')}>
              {t.newOrder}
            </button>
          </>
        ) : null
      }
    >
      {importing ? <ImportPanel onImported={orders.reload} /> : null}
      <Panel>
        <div className="form-row">
          <StoreField id="po-store" value={store} onChange={setStore} allowAll />
          <label className="field" htmlFor="po-state">
            {t.state}
            <select id="po-state" value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">{t.anyState}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {orders.error ? <ErrorNotice error={orders.error} /> : null}
        <DataTable
          caption={t.list}
          csvName="purchase-orders"
          testId="po-list"
          rows={orders.data ?? []}
          rowKey={(o) => `${o.store}/${o.number}`}
          onRowClick={(o) => go('purchase-orders', o.store, o.number)}
          columns={[
            { label: t.number, cell: (o) => o.number },
            { label: t.store, cell: (o) => o.store },
            { label: t.supplier, cell: (o) => o.supplier },
            {
              label: t.expectedOn,
              cell: (o) => (o.expectedOn ? f.date(`${o.expectedOn}T12:00:00Z`) : '—'),
              csv: (o) => o.expectedOn ?? '',
            },
            {
              label: t.state,
              cell: (o) => <span className={STATE_TONE[o.state]}>{t[o.state]}</span>,
              csv: (o) => o.state,
            },
            { label: t.lines, cell: (o) => f.number(o.lines), csv: (o) => o.lines, align: 'end' },
            { label: t.expected, cell: (o) => f.number(o.expected), csv: (o) => o.expected, align: 'end' },
            { label: t.receivedQty, cell: (o) => f.number(o.received), csv: (o) => o.received, align: 'end' },
            { label: t.damaged, cell: (o) => f.number(o.damaged), csv: (o) => o.damaged, align: 'end' },
            { label: t.created, cell: (o) => f.dateTime(o.createdAt), csv: (o) => o.createdAt },
          ]}
        />
      </Panel>
    </Page>
  );
}
