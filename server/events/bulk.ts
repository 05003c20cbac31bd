// The fast path of a batch: a run of planned events written by ONE statement — the events with
// ON CONFLICT DO NOTHING; for the events that statement newly stored, their sales and the report
// rollups they add to (server/reports/rollup.ts), their stock movements and the on-hand they move; and the device's last contact — instead of a savepoint and
// several INSERTs per event. One statement is atomic by itself, so a batch that is one run needs no
// transaction around it: one round trip to the database. It has no per-event rollback: a value the
// database refuses fails the whole statement, and the caller then redoes the batch event by event
// (ingest.ts), which files that one event as a dead letter and applies the rest.
import type { StockWarning } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import type { Queryable } from '../db/database';
import type { EventPlan } from './plan';
import { rollupCtes, rollupRows } from '../reports/rollup';

export interface RunOutcome {
  /** The ids, lower-cased, of the events that were new (the rest were already held). */
  stored: Set<string>;
  /** Products this run left below zero. */
  warnings: StockWarning[];
}

// An on-hand is held to 15 digits (MAX_QUANTITY, which a JS number reads exactly): the numeric(15, 0)
// casts fail the statement with a data exception beyond it, and the batch is redone event by event,
// where the event that would cross it is rejected on its own (ingest.ts).
//
// The rows travel as three JSON documents (one parameter each) rather than one array parameter per
// column: the driver sends JSON text as it is, where an array of JSON texts must be escaped element
// by element on the way out and parsed again on the way in. Level rows are upserted in GTIN order,
// so two runs of one store take their row locks in the same order and cannot deadlock on them.
const WRITE_RUN = `
WITH stored AS (
  INSERT INTO events (store_id, id, device_id, type, payload, occurred_at, received_at)
  SELECT $1, e.id, $2, e.type, e.payload, e.occurred_at, $3
  FROM json_to_recordset($5::json) AS e (id uuid, type text, payload json, occurred_at timestamptz)
  ON CONFLICT (store_id, id) DO NOTHING
  RETURNING id
), incoming AS (
  SELECT s.* FROM json_to_recordset($6::json) AS s (event_id uuid, id uuid, receipt_number text,
    terminal_id text, currency text, total int8, tax_total int8, sold_at timestamptz, training bool, line_count int8)
  JOIN stored ON stored.id = s.event_id
), sold AS (
  INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total,
    tax_total, sold_at, received_at, training)
  SELECT $1, s.id, s.event_id, $2, s.receipt_number, s.terminal_id, s.currency, s.total, s.tax_total,
    s.sold_at, $3, s.training
  FROM incoming s
), ${rollupCtes('$1', '$8', '$9')}, moved AS (
  INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, counted, device_id,
    occurred_at, received_at)
  SELECT $1, m.event_id, m.line_no, m.gtin, m.quantity, m.kind, NULL, $2, m.occurred_at, $3
  FROM json_to_recordset($7::json) AS m (event_id uuid, line_no int4, gtin text, quantity int8, kind text,
    occurred_at timestamptz)
  WHERE m.event_id IN (SELECT id FROM stored)
  RETURNING gtin, quantity
), version AS (
  -- The store's next stock change marker (server/counts/versions.ts), taken only when stock moves.
  INSERT INTO stock_level_versions (store_id, version) SELECT $1, 1 WHERE EXISTS (SELECT 1 FROM moved)
  ON CONFLICT (store_id) DO UPDATE SET version = stock_level_versions.version + 1 RETURNING version
), levels AS (
  INSERT INTO stock_levels (store_id, gtin, on_hand, movements, version)
  SELECT $1, gtin, sum(quantity)::numeric(15, 0), count(*), (SELECT version FROM version) FROM moved
  GROUP BY gtin ORDER BY gtin
  ON CONFLICT (store_id, gtin) DO UPDATE SET
    on_hand = (stock_levels.on_hand + excluded.on_hand)::numeric(15, 0),
    movements = stock_levels.movements + excluded.movements, version = excluded.version
  RETURNING gtin, on_hand
), seen AS (
  UPDATE devices SET last_seen_at = $3, clock_skew_ms = coalesce($4, clock_skew_ms)
  WHERE store_id = $1 AND id = $2
)
SELECT (SELECT coalesce(json_agg(id), '[]') FROM stored) AS stored,
  (SELECT coalesce(json_agg(json_build_object('gtin', gtin, 'onHand', on_hand) ORDER BY gtin), '[]')
   FROM levels WHERE on_hand < 0) AS negative`;

/**
 * Stores `plans` (no counts among them: a count's adjustment depends on the ledger at its place in
 * the batch) and notes the device's contact with its clock skew. An id sent twice in the run is
 * stored once, from its first occurrence; the caller answers the later ones `duplicate`.
 */
export async function writeRun(
  q: Queryable,
  device: DeviceContext,
  plans: readonly EventPlan[],
  receivedAt: Date,
  clockSkewMs: number | null,
): Promise<RunOutcome> {
  const events = firstOfEachId(plans);
  const sales = events.flatMap(({ event, sale }) =>
    sale
      ? [
          {
            event_id: event.id,
            id: sale.id,
            receipt_number: sale.receiptNumber,
            terminal_id: sale.terminalId,
            currency: sale.currency,
            total: sale.total,
            tax_total: sale.taxTotal,
            sold_at: sale.soldAt,
            training: sale.training,
            line_count: sale.lines.length,
          },
        ]
      : [],
  );
  const moves = events.flatMap(({ event, movements }) =>
    movements.map((m, i) => ({
      event_id: event.id,
      line_no: i + 1,
      gtin: m.gtin,
      quantity: m.quantity,
      kind: m.kind,
      occurred_at: event.occurredAt,
    })),
  );
  const rows = rollupRows(events);
  const { rows: written } = await q.query<{ stored: string[]; negative: StockWarning[] }>(
    WRITE_RUN,
    [
      device.storeId,
      device.deviceId,
      receivedAt,
      clockSkewMs,
      JSON.stringify(
        events.map(({ event }) => ({
          id: event.id,
          type: event.type,
          payload: event.payload,
          occurred_at: event.occurredAt,
        })),
      ),
      JSON.stringify(sales),
      JSON.stringify(moves),
      rows.lines,
      rows.tenders,
    ],
    { prepareAs: 'ingest_write_run' },
  );
  const { stored, negative } = written[0]!;
  return {
    stored: new Set(stored.map((id) => id.toLowerCase())),
    warnings: negative.map((w) => ({ code: 'negative_stock', gtin: w.gtin, onHand: Number(w.onHand) })),
  };
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
