// A kiosk's lot checks (migration 0030): a plain EAN of a product with a lot recall held for an attendant,
// who reads the lot on the pack. An accepted pack's line is written in the same transaction as the
// decision, so a pack never sells without it and a decision never stands without its line.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../core/uuid7';
import { requireOpenBasket } from './baskets';
import { StoreError } from './errors';

export interface LotCheckRecord {
  id: string;
  basketId: string;
  gtin: string;
  /** The code as scanned, scanned again when the pack is accepted. */
  code: string;
  name: string;
  /** The recalls the attendant checks the pack against. */
  recallIds: string[];
  raisedAt: string;
}

interface LotCheckRow {
  id: string;
  basket_id: string;
  gtin: string;
  code: string;
  name: string;
  recall_ids: string;
  raised_at: string;
}

const toRecord = (row: LotCheckRow): LotCheckRecord => ({
  id: row.id,
  basketId: row.basket_id,
  gtin: row.gtin,
  code: row.code,
  name: row.name,
  recallIds: JSON.parse(row.recall_ids) as string[],
  raisedAt: row.raised_at,
});

/** Holds a pack for a lot check on an open basket; the same product held again is the same check. */
export function raiseLotCheck(
  db: Database.Database,
  check: Omit<LotCheckRecord, 'id' | 'raisedAt'>,
  now: Date = new Date(),
): LotCheckRecord {
  return db.transaction(() => {
    requireOpenBasket(db, check.basketId);
    db.prepare(
      `INSERT INTO lot_checks (id, basket_id, gtin, code, name, recall_ids, raised_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (basket_id, gtin) WHERE decision IS NULL
       DO UPDATE SET code = excluded.code, recall_ids = excluded.recall_ids`,
    ).run(
      uuidv7(now.getTime()),
      check.basketId,
      check.gtin,
      check.code.slice(0, 200),
      check.name,
      JSON.stringify(check.recallIds),
      now.toISOString(),
    );
    return waitingLotChecks(db, check.basketId).find((c) => c.gtin === check.gtin)!;
  })();
}

/** The basket's checks still waiting for an attendant, oldest first. */
export function waitingLotChecks(db: Database.Database, basketId: string): LotCheckRecord[] {
  const rows = db
    .prepare('SELECT * FROM lot_checks WHERE basket_id = ? AND decision IS NULL ORDER BY raised_at, id')
    .all(basketId) as LotCheckRow[];
  return rows.map(toRecord);
}

/** One waiting check, or null when there is none (decided, or never raised). */
export function waitingLotCheck(db: Database.Database, id: string): LotCheckRecord | null {
  const row = db.prepare('SELECT * FROM lot_checks WHERE id = ? AND decision IS NULL').get(id) as
    LotCheckRow | undefined;
  return row ? toRecord(row) : null;
}

/**
 * Records the attendant's answer on a waiting check. `writeLine` (accepted only) writes the pack's
 * line inside the same transaction and returns its id. Throws a StoreError when the check is no longer
 * waiting or its basket is no longer open (nothing written).
 */
export function decideLotCheck(
  db: Database.Database,
  decision: { checkId: string; accept: boolean; attendantId: string },
  writeLine: (check: LotCheckRecord) => string,
  now: Date = new Date(),
): LotCheckRecord {
  return db.transaction(() => {
    const check = waitingLotCheck(db, decision.checkId);
    if (!check) throw new StoreError('no_lot_check', 'This lane is no longer waiting for that lot check');
    requireOpenBasket(db, check.basketId);
    const lineId = decision.accept ? writeLine(check) : null;
    db.prepare(
      'UPDATE lot_checks SET decision = ?, decided_by = ?, decided_at = ?, line_id = ? WHERE id = ?',
    ).run(
      decision.accept ? 'accepted' : 'refused',
      decision.attendantId,
      now.toISOString(),
      lineId,
      check.id,
    );
    return check;
  })();
}

/** The recalls an attendant checked this line's pack against (and found it of another lot). */
export function lotCheckedRecallIds(db: Database.Database, lineId: string): Set<string> {
  const rows = db
    .prepare("SELECT recall_ids FROM lot_checks WHERE line_id = ? AND decision = 'accepted'")
    .all(lineId) as { recall_ids: string }[];
  return new Set(rows.flatMap((row) => JSON.parse(row.recall_ids) as string[]));
}
