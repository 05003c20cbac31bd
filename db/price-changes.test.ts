// A price change cancelled at HQ before its moment (back office, issue 14) is forgotten by the terminal:
// the item keeps the price it had, and the change is no longer "next".
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../test/helpers/temp-db';
import { datedPriceAt, nextDatedPrice, savePriceChanges } from './price-changes';

const GTIN = '06900000000012';
const SIX_AM = Date.parse('2026-12-08T06:00:00Z');
let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.cleanup());

it('forgets a change HQ sends back as cancelled, and keeps the others', () => {
  const change = { gtin: GTIN, price: 1190, effectiveAt: SIX_AM, storeLevel: false };
  savePriceChanges(
    temp.db,
    [
      { hqId: 1, ...change },
      { hqId: 2, ...change, effectiveAt: SIX_AM + 3_600_000, price: 990 },
    ],
    '1:2',
    new Date(),
  );
  expect(nextDatedPrice(temp.db, GTIN, SIX_AM - 1)).toEqual({ price: 1190, effectiveAt: SIX_AM });

  savePriceChanges(temp.db, [{ hqId: 1, ...change, cancelled: true }], '2:1', new Date());
  expect(datedPriceAt(temp.db, GTIN, SIX_AM + 1)).toBeNull();
  expect(nextDatedPrice(temp.db, GTIN, SIX_AM - 1)).toEqual({ price: 990, effectiveAt: SIX_AM + 3_600_000 });
});
