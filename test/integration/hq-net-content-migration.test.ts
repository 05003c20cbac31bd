// HQ migration 0016 on a database that ran the previous release (PGlite, then PostgreSQL): the products
// held keep everything and have no net content, which the feed sends as null; a bad one is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { catalogChanges } from '../../server/catalog/changes';
import type { Database } from '../../server/db/database';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const G = '06901234500011';
const STORE = '0190a5b2-0000-7000-8000-00000000000a';

describe.each(BACKENDS)('HQ migration 0016_net_content on %s', (kind) => {
  let own: TestBackend | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    await own?.stop();
  });

  it('keeps the products held with no net content, and holds only whole g or ml', async () => {
    own = await startBackend(kind);
    db = own.databaseUrl ? await openPostgres(own.databaseUrl) : await openPglite(own.dataDir!);
    const all = loadMigrations();
    expect(all[15]).toMatchObject({ version: 16, name: 'net_content' });
    await migrate(db, all.slice(0, 15));
    await db.query(
      `INSERT INTO products (gtin, barcode, name, currency, price, tax_rate_bp, unit, version)
       VALUES ($1, '6901234500011', 'Cola 1.5 l', 'CNY', 599, 1300, 'each', 1)`,
      [G],
    );
    expect(await migrate(db, all.slice(0, 16))).toBe(16);
    // Today's feed also reads later columns (0024's sale restrictions): the rest, before reading it.
    await migrate(db, all);
    const page = await catalogChanges(db, STORE, { version: 0, gtin: '', base: 0 }, 10);
    expect(page.items).toEqual([expect.objectContaining({ gtin: G, price: 599, netContent: null })]);

    const set = (amount: unknown, unit: unknown) =>
      db!.query('UPDATE products SET net_content = $2, net_content_unit = $3 WHERE gtin = $1', [
        G,
        amount,
        unit,
      ]);
    await set(1500, 'ml');
    const after = await catalogChanges(db, STORE, { version: 0, gtin: '', base: 0 }, 10);
    expect(after.items).toEqual([expect.objectContaining({ netContent: { amount: 1500, unit: 'ml' } })]);
    for (const [amount, unit] of [
      [0, 'g'],
      [1_000_001, 'g'],
      [500, 'oz'],
      [500, null],
      [null, 'g'],
    ])
      await expect(set(amount, unit), `${amount} ${unit}`).rejects.toThrow(/check constraint/);
  });
});
