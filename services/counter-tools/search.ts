// Product lookup at the counter (F3). The store finds (db/catalog-search.ts); the counter adds a pick by
// its barcode through the ordinary scan, so a kg item weighs and an age limit asks as a scan does.
import { searchCatalog } from '../../db/catalog-search';
import type { TerminalApi } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';
import { ok } from '../checkout/result';
import { listedAt } from '../stock/shelf-price';

export function searchHandlers(ctx: CheckoutContext): Pick<TerminalApi, 'catalog.search'> {
  return {
    'catalog.search': async ({ query }) =>
      ok({
        query,
        currency: ctx.settings.currency,
        // At the prices in force now (dated prices from HQ), as the pick will be priced.
        items: listedAt(ctx.db, searchCatalog(ctx.db, query), ctx.clock()),
      }),
  };
}
