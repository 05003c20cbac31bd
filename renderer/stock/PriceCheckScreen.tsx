// Price check: scan → the price, the unit price (per kg / per l), on hand, and the next price HQ has
// sent; a label for the item can be printed from here.
import { useState } from 'react';
import type { StockItemView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Notice } from './Banner';
import { ScanLoop } from './ScanLoop';
import type { StockScreenProps } from './screen-props';
import { stockRefusal } from './stock-words';

export function PriceCheckScreen({ client, scans }: StockScreenProps) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const print = async (item: StockItemView) => {
    const queue = await client.call('labels.queue', {});
    const printer = queue.ok ? queue.value.printers[0] : undefined;
    if (queue.ok && !printer) return setNotice(t.stock.noPrinter);
    if (!queue.ok) return setNotice(stockRefusal(t, queue.error));
    const result = await client.call('labels.print', { gtins: [item.gtin], printer: printer! });
    setNotice(result.ok ? t.stock.printed(result.value.printed) : stockRefusal(t, result.error));
  };
  return (
    <section className="stock-task" data-testid="stock-price">
      <h1>{t.stock.priceTitle}</h1>
      <p className="stock-muted">{t.stock.priceHint}</p>
      <ScanLoop client={client} scans={scans} detail>
        {(item) => (
          <div className="stock-row">
            <button
              type="button"
              className="stock-button secondary"
              data-testid="stock-print-one"
              onClick={() => void print(item)}
            >
              {t.stock.printOne}
            </button>
            <Notice text={notice} />
          </div>
        )}
      </ScanLoop>
    </section>
  );
}
