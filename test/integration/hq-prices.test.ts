// HQ's dated price changes on PGlite and on a real PostgreSQL: the import takes chain-wide and store
// rows at one version, a re-import of the same change keeps its id with the new price and version, and
// the feed gives each store the chain's changes and its own only, page by page after its cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrolmentCode,
  importCatalogCsv,
  importPriceCsv,
  openDatabase,
  type Database,
} from '../../server';
import { priceChanges } from '../../server/prices/changes';
import { PRODUCTS } from '../helpers/checkout';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
const CATALOG = `barcode,name,price,tax_rate,unit\n${milk.barcode},Milk,12.90,9,each\n${bread.barcode},Bread,8.50,13,each`;
const AT = '2031-03-01T06:00:00+08:00';

describe.each(BACKENDS)('price changes at HQ on %s', (kind) => {
  let backend: TestBackend;
  let db: Database;
  const storeId = async (code: string) =>
    (await db.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [code])).rows[0]!.id;

  beforeAll(async () => {
    backend = await startBackend(kind);
    db = await openDatabase(
      backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : { dataDir: backend.dataDir! },
    );
    expect((await importCatalogCsv(db, CATALOG, { currency: 'CNY' })).ok).toBe(true);
    await createEnrolmentCode(db, 'S001');
    await createEnrolmentCode(db, 'S002');
  });
  afterAll(async () => {
    await db?.close();
    await backend?.stop();
  });

  it('sends each store the chain’s changes and its own, and a re-import as the same change', async () => {
    const first = await importPriceCsv(
      db,
      `barcode,price,effective_at,store\n${milk.barcode},11.90,${AT},\n${bread.barcode},7.90,${AT},S001\n`,
    );
    expect(first).toEqual({ ok: true, rows: 2, version: 1 });
    const s001 = await priceChanges(db, await storeId('S001'), { version: 0, id: 0 }, 10);
    expect(s001.changes).toEqual([
      {
        id: 1,
        gtin: milk.gtin,
        price: 1190,
        currency: 'CNY',
        effectiveAt: '2031-02-28T22:00:00.000Z',
        storeLevel: false,
      },
      {
        id: 2,
        gtin: bread.gtin,
        price: 790,
        currency: 'CNY',
        effectiveAt: '2031-02-28T22:00:00.000Z',
        storeLevel: true,
      },
    ]);
    expect(s001).toMatchObject({ nextCursor: '1:2', more: false });
    const s002 = await priceChanges(db, await storeId('S002'), { version: 0, id: 0 }, 10);
    expect(s002.changes.map((c) => c.gtin)).toEqual([milk.gtin]);

    // The chain's milk again at another price: the same change (id 1), a new version, after the cursor.
    expect(
      await importPriceCsv(db, `barcode,price,effective_at\n${milk.barcode},11.50,${AT}\n`),
    ).toMatchObject({
      ok: true,
      version: 2,
    });
    const next = await priceChanges(db, await storeId('S001'), { version: 1, id: 2 }, 1);
    expect(next).toEqual({
      changes: [expect.objectContaining({ id: 1, price: 1150 })],
      nextCursor: '2:1',
      more: true,
    });
    expect((await priceChanges(db, await storeId('S001'), { version: 2, id: 1 }, 1)).changes).toEqual([]);
  });
});
