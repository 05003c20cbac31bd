// `openlane server po import FILE.csv` and POST /admin/v1/purchase-orders/import: purchase orders
// become expected deliveries of their stores, all in ONE transaction or none. Beyond the rows' own
// checks (po-rows.ts), each store must exist, each barcode must be a chain product, and a PO number
// is imported once per store.
import { randomUUID } from 'node:crypto';
import { readCsv } from '../../core/catalog/csv';
import { findStore } from '../auth/enrolment';
import { missingChainProducts } from '../catalog/write';
import type { Database, Queryable } from '../db/database';
import type { Actor } from '../office/access';
import { seesStore } from '../office/access';
import { recordAudit } from '../office/audit';
import { purchaseOrderRows, type PoRowError, type PurchaseOrder } from './po-rows';

export type { PoRowError } from './po-rows';

export type PoImportResult =
  | { ok: true; orders: { store: string; number: string; lines: number }[] }
  | { ok: false; errors: PoRowError[] };

class Refused extends Error {
  constructor(readonly errors: PoRowError[]) {
    super('refused');
  }
}

/**
 * Imports a file's POs, sent to their stores at once. With an `actor` (the back office), every row's
 * store must be one of theirs, and each order is audited.
 */
export async function importPurchaseOrders(
  db: Database,
  text: string,
  now = new Date(),
  actor: Actor | null = null,
): Promise<PoImportResult> {
  const rows = purchaseOrderRows(readCsv(text));
  if (!rows.ok) return rows;
  try {
    return await db.transaction(async (tx) => {
      const errors = [...storeProblems(rows.orders, actor), ...(await databaseProblems(tx, rows.orders))];
      if (errors.length > 0) throw new Refused(errors.sort((a, b) => a.line - b.line));
      for (const order of rows.orders) {
        await insertOrder(tx, order, now, actor);
        if (actor)
          await recordAudit(tx, actor, {
            action: 'purchase_order.import',
            targetType: 'purchase_order',
            targetId: order.number,
            store: order.store,
            after: { supplier: order.supplier, expectedOn: order.expectedOn, lines: order.lines.length },
          });
      }
      return {
        ok: true as const,
        orders: rows.orders.map((o) => ({ store: o.store, number: o.number, lines: o.lines.length })),
      };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** Each row whose store the actor may not change, by its line (a store manager imports only for theirs). */
function storeProblems(orders: readonly PurchaseOrder[], actor: Actor | null): PoRowError[] {
  if (!actor) return [];
  return orders.flatMap((order) =>
    order.lines
      .filter(() => !seesStore(actor, order.store))
      .map((l) => ({ line: l.line, message: `${actor.name} has no access to store ${order.store}` })),
  );
}

async function databaseProblems(tx: Queryable, orders: readonly PurchaseOrder[]): Promise<PoRowError[]> {
  const errors: PoRowError[] = [];
  const missing = await missingChainProducts(tx, [
    ...new Set(orders.flatMap((o) => o.lines.map((l) => l.gtin))),
  ]);
  for (const order of orders) {
    const storeId = await findStore(tx, order.store);
    if (!storeId) {
      errors.push({
        line: order.line,
        message: `store ${order.store} is not known to HQ (make its enrolment code first)`,
      });
      continue;
    }
    const { rows } = await tx.query(
      "SELECT 1 FROM expected_deliveries WHERE store_id = $1 AND kind = 'purchase_order' AND number = $2",
      [storeId, order.number],
    );
    if (rows.length > 0)
      errors.push({
        line: order.line,
        message: `PO ${order.number} of store ${order.store} was imported before`,
      });
    for (const l of order.lines)
      if (missing.has(l.gtin))
        errors.push({ line: l.line, message: `barcode ${l.gtin} is not in the chain catalog` });
  }
  return errors;
}

async function insertOrder(
  tx: Queryable,
  order: PurchaseOrder,
  now: Date,
  actor: Actor | null,
): Promise<void> {
  const id = randomUUID();
  const storeId = (await findStore(tx, order.store))!;
  await tx.query(
    `INSERT INTO expected_deliveries (id, store_id, kind, number, source, expected_on, created_at, state, sent_at,
       created_by)
     VALUES ($1, $2, 'purchase_order', $3, $4, $5, $6, 'sent', $6, $7)`,
    [id, storeId, order.number, order.supplier, order.expectedOn, now, actor?.name ?? null],
  );
  await insertDeliveryLines(tx, id, order.lines);
}

/** An expected delivery's lines, in the order given (a PO's, or a transfer's). */
export async function insertDeliveryLines(
  tx: Queryable,
  deliveryId: string,
  lines: readonly { gtin: string; quantity: number }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO expected_delivery_lines (delivery_id, position, gtin, expected)
     SELECT $1, u.position, u.gtin, u.expected
     FROM unnest($2::int4[], $3::text[], $4::int8[]) AS u (position, gtin, expected)`,
    [deliveryId, lines.map((_, i) => i + 1), lines.map((l) => l.gtin), lines.map((l) => l.quantity)],
  );
}
