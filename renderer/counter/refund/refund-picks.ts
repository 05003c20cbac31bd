// What the cashier has chosen to take back from a sale: per sale line (named by its index in the receipt,
// as refunds name lines), a quantity, a reason and whether the goods go back on the shelf. Pure, so the
// keyboard's rules (what a typed quantity means, which reasons write off) are unit-tested.
import { parseDecimalToMinor } from '../../../core/money';
import { REFUND_REASONS, type RefundDisposition, type RefundReason } from '../../../core/sync/refunds';
import type { Unit } from '../../../core/types';

export interface LinePick {
  /** Pieces, or grams of a weighed line; 0 = not coming back (the reason is kept for when it does). */
  quantity: number;
  reason: RefundReason;
  disposition: RefundDisposition;
}

/** The choices by sale line index. */
export type Picks = ReadonlyMap<number, LinePick>;

export const NO_PICKS: Picks = new Map();

/** A damaged or expired item cannot be sold again: it is written off unless the cashier says otherwise. */
export function dispositionFor(reason: RefundReason): RefundDisposition {
  return reason === 'damaged' || reason === 'expired' ? 'write_off' : 'restock';
}

const DEFAULT_PICK: LinePick = { quantity: 0, reason: 'changed_mind', disposition: 'restock' };

/** The line's choice, or the default one (nothing back, changed mind, restock). */
export function pickOf(picks: Picks, line: number): LinePick {
  return picks.get(line) ?? DEFAULT_PICK;
}

/**
 * A typed quantity: whole pieces for a piece line; for a weighed line grams ("500", "500g") or kilograms
 * ("0.5", "0.5kg", "1kg"): a decimal point or "kg" means kilograms. Null when it is not one of these or
 * not above zero.
 */
export function parseReturnQuantity(text: string, unit: Unit): number | null {
  const typed = text.trim().toLowerCase().replace(/\s+/g, '');
  if (unit === 'each') return /^\d{1,7}$/.test(typed) && Number(typed) > 0 ? Number(typed) : null;
  const kg = /^(\d+(?:\.\d+)?)kg$/.exec(typed) ?? (/^\d+\.\d+$/.test(typed) ? [typed, typed] : null);
  const grams = kg ? parseDecimalToMinor(kg[1]!, 3) : /^(\d{1,7})g?$/.exec(typed)?.[1];
  const value = typeof grams === 'string' ? Number(grams) : grams;
  return value !== null && value !== undefined && value > 0 ? value : null;
}

/**
 * What Enter on a line means, with `typed` in the field and `current` already chosen: nothing typed,
 * all that is left of the line (or none, when some was chosen); a quantity typed, that much — or why not.
 */
export function enteredQuantity(
  typed: string,
  line: { unit: Unit; refundableQuantity: number },
  current: number,
): { quantity: number } | { problem: 'nothing_left' | 'bad_quantity' } {
  const max = line.refundableQuantity;
  if (max <= 0) return { problem: 'nothing_left' };
  if (typed.trim() === '') return { quantity: current > 0 ? 0 : max };
  const quantity = parseReturnQuantity(typed, line.unit);
  return quantity === null || quantity > max ? { problem: 'bad_quantity' } : { quantity };
}

/** The choices with `line` set to `quantity` (0 takes it out), its reason and disposition kept. */
export function withQuantity(picks: Picks, line: number, quantity: number): Picks {
  const next = new Map(picks);
  next.set(line, { ...pickOf(picks, line), quantity });
  return next;
}

/** The next (or previous) reason after `pick`'s, round the list, its disposition following the reason's default. */
export function nextReason<P extends LinePick>(pick: P, step: 1 | -1): P {
  const at = REFUND_REASONS.indexOf(pick.reason);
  const reason = REFUND_REASONS[(at + step + REFUND_REASONS.length) % REFUND_REASONS.length]!;
  return { ...pick, reason, disposition: dispositionFor(reason) };
}

/** Restock ↔ write off. */
export function otherDisposition<P extends LinePick>(pick: P): P {
  return { ...pick, disposition: pick.disposition === 'restock' ? 'write_off' : 'restock' };
}

/** `line`'s next (or previous) reason. */
export function withNextReason(picks: Picks, line: number, step: 1 | -1): Picks {
  return new Map(picks).set(line, nextReason(pickOf(picks, line), step));
}

/** Restock ↔ write off for `line`. */
export function withOtherDisposition(picks: Picks, line: number): Picks {
  return new Map(picks).set(line, otherDisposition(pickOf(picks, line)));
}

/** The lines coming back, in receipt order, as refund.quote and refund.start take them. */
export function lineInputs(
  picks: Picks,
): { line: number; quantity: number; reason: RefundReason; disposition: RefundDisposition }[] {
  return [...picks.entries()]
    .filter(([, pick]) => pick.quantity > 0)
    .sort(([a], [b]) => a - b)
    .map(([line, pick]) => ({ line, ...pick }));
}
