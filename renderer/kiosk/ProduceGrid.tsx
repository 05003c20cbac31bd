// "Fruit & vegetables": loose produce without a barcode. Big tiles of the store's grid items, named in
// the shopper's language, with a search by name or PLU. A pick is scanned by the item's barcode, so a
// kg item opens the weighing exactly as scanning it would, and an 'each' item goes into the basket.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { localizedName } from '../../core/catalog/language-tag';
import type { ProduceGridView, ProduceItemView } from '../../services/api/contract';
import { useEscapeKey } from '../common/useEscapeKey';
import type { KioskActions } from '../common/useKiosk';
import { money } from '../format';
import { useI18n } from '../i18n';
import { searchProduce } from './produce-search';
import './produce.css';

/** The button that opens the grid; each screen that sells places it where it fits. */
export function ProduceLauncher({ actions, compact = false }: { actions: KioskActions; compact?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button
        type="button"
        className={compact ? 'button secondary produce-button compact' : 'button secondary produce-button'}
        data-testid="produce-button"
        onClick={() => setOpen(true)}
      >
        <span className="produce-button-title">{t.produce.button}</span>
        {compact ? null : <span className="produce-button-hint">{t.produce.buttonHint}</span>}
      </button>
      {open ? <ProduceGrid actions={actions} onClose={close} /> : null}
    </>
  );
}

/** Under the basket's lines: where a shopper holding loose apples looks next, asking "no barcode?". */
export function ProduceFooter({ actions }: { actions: KioskActions }) {
  const { t } = useI18n();
  return (
    <div className="produce-footer">
      <span className="produce-footer-text">{t.produce.buttonHint}</span>
      <ProduceLauncher actions={actions} compact />
    </div>
  );
}

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; grid: ProduceGridView };

export function ProduceGrid({ actions, onClose }: { actions: KioskActions; onClose(): void }) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const { loadProduce, scan } = actions;

  useEffect(() => {
    let live = true;
    void loadProduce().then((grid) => {
      if (live) setLoaded(grid ? { state: 'ready', grid } : { state: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [loadProduce]);

  useEscapeKey(onClose);

  const currency = loaded.state === 'ready' ? loaded.grid.currency : '';
  const items = useMemo(
    () => (loaded.state === 'ready' ? searchProduce(loaded.grid.items, query, language) : []),
    [loaded, query, language],
  );
  const pick = (item: ProduceItemView) => {
    onClose();
    void scan(item.barcode, 'keypad');
  };

  return (
    <div className="overlay produce-overlay" role="presentation">
      <div
        className="produce-panel"
        role="dialog"
        aria-modal="true"
        aria-label={t.produce.title}
        data-testid="produce-grid"
      >
        <div className="produce-head">
          <h2>{t.produce.title}</h2>
          <button
            type="button"
            className="button primary produce-close"
            data-testid="produce-close"
            onClick={onClose}
          >
            {t.produce.close}
          </button>
        </div>
        <input
          className="produce-search"
          type="search"
          data-testid="produce-search"
          aria-label={t.produce.searchLabel}
          placeholder={t.produce.search}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <p className="produce-hint">{t.produce.pickHint}</p>
        {loaded.state === 'loading' ? <p className="produce-message">{t.produce.loading}</p> : null}
        {loaded.state === 'failed' ? <p className="produce-message">{t.produce.failed}</p> : null}
        {loaded.state === 'ready' && loaded.grid.items.length === 0 ? (
          <p className="produce-message">{t.produce.empty}</p>
        ) : null}
        {loaded.state === 'ready' && loaded.grid.items.length > 0 && items.length === 0 ? (
          <p className="produce-message" data-testid="produce-none">
            {t.produce.none(query.trim())}
          </p>
        ) : null}
        <ul className="produce-tiles">
          {items.map((item) => (
            <li key={item.gtin}>
              <button
                type="button"
                className="produce-tile"
                data-testid="produce-tile"
                data-plu={item.plu ?? undefined}
                onClick={() => pick(item)}
              >
                <span className="produce-name">{localizedName(item.name, item.names, language)}</span>
                <span className="produce-price">
                  {money(item.price, currency, language)}{' '}
                  <span className="produce-unit">
                    {item.unit === 'kg' ? t.produce.perKg : t.produce.each}
                  </span>
                </span>
                {item.plu ? <span className="produce-plu">{t.produce.plu(item.plu)}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
