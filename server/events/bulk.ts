// The fast path of a batch: a run of planned events written by ONE statement — the events with
// ON CONFLICT DO NOTHING, and, for the events that statement newly stored, their sales and stock
// movements — instead of a savepoint and several INSERTs per event. It has no per-event rollback: a
// value the database refuses fails the whole statement, and the caller then redoes the batch event
// by event (ingest.ts), which files that one event as a dead letter and applies the rest.
import type { Queryable } from '../db/database';
import type { DeviceContext } from './ingest';
import type { EventPlan } from './plan';

/**
 * Stores `plans` (no counts among them: a count's adjustment depends on the ledger at its place in
 * the batch) and returns the ids, lower-cased, of the events that were new. An id sent twice in the
 * run is stored once, from its first occurrence; the caller answers the later ones `duplicate`.
 */
export async function insertRun(
  tx: Queryable,
  device: DeviceContext,
  plans: readonly EventPlan[],
  receivedAt: Date,
): Promise<Set<string>> {
  const events = firstOfEachId(plans);
  if (events.length === 0) return new Set();
  const sales = events.flatMap((p) => (p.sale ? [{ eventId: p.event.id, ...p.sale }] : []));
  const moves = events.flatMap((p) =>
    p.movements.map((m, i) => ({ eventId: p.event.id, lineNo: i + 1, at: p.event.occurredAt, ...m })),
  );
  // The sales and movements CTEs see the ids `stored` returned, so a resent event writes nothing
  // more; all three inserts are one statement, so they stand or fail together. A sale's receipt is
  // taken from its stored payload (where plan.ts found it), so it is sent and parsed once.
  const { rows } = await tx.query<{ id: string }>(
    `WITH stored AS (
       INSERT INTO events (store_id, id, device_id, type, payload, occurred_at, received_at)
       SELECT $1, e.id, $2, e.type, e.payload, e.occurred_at, $3
       FROM unnest($4::uuid[], $5::text[], $6::jsonb[], $7::timestamptz[]) AS e (id, type, payload, occurred_at)
       ON CONFLICT (store_id, id) DO NOTHING RETURNING id, payload
     ), sold AS (
       INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total,
         tax_total, sold_at, received_at, receipt)
       SELECT $1, s.id, s.event_id, $2, s.receipt_number, s.terminal_id, s.currency, s.total, s.tax_total,
         s.sold_at, $3, stored.payload -> 'receipt'
       FROM unnest($8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::int8[], $14::int8[],
         $15::timestamptz[]) AS s (event_id, id, receipt_number, terminal_id, currency, total, tax_total, sold_at)
       JOIN stored ON stored.id = s.event_id
     ), moved AS (
       INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, counted, device_id,
         occurred_at, received_at)
       SELECT $1, m.event_id, m.line_no, m.gtin, m.quantity, m.kind, NULL, $2, m.occurred_at, $3
       FROM unnest($16::uuid[], $17::int4[], $18::text[], $19::int8[], $20::text[], $21::timestamptz[])
         AS m (event_id, line_no, gtin, quantity, kind, occurred_at)
       WHERE m.event_id IN (SELECT id FROM stored)
     )
     SELECT id FROM stored`,
    [
      device.storeId,
      device.deviceId,
      receivedAt,
      events.map((p) => p.event.id),
      events.map((p) => p.event.type),
      events.map((p) => JSON.stringify(p.event.payload)),
      events.map((p) => p.event.occurredAt),
      sales.map((s) => s.eventId),
      sales.map((s) => s.id),
      sales.map((s) => s.receiptNumber),
      sales.map((s) => s.terminalId),
      sales.map((s) => s.currency),
      sales.map((s) => s.total),
      sales.map((s) => s.taxTotal),
      sales.map((s) => s.soldAt),
      moves.map((m) => m.eventId),
      moves.map((m) => m.lineNo),
      moves.map((m) => m.gtin),
      moves.map((m) => m.quantity),
      moves.map((m) => m.kind),
      moves.map((m) => m.at),
    ],
  );
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

/**
 * Each event id once (the database compares UUIDs without case), in id order: two batches inserting
 * overlapping ids then take the key locks in the same order and cannot deadlock on them.
 */
function firstOfEachId(plans: readonly EventPlan[]): EventPlan[] {
  const seen = new Map<string, EventPlan>();
  for (const plan of plans) {
    const key = plan.event.id.toLowerCase();
    if (!seen.has(key)) seen.set(key, plan);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, plan]) => plan);
}
