// An attendant's age checks on a basket (migration 0013): each decision written with its journal entry
// in ONE transaction — and, for a refusal, with the restricted lines voided — so the hold, the audit
// record and the basket can never disagree, whatever crashes when.
import type Database from 'better-sqlite3';
import type { AgeCheckOverride } from '../core/journal';
import type { AgeApproval } from '../core/restrictions';
import { uuidv7 } from '../core/uuid7';
import { removeLines, requireOpenBasket } from './baskets';
import { appendJournal } from './journal';

export interface AgeDecision {
  basketId: string;
  decision: 'approved' | 'refused';
  attendantId: string;
  via: AgeCheckOverride['via'];
  ageLimit: number;
  age: number | null;
  birthYear: number | null;
  /** The highest line position in the basket now: what a `checked_items` approval covers. */
  coversPosition: number;
  /** The restricted lines decided on; a refusal voids them. */
  lines: AgeCheckOverride['lines'];
}

/** The approvals recorded on a basket, oldest first. */
export function ageApprovals(db: Database.Database, basketId: string): AgeApproval[] {
  return db
    .prepare(
      `SELECT age_limit AS ageLimit, covers_position AS coversPosition FROM age_checks
       WHERE basket_id = ? AND decision = 'approved' ORDER BY decided_at, id`,
    )
    .all(basketId) as AgeApproval[];
}

/**
 * Records a decision on an open basket: the row, the journal's `override` entry, and for a refusal the
 * lines removed as one `age_refused` void. Throws a StoreError (nothing written) when the basket is
 * not open or a line is gone.
 */
export function recordAgeDecision(
  db: Database.Database,
  decision: AgeDecision,
  now: Date = new Date(),
): void {
  db.transaction(() => {
    requireOpenBasket(db, decision.basketId);
    if (decision.decision === 'refused')
      removeLines(
        db,
        decision.basketId,
        decision.lines.map((line) => line.lineId),
        'age_refused',
        now,
      );
    db.prepare(
      `INSERT INTO age_checks (id, basket_id, decision, age_limit, covers_position, attendant_id, via, age,
         birth_year, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      uuidv7(),
      decision.basketId,
      decision.decision,
      decision.ageLimit,
      decision.coversPosition,
      decision.attendantId,
      decision.via,
      decision.age,
      decision.birthYear,
      now.toISOString(),
    );
    appendJournal(
      db,
      {
        kind: 'override',
        data: {
          action: decision.decision === 'approved' ? 'age_approved' : 'age_refused',
          basketId: decision.basketId,
          attendantId: decision.attendantId,
          via: decision.via,
          ageLimit: decision.ageLimit,
          age: decision.age,
          birthYear: decision.birthYear,
          lines: decision.lines,
        },
      },
      now,
    );
  })();
}
