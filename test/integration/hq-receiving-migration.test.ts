// HQ migration 0013 (receiving, issue 13) on a database that ran the previous release: it migrates
// with its data, and its tables refuse what they must.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { startBackend, type TestBackend } from '../helpers/postgres';

describe('HQ migration 0013_receiving', () => {
  let own: TestBackend;
  let db: Database;
  beforeAll(async () => {
    own = await startBackend('pglite');
    db = await openPglite(own.dataDir!);
  });
  afterAll(async () => {
    await db?.close();
    await own?.stop();
  });

  it('adds expected deliveries, claims, receipts and flags to a 0012 database', async () => {
    const all = loadMigrations();
    expect(all[12]).toMatchObject({ version: 13, name: 'receiving' });
    await migrate(db, all.slice(0, 12));
    await db.query("INSERT INTO stores (id, code) VALUES ('00000000-0000-4000-8000-000000000001', 'S001')");
    expect(await migrate(db, all.slice(0, 13))).toBe(13);
    const store = '00000000-0000-4000-8000-000000000001';
    const delivery = '00000000-0000-4000-8000-0000000000d1';
    await db.query(
      `INSERT INTO expected_deliveries (id, store_id, kind, number, source, created_at)
       VALUES ($1, $2, 'purchase_order', 'PO-1', 'Acme', now())`,
      [delivery, store],
    );
    const line = (gtin: string, expected: number) =>
      db.query(
        'INSERT INTO expected_delivery_lines (delivery_id, position, gtin, expected) VALUES ($1, 1, $2, $3)',
        [delivery, gtin, expected],
      );
    await line('06900000000014', 10);
    await expect(line('06900000000021', 0)).rejects.toThrow(/check/);
    await expect(line('123', 1)).rejects.toThrow(/check/);
    await expect(
      db.query(
        `INSERT INTO expected_deliveries (id, store_id, kind, number, source, created_at)
         VALUES (gen_random_uuid(), $1, 'purchase_order', 'PO-1', 'Other', now())`,
        [store],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
    const claim = (receivingId: string) =>
      db.query(
        `INSERT INTO delivery_claims (store_id, reference_key, receiving_id, device_id, terminal_id, staff_id, claimed_at)
         VALUES ($1, 'dn-1', $2, gen_random_uuid(), 'C01', 's', now())`,
        [store, receivingId],
      );
    await claim('00000000-0000-4000-8000-0000000000a1');
    await expect(claim('00000000-0000-4000-8000-0000000000a2')).rejects.toThrow(/unique|duplicate/i);
  });
});
