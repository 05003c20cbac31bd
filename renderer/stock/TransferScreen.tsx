// Transfer out: the receiving store's code, the items scanned into a list (a scan adds one, confirm
// puts it on the list), then Send: one movement, whose number the other store sees as its expected
// delivery.
import { useState } from 'react';
import type { ApiError, StockItemView } from '../../services/api/contract';
import { quantityText } from '../format';
import { useI18n } from '../i18n';
import { TextField } from './TextField';
import { Refusal, Notice } from './Banner';
import { itemName } from './ItemCard';
import { ScanLoop } from './ScanLoop';
import type { StockScreenProps } from './screen-props';

interface Line {
  item: StockItemView;
  quantity: number;
}

export function TransferScreen({ client, scans }: StockScreenProps) {
  const { t, language } = useI18n();
  const [toStore, setToStore] = useState('');
  const [typing, setTyping] = useState(false);
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const add = async (item: StockItemView, quantity: number) => {
    setSent(null);
    setLines((before) => {
      const at = before.findIndex((l) => l.item.gtin === item.gtin);
      if (at < 0) return [...before, { item, quantity }];
      return before.map((l, i) => (i === at ? { ...l, quantity: l.quantity + quantity } : l));
    });
    return null;
  };
  const send = async () => {
    const result = await client.call('stock.transferOut', {
      toStore: toStore.trim(),
      lines: lines.map((l) => ({ code: l.item.gtin, quantity: l.quantity })),
    });
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    setLines([]);
    setSent(t.stock.sent(result.value.number ?? ''));
  };
  return (
    <section className="stock-task" data-testid="stock-transfer">
      <h1>{t.stock.transferTitle}</h1>
      <TextField
        label={t.stock.toStore}
        testId="stock-to-store"
        value={toStore}
        onChange={setToStore}
        onTyping={setTyping}
      />
      <ScanLoop client={client} scans={scans} onConfirm={add} keepFocus={!typing} />
      <h2>{t.stock.transferLines}</h2>
      {lines.length === 0 ? <p className="stock-muted">{t.stock.noLines}</p> : null}
      <ul className="stock-lines" data-testid="stock-transfer-lines">
        {lines.map((line) => (
          <li key={line.item.gtin} data-testid="stock-transfer-line">
            <span className="stock-line-name">{itemName(line.item, language)}</span>
            <strong>{quantityText(line.item.unit, line.quantity)}</strong>
            <button
              type="button"
              className="stock-button secondary small"
              aria-label={`${t.stock.remove}: ${itemName(line.item, language)}`}
              onClick={() => setLines((before) => before.filter((l) => l !== line))}
            >
              {t.stock.remove}
            </button>
          </li>
        ))}
      </ul>
      <Refusal error={error} />
      <Notice text={sent} />
      <button
        type="button"
        className="stock-button primary"
        data-testid="stock-send"
        disabled={lines.length === 0 || toStore.trim() === ''}
        onClick={() => void send()}
      >
        {t.stock.send}
      </button>
    </section>
  );
}
