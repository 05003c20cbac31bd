// Loose produce and names in other languages on the checkout side: the kiosk's "Fruit & vegetables"
// grid, and the names a new line copies from the catalog beside its own name.
import type { ScannedItem } from '../../db/basket-records';
import { barcodeForPlu, produceGrid, productNames } from '../../db/catalog-names';
import type { ScanSource, TerminalApi } from '../api/contract';
import type { CheckoutContext } from './context';
import { ok } from './result';

/** The item with the catalog's names in other languages, when the product has any. */
export function withCatalogNames(ctx: CheckoutContext, item: ScannedItem): ScannedItem {
  const names = productNames(ctx.db, item.gtin);
  return names ? { ...item, names } : item;
}

/**
 * A PLU typed on the keypad (the number on a fruit's sticker) stands for its product's barcode; no
 * barcode has 4 or 5 digits, so nothing else is read differently. A scanner never sends a PLU.
 */
export function pluAsBarcode(ctx: CheckoutContext, code: string, source: ScanSource): string {
  if (source !== 'keypad' || !/^\d{4,5}$/.test(code)) return code;
  return barcodeForPlu(ctx.db, code) ?? code;
}

/**
 * The grid's handler. It hands over every grid product at once (a store has dozens, and the grid is
 * capped): the kiosk filters as the shopper types, with no round trip per key. A pick is then scanned
 * by its barcode, so a kg item starts the weighing exactly as scanning it does.
 */
export function produceHandlers(ctx: CheckoutContext): Pick<TerminalApi, 'catalog.produceGrid'> {
  return {
    'catalog.produceGrid': async () => ok({ currency: ctx.settings.currency, items: produceGrid(ctx.db) }),
  };
}
