// Recalls reach what is already in a basket. A recall can arrive (HQ's stream, or a sync) after an item
// was scanned and before it is paid: the basket view marks such a line at once, and paying is refused
// while one is there — the shopper or an attendant removes it, the cashier voids it. The rule is the
// scan's own (core/recalls' matchRecall) over what the line's code said: a line whose lot (or serial)
// was read from a GS1 code and is not recalled still sells; a plain EAN under a lot recall does not,
// unless an attendant read the pack's lot for that recall (lot-checks.ts).
import { matchRecall, type RecallMatch } from '../../core/recalls';
import { basketLines, StoreError, type BasketLineRecord } from '../../db/baskets';
import { lotCheckedRecallIds } from '../../db/lot-checks';
import type { Database } from '../../db/open';
import { activeRecallCount, activeRecallsOf, recordLineRecallBlocked } from '../../db/recalls';
import type { LineRecallView } from '../api/contract';
import type { CheckoutContext } from './context';
import { blockedPayload } from './recall-check';

export interface RecalledLine {
  line: BasketLineRecord;
  match: RecallMatch;
}

/** The basket's live lines a recall now covers, in scan order. */
export function recalledLines(db: Database, basketId: string): RecalledLine[] {
  // Most of the time no recall is active at all: one count, no per-line lookups.
  if (activeRecallCount(db) === 0) return [];
  const found: RecalledLine[] = [];
  for (const line of basketLines(db, basketId)) {
    const match = lineRecall(db, line);
    if (match) found.push({ line, match });
  }
  return found;
}

/** What the basket view says of a recalled line. */
export function lineRecallView(match: RecallMatch): LineRecallView {
  return { match: match.kind, reason: match.recall.reason };
}

/**
 * Throws `recalled_in_basket` (and reports each recalled line to HQ, once per line) when the basket
 * holds a line a recall covers; called wherever a basket starts to be paid, kiosk and counter alike.
 */
export function requireNoRecalledLine(ctx: CheckoutContext, basketId: string): void {
  const recalled = recalledLines(ctx.db, basketId);
  if (recalled.length === 0) return;
  for (const { line, match } of recalled) {
    const payload = blockedPayload(ctx, match, line, line.barcode);
    const reported = recordLineRecallBlocked(ctx.db, line.id, payload, ctx.clock());
    if (reported) ctx.events.emit({ type: 'recall.blocked', gtin: line.gtin });
  }
  const names = recalled.map(({ line }) => line.name).join(', ');
  throw new StoreError(
    'recalled_in_basket',
    `Recalled since it was scanned: ${names}. Remove it from the basket before paying`,
  );
}

function lineRecall(db: Database, line: BasketLineRecord): RecallMatch | null {
  let recalls = activeRecallsOf(db, line.gtin);
  if (recalls.length === 0) return null;
  const checked = lotCheckedRecallIds(db, line.id);
  if (checked.size > 0) recalls = recalls.filter((recall) => !checked.has(recall.id));
  return matchRecall(recalls, { gtin: line.gtin, lot: line.lot ?? null, serial: line.serial ?? null });
}
