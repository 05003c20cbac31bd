// HQ's warnings about a sync, as sentences store staff can act on: HQ answers
// {"code":"negative_stock","gtin":"00000000962547","onHand":-1250}, where a weighed product's stock is in
// grams; staff know the product by its name and its stock in kg.
import { minorToDecimal } from '../../core/money';
import { findProduct } from '../../db/catalog';
import type { Database } from '../../db/open';

/** One warning as `openlane sync` prints it; text that is not one of HQ's warnings is kept as it is. */
export function describeSyncWarning(db: Database, warning: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(warning);
  } catch {
    return warning;
  }
  if (!isNegativeStock(parsed)) return typeof parsed === 'object' ? plainWarning(parsed) : warning;
  const product = findProduct(db, parsed.gtin);
  const what = product
    ? `${product.name} (barcode ${product.barcode})`
    : `the product with GTIN ${parsed.gtin}`;
  const amount =
    product?.unit === 'kg'
      ? `${minorToDecimal(parsed.onHand, 3)} kg`
      : `${parsed.onHand} ${Math.abs(parsed.onHand) === 1 ? 'piece' : 'pieces'}`;
  return (
    `HQ counts ${amount} of ${what} in stock, below zero: more was sold than was received or counted. ` +
    'Count the shelf and record it with openlane stock count.'
  );
}

function isNegativeStock(value: unknown): value is { code: 'negative_stock'; gtin: string; onHand: number } {
  const w = value as { code?: unknown; gtin?: unknown; onHand?: unknown } | null;
  return (
    w?.code === 'negative_stock' && typeof w.gtin === 'string' && Number.isSafeInteger(w.onHand as number)
  );
}

/** A warning this version does not know: its code and fields, as words rather than JSON. */
function plainWarning(value: object | null): string {
  if (value === null) return 'HQ sent an empty warning';
  const { code, ...rest } = value as Record<string, unknown>;
  const details = Object.entries(rest).map(([key, v]) => `${key} ${String(v)}`);
  return `HQ warns: ${String(code ?? 'unknown')}${details.length ? ` (${details.join(', ')})` : ''}`;
}
