// Small things the db tests share: an item to scan, the code of a refusal, and baskets and payments
// made through the store's own functions (so they carry the same events a kiosk would write).
import type Database from 'better-sqlite3';
import {
  addItem,
  openBasket,
  type BasketLineRecord,
  type BasketRecord,
  type ScannedItem,
} from '../../db/baskets';
import { createPayment, updatePayment, type NewPayment, type PaymentRecord } from '../../db/payments';

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

/** The expiry the test payments get: far enough ahead that none expires during a run. */
export const PAYMENT_EXPIRES_AT = new Date('2030-01-01T00:00:00.000Z');

/** A new open EUR basket with `count` pencils on one line. */
export function basketWithPencils(
  db: Database.Database,
  count = 1,
): { basket: BasketRecord; line: BasketLineRecord } {
  const basket = openBasket(db, 'EUR');
  return { basket, line: addItem(db, basket.id, PENCIL, count) };
}

/** A created (not yet shown) `sim` EUR payment for the basket; `input` overrides any field. */
export function startPayment(
  db: Database.Database,
  basketId: string,
  amount: number,
  input: Partial<NewPayment> = {},
): PaymentRecord {
  return createPayment(db, {
    basketId,
    provider: 'sim',
    amount,
    currency: 'EUR',
    expiresAt: PAYMENT_EXPIRES_AT,
    ...input,
  });
}

/** A basket of `count` pencils with its payment confirmed pending at the provider. */
export function payingBasket(db: Database.Database, count = 1): PaymentRecord {
  const { basket } = basketWithPencils(db, count);
  const payment = startPayment(db, basket.id, PENCIL.unitPrice * count);
  return updatePayment(db, payment.id, { status: 'pending', providerRef: `prov-${payment.id}` });
}
