// GET /v1/sales?date&amount&maskedCode: the store's sales a shopper without their receipt may be asking
// about, newest first, at most 20. Training sales are left out (they count nowhere; a training terminal
// finds its own sales locally).
//
// `date` is the store's local day. HQ does not know where a store is, so the terminal names its time
// zone (`tz`, an IANA name such as Asia/Shanghai; the terminal's refund desk sends its own), and the day
// is that zone's midnight to midnight; without `tz` the day is UTC's. A search without a day looks at the
// last 90 days (by the terminals' clocks), so it never walks a store's whole history: one index, sales by
// time, serves every search.
import type { SaleSummary } from '../../core/sync';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export const MAX_RESULTS = 20;
const UNDATED_DAYS = 90;

export interface SearchQuery {
  date?: string;
  amount?: number;
  maskedCode?: string;
  tz?: string;
}

export async function searchSales(
  q: Queryable,
  storeId: string,
  search: SearchQuery,
  now: Date = new Date(),
): Promise<SaleSummary[]> {
  const tz = search.tz ?? 'UTC';
  let from: Date | null = null;
  let to: Date | null = null;
  if (search.date) {
    from = new Date(startOfDay(search.date, tz));
    to = new Date(startOfDay(nextDay(search.date), tz));
  } else {
    from = new Date(now.getTime() - UNDATED_DAYS * 86_400_000);
  }
  // Digits alone (the end of the code the shopper reads out) match the masked code's last digits.
  const code = search.maskedCode ?? null;
  const suffix = code !== null && /^\d{4,8}$/.test(code);
  const { rows } = await q.query<{
    receipt_number: string;
    terminal_id: string;
    sold_at: Date;
    sold_at_text: string | null;
    currency: string;
    total: unknown;
    codes: string[] | null;
    item_count: unknown;
  }>(
    `SELECT s.receipt_number, s.terminal_id, s.sold_at, e.payload ->> 'soldAt' AS sold_at_text, s.currency, s.total,
       (SELECT array_agg(p ->> 'maskedCode') FROM json_array_elements(${payments}) AS p
        WHERE p ->> 'maskedCode' IS NOT NULL) AS codes,
       CASE WHEN json_typeof(e.payload -> 'receipt' -> 'totals' -> 'itemCount') = 'number'
         THEN (e.payload -> 'receipt' -> 'totals' ->> 'itemCount')::numeric END AS item_count
     FROM sales s JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
     WHERE s.store_id = $1 AND NOT s.training
       AND ($2::timestamptz IS NULL OR s.sold_at >= $2) AND ($3::timestamptz IS NULL OR s.sold_at < $3)
       AND ($4::int8 IS NULL OR s.total = $4)
       AND ($5::text IS NULL OR EXISTS (
         SELECT 1 FROM json_array_elements(${payments}) AS p
         WHERE p ->> 'maskedCode' = $5 OR ($6 AND right(p ->> 'maskedCode', length($5)) = $5)))
     ORDER BY s.sold_at DESC, s.receipt_number DESC
     LIMIT ${MAX_RESULTS}`,
    [storeId, from, to, search.amount ?? null, code, suffix],
  );
  return rows.map((r) => ({
    receiptNumber: r.receipt_number,
    terminalId: r.terminal_id,
    soldAt: r.sold_at_text ?? toIso(r.sold_at),
    currency: r.currency,
    total: toNumber(r.total),
    maskedCodes: r.codes ?? [],
    itemCount: safeCount(r.item_count),
  }));
}

// The receipt's tender lines, or none when a (hand-made, damaged) receipt has no array there.
const payments = `CASE WHEN json_typeof(e.payload -> 'receipt' -> 'payments') = 'array'
  THEN e.payload -> 'receipt' -> 'payments' ELSE '[]'::json END`;

function safeCount(value: unknown): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Whether `tz` is a time zone this server knows (an IANA name). */
export function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The instant (ms) a day (YYYY-MM-DD) begins in a time zone. */
export function startOfDay(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // The wall-clock midnight less the zone's offset at that instant; asked twice, so a day starting at a
  // daylight-saving change lands on the offset that holds at midnight.
  let at = wall - offsetAt(wall, tz);
  at = wall - offsetAt(at, tz);
  return at;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at an instant, in ms (+8 h for Asia/Shanghai). */
function offsetAt(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
