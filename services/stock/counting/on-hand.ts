// On hand at this store, as this terminal knows it: HQ's level as the sync last read it, plus the
// movements of this terminal's events HQ has not acknowledged by then (db/stock-levels.ts defines
// "acknowledged"). A count not yet acknowledged sets the level to the session's total, as HQ's count
// adjustment will; movements after it add to that.
import { applyEffects, eventEffect, type StockEffect } from '../../../core/stock/event-effect';
import { sessionTotalThrough } from '../../../db/count-sessions';
import type { Database } from '../../../db/open';
import { hqLevel, stockFeed, unacknowledgedEvents } from '../../../db/stock-levels';
import type { OnHandView } from '../../api/stock-contract';

export function onHand(db: Database, gtin: string): OnHandView {
  const feed = stockFeed(db);
  const level = hqLevel(db, gtin);
  // A product HQ has no level for is at 0 there, once a pull has gone through to the end.
  const hq = level?.onHand ?? (feed.asOf === null ? null : 0);
  const mark = Math.max(level?.ackMark ?? 0, feed.ackMark);
  const effects: StockEffect[] = [];
  for (const event of unacknowledgedEvents(db, gtin, mark)) {
    const effect = eventEffect(event.type, event.payload, gtin, () =>
      sessionTotalThrough(db, event.id, gtin),
    );
    if (effect) effects.push(effect);
  }
  const total = applyEffects(hq ?? 0, effects);
  const asOf =
    level && feed.asOf ? (level.readAt > feed.asOf ? level.readAt : feed.asOf) : (level?.readAt ?? feed.asOf);
  return { hq, local: total - (hq ?? 0), total, asOf };
}
