// A kiosk basket handed over to the counter (migration 0020). The kiosk offers its open basket under a
// six-digit code; a counter claims it over the lane link, and the kiosk closes the basket as handed
// over (lines kept live: nothing is voided, nothing sold here). The counter records the handover it
// took under the kiosk's id, so the same basket can never be rung up twice.
import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { uuidv7 } from '../core/uuid7';
import { basketLines, copyLines, requireBasket } from './baskets';
import { emptySale } from './counter-sale';
import type { BasketRecord, ScannedItem } from './basket-records';
import { StoreError } from './errors';
import { carryMember } from './members';
import { appendEvent } from './outbox';
import { activePayment } from './payments';

export interface HandoverOffer {
  id: string;
  basketId: string;
  /** Six digits, unique among the kiosk's live offers. */
  code: string;
  offeredAt: string;
}

/** What a claim carries to the counter: the basket's lines as rung up, and its member. */
export interface HandedBasket {
  handoverId: string;
  currency: string;
  member: { program: string; memberId: string } | null;
  lines: (ScannedItem & { quantity: number })[];
}

/** A claim seen again from the same counter this long after it was taken still answers (a lost reply). */
const RECLAIM_MS = 10 * 60_000;

/** The basket's live offer, or a new one (event `handover.offered`). Refused for a basket not open or empty. */
export function offerHandover(
  db: Database.Database,
  basketId: string,
  now: Date = new Date(),
): HandoverOffer {
  return db.transaction(() => {
    const basket = requireBasket(db, basketId);
    if (basket.status !== 'open' || activePayment(db, basketId))
      throw new StoreError(
        'payment_in_progress',
        'A payment is in progress; cancel it to pay at the counter',
      );
    if (basketLines(db, basketId).length === 0)
      throw new StoreError('empty_basket', 'There is nothing in the basket to take to the counter');
    const live = liveOffer(db, basketId);
    if (live) return live;
    const id = uuidv7();
    const code = freeCode(db);
    db.prepare('INSERT INTO handovers (id, basket_id, code, offered_at) VALUES (?, ?, ?, ?)').run(
      id,
      basketId,
      code,
      now.toISOString(),
    );
    appendEvent(db, 'handover.offered', { handoverId: id, basketId }, now);
    return liveOffer(db, basketId)!;
  })();
}

/** The basket's offer still waiting for a counter, or null. */
export function liveOffer(db: Database.Database, basketId: string): HandoverOffer | null {
  const row = db
    .prepare(
      `SELECT id, basket_id AS basketId, code, offered_at AS offeredAt FROM handovers
       WHERE basket_id = ? AND withdrawn_at IS NULL AND claimed_at IS NULL`,
    )
    .get(basketId) as HandoverOffer | undefined;
  return row ?? null;
}

/** The shopper went back to the kiosk: the code no longer takes the basket. */
export function withdrawHandover(db: Database.Database, basketId: string, now: Date = new Date()): void {
  db.prepare(
    'UPDATE handovers SET withdrawn_at = ? WHERE basket_id = ? AND withdrawn_at IS NULL AND claimed_at IS NULL',
  ).run(now.toISOString(), basketId);
}

/**
 * A counter (`claimer`, its signed terminal id) takes the basket offered under `code`: the basket is
 * closed as handed over and its lines go with the answer (event `handover.claimed`). The same counter
 * asking again soon after gets the same answer, so a reply lost on the network loses no basket.
 */
export function claimHandover(
  db: Database.Database,
  code: string,
  claimer: string,
  now: Date = new Date(),
): HandedBasket {
  return db.transaction(() => {
    const again = db
      .prepare(
        `SELECT id, basket_id AS basketId FROM handovers WHERE code = ? AND claimed_by = ? AND claimed_at >= ?
         ORDER BY claimed_at DESC LIMIT 1`,
      )
      .get(code, claimer, new Date(now.getTime() - RECLAIM_MS).toISOString()) as
      { id: string; basketId: string } | undefined;
    const offer = again ?? liveByCode(db, code);
    if (!offer)
      throw new StoreError(
        'handover_not_found',
        `No kiosk basket is waiting under ${code}; check the number`,
      );
    const basket = requireBasket(db, offer.basketId);
    if (!again) {
      // The shopper gave the basket up (or paid) after the code was shown: nothing waits under it.
      if (basket.status === 'closed' || basket.status === 'paid')
        throw new StoreError('handover_not_found', `The kiosk basket under ${code} is no longer there`);
      if (basket.status !== 'open' || activePayment(db, basket.id))
        throw new StoreError(
          'payment_in_progress',
          'The shopper is paying at the kiosk; that basket stays there',
        );
      const at = now.toISOString();
      db.prepare('UPDATE handovers SET claimed_at = ?, claimed_by = ? WHERE id = ?').run(
        at,
        claimer,
        offer.id,
      );
      db.prepare(
        "UPDATE baskets SET status = 'closed', updated_at = ?, last_changed_line_id = NULL WHERE id = ?",
      ).run(at, basket.id);
      appendEvent(
        db,
        'handover.claimed',
        { handoverId: offer.id, basketId: basket.id, claimedBy: claimer },
        now,
      );
    }
    return {
      handoverId: offer.id,
      currency: basket.currency,
      member: basket.member,
      lines: basketLines(db, basket.id),
    };
  })();
}

/**
 * The counter takes a claimed basket as its new sale: the lines copied exactly, the member with them
 * (event `handover.received`). Refused as `handover_already_received` for a handover taken before, and
 * `sale_in_progress` while the counter holds another sale.
 */
export function receiveHandover(
  db: Database.Database,
  handed: HandedBasket & { laneId: string },
  options: { staffId: string | null; currency: string },
  now: Date = new Date(),
): BasketRecord {
  if (handed.currency !== options.currency)
    throw new StoreError(
      'invalid_currency',
      `The kiosk sells in ${handed.currency}, this counter in ${options.currency}`,
    );
  return db.transaction(() => {
    const taken = db.prepare('SELECT 1 FROM handovers_received WHERE handover_id = ?').get(handed.handoverId);
    if (taken)
      throw new StoreError(
        'handover_already_received',
        'That kiosk basket was already taken at this counter',
      );
    const basket = emptySale(db, options.currency, now);
    db.prepare(
      'INSERT INTO handovers_received (handover_id, lane_id, basket_id, staff_id, received_at) VALUES (?, ?, ?, ?, ?)',
    ).run(handed.handoverId, handed.laneId, basket.id, options.staffId, now.toISOString());
    copyLines(db, basket.id, handed.lines, now);
    carryMember(db, basket.id, handed.member);
    appendEvent(
      db,
      'handover.received',
      {
        handoverId: handed.handoverId,
        laneId: handed.laneId,
        basketId: basket.id,
        lines: handed.lines.length,
      },
      now,
    );
    return requireBasket(db, basket.id);
  })();
}

function liveByCode(db: Database.Database, code: string): { id: string; basketId: string } | undefined {
  return db
    .prepare(
      'SELECT id, basket_id AS basketId FROM handovers WHERE code = ? AND withdrawn_at IS NULL AND claimed_at IS NULL',
    )
    .get(code) as { id: string; basketId: string } | undefined;
}

/** A random six-digit code no live offer uses (a kiosk has one live offer; a clash is rare). */
function freeCode(db: Database.Database): string {
  for (;;) {
    const code = String(randomInt(100_000, 1_000_000));
    if (!liveByCode(db, code)) return code;
  }
}
