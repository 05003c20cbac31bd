// Reading expected deliveries: a store's open ones for its terminals (GET /v1/deliveries), and one
// purchase order's received and outstanding per line for the back office
// (GET /admin/v1/purchase-orders/{number}?store=…). Outstanding is expected − received, never below 0;
// a damaged piece is not received (the supplier still owes it).
import type { ExpectedDelivery } from '../../core/sync';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

/** The most open deliveries one answer lists. */
export const MAX_OPEN_DELIVERIES = 200;

interface Row {
  id: string;
  kind: ExpectedDelivery['kind'];
  number: string;
  source: string;
  expected_on: string | Date | null;
  lines: { gtin: string; expected: unknown; received: unknown; damaged: unknown }[] | string;
}

const SELECT = `SELECT d.id, d.kind, d.number, d.source, to_char(d.expected_on, 'YYYY-MM-DD') AS expected_on,
  (SELECT json_agg(json_build_object('gtin', l.gtin, 'expected', l.expected, 'received', l.received,
     'damaged', l.damaged) ORDER BY l.position) FROM expected_delivery_lines l WHERE l.delivery_id = d.id) AS lines
  FROM expected_deliveries d`;

function toDelivery(r: Row): ExpectedDelivery {
  const lines = (typeof r.lines === 'string' ? JSON.parse(r.lines) : (r.lines ?? [])) as Exclude<
    Row['lines'],
    string
  >;
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    from: r.source,
    expectedOn: r.expected_on === null ? null : String(r.expected_on),
    lines: lines.map((l) => ({
      gtin: l.gtin,
      expected: toNumber(l.expected),
      received: toNumber(l.received),
      damaged: toNumber(l.damaged),
    })),
  };
}

/** The store's sent deliveries with a line still outstanding, oldest expected first (a draft PO is not). */
export async function openDeliveries(q: Queryable, storeId: string): Promise<ExpectedDelivery[]> {
  const { rows } = await q.query<Row>(
    `${SELECT} WHERE d.store_id = $1 AND d.state = 'sent' AND EXISTS (SELECT 1 FROM expected_delivery_lines l
       WHERE l.delivery_id = d.id AND l.received < l.expected)
     ORDER BY d.expected_on NULLS LAST, d.created_at, d.number LIMIT $2`,
    [storeId, MAX_OPEN_DELIVERIES],
  );
  return rows.map(toDelivery);
}

export interface PurchaseOrderView {
  store: string;
  number: string;
  supplier: string;
  expectedOn: string | null;
  lines: {
    gtin: string;
    name: string | null;
    expected: number;
    received: number;
    damaged: number;
    outstanding: number;
  }[];
  /** The receivings booked against it: reference, who and when. */
  receivings: {
    reference: string;
    receivingId: string | null;
    terminalId: string | null;
    staffId: string | null;
    receivedAt: string;
  }[];
}

export async function purchaseOrderView(
  q: Queryable,
  storeCode: string,
  number: string,
): Promise<PurchaseOrderView | null> {
  const { rows } = await q.query<Row>(
    `${SELECT} JOIN stores s ON s.id = d.store_id WHERE s.code = $1 AND d.kind = 'purchase_order' AND d.number = $2`,
    [storeCode, number],
  );
  const row = rows[0];
  if (!row) return null;
  const po = toDelivery(row);
  const names = await q.query<{ gtin: string; name: string }>(
    'SELECT gtin, name FROM products WHERE gtin = ANY($1::text[])',
    [po.lines.map((l) => l.gtin)],
  );
  const nameOf = new Map(names.rows.map((r) => [r.gtin, r.name]));
  const receipts = await q.query<{
    reference: string;
    receiving_id: string | null;
    terminal_id: string | null;
    staff_id: string | null;
    received_at: Date;
  }>(
    `SELECT reference, receiving_id, terminal_id, staff_id, received_at FROM delivery_receipts
     WHERE delivery_id = $1 ORDER BY received_at, reference`,
    [po.id],
  );
  return {
    store: storeCode,
    number: po.number,
    supplier: po.from,
    expectedOn: po.expectedOn,
    lines: po.lines.map((l) => ({
      gtin: l.gtin,
      name: nameOf.get(l.gtin) ?? null,
      expected: l.expected,
      received: l.received,
      damaged: l.damaged,
      outstanding: Math.max(0, l.expected - l.received),
    })),
    receivings: receipts.rows.map((r) => ({
      reference: r.reference,
      receivingId: r.receiving_id,
      terminalId: r.terminal_id,
      staffId: r.staff_id,
      receivedAt: toIso(r.received_at),
    })),
  };
}
