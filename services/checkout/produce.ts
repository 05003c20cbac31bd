// Loose produce and names in other languages on the checkout side: the kiosk's "Fruit & vegetables"
// grid, and the names a new line copies from the catalog beside its own name.
import type { ScannedItem } from '../../db/basket-records';
import { produceGrid, productNames } from '../../db/catalog-names';
import { listedAt } from '../stock/shelf-price';
import type { TerminalApi } from '../api/contract';
import type { CheckoutContext } from './context';
import { ok } from './result';

/** The item with the catalog's names in other languages, when the product has any. */
export function withCatalogNames(ctx: CheckoutContext, item: ScannedItem): ScannedItem {
  const names = productNames(ctx.db, item.gtin);
  return names ? { ...item, names } : item;
}

/**
 * The grid's handler. It hands over every grid product at once (a store has dozens, and the grid is
 * capped): the kiosk filters as the shopper types, with no round trip per key. A pick is then scanned
 * by its barcode, so a kg item starts the weighing exactly as scanning it does.
 */
export function produceHandlers(ctx: CheckoutContext): Pick<TerminalApi, 'catalog.produceGrid'> {
  return {
    // At the prices in force now (dated prices from HQ), as a pick would be priced.
    'catalog.produceGrid': async () =>
      ok({ currency: ctx.settings.currency, items: listedAt(ctx.db, produceGrid(ctx.db), ctx.clock()) }),
  };
}
