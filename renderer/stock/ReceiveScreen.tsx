// Receive: the delivery note's number, then the expected delivery it belongs to (a purchase order HQ
// sent, another store's transfer) or a free delivery from a named supplier. A note this store already
// received is refused in words before anything is scanned.
import { useEffect, useState } from 'react';
import type {
  ApiError,
  ExpectedDeliveryView,
  ReceiveStartInput,
  ReceivingView,
} from '../../services/api/contract';
import { calendarDate } from '../format';
import { useI18n } from '../i18n';
import { TextField } from './TextField';
import { Refusal } from './Banner';
import { ReceivingSheet } from './ReceivingSheet';
import type { StockScreenProps } from './screen-props';

export function ReceiveScreen({ client, scans }: StockScreenProps) {
  const { t, language } = useI18n();
  const [receiving, setReceiving] = useState<ReceivingView | null>(null);
  const [deliveries, setDeliveries] = useState<{ list: ExpectedDeliveryView[]; offline: boolean } | null>(
    null,
  );
  const [reference, setReference] = useState('');
  const [supplier, setSupplier] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (receiving) return;
    void client.call('stock.deliveries', {}).then((result) => {
      if (result.ok) setDeliveries({ list: result.value.deliveries, offline: result.value.offline });
      else setError(result.error);
    });
  }, [client, receiving]);
  if (receiving)
    return (
      <ReceivingSheet client={client} scans={scans} receiving={receiving} onDone={() => setReceiving(null)} />
    );

  const start = async (input: Omit<ReceiveStartInput, 'reference'>) => {
    const result = await client.call('stock.receiveStart', { ...input, reference: reference.trim() });
    setError(result.ok ? null : result.error);
    if (result.ok) setReceiving(result.value);
  };
  const noReference = reference.trim() === '';
  return (
    <section className="stock-task" data-testid="stock-receive">
      <h1>{t.stock.receiveTitle}</h1>
      <TextField
        label={t.stock.reference}
        hint={t.stock.referenceHint}
        testId="stock-reference"
        value={reference}
        onChange={setReference}
      />
      <Refusal error={error} />
      <h2>{t.stock.expected}</h2>
      {deliveries?.offline ? <p className="stock-muted">{t.stock.offlineExpected}</p> : null}
      {deliveries && deliveries.list.length === 0 ? (
        <p className="stock-muted">{t.stock.noExpected}</p>
      ) : null}
      <ul className="stock-lines">
        {deliveries?.list.map((d) => (
          <li key={d.id} data-testid="stock-delivery" data-number={d.number}>
            <span className="stock-line-name">
              <strong>
                {d.kind === 'purchase_order'
                  ? t.stock.purchaseOrder(d.number)
                  : t.stock.transferFrom(d.number)}
              </strong>
              <span className="stock-muted">
                {' '}
                · {t.stock.from} {d.from} · {t.stock.lineCount(d.lines.length)}
                {d.expectedOn
                  ? ` · ${t.stock.expectedOn(calendarDate(d.expectedOn.slice(0, 10), language))}`
                  : ''}
              </span>
            </span>
            <button
              type="button"
              className="stock-button primary"
              disabled={noReference}
              onClick={() => void start({ deliveryId: d.id })}
            >
              {t.stock.start}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="stock-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start({ supplier: supplier.trim() });
        }}
      >
        <h2>{t.stock.freeDelivery}</h2>
        <TextField label={t.stock.supplier} testId="stock-supplier" value={supplier} onChange={setSupplier} />
        <button
          type="submit"
          className="stock-button primary"
          data-testid="stock-receive-free"
          disabled={noReference || supplier.trim() === ''}
        >
          {t.stock.start}
        </button>
      </form>
    </section>
  );
}
