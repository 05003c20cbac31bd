// The product a code names, for stock work: a barcode, a GS1 element string or Digital Link, a scale
// label, or a PLU typed on the keypad. Unlike a basket scan, a recalled or expired pack is still the
// item (it is counted, adjusted, taken off the shelf), and a weighed label names its product.
import { interpretScan } from '../../../core/barcode/interpret';
import type { Product } from '../../../core/types';
import { findProduct } from '../../../db/catalog';
import { barcodeForPlu } from '../../../db/catalog-names';
import type { CheckoutContext } from '../../checkout/context';
import { scanRulesOf } from '../../checkout/scan-lookup';

export type FoundItem = { ok: true; product: Product } | { ok: false; code: string; message: string };

export function findStockItem(ctx: CheckoutContext, raw: string, now: Date): FoundItem {
  const code = raw.trim();
  const plu = /^\d{4,5}$/.test(code) ? barcodeForPlu(ctx.db, code) : null;
  const scan = interpretScan(plu ?? code, scanRulesOf(ctx.settings, ctx.patterns, now));
  const candidates =
    scan.kind === 'retail'
      ? scan.candidates
      : scan.kind === 'variable_measure'
        ? [scan.lookupGtin14]
        : scan.kind === 'gs1' && scan.fields.gtin14
          ? [scan.fields.gtin14]
          : null;
  if (!candidates) {
    const reason = scan.kind === 'unrecognised' ? scan.message : `it is a ${scan.kind} code`;
    return { ok: false, code: 'invalid_code', message: `"${code.slice(0, 64)}" names no item: ${reason}` };
  }
  for (const gtin of candidates) {
    const product = findProduct(ctx.db, gtin);
    if (product) return { ok: true, product };
  }
  return {
    ok: false,
    code: 'unknown_item',
    message: `No item with code ${code.slice(0, 64)} in this store's catalog: check the code, or sync the catalog`,
  };
}
