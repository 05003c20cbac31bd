// Names in the screen's language for the items scanned on this screen. A receiving's or a count's lines
// carry one name, in the language the backend chose (the store's default): an item this screen has
// seen by `stock.item`, which carries every language's name, is shown in the staff member's.
import { useCallback, useRef } from 'react';
import type { StockItemView } from '../../services/api/contract';
import { useI18n } from '../i18n';

export function useKnownNames() {
  const { language } = useI18n();
  const known = useRef(new Map<string, Record<string, string>>());
  const remember = useCallback((item: StockItemView) => {
    known.current.set(item.gtin, item.names);
  }, []);
  const nameOf = (gtin: string, fallback: string) => known.current.get(gtin)?.[language] ?? fallback;
  return { remember, nameOf };
}
