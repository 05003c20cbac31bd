// What one outbox event does to one product's on hand, read from the event as it travels to HQ: the
// terminal adds up the effects of the events HQ has not acknowledged yet on top of HQ's last level.
// The rules mirror HQ's ledger (server/events/plan.ts): a training sale moves nothing, a refund puts
// back only its restocked lines, a count sets the level.

/** A signed change, or a count that sets the level to `counted` (as HQ's count adjustment does). */
export type StockEffect = { kind: 'delta'; quantity: number } | { kind: 'count'; counted: number };

/** The event types that can move stock. */
export const STOCK_MOVING_TYPES = [
  'sale.completed',
  'refund.completed',
  'stock.received',
  'stock.adjusted',
  'stock.counted',
  'stock.transferred',
] as const;

type Line = { gtin?: unknown; quantity?: unknown; counted?: unknown; disposition?: unknown };

/**
 * The effect of an event on `gtin`, or null when it does not touch it. A new-format count (with a
 * session) is not read here: its level is the session's total for the item up to that line, which the
 * caller reads from its count lines (`sessionTotal`).
 */
export function eventEffect(
  type: string,
  payload: unknown,
  gtin: string,
  sessionTotal?: () => number | null,
): StockEffect | null {
  const p = (payload ?? {}) as {
    lines?: unknown;
    training?: unknown;
    direction?: unknown;
    sessionId?: unknown;
  };
  const lines = (Array.isArray(p.lines) ? p.lines : []) as Line[];
  const mine = lines.filter((l) => l && l.gtin === gtin);
  if (mine.length === 0) return null;
  const sum = (pick: (l: Line) => number) => mine.reduce((s, l) => s + pick(l), 0);
  const qty = (l: Line) => (typeof l.quantity === 'number' ? l.quantity : 0);
  switch (type) {
    case 'sale.completed':
      return p.training === true ? null : { kind: 'delta', quantity: -sum(qty) };
    case 'refund.completed':
      if (p.training === true) return null;
      return { kind: 'delta', quantity: sum((l) => (l.disposition === 'restock' ? qty(l) : 0)) };
    case 'stock.received':
    case 'stock.adjusted':
      return { kind: 'delta', quantity: sum(qty) };
    case 'stock.transferred':
      return { kind: 'delta', quantity: (p.direction === 'out' ? -1 : 1) * sum(qty) };
    case 'stock.counted': {
      if (typeof p.sessionId === 'string') {
        const total = sessionTotal?.() ?? null;
        return total === null ? null : { kind: 'count', counted: total };
      }
      const counted = mine[mine.length - 1]!.counted;
      return typeof counted === 'number' ? { kind: 'count', counted } : null;
    }
    default:
      return null;
  }
}

/** The level after applying `effects` in order to `start`. */
export function applyEffects(start: number, effects: readonly StockEffect[]): number {
  return effects.reduce((level, e) => (e.kind === 'count' ? e.counted : level + e.quantity), start);
}
