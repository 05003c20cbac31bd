// HQ migration 0014 on a database that ran the previous release (PGlite, then PostgreSQL): the levels
// already held keep their on hand and are all sent to a terminal's first pull (version 0), and the
// tables of counts at their moment take their first rows.
import { afterEach, describe, expect, it } from 'vitest';
import { stockChanges } from '../../server/counts/feed';
import type { Database } from '../../server/db/database';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const STORE = '0190a5b2-0000-7000-8000-00000000000a';
const G = '06900000000012';

describe.each(BACKENDS)('HQ migration 0014_stock_counts on %s', (kind) => {
  let own: TestBackend | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    await own?.stop();
  });

  it('keeps the levels held, offers them all to a first pull, and holds counts and reviews', async () => {
    own = await startBackend(kind);
    db = own.databaseUrl ? await openPostgres(own.databaseUrl) : await openPglite(own.dataDir!);
    const all = loadMigrations();
    expect(all[13]).toMatchObject({ version: 14, name: 'stock_counts' });
    await migrate(db, all.slice(0, 13));
    await db.query(`INSERT INTO stores (id, code) VALUES ($1, 'S001')`, [STORE]);
    await db.query(`INSERT INTO stock_levels (store_id, gtin, on_hand, movements) VALUES ($1, $2, 7, 3)`, [
      STORE,
      G,
    ]);
    expect(await migrate(db, all.slice(0, 14))).toBe(14);

    expect(await stockChanges(db, STORE, '', 100)).toEqual({
      items: [{ gtin: G, onHand: 7, version: 0 }],
      nextCursor: `0:${G}`,
      complete: true,
    });
    expect(await stockChanges(db, STORE, `0:${G}`, 100)).toEqual({
      items: [],
      nextCursor: `0:${G}`,
      complete: true,
    });
    expect(await stockChanges(db, STORE, 'nonsense', 100)).toBeNull();
    // A terminal whose cursor is past HQ's newest change (HQ restored from an older backup) starts again.
    expect(await stockChanges(db, STORE, `5:${G}`, 100)).toEqual({
      items: [],
      nextCursor: '',
      complete: false,
      behind: true,
    });

    const review = (state: string, accepted: string | null) =>
      db!.query(
        `INSERT INTO count_reviews (id, store_id, session_id, gtin, location, state, accepted_counter, decided_by,
           decided_at, created_at) VALUES (gen_random_uuid(), $1, 's1', $2, 'A', $3, $4, $5, $6, now())`,
        [STORE, G, state, accepted, accepted ? 'M01' : null, accepted ? new Date() : null],
      );
    await review('open', null);
    await expect(review('open', null)).rejects.toThrow(/count_reviews_store_id_session_id_gtin_location_key/);
    await expect(review('closed', null)).rejects.toThrow(/count_reviews_state_check/);
    const line = (counted: number) =>
      db!.query(
        `INSERT INTO count_lines (store_id, line_id, session_id, gtin, location, counter, device_id, staff_id, counted,
           counted_at, event_id, received_at) VALUES ($1, gen_random_uuid()::text, 's1', $2, 'A', 'C01', gen_random_uuid(),
           'M01', $3, now(), gen_random_uuid(), now())`,
        [STORE, G, counted],
      );
    await line(3);
    await expect(line(-1)).rejects.toThrow(/count_lines_counted_check/);
  });
});
