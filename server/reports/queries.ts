// The sales reports, read from the rollups (migration 0022) and, for the few refunds and Z reports, from
// their own tables by time. Every figure is for the stores asked (already limited to the actor's), the
// stores' LOCAL days from..to inclusive, and either the real sales or the training ones, never both.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export interface ReportStore {
  id: string;
  code: string;
  timeZone: string;
}

export interface SalesQuery {
  stores: readonly ReportStore[];
  /** Local days, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  training: boolean;
}

type Row = Record<string, unknown>;
const n = toNumber;
/** Days are selected as text (YYYY-MM-DD): a driver's Date would be midnight in the process's zone. */
const day = (value: unknown) => String(value);

/** The stores with these codes (null: every store), with their zones, in code order. */
export async function reportStores(db: Queryable, codes: readonly string[] | null): Promise<ReportStore[]> {
  const { rows } = await db.query<{ id: string; code: string; time_zone: string }>(
    `SELECT id, code, time_zone FROM stores WHERE $1::text[] IS NULL OR code = ANY($1::text[]) ORDER BY code`,
    [codes],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, timeZone: r.time_zone }));
}

const HOURS = `FROM sales_by_hour WHERE store_id = ANY($1::uuid[]) AND day BETWEEN $2::date AND $3::date AND training = $4`;

/** Sales by local day: what the sales-by-day report and its chart show. */
export async function salesByDay(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT day::text AS day, currency, sum(sales) AS sales, sum(total) AS total, sum(tax_total) AS tax, sum(lines) AS lines
     ${HOURS} GROUP BY day, currency ORDER BY day, currency`,
    params(q),
  );
  return rows.map((r) => ({
    day: day(r.day),
    currency: String(r.currency),
    sales: n(r.sales),
    total: n(r.total),
    taxTotal: n(r.tax),
    lines: n(r.lines),
  }));
}

export async function salesByHour(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT hour, currency, sum(sales) AS sales, sum(total) AS total ${HOURS} GROUP BY hour, currency ORDER BY hour, currency`,
    params(q),
  );
  return rows.map((r) => ({
    hour: n(r.hour),
    currency: String(r.currency),
    sales: n(r.sales),
    total: n(r.total),
  }));
}

export async function salesByStore(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT store_id, currency, sum(sales) AS sales, sum(total) AS total, sum(tax_total) AS tax
     ${HOURS} GROUP BY store_id, currency`,
    params(q),
  );
  const codes = new Map(q.stores.map((s) => [s.id, s.code]));
  return rows
    .map((r) => ({
      store: codes.get(String(r.store_id)) ?? String(r.store_id),
      currency: String(r.currency),
      sales: n(r.sales),
      total: n(r.total),
      taxTotal: n(r.tax),
    }))
    .sort((a, b) => a.store.localeCompare(b.store) || a.currency.localeCompare(b.currency));
}

export async function salesByDepartment(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT department, currency, sum(lines) AS lines, sum(amount) AS amount FROM sales_by_department
     WHERE store_id = ANY($1::uuid[]) AND day BETWEEN $2::date AND $3::date AND training = $4
     GROUP BY department, currency ORDER BY sum(amount) DESC, department`,
    params(q),
  );
  return rows.map((r) => ({
    department: String(r.department),
    currency: String(r.currency),
    lines: n(r.lines),
    amount: n(r.amount),
  }));
}

export async function salesByTender(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT kind, currency, sum(payments) AS payments, sum(amount) AS amount FROM sales_by_tender
     WHERE store_id = ANY($1::uuid[]) AND day BETWEEN $2::date AND $3::date AND training = $4
     GROUP BY kind, currency ORDER BY sum(amount) DESC, kind`,
    params(q),
  );
  return rows.map((r) => ({
    kind: String(r.kind),
    currency: String(r.currency),
    payments: n(r.payments),
    amount: n(r.amount),
  }));
}

// Refunds and Z reports are found by UTC time with a day's margin either side (every zone is within
// ±14 h), then kept when their LOCAL day is in the range.
const LOCAL_RANGE = (column: string) => `${column} >= $2::date - 1 AND ${column} < $3::date + 2
  AND (${column} AT TIME ZONE st.time_zone)::date BETWEEN $2::date AND $3::date`;

/** The refunds given in the range (real or training), newest first, with whether HQ flagged them. */
export async function refundList(db: Queryable, q: SalesQuery, limit = 1000) {
  const { rows } = await db.query<Row>(
    `SELECT st.code, r.refund_number, r.receipt_number, r.terminal_id, r.staff_id, r.approved_by, r.currency,
       r.total, r.refunded_at, r.offline, (r.refunded_at AT TIME ZONE st.time_zone)::date::text AS day,
       EXISTS (SELECT 1 FROM refund_flags f WHERE f.store_id = r.store_id AND f.refund_id = r.id) AS flagged
     FROM refunds r JOIN stores st ON st.id = r.store_id
     WHERE r.store_id = ANY($1::uuid[]) AND r.training = $4 AND ${LOCAL_RANGE('r.refunded_at')}
     ORDER BY r.refunded_at DESC, r.refund_number LIMIT ${limit}`,
    params(q),
  );
  return rows.map((r) => ({
    store: String(r.code),
    day: day(r.day),
    refundNumber: String(r.refund_number),
    receiptNumber: (r.receipt_number as string | null) ?? null,
    terminalId: String(r.terminal_id),
    staffId: String(r.staff_id),
    approvedBy: (r.approved_by as string | null) ?? null,
    currency: String(r.currency),
    total: n(r.total),
    refundedAt: toIso(r.refunded_at),
    offline: r.offline === true,
    flagged: r.flagged === true,
  }));
}

/** Refunds per local day (count and money), to set beside the day's sales. */
export async function refundsByDay(db: Queryable, q: SalesQuery) {
  const { rows } = await db.query<Row>(
    `SELECT (r.refunded_at AT TIME ZONE st.time_zone)::date::text AS day, r.currency, count(*) AS refunds, sum(r.total) AS total
     FROM refunds r JOIN stores st ON st.id = r.store_id
     WHERE r.store_id = ANY($1::uuid[]) AND r.training = $4 AND ${LOCAL_RANGE('r.refunded_at')}
     GROUP BY 1, 2`,
    params(q),
  );
  return rows.map((r) => ({
    day: day(r.day),
    currency: String(r.currency),
    refunds: n(r.refunds),
    total: n(r.total),
  }));
}

/** The Z reports of shifts closed in the range, with the cash difference and who approved it. */
export async function zReportList(db: Queryable, q: Omit<SalesQuery, 'training'>, limit = 1000) {
  const { rows } = await db.query<Row>(
    `SELECT st.code, z.terminal_id, z.number, z.currency, z.opened_at, z.closed_at, z.opened_by, z.closed_by,
       z.approved_by, z.sales_count, z.sales_total, z.refunds_total, z.expected_cash, z.counted_cash, z.difference,
       (z.occurred_at AT TIME ZONE st.time_zone)::date::text AS day
     FROM z_reports z JOIN stores st ON st.id = z.store_id
     WHERE z.store_id = ANY($1::uuid[]) AND ${LOCAL_RANGE('z.occurred_at')}
     ORDER BY z.occurred_at DESC, z.terminal_id LIMIT ${limit}`,
    [q.stores.map((s) => s.id), q.from, q.to],
  );
  const money = (value: unknown) => (value === null || value === undefined ? null : n(value));
  return rows.map((r) => ({
    store: String(r.code),
    day: day(r.day),
    terminalId: String(r.terminal_id),
    number: n(r.number),
    currency: String(r.currency),
    openedAt: r.opened_at ? toIso(r.opened_at) : null,
    closedAt: r.closed_at ? toIso(r.closed_at) : null,
    openedBy: (r.opened_by as string | null) ?? null,
    closedBy: (r.closed_by as string | null) ?? null,
    approvedBy: (r.approved_by as string | null) ?? null,
    salesCount: n(r.sales_count),
    salesTotal: n(r.sales_total),
    refundsTotal: money(r.refunds_total),
    expectedCash: money(r.expected_cash),
    countedCash: money(r.counted_cash),
    difference: money(r.difference),
  }));
}

function params(q: SalesQuery): unknown[] {
  return [q.stores.map((s) => s.id), q.from, q.to, q.training];
}
