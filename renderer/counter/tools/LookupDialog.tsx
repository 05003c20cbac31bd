// Product lookup (F3): a search box with the keyboard in it, the results as a list the arrows move
// through, Enter adding the chosen one as if it were scanned. "3*milk" adds three, as in the code entry.
import { useEffect, useRef, useState } from 'react';
import { localizedName } from '../../../core/catalog/language-tag';
import type { CatalogSearchView, TerminalClient } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { Modal } from '../../kiosk/dialogs';
import { CodeEntry } from '../CodeEntry';
import { parseEntry } from '../entry';
import { ToolRow } from './ToolRow';

/** A pause in typing this long runs the search: each key would be a query on a million rows. */
const SEARCH_DELAY_MS = 120;

export interface LookupDialogProps {
  client: TerminalClient;
  /** The chosen product's barcode and the quantity typed before a star. */
  onPick(code: string, quantity: number): void;
  onClose(): void;
}

export function LookupDialog({ client, onPick, onClose }: LookupDialogProps) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [found, setFound] = useState<CatalogSearchView | null>(null);
  const [index, setIndex] = useState(0);
  // Enter pressed before the answer for what is typed arrived: pick its first result when it does.
  const [pickWhenFound, setPickWhenFound] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const entry = parseEntry(text);
  const query = entry.kind === 'code' ? entry.code : '';
  const quantity = entry.kind === 'code' ? entry.quantity : 1;
  const current = found !== null && found.query === query ? found : null;

  useEffect(() => {
    if (query === '') return;
    let live = true;
    const timer = setTimeout(() => {
      void client.call('catalog.search', { query }).then((result) => {
        if (!live || !result.ok) return;
        setFound(result.value);
        setIndex(0);
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index, current]);
  useEffect(() => {
    if (!pickWhenFound || !current) return;
    setPickWhenFound(false);
    const first = current.items[0];
    if (first) onPick(first.barcode, quantity);
  }, [pickWhenFound, current, onPick, quantity]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const last = Math.max((current?.items.length ?? 0) - 1, 0);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    setIndex((i) => Math.min(Math.max(i + step, 0), last));
  };
  const onEnter = () => {
    if (query === '') return;
    const item = current?.items[index];
    if (item) onPick(item.barcode, quantity);
    else if (!current) setPickWhenFound(true);
  };

  return (
    <Modal testId="lookup-dialog" title={t.counterTools.lookupTitle} onClose={onClose}>
      <CodeEntry
        testId="lookup-input"
        value={text}
        onChange={setText}
        onSubmit={onEnter}
        onKeyDown={onKeyDown}
        keepFocus
        words={{ label: t.counterTools.lookupLabel, placeholder: t.counterTools.lookupPlaceholder }}
        combobox={{ controls: 'lookup-results', expanded: current !== null && current.items.length > 0 }}
      />
      <ul className="tools-list" id="lookup-results" role="listbox" ref={list} data-testid="lookup-results">
        {(current?.items ?? []).map((item, i) => (
          <ToolRow
            key={item.gtin}
            testId="lookup-item"
            selected={i === index}
            onPick={() => onPick(item.barcode, quantity)}
            main={localizedName(item.name, item.names, language)}
            meta={item.plu ? t.counterTools.plu(item.plu) : item.barcode}
            amount={`${money(item.price, current!.currency, language)}${item.unit === 'kg' ? ` ${t.counterTools.perKg}` : ''}`}
          />
        ))}
      </ul>
      {query !== '' && current && current.items.length === 0 ? (
        <p className="tools-note" data-testid="lookup-none">
          {t.counterTools.lookupNone(query)}
        </p>
      ) : null}
      {query !== '' && !current ? <p className="tools-note">{t.counterTools.lookupSearching}</p> : null}
      <p className="tools-hint">{t.counterTools.lookupHint}</p>
    </Modal>
  );
}
