// Purchase orders made in the back office (issue 14): a draft first, which no terminal sees, then SENT
// to its store, which makes it an expected delivery its terminals download (GET /v1/deliveries). An
// imported file's orders are sent at import, as before. A PO's state for people: draft, sent, partly
// received (something came, something is still outstanding) or received (nothing outstanding).
import { randomUUID } from 'node:crypto';
import { checkGtin } from '../../core/barcode/gtin';
import { MAX_EVENT_LINES } from '../../core/sync';
import { MAX_QUANTITY } from '../../core/sync/values';
import { findStore } from '../auth/enrolment';
import { missingChainProducts } from '../catalog/write';
import type { Database, Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import type { HttpFailure, Result } from '../result';
import { fail } from '../result';
import { insertDeliveryLines } from './po-import';

export type PoState = 'draft' | 'sent' | 'partly_received' | 'received';

export interface NewPurchaseOrder {
  store: string;
  number: string;
  supplier: string;
  expectedOn: string | null;
  lines: OrderLine[];
}

export interface PurchaseOrderSummary {
  store: string;
  number: string;
  supplier: string;
  expectedOn: string | null;
  state: PoState;
  lines: number;
  expected: number;
  received: number;
  damaged: number;
  createdAt: string;
  createdBy: string | null;
  sentAt: string | null;
}

/** The state people see, from the stored draft/sent and the lines' received against expected. */
export function poState(stored: string, expected: number, outstanding: number, received: number): PoState {
  if (stored === 'draft') return 'draft';
  if (outstanding === 0 && expected > 0) return 'received';
  return received > 0 ? 'partly_received' : 'sent';
}

/** Saves a draft PO, checked whole: every line a chain product, each product once, the number new. */
export async function createDraftOrder(
  db: Database,
  actor: Actor,
  order: NewPurchaseOrder,
  now = new Date(),
): Promise<Result<{ purchaseOrder: PurchaseOrderSummary }>> {
  const lines = checkedLines(order.lines);
  if (!lines.ok) return lines;
  return db.transaction(async (tx) => {
    const storeId = await findStore(tx, order.store);
    if (!storeId)
      return fail(
        404,
        'unknown_store',
        `store ${order.store} is not known to HQ (make its enrolment code first)`,
      );
    const missing = await notInCatalog(tx, lines.lines);
    if (missing) return missing;
    const taken = await tx.query(
      "SELECT 1 FROM expected_deliveries WHERE store_id = $1 AND kind = 'purchase_order' AND number = $2",
      [storeId, order.number],
    );
    if (taken.rows.length > 0)
      return fail(409, 'po_exists', `store ${order.store} already has a purchase order ${order.number}`);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO expected_deliveries (id, store_id, kind, number, source, expected_on, created_at, state, created_by)
       VALUES ($1, $2, 'purchase_order', $3, $4, $5, $6, 'draft', $7)`,
      [id, storeId, order.number, order.supplier, order.expectedOn, now, actor.name],
    );
    await insertDeliveryLines(tx, id, lines.lines);
    const after = (await summaries(tx, { storeCodes: [order.store], number: order.number }))[0]!;
    await recordAudit(tx, actor, {
      action: 'purchase_order.create',
      targetType: 'purchase_order',
      targetId: order.number,
      store: order.store,
      after: { ...order, lines: lines.lines },
    });
    return { ok: true as const, purchaseOrder: after };
  });
}

export interface OrderLine {
  gtin: string;
  quantity: number;
}

/** A PO's lines checked whole (400 naming each bad line), with every barcode as its GTIN-14. */
export function checkedLines(lines: readonly OrderLine[]): Result<{ lines: OrderLine[] }> {
  const problems = lineProblems(lines);
  if (problems.length > 0) return fail(400, 'po_invalid', problems.join('; '), { problems });
  return {
    ok: true,
    lines: lines.map((l) => ({
      gtin: (checkGtin(l.gtin) as { gtin14: string }).gtin14,
      quantity: l.quantity,
    })),
  };
}

/** The 422 naming the lines' products the chain catalog lacks, or null when it has them all. */
export async function notInCatalog(q: Queryable, lines: readonly OrderLine[]): Promise<HttpFailure | null> {
  const missing = await missingChainProducts(
    q,
    lines.map((l) => l.gtin),
  );
  if (missing.size === 0) return null;
  return fail(422, 'unknown_product', `not in the chain catalog: ${[...missing].join(', ')}`, {
    missing: [...missing],
  });
}

function lineProblems(lines: readonly { gtin: string; quantity: number }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (lines.length === 0) problems.push('a purchase order needs at least one line');
  if (lines.length > MAX_EVENT_LINES) problems.push(`a purchase order has at most ${MAX_EVENT_LINES} lines`);
  lines.forEach((l, i) => {
    const gtin = checkGtin(l.gtin);
    if (!gtin.ok) problems.push(`line ${i + 1}: barcode ${gtin.message}`);
    else if (seen.has(gtin.gtin14)) problems.push(`line ${i + 1}: barcode ${l.gtin} is listed twice`);
    else seen.add(gtin.gtin14);
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      problems.push(`line ${i + 1}: quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
  });
  return problems;
}

/** Sends a draft to its store: from now on its terminals download it and can receive against it. */
export async function sendOrder(
  db: Database,
  actor: Actor,
  storeCode: string,
  number: string,
  now = new Date(),
): Promise<Result<{ purchaseOrder: PurchaseOrderSummary }>> {
  return db.transaction(async (tx) => {
    const row = await lockDraft(
      tx,
      storeCode,
      number,
      'po_already_sent',
      'was sent to store {store} already',
    );
    if (!row.ok) return row;
    await tx.query("UPDATE expected_deliveries SET state = 'sent', sent_at = $2 WHERE id = $1", [
      row.id,
      now,
    ]);
    const after = (await summaries(tx, { storeCodes: [storeCode], number }))[0]!;
    await recordAudit(tx, actor, {
      action: 'purchase_order.send',
      targetType: 'purchase_order',
      targetId: number,
      store: storeCode,
      before: { state: 'draft' },
      after: { state: 'sent', sentAt: now.toISOString() },
    });
    return { ok: true as const, purchaseOrder: after };
  });
}

/**
 * A draft PO's row, locked for the caller's transaction; 404 when the store has no such PO, 409 with
 * `code` and `why` (its `{store}` filled in) when it is no longer a draft.
 */
export async function lockDraft(
  tx: Queryable,
  storeCode: string,
  number: string,
  code: string,
  why: string,
): Promise<Result<{ id: string }>> {
  const { rows } = await tx.query<{ id: string; state: string }>(
    `SELECT d.id, d.state FROM expected_deliveries d JOIN stores s ON s.id = d.store_id
     WHERE s.code = $1 AND d.kind = 'purchase_order' AND d.number = $2 FOR UPDATE OF d`,
    [storeCode, number],
  );
  const row = rows[0];
  if (!row) return fail(404, 'po_not_found', `store ${storeCode} has no purchase order ${number}`);
  if (row.state !== 'draft')
    return fail(409, code, `purchase order ${number} ${why.replace('{store}', storeCode)}`);
  return { ok: true, id: row.id };
}

/** The POs of some stores (null: every store), newest first, optionally one number or one state. */
export async function summaries(
  q: Queryable,
  filter: { storeCodes: readonly string[] | null; number?: string; state?: PoState; limit?: number },
): Promise<PurchaseOrderSummary[]> {
  const { rows } = await q.query<{
    store: string;
    number: string;
    source: string;
    expected_on: string | null;
    state: string;
    created_at: Date;
    created_by: string | null;
    sent_at: Date | null;
    lines: unknown;
    expected: unknown;
    received: unknown;
    damaged: unknown;
    outstanding: unknown;
  }>(
    `SELECT s.code AS store, d.number, d.source, to_char(d.expected_on, 'YYYY-MM-DD') AS expected_on, d.state,
       d.created_at, d.created_by, d.sent_at, t.lines, t.expected, t.received, t.damaged, t.outstanding
     FROM expected_deliveries d JOIN stores s ON s.id = d.store_id
     CROSS JOIN LATERAL (SELECT count(*) AS lines, coalesce(sum(l.expected), 0) AS expected,
       coalesce(sum(l.received), 0) AS received, coalesce(sum(l.damaged), 0) AS damaged,
       coalesce(sum(greatest(l.expected - l.received, 0)), 0) AS outstanding
       FROM expected_delivery_lines l WHERE l.delivery_id = d.id) t
     WHERE d.kind = 'purchase_order' AND ($1::text[] IS NULL OR s.code = ANY($1::text[]))
       AND ($2::text IS NULL OR d.number = $2)
     ORDER BY d.created_at DESC, s.code, d.number LIMIT $3`,
    [filter.storeCodes, filter.number ?? null, filter.state ? 1000 : (filter.limit ?? 500)],
  );
  const all = rows.map((r) => {
    const expected = toNumber(r.expected);
    const received = toNumber(r.received);
    return {
      store: r.store,
      number: r.number,
      supplier: r.source,
      expectedOn: r.expected_on === null ? null : String(r.expected_on),
      state: poState(r.state, expected, toNumber(r.outstanding), received),
      lines: toNumber(r.lines),
      expected,
      received,
      damaged: toNumber(r.damaged),
      createdAt: toIso(r.created_at),
      createdBy: r.created_by,
      sentAt: r.sent_at ? toIso(r.sent_at) : null,
    };
  });
  return filter.state ? all.filter((o) => o.state === filter.state).slice(0, filter.limit ?? 500) : all;
}
