// What a scanned or typed code names on the receiving screen: a product of the catalog, read the way the
// till reads codes (GTIN, UPC-E, GS1, scale labels), or the till's own reason it names none.
import type { Product } from '../../../core/types';
import { fail, ok, type Result } from '../../../core/result';
import { resolveScan } from '../../checkout/scan-lookup';
import { scanPolicy } from '../../checkout/basket-handlers';
import type { CheckoutContext } from '../../checkout/context';

export function productOfCode(ctx: CheckoutContext, code: string): Result<Product> {
  const action = resolveScan(ctx.db, code, scanPolicy(ctx));
  if (action.kind === 'add') return ok(action.product);
  if (action.kind === 'refuse' && action.code !== 'item_not_found') return fail(action.code, action.message);
  return fail(
    'unknown_item',
    `No item in this store's catalog has the code ${code}: check it, or ask HQ to add it`,
  );
}
