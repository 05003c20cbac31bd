// Pulling the catalog with an HQ stand-in that pages like GET /v1/catalog.
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { findProduct, upsertProducts } from '../../db/catalog';
import { syncState } from '../../db/sync';
import { catalogFeed, catalogItem as item } from '../../test/helpers/catalog-feed';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { APPLY_PART, pullCatalog } from './pull';

const temp = useTempDatabase();
const MILK = '06900000000014';
const BREAD = '06900000000021';
const GUM = '06900000000038';

describe('pulling the catalog', () => {
  it('follows the cursor until there is no more, upserting, deleting and recording the version', async () => {
    upsertProducts(temp.db, [{ ...item(GUM, 1), unit: 'each' } as never]);
    const { client, asked } = catalogFeed({
      '0': { items: [item(MILK, 1), item(BREAD, 2)], nextCursor: '2:x', more: true, catalogVersion: 3 },
      '2:x': {
        items: [{ gtin: GUM, version: 3, deleted: true }],
        nextCursor: '3',
        more: false,
        catalogVersion: 3,
      },
    });
    const progress: unknown[] = [];
    const result = await pullCatalog(temp.db, client, {
      currency: 'CNY',
      onProgress: (p) => progress.push(p),
    });
    expect(asked).toEqual(['0', '2:x']);
    expect(result).toMatchObject({ upserted: 2, deleted: 1, skipped: 0, pages: 2, catalogVersion: 3 });
    expect(findProduct(temp.db, BREAD)).toMatchObject({ price: 200 });
    expect(findProduct(temp.db, GUM)).toBeNull();
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '3', catalogVersion: 3 });
    expect(progress).toEqual([
      { received: 2, version: 2, targetVersion: 3, done: false },
      { received: 3, version: 3, targetVersion: 3, done: true },
    ]);
  });

  it('skips a price in another currency and a malformed item with a warning, and goes on', async () => {
    const { client } = catalogFeed({
      '0': {
        items: [item(MILK, 1, { currency: 'EUR' }), item(BREAD, 2, { price: -5 }), item(GUM, 3)],
        nextCursor: '3',
        more: false,
        catalogVersion: 3,
      },
    });
    const result = await pullCatalog(temp.db, client, { currency: 'CNY' });
    expect(result).toMatchObject({ upserted: 1, skipped: 2 });
    expect(result.warnings).toEqual([
      `catalog item ${MILK} skipped: priced in EUR, but this store sells in CNY; it was not changed`,
      expect.stringMatching(new RegExp(`${BREAD} skipped: price`)),
    ]);
    expect(findProduct(temp.db, MILK)).toBeNull();
    expect(syncState(temp.db).catalogCursor).toBe('3');
  });

  it('keeps the cursor of the last whole page when the connection drops mid-way', async () => {
    const { client } = catalogFeed({
      '0': { items: [item(MILK, 1)], nextCursor: '1', more: true, catalogVersion: 9 },
    });
    await expect(pullCatalog(temp.db, client, { currency: 'CNY' })).rejects.toThrow(/no page after 1/);
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '1', catalogVersion: 0 });
    expect(findProduct(temp.db, MILK)).not.toBeNull();
  });
});

describe('a big page', () => {
  it('is written in parts with the event loop free between them, and counts once it is whole', async () => {
    const gtins = Array.from({ length: APPLY_PART * 2 + 500 }, (_, i) =>
      withCheckDigit(`0690${String(i).padStart(9, '0')}`),
    );
    const { client } = catalogFeed({
      '0': { items: gtins.map((g) => item(g, 1)), nextCursor: '1', more: false, catalogVersion: 1 },
    });
    // What a scan arriving mid-page sees: it is answered before the page is done.
    const seen: { first: boolean; last: boolean; cursor: string }[] = [];
    let pulled = false;
    const look = () => {
      if (pulled) return;
      seen.push({
        first: findProduct(temp.db, gtins[0]!) !== null,
        last: findProduct(temp.db, gtins.at(-1)!) !== null,
        cursor: syncState(temp.db).catalogCursor,
      });
      setImmediate(look);
    };
    setImmediate(look);
    const result = await pullCatalog(temp.db, client, { currency: 'CNY' });
    pulled = true;
    expect(result).toMatchObject({ upserted: gtins.length, pages: 1 });
    // Between parts: the first part is sellable, the page is not yet whole, its cursor not yet moved.
    expect(seen).toContainEqual({ first: true, last: false, cursor: '0' });
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '1', catalogVersion: 1 });
    expect(gtins.every((g) => findProduct(temp.db, g) !== null)).toBe(true);
  });
});
