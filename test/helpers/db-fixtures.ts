// Small things the db tests share: an item to scan, and the code of a refusal.
import type { ScannedItem } from '../../db/baskets';

/** A pencil at 1.29 with 19 % tax: the item most db tests put in a basket. */
export const PENCIL: ScannedItem = {
  gtin: '04006381333931',
  barcode: '4006381333931',
  name: 'Pencil',
  unit: 'each',
  unitPrice: 129,
  taxRateBp: 1900,
  ageLimit: null,
};

/** The StoreError code a change was refused with, or undefined when it went through. */
export function refusalCode(change: () => unknown): string | undefined {
  try {
    change();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
