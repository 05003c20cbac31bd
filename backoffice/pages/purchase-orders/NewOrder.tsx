// A new purchase order: store, number, supplier, expected day and its lines by GTIN. Saved as a draft;
// HQ checks every line (a chain product, listed once) and says what was wrong.
import { useState } from 'react';
import type { PurchaseOrderSummary } from '../../../server/stock/orders';
import { api } from '../../api/client';
import { go } from '../../app/route';
import { useSession } from '../../app/session';
import { useTexts } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useSubmit } from '../../ui/useSubmit';
import { StoreField } from '../stock/StoreField';
import { blankLine, LinesEditor, linesBody, type Line } from './LinesEditor';
import { poTexts } from './texts';

export function NewOrder() {
  const t = useTexts(poTexts);
  const { session } = useSession();
  const [store, setStore] = useState(session.stores === 'all' ? '' : (session.stores[0] ?? ''));
  const [number, setNumber] = useState('');
  const [supplier, setSupplier] = useState('');
  const [expectedOn, setExpectedOn] = useState('');
  const [lines, setLines] = useState<Line[]>([blankLine()]);
  const { submit, busy, error } = useSubmit(async () => {
    const { purchaseOrder } = await api.post<{ purchaseOrder: PurchaseOrderSummary }>(
      '/admin/v1/purchase-orders',
      { store, number, supplier, expectedOn: expectedOn || null, lines: linesBody(lines) },
    );
    go('purchase-orders', purchaseOrder.store, purchaseOrder.number);
  });

  return (
    <Page title={t.newOrder}>
      <form onSubmit={submit} className="po-form">
        <Panel>
          <div className="form-row">
            <StoreField id="new-po-store" value={store} onChange={setStore} allowAll={false} />
            <Field
              id="new-po-number"
              label={t.number}
              value={number}
              onChange={setNumber}
              required
              maxLength={64}
            />
            <Field
              id="new-po-supplier"
              label={t.supplier}
              value={supplier}
              onChange={setSupplier}
              required
              maxLength={120}
            />
            <Field
              id="new-po-expected"
              label={t.expectedOn}
              type="date"
              value={expectedOn}
              onChange={setExpectedOn}
            />
          </div>
        </Panel>
        <Panel title={t.lines}>
          <LinesEditor lines={lines} onChange={setLines} />
        </Panel>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={busy}>
            {t.saveDraft}
          </button>
          <button type="button" className="button-quiet" onClick={() => go('purchase-orders')}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Page>
  );
}
