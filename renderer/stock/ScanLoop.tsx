// The scan loop every stock screen shares: scan → the item (name, price, on hand) → quantity → next.
// A scan of the item on show adds one; a scan of another item books the one on show first (as its
// Confirm would) and shows the new one, so staff can scan a shelf without touching the screen. Scans
// are handled one after the other, in the order they came, however fast a scanner sends them.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ApiError, ScanSource, StockItemView, TerminalClient } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Refusal } from './Banner';
import { ItemCard } from './ItemCard';
import { QuantityStepper } from './QuantityStepper';
import { ScanBar } from './ScanBar';
import { useScanListener, type StockScans } from './useStockScans';

export interface ScanLoopProps {
  client: TerminalClient;
  scans: StockScans;
  /** Books the item at the quantity: null when done, else why not. Absent: look only (the price check). */
  onConfirm?(item: StockItemView, quantity: number): Promise<ApiError | null>;
  confirmLabel?: string;
  /** The price check's card: the price in force since when, and the next one. */
  detail?: boolean;
  /** False while another field of the screen has the keyboard. */
  keepFocus?: boolean;
  /** Every item a scan named, as it came (for names in the screen's language on the screen's lines). */
  onItem?(item: StockItemView): void;
  /** More under the item on show (the price check's label button). */
  children?(item: StockItemView): ReactNode;
}

interface Shown {
  item: StockItemView;
  quantity: number;
}

export function ScanLoop(props: ScanLoopProps) {
  const { client, scans, onConfirm, onItem, detail = false, keepFocus = true } = props;
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState(false);
  const latest = useRef<Shown | null>(null);
  latest.current = shown;
  const queue = useRef<Promise<void>>(Promise.resolve());

  const show = (next: Shown | null) => {
    latest.current = next;
    setShown(next);
  };
  const book = useCallback(async (): Promise<boolean> => {
    const current = latest.current;
    if (!current || !onConfirm) return true;
    const refused = await onConfirm(current.item, current.quantity);
    setError(refused);
    if (!refused) show(null);
    return refused === null;
  }, [onConfirm]);

  const scan = useCallback(
    (code: string, _source: ScanSource) => {
      queue.current = queue.current.then(async () => {
        const result = await client.call('stock.item', { code });
        if (!result.ok) return setError(result.error);
        setError(null);
        onItem?.(result.value);
        const current = latest.current;
        if (current && current.item.gtin === result.value.gtin && onConfirm)
          return show({ ...current, quantity: current.quantity + 1 });
        if (await book()) show({ item: result.value, quantity: 1 });
      });
    },
    [client, book, onConfirm, onItem],
  );
  useScanListener(scans, scan);

  const confirm = () => {
    queue.current = queue.current.then(async () => void (await book()));
  };
  return (
    <div className="stock-loop">
      <ScanBar onScan={scan} keepFocus={keepFocus && !editing} />
      <Refusal error={error} />
      {shown ? (
        <div className="stock-loop-item">
          <ItemCard item={shown.item} detail={detail} />
          {onConfirm ? (
            <div className="stock-loop-actions">
              <QuantityStepper
                value={shown.quantity}
                unit={shown.item.unit}
                onChange={(quantity) => show({ ...shown, quantity })}
                onEditing={setEditing}
                onEnter={confirm}
              />
              <button
                type="button"
                className="stock-button primary stock-confirm"
                data-testid="stock-confirm"
                onClick={confirm}
              >
                {props.confirmLabel ?? t.stock.confirm}
              </button>
            </div>
          ) : null}
          {props.children?.(shown.item)}
        </div>
      ) : null}
    </div>
  );
}
