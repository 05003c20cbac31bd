/** The price of one basket line: pieces × unit price, or grams × price per kilogram. */
import type { PricedLineInput } from '../types';
import { mulDivRoundHalfUp, multiplyExact } from './rounding';

const GRAMS_PER_KG = 1000;

/**
 * A line's total in minor units: `each` is unitPrice × quantity; `kg` is unitPrice (per kg) × grams ÷ 1000,
 * rounded half up. Negative quantities (returns) price as the exact negative of the sale.
 */
export function lineTotal(line: PricedLineInput): number {
  if (!Number.isSafeInteger(line.unitPrice)) {
    throw new RangeError(`unitPrice must be an integer count of minor units, got ${line.unitPrice}`);
  }
  if (!Number.isSafeInteger(line.quantity)) {
    const what = line.unit === 'kg' ? 'whole grams' : 'a whole number of pieces';
    throw new RangeError(`quantity must be ${what}, got ${line.quantity}`);
  }
  return line.unit === 'kg'
    ? mulDivRoundHalfUp(line.unitPrice, line.quantity, GRAMS_PER_KG)
    : multiplyExact(line.unitPrice, line.quantity);
}
