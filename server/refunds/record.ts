// Writing a `refund.completed` event (inside the event's savepoint, server/events/ingest.ts): the refund,
// its lines and tenders, and — when it took back more of a sale line than the sale sold, counting the
// refunds and open claims before it — a flag naming every terminal and member of staff involved. The
// refund is recorded either way: the money has gone out, and HQ's job now is to show it.
import type { DeviceContext } from '../auth/authenticate';
import type { Queryable } from '../db/database';
import type { CheckedRefund, ReturnMovement } from './payload';
import { findSale, soldLines, takenBack, takenQuantities, type SoldLine, type Taken } from './sale-state';

/** A line of a flag: how much of a sale line this refund took beyond what was left of it. */
export interface FlaggedLine {
  line: number;
  sold: number;
  /** Taken back before this refund (refunds and open claims). */
  before: number;
  /** Taken back by this refund. */
  refunded: number;
  excess: number;
  /** This refund's money for the excess: its share of the line's amount. */
  excessAmount: number;
}

/** A refund or claim involved in a flag: who took back from the flagged lines. */
export type Involved = Omit<Taken, 'line' | 'quantity' | 'amount'>;

/**
 * Records the refund and flags any excess. Returns the `return` movements of restocked lines whose GTIN
 * the event left out and the sale supplies (the caller writes them with the event's own movements).
 */
export async function recordRefund(
  tx: Queryable,
  device: DeviceContext,
  eventId: string,
  refund: CheckedRefund,
  receivedAt: Date,
): Promise<ReturnMovement[]> {
  const training = refund.training === true;
  // Locked: a claim or another refund of this sale waits until this one is written (sale-state.ts).
  const sale = refund.receiptNumber
    ? await findSale(tx, device.storeId, refund.receiptNumber, { lock: true })
    : null;
  await insertRefund(tx, device, eventId, refund, receivedAt);
  if (!sale || sale.training !== training) return [];
  const lines = soldLines(sale.payload);
  if (!training) {
    const taken = await takenBack(tx, device.storeId, sale, refund.id);
    const flag = excessOf(refund, lines, taken);
    if (flag) await insertFlag(tx, device, refund, flag, receivedAt);
  }
  if (training) return [];
  return refund.lines.flatMap((l) => {
    const gtin = l.disposition === 'restock' && !l.gtin ? lines[l.line]?.gtin : null;
    return gtin ? [{ gtin, quantity: l.quantity, kind: 'return' as const }] : [];
  });
}

/** The lines this refund took beyond the sale, and everyone who took from them; null when none. */
export function excessOf(
  refund: CheckedRefund,
  lines: readonly SoldLine[],
  taken: readonly Taken[],
): { lines: FlaggedLine[]; involved: Involved[] } | null {
  const before = takenQuantities(taken);
  const mine = new Map<number, { quantity: number; amount: number }>();
  for (const l of refund.lines) {
    const sum = mine.get(l.line) ?? { quantity: 0, amount: 0 };
    mine.set(l.line, { quantity: sum.quantity + l.quantity, amount: sum.amount + l.amount });
  }
  const flagged: FlaggedLine[] = [];
  for (const [line, { quantity, amount }] of [...mine].sort(([a], [b]) => a - b)) {
    const sold = lines[line]?.sold ?? 0;
    const earlier = before.get(line) ?? 0;
    const excess = Math.min(quantity, earlier + quantity - sold);
    if (excess <= 0) continue;
    const excessAmount = Number((BigInt(amount) * BigInt(excess)) / BigInt(quantity));
    flagged.push({ line, sold, before: earlier, refunded: quantity, excess, excessAmount });
  }
  if (flagged.length === 0) return null;
  const touched = new Set(flagged.map((f) => f.line));
  const involved = new Map<string, Involved>();
  for (const t of taken) {
    if (!touched.has(t.line) || involved.has(t.refundId)) continue;
    const { kind, refundId, refundNumber, terminalId, staffId, approvedBy, offline } = t;
    involved.set(refundId, { kind, refundId, refundNumber, terminalId, staffId, approvedBy, offline });
  }
  involved.set(refund.id, {
    kind: 'refund',
    refundId: refund.id,
    refundNumber: refund.refundNumber,
    terminalId: refund.terminalId,
    staffId: refund.staffId,
    approvedBy: refund.approvedBy,
    offline: refund.offline,
  });
  return { lines: flagged, involved: [...involved.values()] };
}

async function insertRefund(
  tx: Queryable,
  device: DeviceContext,
  eventId: string,
  r: CheckedRefund,
  receivedAt: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO refunds (store_id, id, event_id, device_id, refund_number, receipt_number, terminal_id, staff_id,
       approved_by, shift_id, currency, total, tax_total, cash_rounding, refunded_at, received_at, offline, training)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      device.storeId,
      r.id,
      eventId,
      device.deviceId,
      r.refundNumber,
      r.receiptNumber,
      r.terminalId,
      r.staffId,
      r.approvedBy,
      r.shiftId,
      r.currency,
      r.total,
      r.taxTotal,
      r.cashRounding,
      r.refundedAt,
      receivedAt,
      r.offline,
      r.training === true,
    ],
  );
  const withReceipt = r.receiptNumber !== null;
  await tx.query(
    `INSERT INTO refund_lines (store_id, refund_id, position, line, gtin, unit, quantity, amount, reason, disposition)
     SELECT $1, $2, u.position, u.line, u.gtin, u.unit, u.quantity, u.amount, u.reason, u.disposition
     FROM unnest($3::int4[], $4::int4[], $5::text[], $6::text[], $7::int8[], $8::int8[], $9::text[], $10::text[])
       AS u (position, line, gtin, unit, quantity, amount, reason, disposition)`,
    [
      device.storeId,
      r.id,
      r.lines.map((_, i) => i + 1),
      r.lines.map((l) => (withReceipt ? l.line : null)),
      r.lines.map((l) => l.gtin),
      r.lines.map((l) => l.unit),
      r.lines.map((l) => l.quantity),
      r.lines.map((l) => l.amount),
      r.lines.map((l) => l.reason),
      r.lines.map((l) => l.disposition),
    ],
  );
  await insertTenders(tx, device, r);
}

async function insertTenders(tx: Queryable, device: DeviceContext, r: CheckedRefund): Promise<void> {
  if (r.tenders.length === 0) return;
  await tx.query(
    `INSERT INTO refund_tenders (store_id, refund_id, position, kind, amount, payment_id, reference)
     SELECT $1, $2, u.position, u.kind, u.amount, u.payment_id, u.reference
     FROM unnest($3::int4[], $4::text[], $5::int8[], $6::text[], $7::text[])
       AS u (position, kind, amount, payment_id, reference)`,
    [
      device.storeId,
      r.id,
      r.tenders.map((_, i) => i + 1),
      r.tenders.map((t) => t.kind),
      r.tenders.map((t) => t.amount),
      r.tenders.map((t) => t.paymentId),
      r.tenders.map((t) => t.reference),
    ],
  );
}

async function insertFlag(
  tx: Queryable,
  device: DeviceContext,
  refund: CheckedRefund,
  flag: { lines: FlaggedLine[]; involved: Involved[] },
  at: Date,
): Promise<void> {
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  await tx.query(
    `INSERT INTO refund_flags (store_id, refund_id, receipt_number, code, lines, excess_amount, involved,
       terminal_ids, staff_ids, flagged_at)
     VALUES ($1, $2, $3, 'refund_exceeds_sale', $4::jsonb, $5, $6::jsonb, $7::text[], $8::text[], $9)`,
    [
      device.storeId,
      refund.id,
      refund.receiptNumber,
      JSON.stringify(flag.lines),
      flag.lines.reduce((sum, l) => sum + l.excessAmount, 0),
      JSON.stringify(flag.involved),
      unique(flag.involved.map((i) => i.terminalId)),
      unique(flag.involved.flatMap((i) => [i.staffId, i.approvedBy])),
      at,
    ],
  );
}
