// The function keys, always in sight: a cashier learns them from the screen, not a manual.
import { useI18n } from '../i18n';

export type LegendKey = { keys: string; label: string };

export function KeyLegend({ items }: { items: LegendKey[] }) {
  return (
    <dl className="counter-legend" data-testid="key-legend">
      {items.map(({ keys, label }) => (
        <div key={keys} className="counter-legend-item">
          <dt>
            {keys.split(' ').map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </dt>
          <dd>{label}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The selling screen's keys. */
export function useSellKeys(): LegendKey[] {
  const { t } = useI18n();
  return [
    { keys: 'Enter', label: t.counter.keyEnter },
    { keys: '↑ ↓', label: t.counter.keySelect },
    { keys: '+ −', label: t.counter.keyQuantity },
    { keys: 'Del', label: t.counter.keyRemove },
    { keys: 'F2', label: t.counter.keyCamera },
    { keys: 'F3', label: t.counterTools.keyLookup },
    { keys: 'F7', label: t.counterTools.keySuspend },
    { keys: 'F11', label: t.counterTools.keyKiosk },
    { keys: 'F12', label: t.counter.keyPay },
    { keys: 'Esc', label: t.counter.keyClear },
    { keys: 'F10', label: t.counter.staff.keyLock },
    { keys: '⇧F10', label: t.counter.staff.keySignOut },
    { keys: 'F9', label: t.shift.keyShift },
    // The counter's price tools (./price).
    { keys: 'F4', label: t.price.keyOverride },
    { keys: 'F5', label: t.price.keyLineDiscount },
    { keys: 'F6', label: t.price.keySaleDiscount },
    { keys: 'F8', label: t.price.keyVoid },
    // Returns and refunds (./refund).
    { keys: 'F1', label: t.refund.keyReturns },
  ];
}
