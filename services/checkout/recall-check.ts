// The sale path's recall check (issue 14), at the kiosk and the counter alike: an item a recall covers is
// refused, and the refusal is reported to HQ (`recall.blocked`, written to the outbox) so the office sees
// who tried to sell what, where. Returns, stock receiving and price checks do not pass here: a recalled
// item may still come back over the counter or be booked in (and put aside).
//
// A plain EAN names no lot. When a recall lists lots or serials and the code does not say which pack this
// is, the pack is held all the same (`recall_check_lot`): at a kiosk the shopper is asked to call an
// attendant; at the counter the cashier is shown the recalled lots and reads the lot printed on the pack —
// one of them: put it aside; another: scan the pack's GS1 DataMatrix or GS1-128, or type its element
// string `(01)GTIN(10)LOT`, and it sells. Nothing sells on a guess.
import {
  matchRecall,
  type RecallBlockedPayload,
  type RecallMatch,
  type ScannedPack,
} from '../../core/recalls';
import type { Failure } from '../../core/result';
import { activeRecallsOf, recordRecallBlocked } from '../../db/recalls';
import type { CheckoutContext } from './context';
import { fail } from './result';

/** Why this pack may not be sold because of a recall, or null; a refusal is reported to HQ. */
export function recallRefusal(
  ctx: CheckoutContext,
  pack: ScannedPack & { name: string },
  code: string,
): Failure | null {
  const recalls = activeRecallsOf(ctx.db, pack.gtin);
  if (recalls.length === 0) return null;
  const match = matchRecall(recalls, pack);
  if (!match) return null;
  recordRecallBlocked(ctx.db, blockedPayload(ctx, match, pack, code), ctx.clock());
  ctx.events.emit({ type: 'recall.blocked', gtin: pack.gtin });
  return recallFailure(pack.name, match);
}

/** What HQ is told of a refused pack: which recall, how it matched, where and by whom. */
export function blockedPayload(
  ctx: CheckoutContext,
  match: RecallMatch,
  pack: ScannedPack,
  code: string,
): RecallBlockedPayload {
  return {
    recallId: match.recall.id,
    gtin: pack.gtin,
    match: match.kind,
    lot: pack.lot ?? null,
    serial: pack.serial ?? null,
    code: code.slice(0, 200),
    terminalId: ctx.settings.terminalId,
    role: ctx.settings.role,
    staffId: ctx.duty.current?.id ?? null,
  };
}

function recallFailure(name: string, match: RecallMatch): Failure {
  const { reason } = match.recall;
  switch (match.kind) {
    case 'gtin':
      return fail('item_recalled', `${name} is recalled: ${reason}`, { name, reason });
    case 'lot':
    case 'serial':
      return fail('item_recalled', `${name} ${match.kind} ${match.value} is recalled: ${reason}`, {
        name,
        reason,
        [match.kind]: match.value,
      });
    case 'unknown': {
      const { lots, serials } = match.recall;
      const listed = [...lots.map((l) => `lot ${l}`), ...serials.map((s) => `serial ${s}`)];
      const shown = listed.length > 6 ? [...listed.slice(0, 6), `${listed.length - 6} more`] : listed;
      return fail(
        'recall_check_lot',
        `${name}: ${shown.join(', ')} recalled (${reason}); check the pack — another lot sells with its GS1 code`,
        { name, reason, lots: [...lots], serials: [...serials] },
      );
    }
  }
}
