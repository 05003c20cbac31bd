// Recalls at HQ: made and ended by the back office (audited, in the change's own transaction), listed
// with their attempts — the `recall.blocked` events lanes send when they refuse a recalled item.
import { randomUUID } from 'node:crypto';
import type { Queryable, Database } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import type { Result } from '../result';
import { fail } from '../result';

export interface RecallView {
  id: string;
  gtin: string;
  /** The catalog's name of the product, when HQ has it. */
  productName: string | null;
  lots: string[];
  serials: string[];
  reason: string;
  createdBy: string;
  createdAt: string;
  endedBy: string | null;
  endedAt: string | null;
  active: boolean;
  /** Sales refused under it, as lanes reported them. */
  attempts: number;
}

export interface RecallAttemptView {
  eventId: string;
  store: string;
  terminalId: string | null;
  role: string | null;
  staffId: string | null;
  match: string | null;
  lot: string | null;
  serial: string | null;
  code: string | null;
  /** The lane's clock. */
  occurredAt: string;
  receivedAt: string;
}

export interface NewRecall {
  gtin: string;
  lots: string[];
  serials: string[];
  reason: string;
}

interface RecallRow {
  id: string;
  gtin: string;
  product_name: string | null;
  lots: unknown;
  serials: unknown;
  reason: string;
  created_by: string;
  created_at: Date;
  ended_by: string | null;
  ended_at: Date | null;
  attempts: unknown;
}

const SELECT_RECALL = `
  SELECT r.id, r.gtin, p.name AS product_name, r.lots, r.serials, r.reason, r.created_by, r.created_at,
         r.ended_by, r.ended_at,
         (SELECT count(*) FROM events e
           WHERE e.type = 'recall.blocked' AND (e.payload ->> 'recallId') = r.id::text
             AND ($1::text[] IS NULL OR e.store_id IN (SELECT s.id FROM stores s WHERE s.code = ANY ($1::text[])))
         ) AS attempts
  FROM recalls r LEFT JOIN products p ON p.gtin = r.gtin`;

/** Takes the next recall version for the calling transaction (its row lock orders the feed). */
async function takeRecallVersion(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ version: unknown }>(
    'UPDATE recall_version SET version = version + 1 WHERE id = 1 RETURNING version',
  );
  return toNumber(rows[0]!.version);
}

/** The newest committed recall version: what the event stream announces. */
export async function currentRecallVersion(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ version: unknown }>('SELECT version FROM recall_version WHERE id = 1');
  return toNumber(rows[0]!.version);
}

/** Makes a recall, audited, and returns it. */
export async function createRecall(db: Database, actor: Actor, recall: NewRecall): Promise<RecallView> {
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const version = await takeRecallVersion(tx);
    await tx.query(
      `INSERT INTO recalls (id, gtin, lots, serials, reason, created_by, created_at, version)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, now(), $7)`,
      [
        id,
        recall.gtin,
        JSON.stringify(recall.lots),
        JSON.stringify(recall.serials),
        recall.reason,
        actor.name,
        version,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'recall.create',
      targetType: 'recall',
      targetId: id,
      after: recall,
    });
    return (await readRecall(tx, id, null))!;
  });
}

/** Ends an active recall, audited: lanes sell the item again once they have pulled the end. */
export async function endRecall(
  db: Database,
  actor: Actor,
  id: string,
): Promise<Result<{ recall: RecallView }>> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ ended_at: Date | null }>(
      'SELECT ended_at FROM recalls WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (rows.length === 0) return fail(404, 'recall_not_found', `there is no recall ${id}`);
    if (rows[0]!.ended_at) return fail(409, 'recall_ended', `recall ${id} was already ended`);
    const version = await takeRecallVersion(tx);
    await tx.query('UPDATE recalls SET ended_at = now(), ended_by = $2, version = $3 WHERE id = $1', [
      id,
      actor.name,
      version,
    ]);
    await recordAudit(tx, actor, {
      action: 'recall.end',
      targetType: 'recall',
      targetId: id,
      before: { active: true },
      after: { active: false },
    });
    return { ok: true as const, recall: (await readRecall(tx, id, null))! };
  });
}

/** Recalls, newest first; `stores` limits the attempts counted to those stores (null: all). */
export async function listRecalls(
  q: Queryable,
  state: 'active' | 'ended' | 'all',
  stores: readonly string[] | null,
): Promise<RecallView[]> {
  const where =
    state === 'active' ? 'WHERE r.ended_at IS NULL' : state === 'ended' ? 'WHERE r.ended_at IS NOT NULL' : '';
  const { rows } = await q.query<RecallRow>(
    `${SELECT_RECALL} ${where} ORDER BY r.created_at DESC, r.id LIMIT 1000`,
    [stores],
  );
  return rows.map(recallView);
}

export async function readRecall(
  q: Queryable,
  id: string,
  stores: readonly string[] | null,
): Promise<RecallView | null> {
  const { rows } = await q.query<RecallRow>(`${SELECT_RECALL} WHERE r.id = $2`, [stores, id]);
  return rows[0] ? recallView(rows[0]) : null;
}

/** The sales lanes refused under a recall, newest first (at most 1000), of the given stores (null: all). */
export async function recallAttempts(
  q: Queryable,
  id: string,
  stores: readonly string[] | null,
): Promise<RecallAttemptView[]> {
  const { rows } = await q.query<{
    id: string;
    store: string;
    payload: unknown;
    occurred_at: Date;
    received_at: Date;
  }>(
    `SELECT e.id, s.code AS store, e.payload, e.occurred_at, e.received_at
     FROM events e JOIN stores s ON s.id = e.store_id
     WHERE e.type = 'recall.blocked' AND (e.payload ->> 'recallId') = $1
       AND ($2::text[] IS NULL OR s.code = ANY ($2::text[]))
     ORDER BY e.occurred_at DESC, e.id LIMIT 1000`,
    [id, stores],
  );
  return rows.map((r) => {
    const p = payloadOf(r.payload);
    return {
      eventId: r.id,
      store: r.store,
      terminalId: text(p.terminalId),
      role: text(p.role),
      staffId: text(p.staffId),
      match: text(p.match),
      lot: text(p.lot),
      serial: text(p.serial),
      code: text(p.code),
      occurredAt: toIso(r.occurred_at),
      receivedAt: toIso(r.received_at),
    };
  });
}

function recallView(r: RecallRow): RecallView {
  return {
    id: r.id,
    gtin: r.gtin,
    productName: r.product_name,
    lots: strings(r.lots),
    serials: strings(r.serials),
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at),
    endedBy: r.ended_by,
    endedAt: r.ended_at ? toIso(r.ended_at) : null,
    active: r.ended_at === null,
    attempts: toNumber(r.attempts),
  };
}

/** A JSON value from the driver: parsed already (jsonb), or text (json on some drivers). */
function payloadOf(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, 200) : null;
}
