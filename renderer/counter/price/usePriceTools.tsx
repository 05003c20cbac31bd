// The counter's price keys on the selling screen: F4 override and F5 discount of the selected line,
// F6 sale discount, F8 void sale. Each opens its dialog, which has the keyboard until it closes.
import { useCallback, useState, type ReactNode } from 'react';
import type { BasketView, TerminalClient } from '../../../services/api/contract';
import { useI18n } from '../../i18n';
import { PriceDialog, type PriceTool } from './PriceDialog';
import { VoidSaleDialog } from './VoidSaleDialog';
import './price.css';

type Open = PriceTool | 'void';

const KEYS: Record<string, Open> = { F4: 'override', F5: 'line', F6: 'sale', F8: 'void' };

export interface PriceTools {
  /** A dialog is open: the selling screen's keys and code entry stand aside. */
  open: boolean;
  /** Handles a price key (true), or leaves the key alone (false). */
  key(key: string): boolean;
  dialog: ReactNode;
  /** Why a key did nothing (no line selected, an empty sale), for the screen's message area. */
  notice: string | null;
}

export function usePriceTools(
  basket: BasketView | null,
  selectedId: string | null,
  client: TerminalClient,
): PriceTools {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const line = basket?.lines.find((l) => l.id === selectedId) ?? null;

  const key = (pressed: string): boolean => {
    const tool = KEYS[pressed];
    if (!tool) return false;
    setNotice(null);
    if (!basket || basket.status !== 'open' || basket.lines.length === 0) setNotice(t.price.noSale);
    else if ((tool === 'override' || tool === 'line') && !line) setNotice(t.price.selectLine);
    else setOpen(tool);
    return true;
  };

  let dialog: ReactNode = null;
  if (open === 'void' && basket) dialog = <VoidSaleDialog basket={basket} client={client} onClose={close} />;
  else if (open && open !== 'void' && basket)
    dialog = (
      <PriceDialog
        key={open}
        tool={open}
        basket={basket}
        line={open === 'sale' ? null : line}
        client={client}
        onClose={close}
      />
    );
  return { open: dialog !== null, key, dialog, notice };
}
