// The loyalty member a basket belongs to, from a member card scanned at the till.
import type Database from 'better-sqlite3';
import { requireBasket, requireOpenBasket, type BasketRecord } from './baskets';
import { StoreError } from './errors';
import { appendEvent } from './outbox';

/**
 * Gives a new basket the member of the sale it carries on (a sale resumed, a kiosk's basket handed over),
 * in the caller's transaction. No event of its own: the carrying one (`sale.resumed`, …) says it.
 */
export function carryMember(
  db: Database.Database,
  basketId: string,
  member: { program: string; memberId: string } | null,
): void {
  if (!member) return;
  db.prepare('UPDATE baskets SET member_program = ?, member_id = ? WHERE id = ?').run(
    member.program,
    member.memberId,
    basketId,
  );
}

/** Attaches a loyalty member to an open basket (a later member code replaces it). Event `basket.member_attached`. */
export function attachMember(
  db: Database.Database,
  basketId: string,
  member: { program: string; memberId: string },
  now: Date = new Date(),
): BasketRecord {
  if (!member.program || !member.memberId)
    throw new StoreError('invalid_member', 'A member needs a program and an id');
  return db.transaction(() => {
    requireOpenBasket(db, basketId);
    db.prepare('UPDATE baskets SET member_program = ?, member_id = ?, updated_at = ? WHERE id = ?').run(
      member.program,
      member.memberId,
      now.toISOString(),
      basketId,
    );
    appendEvent(db, 'basket.member_attached', { basketId, ...member }, now);
    return requireBasket(db, basketId);
  })();
}
