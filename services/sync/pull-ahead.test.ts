// Pulling asks for the next catalog page while it writes the one it has, and still never applies a
// page whose cursor another sync has moved past.
import { describe, expect, it } from 'vitest';
import { findProduct } from '../../db/catalog';
import { applyCatalogPage, syncState } from '../../db/sync';
import { catalogFeed as feed, catalogItem as item } from '../../test/helpers/catalog-feed';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { pullCatalog } from './pull';

const temp = useTempDatabase();
const MILK = '06900000000014';
const BREAD = '06900000000021';
describe('pulling ahead', () => {
  it('asks for the next page before the one it has is written, and writes every page once', async () => {
    const cursorWhenAsked: string[] = [];
    const { client, asked } = feed(
      {
        '0': { items: [item(MILK, 1, { price: 100 })], nextCursor: '1', more: true, catalogVersion: 2 },
        '1': { items: [item(BREAD, 2, { price: 200 })], nextCursor: '2', more: true, catalogVersion: 2 },
        '2': { items: [], nextCursor: '2', more: false, catalogVersion: 2 },
      },
      () => cursorWhenAsked.push(syncState(temp.db).catalogCursor),
    );
    const result = await pullCatalog(temp.db, client, { currency: 'CNY' });
    expect(asked).toEqual(['0', '1', '2']);
    expect(cursorWhenAsked).toEqual(['0', '0', '1']); // page 2 was asked for while page 1 was unwritten
    expect(result).toMatchObject({ upserted: 2, pages: 3, catalogVersion: 2 });
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '2', catalogVersion: 2 });
  });

  it('drops a page (and the one asked for after it) when another sync moved the cursor meanwhile', async () => {
    const { client, asked } = feed(
      {
        '0': { items: [item(MILK, 1, { price: 100 })], nextCursor: '1', more: true, catalogVersion: 5 },
        '1': { items: [], nextCursor: '1', more: false, catalogVersion: 5 },
        '5': { items: [], nextCursor: '5', more: false, catalogVersion: 5 },
      },
      (after) => {
        // `openlane sync` beside the running terminal got further first, with a newer price.
        if (after !== '1') return;
        applyCatalogPage(temp.db, {
          after: '0',
          upserts: [{ ...item(MILK, 5, { price: 555 }), ageLimit: null, unit: 'each' }],
          deletes: [],
          nextCursor: '5',
          caughtUpVersion: 5,
        });
      },
    );
    const result = await pullCatalog(temp.db, client, { currency: 'CNY' });
    expect(asked).toEqual(['0', '1', '5']);
    expect(findProduct(temp.db, MILK)?.price).toBe(555); // the older page never overwrote it
    expect(result).toMatchObject({ upserted: 0, pages: 1 });
    expect(syncState(temp.db).catalogCursor).toBe('5');
  });
});
