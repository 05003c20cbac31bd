// HQ restored from an older backup answers cursor_ahead: the terminal takes a fresh snapshot and then
// removes what the snapshot did not bring — even when it stopped halfway through the snapshot.
import { describe, expect, it } from 'vitest';
import { findProduct } from '../../db/catalog';
import { applyCatalogPage, syncState } from '../../db/sync';
import { catalogFeed, catalogItem as item } from '../../test/helpers/catalog-feed';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { HqError } from './hq-client';
import { pullCatalog } from './pull';

const temp = useTempDatabase();
const [MILK, BREAD, GUM] = ['06900000000014', '06900000000021', '06900000000038'];
describe('a fresh snapshot after HQ went back in time', () => {
  it('still removes what HQ no longer has when the terminal stopped halfway through it', async () => {
    // The terminal caught up with version 9: milk, bread and gum. HQ, restored, has milk and bread.
    applyCatalogPage(temp.db, {
      after: '0',
      upserts: [item(MILK, 3), item(BREAD, 5), item(GUM, 9)],
      deletes: [],
      nextCursor: '9',
      caughtUpVersion: 9,
    });
    const ahead = new HqError('refused', 'the cursor is ahead', 409, 'cursor_ahead');
    const restored = {
      '0': { items: [item(MILK, 1)], nextCursor: '1', more: true, catalogVersion: 2 },
      '1': { items: [item(BREAD, 2)], nextCursor: '2', more: false, catalogVersion: 2 },
    };
    // The first pull restarts the snapshot, writes its first page, and then loses HQ.
    const lost = new HqError('unreachable', 'HQ cannot be reached');
    await expect(
      pullCatalog(temp.db, catalogFeed({ '9': ahead, '0': restored['0'], '1': lost }).client, {
        currency: 'CNY',
      }),
    ).rejects.toThrow(/cannot be reached/);
    // Everything stays sellable meanwhile.
    expect([MILK, BREAD, GUM].map((g) => findProduct(temp.db, g)?.gtin)).toEqual([MILK, BREAD, GUM]);

    temp.reopen(); // the kiosk restarts
    const result = await pullCatalog(temp.db, catalogFeed({ '1': restored['1'] }).client, {
      currency: 'CNY',
    });
    expect(result).toMatchObject({ upserted: 1, deleted: 1 });
    expect(findProduct(temp.db, GUM)).toBeNull();
    expect(findProduct(temp.db, MILK)).toMatchObject({ price: 100 });
    expect(findProduct(temp.db, BREAD)).toMatchObject({ price: 200 });
    expect(syncState(temp.db)).toMatchObject({
      catalogCursor: '2',
      catalogVersion: 2,
      snapshotRestarted: false,
    });
  });
});
