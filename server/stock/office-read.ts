// What the back office's stock screen reads (issue 14): on-hand per store and product (negative first,
// searchable by GTIN or name), one product's movements at a store with who and which terminal where the
// event says, and the count sessions with what each booked.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export interface StockLevelRow {
  store: string;
  gtin: string;
  name: string | null;
  unit: 'each' | 'kg' | null;
  onHand: number;
  movements: number;
  negative: boolean;
}

/** Levels of some stores (null: all), negative first, then by store and GTIN. */
export async function searchLevels(
  q: Queryable,
  filter: { storeCodes: readonly string[] | null; search?: string; negativeOnly?: boolean; limit: number },
): Promise<StockLevelRow[]> {
  const search = filter.search?.trim() ?? '';
  const digits = /^\d{1,14}$/.test(search) ? search : null;
  const words = search !== '' && !digits ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await q.query<{
    store: string;
    gtin: string;
    name: string | null;
    unit: 'each' | 'kg' | null;
    on_hand: unknown;
    movements: unknown;
  }>(
    `SELECT s.code AS store, l.gtin, p.name, p.unit, l.on_hand, l.movements
     FROM stock_levels l JOIN stores s ON s.id = l.store_id LEFT JOIN products p ON p.gtin = l.gtin
     WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[]))
       AND ($2::text IS NULL OR l.gtin LIKE '%' || $2 || '%')
       AND ($3::text IS NULL OR p.name ILIKE $3)
       AND (NOT $4::boolean OR l.on_hand < 0)
     ORDER BY (l.on_hand < 0) DESC, s.code, l.gtin LIMIT $5`,
    [filter.storeCodes, digits, words, filter.negativeOnly === true, filter.limit],
  );
  return rows.map((r) => {
    const onHand = toNumber(r.on_hand);
    return {
      store: r.store,
      gtin: r.gtin,
      name: r.name,
      unit: r.unit,
      onHand,
      movements: toNumber(r.movements),
      negative: onHand < 0,
    };
  });
}

/** What moved the stock, as people call it: a count's adjustment is a count, both transfer ways a transfer. */
export type MovementKindView = 'sale' | 'receipt' | 'adjustment' | 'count' | 'transfer' | 'return';

export interface MovementRow {
  eventId: string;
  line: number;
  kind: MovementKindView;
  /** Signed: negative took stock out. */
  quantity: number;
  counted: number | null;
  countSession: string | null;
  /** The receipt number or delivery note. */
  reference: string | null;
  terminalId: string | null;
  staffId: string | null;
  deviceId: string;
  deviceName: string | null;
  occurredAt: string;
  receivedAt: string;
}

/** One product's movements at one store, newest first (the terminal's clock). */
export async function productMovements(
  q: Queryable,
  storeCode: string,
  gtin: string,
  limit: number,
): Promise<MovementRow[]> {
  const { rows } = await q.query<{
    event_id: string;
    line_no: number;
    kind: string;
    quantity: unknown;
    counted: unknown;
    count_session: string | null;
    reference: string | null;
    terminal_id: string | null;
    staff_id: string | null;
    device_id: string;
    device_name: string | null;
    occurred_at: Date;
    received_at: Date;
  }>(
    `SELECT m.event_id, m.line_no, m.kind, m.quantity, m.counted, m.count_session, m.device_id, d.name AS device_name,
       m.occurred_at, m.received_at,
       coalesce(e.payload->>'receiptNumber', e.payload->>'reference', e.payload->>'number') AS reference,
       coalesce(e.payload->>'terminalId', cl.terminal) AS terminal_id,
       coalesce(e.payload->>'staffId', e.payload->>'cashierId', cl.staff) AS staff_id
     FROM stock_movements m JOIN stores s ON s.id = m.store_id
     LEFT JOIN devices d ON d.id = m.device_id
     LEFT JOIN events e ON e.store_id = m.store_id AND e.id = m.event_id
     LEFT JOIN LATERAL (SELECT string_agg(DISTINCT c.staff_id, ', ') AS staff, string_agg(DISTINCT c.counter, ', ') AS terminal
       FROM count_lines c WHERE m.count_session IS NOT NULL AND c.store_id = m.store_id
         AND c.session_id = m.count_session AND c.gtin = m.gtin) cl ON true
     WHERE s.code = $1 AND m.gtin = $2
     ORDER BY m.occurred_at DESC, m.received_at DESC, m.event_id DESC, m.line_no LIMIT $3`,
    [storeCode, gtin, limit],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    line: r.line_no,
    kind: kindOf(r.kind, r.counted !== null),
    quantity: toNumber(r.quantity),
    counted: r.counted === null ? null : toNumber(r.counted),
    countSession: r.count_session,
    reference: r.reference,
    terminalId: r.terminal_id,
    staffId: r.staff_id,
    deviceId: r.device_id,
    deviceName: r.device_name,
    occurredAt: toIso(r.occurred_at),
    receivedAt: toIso(r.received_at),
  }));
}

function kindOf(kind: string, counted: boolean): MovementKindView {
  if (kind === 'delivery') return 'receipt';
  if (kind === 'transfer_in' || kind === 'transfer_out') return 'transfer';
  if (kind === 'adjustment') return counted ? 'count' : 'adjustment';
  return kind as MovementKindView;
}

export interface CountSessionRow {
  store: string;
  sessionId: string;
  items: number;
  /** Items a review holds (two devices disagree): they move nothing until accepted. */
  held: number;
  /** The adjustments booked: pieces (or grams) added and taken. */
  added: number;
  removed: number;
  counters: string[];
  staff: string[];
  from: string;
  to: string;
}

/** The count sessions of some stores, latest first. */
export async function countSessions(
  q: Queryable,
  storeCodes: readonly string[] | null,
  limit: number,
): Promise<CountSessionRow[]> {
  const { rows } = await q.query<{
    store: string;
    session_id: string;
    items: unknown;
    held: unknown;
    added: unknown;
    removed: unknown;
    counters: string[] | null;
    staff: string[] | null;
    first_at: Date;
    last_at: Date;
  }>(
    `SELECT s.code AS store, i.session_id, count(*) AS items, count(*) FILTER (WHERE i.held) AS held,
       coalesce(sum(greatest(i.adjusted, 0)), 0) AS added, coalesce(sum(greatest(-i.adjusted, 0)), 0) AS removed,
       (SELECT array_agg(DISTINCT c.counter) FROM count_lines c WHERE c.store_id = i.store_id AND c.session_id = i.session_id) AS counters,
       (SELECT array_agg(DISTINCT c.staff_id) FROM count_lines c WHERE c.store_id = i.store_id AND c.session_id = i.session_id) AS staff,
       min(i.anchor_at) AS first_at, max(i.anchor_at) AS last_at
     FROM count_items i JOIN stores s ON s.id = i.store_id
     WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[]))
     GROUP BY s.code, i.store_id, i.session_id ORDER BY max(i.anchor_at) DESC, i.session_id LIMIT $2`,
    [storeCodes, limit],
  );
  return rows.map((r) => ({
    store: r.store,
    sessionId: r.session_id,
    items: toNumber(r.items),
    held: toNumber(r.held),
    added: toNumber(r.added),
    removed: toNumber(r.removed),
    counters: r.counters ?? [],
    staff: r.staff ?? [],
    from: toIso(r.first_at),
    to: toIso(r.last_at),
  }));
}
