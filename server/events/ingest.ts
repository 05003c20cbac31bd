// POST /v1/events: a batch of a terminal's outbox, applied all or nothing. The events table's key
// (store, event id) stops doubles: a resent event is answered `duplicate`. Three ways to write a
// batch, with the same outcome:
//  - one statement (the common batch: sales and deliveries, every event well formed, no count):
//    the whole batch in one round trip, atomic by itself (bulk.ts);
//  - runs in one transaction (a batch with a count or a refund, or with events rejected before the
//    database): the events between them written by that same statement, each count and refund alone
//    (server/refunds/record.ts), refusals filed;
//  - event by event in one transaction: a savepoint per event, so an event the database refuses is
//    rolled back alone and filed as a dead letter while the events after it go on. A batch whose
//    bulk attempt hits such a data error is redone this way; poison is rare, so that cost is too.
import type { BatchReply, EventResult, StockWarning } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import type { DeviceContext } from '../auth/authenticate';
import type { Database, Queryable } from '../db/database';
import { constraintOf, sqlState } from '../db/database';
import type { Result } from '../result';
import { invalidRequest } from '../result';
import type { EventPlan, Rejection } from './plan';
import { planEvent } from './plan';
import { MAX_JSON_DEPTH, batchSchema, nestsDeeperThan } from './schema';
import { writeRun } from './bulk';
import { PendingLevels, insertMovements, onHandOutOfRange } from './stock';
import { recordRefund } from '../refunds/record';
import { rollUpSale } from '../reports/rollup';
import { recordReceipt } from '../stock/receipts';
import { recordTransferOut } from '../stock/transfers';
import { settleAfterBatch } from '../counts/after-batch';
import { recordCountLines } from '../counts/lines';

export type { EventResult, StockWarning } from '../../core/sync';
export type BatchOutcome = BatchReply & { warnings: StockWarning[] };

const RETRIES = 3;

type Mode = 'bulk' | 'per-event';

interface PlannedItem {
  raw: unknown;
  planned: ReturnType<typeof planEvent>;
}

export async function ingestBatch(
  db: Database,
  device: DeviceContext,
  body: unknown,
  receivedAt: Date = new Date(),
): Promise<Result<BatchOutcome>> {
  const batch = batchSchema.safeParse(body);
  if (!batch.success) return invalidRequest('bad_batch', 'the batch is malformed', batch.error.issues);
  const planned = batch.data.events.map((raw) => ({ raw, planned: planEvent(raw, device.storeCode) }));
  const skew = clockSkew(receivedAt, batch.data.sentAt, planned);
  const written = await writeBatch(db, device, planned, receivedAt, skew);
  // Counts are taken at their moment: what this batch moved or counted may change a count's adjustment.
  const plans = planned.flatMap(({ planned: p }) => (p.ok ? [p.plan] : []));
  await settleAfterBatch(db, device, plans, receivedAt);
  return { ok: true, ...written, receivedAt: receivedAt.toISOString(), clockSkewMs: skew };
}

async function writeBatch(
  db: Database,
  device: DeviceContext,
  planned: readonly PlannedItem[],
  receivedAt: Date,
  skew: number | null,
): Promise<Pick<BatchOutcome, 'results' | 'warnings'>> {
  // The common batch — sales and deliveries, every event well formed, no count — is one run:
  // one statement, atomic by itself.
  const plans = planned.flatMap(({ planned: p }) => (p.ok && !appliedAlone(p.plan) ? [p.plan] : []));
  const oneRun = plans.length === planned.length;
  let mode: Mode = 'bulk';
  for (let attempt = 1; ;) {
    try {
      if (mode === 'bulk' && oneRun) {
        const { stored, warnings } = await writeRun(db, device, plans, receivedAt, skew);
        return { results: plans.map((plan) => answer(plan, stored)), warnings };
      }
      return await db.transaction(async (tx) => {
        const applied = await applyBatch(tx, device, planned, receivedAt, skew, mode);
        await tx.query(
          'UPDATE devices SET last_seen_at = $3, clock_skew_ms = coalesce($4, clock_skew_ms) WHERE store_id = $1 AND id = $2',
          [device.storeId, device.deviceId, receivedAt, skew],
        );
        // Last, so the level rows (locked in GTIN order) are held only until the commit.
        return { results: applied.results, warnings: await applied.levels.flush(tx, device.storeId) };
      });
    } catch (error) {
      // The bulk statement refused a value: some event is poison. Event by event finds which.
      if (mode === 'bulk' && dataRejection(error)) {
        mode = 'per-event';
        continue;
      }
      // A batch whose on-hand check another batch's commit overtook (the on-hand overflowed at the
      // flush) runs again: the check sees it and rejects the event. Deadlocks between batches locking
      // the same stock level rows in turn (a count mid-batch), and serialization failures, are run again
      // by the database adapter (server/db/retry.ts).
      const again = mode === 'per-event' && sqlState(error) === '22003';
      if (attempt++ >= RETRIES || !again) throw error;
    }
  }
}

/** The batch's events in order. In bulk mode, the events between counts go in runs (see bulk.ts). */
async function applyBatch(
  tx: Queryable,
  device: DeviceContext,
  planned: readonly PlannedItem[],
  receivedAt: Date,
  skew: number | null,
  mode: Mode,
): Promise<{ results: EventResult[]; levels: PendingLevels }> {
  const results: EventResult[] = [];
  const levels = new PendingLevels();
  let run: PlannedItem[] = [];
  const endRun = async () => {
    if (run.length > 0) results.push(...(await applyRun(tx, device, run, receivedAt, skew, levels)));
    run = [];
  };
  for (const item of planned) {
    const p = item.planned;
    // A count becomes the adjustment from the ledger as it stands at its place in the batch, and a refund
    // is checked against its sale's refunds so far, so each ends the run before it and is applied alone.
    if (mode === 'bulk' && !(p.ok && appliedAlone(p.plan))) {
      run.push(item);
      continue;
    }
    await endRun();
    results.push(
      p.ok
        ? await applyEvent(tx, device, p.plan, item.raw, receivedAt, levels)
        : await deadLetter(tx, device, item.raw, p.rejection, receivedAt),
    );
  }
  await endRun();
  return { results, levels };
}

/** A run written in bulk, its rejected events filed; a database refusal propagates (see writeBatch). */
async function applyRun(
  tx: Queryable,
  device: DeviceContext,
  run: readonly PlannedItem[],
  receivedAt: Date,
  skew: number | null,
  levels: PendingLevels,
): Promise<EventResult[]> {
  const plans = run.flatMap((item) => (item.planned.ok ? [item.planned.plan] : []));
  const { stored } =
    plans.length > 0 ? await writeRun(tx, device, plans, receivedAt, skew) : { stored: new Set<string>() };
  // The run wrote its own on-hand; the batch's warnings are read once all of it is written.
  for (const plan of plans) for (const m of plan.movements) levels.touch(m.gtin);
  const results: EventResult[] = [];
  for (const { raw, planned: p } of run) {
    results.push(p.ok ? answer(p.plan, stored) : await deadLetter(tx, device, raw, p.rejection, receivedAt));
  }
  return results;
}

/** Events written on their own, after the run before them: a count and a refund read what is held. */
function appliedAlone(plan: EventPlan): boolean {
  // A delivery note is booked once per store, and a transfer out arrives at another store: both read HQ's
  // state; a count session's lines are taken at their moment (server/counts).
  return (
    plan.counts.length > 0 ||
    plan.refund !== undefined ||
    plan.receipt !== undefined ||
    plan.transfer !== undefined ||
    plan.sessionCount !== undefined
  );
}

/** The first occurrence of a new id was stored; anything else with that id is a duplicate. */
function answer(plan: EventPlan, stored: Set<string>): EventResult {
  return { id: plan.event.id, status: stored.delete(plan.event.id.toLowerCase()) ? 'applied' : 'duplicate' };
}

async function applyEvent(
  tx: Queryable,
  device: DeviceContext,
  plan: EventPlan,
  raw: unknown,
  receivedAt: Date,
  levels: PendingLevels,
): Promise<EventResult> {
  const { event } = plan;
  await tx.query('SAVEPOINT event');
  try {
    const inserted = await tx.query(
      `INSERT INTO events (store_id, id, device_id, type, payload, occurred_at, received_at)
       VALUES ($1, $2, $3, $4, $5::json, $6, $7) ON CONFLICT (store_id, id) DO NOTHING RETURNING id`,
      [
        device.storeId,
        event.id,
        device.deviceId,
        event.type,
        JSON.stringify(event.payload),
        event.occurredAt,
        receivedAt,
      ],
    );
    if (inserted.rows.length === 0) {
      await tx.query('RELEASE SAVEPOINT event');
      return { id: event.id, status: 'duplicate' };
    }
    if (plan.sale) await insertSale(tx, device, plan, receivedAt);
    // A refund's restocked lines whose GTIN only the sale knows move stock too.
    const found = plan.refund ? await recordRefund(tx, device, plan.event.id, plan.refund, receivedAt) : [];
    let all = found.length > 0 ? { ...plan, movements: [...plan.movements, ...found] } : plan;
    // A delivery note received before in this store moves no stock (it is flagged instead); issue 13.
    if (plan.receipt)
      all = {
        ...all,
        movements: await recordReceipt(tx, device, event.id, plan.receipt, all.movements, receivedAt),
      };
    if (plan.transfer) await recordTransferOut(tx, device, event.id, plan.transfer, receivedAt);
    const moved = await insertMovements(tx, device, all, receivedAt, levels);
    if (plan.sessionCount) await recordCountLines(tx, device, plan.sessionCount, event.id, receivedAt);
    const beyond = await onHandOutOfRange(tx, device.storeId, moved, levels);
    if (beyond) {
      await tx.query('ROLLBACK TO SAVEPOINT event');
      return deadLetter(tx, device, raw, beyond, receivedAt);
    }
    await tx.query('RELEASE SAVEPOINT event');
    // Only now does the event stand: its movements join the batch's on-hand changes.
    for (const m of moved) levels.add(m.gtin, m.quantity);
    return { id: event.id, status: 'applied' };
  } catch (error) {
    const rejection = dataRejection(error);
    if (!rejection) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT event');
    return deadLetter(tx, device, raw, rejection, receivedAt);
  }
}

async function insertSale(
  tx: Queryable,
  device: DeviceContext,
  plan: EventPlan,
  receivedAt: Date,
): Promise<void> {
  const sale = plan.sale!;
  await tx.query(
    `INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total, tax_total,
       sold_at, received_at, training) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      device.storeId,
      sale.id,
      plan.event.id,
      device.deviceId,
      sale.receiptNumber,
      sale.terminalId,
      sale.currency,
      sale.total,
      sale.taxTotal,
      sale.soldAt,
      receivedAt,
      sale.training,
    ],
  );
  await rollUpSale(tx, device.storeId, plan);
}

/** A database refusal that is about this event's data (not about the database) rejects the event. */
function dataRejection(error: unknown): Rejection | null {
  const state = sqlState(error);
  const constraint = constraintOf(error);
  if (state === '23505' && constraint === 'sales_receipt_number_once') {
    return {
      code: 'receipt_number_taken',
      reason: 'another sale of this store already has this receipt number',
    };
  }
  if (state === '23505' && constraint === 'refunds_pkey') {
    return {
      code: 'refund_already_recorded',
      reason: 'this refund id was already recorded by another event',
    };
  }
  if (state === '23505' && constraint === 'sales_pkey') {
    return { code: 'sale_already_recorded', reason: 'this sale id was already recorded by another event' };
  }
  // Class 22 (data exception: NUL in text, out of range…) and 23 (integrity) are about the values sent.
  if (state?.startsWith('22') || state?.startsWith('23')) {
    return {
      code: 'bad_value',
      reason: `the database refused a value of this event: ${(error as Error).message}`,
    };
  }
  return null;
}

/** Files a refused event for the store to see; the same event refused again keeps its first entry. */
async function deadLetter(
  tx: Queryable,
  device: DeviceContext,
  raw: unknown,
  rejection: Rejection,
  receivedAt: Date,
): Promise<EventResult> {
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const key = typeof fields.id === 'string' ? clean(fields.id.slice(0, 100)) : null;
  const type = typeof fields.type === 'string' ? clean(fields.type.slice(0, 100)) : null;
  const reason = clean(rejection.reason);
  await tx.query(
    `INSERT INTO dead_letters (store_id, id, event_key, device_id, type, reason_code, reason, event, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT (store_id, event_key) DO NOTHING`,
    [
      device.storeId,
      uuidv7(),
      key,
      device.deviceId,
      type,
      rejection.code,
      reason,
      JSON.stringify(keepable(raw, key, type)),
      receivedAt,
    ],
  );
  return { id: key, status: 'rejected', code: rejection.code, reason };
}

/** The event as it can be kept: all of it, unless it nests too deep for jsonb (then its id and type). */
function keepable(raw: unknown, key: string | null, type: string | null): unknown {
  if (!nestsDeeperThan(raw)) return cleanJson(raw);
  return { id: key, type, omitted: `the event nests deeper than ${MAX_JSON_DEPTH} levels and was not kept` };
}

/** PostgreSQL text cannot hold NUL; a dead letter keeps everything else as sent. */
function clean(text: string): string {
  return text.replace(/\0/g, '\uFFFD');
}

function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), cleanJson(v)]));
  }
  return value ?? null;
}

function clockSkew(
  receivedAt: Date,
  sentAt: string | undefined,
  planned: { planned: ReturnType<typeof planEvent> }[],
): number | null {
  if (sentAt) return receivedAt.getTime() - Date.parse(sentAt);
  // Without sentAt the newest event bounds it: its age plus the skew.
  const times = planned.flatMap(({ planned: p }) => (p.ok ? [Date.parse(p.plan.event.occurredAt)] : []));
  return times.length > 0 ? receivedAt.getTime() - Math.max(...times) : null;
}
