// A receiving under way: expected against received per line, short / over / damaged marked in words and
// colour, the scan loop (with "damaged" for pieces that came broken), receive-all for a trusted
// supplier, finish (books it) or cancel (books nothing).
import { useState } from 'react';
import type { ApiError, ReceivingView, StockItemView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Notice, Refusal } from './Banner';
import { ReceivingLines } from './ReceivingLines';
import { ScanLoop } from './ScanLoop';
import type { StockScreenProps } from './screen-props';
import { useKnownNames } from './useKnownNames';

export interface ReceivingSheetProps extends StockScreenProps {
  receiving: ReceivingView;
  onDone(): void;
}

export function ReceivingSheet({ client, scans, receiving, onDone }: ReceivingSheetProps) {
  const { t } = useI18n();
  const [view, setView] = useState(receiving);
  const [damaged, setDamaged] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const names = useKnownNames();
  const answer = (result: { ok: true; value: ReceivingView } | { ok: false; error: ApiError }) => {
    setError(result.ok ? null : result.error);
    if (result.ok) setView(result.value);
  };
  const receive = async (item: StockItemView, quantity: number) => {
    const result = await client.call('stock.receiveLine', {
      receivingId: view.id,
      code: item.gtin,
      quantity,
      ...(damaged ? { damaged: true } : {}),
    });
    if (result.ok) setView(result.value);
    return result.ok ? null : result.error;
  };
  const id = { receivingId: view.id };
  const open = view.state === 'open';
  const title = view.delivery
    ? view.delivery.kind === 'purchase_order'
      ? t.stock.purchaseOrder(view.delivery.number)
      : t.stock.transferFrom(view.delivery.number)
    : t.stock.freeDelivery;
  return (
    <section className="stock-task" data-testid="stock-receiving" data-state={view.state}>
      <h1>{title}</h1>
      <p className="stock-muted">
        {view.supplier} · {t.stock.reference} {view.reference}
      </p>
      {open ? (
        <>
          <button
            type="button"
            className={`stock-chip ${damaged ? 'selected danger' : ''}`}
            aria-pressed={damaged}
            data-testid="stock-damaged"
            onClick={() => setDamaged((d) => !d)}
          >
            {damaged ? t.stock.markDamagedOn : t.stock.markDamaged}
          </button>
          <ScanLoop client={client} scans={scans} onConfirm={receive} onItem={names.remember} />
        </>
      ) : (
        <Notice text={view.state === 'finished' ? t.stock.finished : t.stock.cancelled} />
      )}
      <ReceivingLines view={view} nameOf={names.nameOf} />
      <Refusal error={error} />
      <div className="stock-row">
        {open ? (
          <>
            {view.delivery ? (
              <button
                type="button"
                className="stock-button secondary"
                data-testid="stock-receive-all"
                onClick={() => void client.call('stock.receiveAll', id).then(answer)}
              >
                {t.stock.receiveAll}
              </button>
            ) : null}
            <button
              type="button"
              className="stock-button secondary"
              data-testid="stock-receive-cancel"
              onClick={() => void client.call('stock.receiveCancel', id).then(answer)}
            >
              {t.stock.cancel}
            </button>
            <button
              type="button"
              className="stock-button primary"
              data-testid="stock-receive-finish"
              onClick={() => void client.call('stock.receiveFinish', id).then(answer)}
            >
              {t.stock.finish}
            </button>
          </>
        ) : (
          <button type="button" className="stock-button primary" data-testid="stock-another" onClick={onDone}>
            {t.stock.another}
          </button>
        )}
      </div>
    </section>
  );
}
