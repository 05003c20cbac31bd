// The item card: what a scan names, in the screen's language, with its shelf price and on hand.
import { localizedName } from '../../../core/catalog/language-tag';
import type { Product } from '../../../core/types';
import { productNames } from '../../../db/catalog-names';
import type { StockItemView } from '../../api/stock-contract';
import type { CheckoutContext } from '../../checkout/context';
import { shelfPrice } from '../shelf-price';
import { onHand } from './on-hand';

export function stockItemView(ctx: CheckoutContext, product: Product, now: Date): StockItemView {
  const names = productNames(ctx.db, product.gtin) ?? {};
  return {
    gtin: product.gtin,
    // Staff screens speak the store's language (the stock role has no shopper choosing one).
    name: localizedName(product.name, names, ctx.settings.defaultLanguage),
    names: { ...names },
    unit: product.unit,
    department: product.department,
    currency: ctx.settings.currency,
    shelf: shelfPrice(ctx.db, product, now),
    onHand: onHand(ctx.db, product.gtin),
  };
}
