// The stock screens' top bar: the counter's (store, terminal, who is signed in, scanner and HQ status,
// language) named for stock work, with the way out — sign out; on a counter, back to selling.
import { CounterHeader, type CounterHeaderProps } from '../counter/CounterHeader';
import { useI18n } from '../i18n';

export interface StockHeaderProps extends Omit<CounterHeaderProps, 'roleLabel' | 'children'> {
  onSignOut?(): void;
  /** A counter doing stock work goes back to selling. */
  onBackToSelling?(): void;
}

export function StockHeader({ onSignOut, onBackToSelling, ...header }: StockHeaderProps) {
  const { t } = useI18n();
  const actions = [
    { testId: 'stock-back-to-selling', label: t.stock.backToSelling, onClick: onBackToSelling },
    { testId: 'stock-sign-out', label: t.stock.signOut, onClick: onSignOut },
  ];
  return (
    <CounterHeader {...header} roleLabel={t.stock.role}>
      {actions.map(({ testId, label, onClick }) =>
        onClick ? (
          <button
            key={testId}
            type="button"
            className="stock-button secondary"
            data-testid={testId}
            onClick={onClick}
          >
            {label}
          </button>
        ) : null,
      )}
    </CounterHeader>
  );
}
