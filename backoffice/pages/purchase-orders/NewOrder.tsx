// A new purchase order: store, number, supplier, expected day and its lines by GTIN. Saved as a draft;
// HQ checks every line (a chain product, listed once) and says what was wrong.
import { useState, type FormEvent } from 'react';
import type { PurchaseOrderSummary } from '../../../server/stock/orders';
import { api } from '../../api/client';
import { go } from '../../app/route';
import { useSession } from '../../app/session';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { StoreField } from '../stock/StoreField';
import { poTexts } from './texts';

interface Line {
  key: number;
  gtin: string;
  quantity: string;
}

let nextKey = 1;
const blankLine = (): Line => ({ key: nextKey++, gtin: '', quantity: '' });

export function NewOrder() {
  const t = useTexts(poTexts);
  const { session } = useSession();
  const [store, setStore] = useState(session.stores === 'all' ? '' : (session.stores[0] ?? ''));
  const [number, setNumber] = useState('');
  const [supplier, setSupplier] = useState('');
  const [expectedOn, setExpectedOn] = useState('');
  const [lines, setLines] = useState<Line[]>([blankLine()]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const change = (key: number, part: Partial<Line>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...part } : l)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const { purchaseOrder } = await api.post<{ purchaseOrder: PurchaseOrderSummary }>(
        '/admin/v1/purchase-orders',
        {
          store,
          number,
          supplier,
          expectedOn: expectedOn || null,
          lines: lines
            .filter((l) => l.gtin.trim() !== '' || l.quantity.trim() !== '')
            .map((l) => ({ gtin: l.gtin.trim(), quantity: Number(l.quantity) })),
        },
      );
      go('purchase-orders', purchaseOrder.store, purchaseOrder.number);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page title={t.newOrder}>
      <form onSubmit={(e) => void save(e)} className="po-form">
        <Panel>
          <div className="form-row">
            <StoreField id="new-po-store" value={store} onChange={setStore} allowAll={false} />
            <label className="field" htmlFor="new-po-number">
              {t.number}
              <input
                id="new-po-number"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                required
                maxLength={64}
              />
            </label>
            <label className="field" htmlFor="new-po-supplier">
              {t.supplier}
              <input
                id="new-po-supplier"
                value={supplier}
                onChange={(e) => setSupplier(e.target.value)}
                required
                maxLength={120}
              />
            </label>
            <label className="field" htmlFor="new-po-expected">
              {t.expectedOn}
              <input
                id="new-po-expected"
                type="date"
                value={expectedOn}
                onChange={(e) => setExpectedOn(e.target.value)}
              />
            </label>
          </div>
        </Panel>
        <Panel title={t.lines}>
          <ol className="po-lines">
            {lines.map((l, i) => (
              <li key={l.key} className="form-row">
                <label className="field" htmlFor={`line-gtin-${l.key}`}>
                  <span className="visually-hidden">{fill(t.lineGtin, { n: i + 1 })}</span>
                  <span aria-hidden="true">{t.gtin}</span>
                  <input
                    id={`line-gtin-${l.key}`}
                    inputMode="numeric"
                    value={l.gtin}
                    onChange={(e) => change(l.key, { gtin: e.target.value })}
                    size={16}
                  />
                </label>
                <label className="field" htmlFor={`line-qty-${l.key}`}>
                  <span className="visually-hidden">{fill(t.lineQuantity, { n: i + 1 })}</span>
                  <span aria-hidden="true">{t.quantity}</span>
                  <input
                    id={`line-qty-${l.key}`}
                    type="number"
                    min={1}
                    step={1}
                    value={l.quantity}
                    onChange={(e) => change(l.key, { quantity: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="button-quiet"
                  disabled={lines.length === 1}
                  onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}
                  aria-label={fill(t.removeLine, { n: i + 1 })}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <div>
            <button
              type="button"
              className="button-quiet"
              onClick={() => setLines((all) => [...all, blankLine()])}
            >
              {t.addLine}
            </button>
          </div>
        </Panel>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={saving}>
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
