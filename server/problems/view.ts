// Dead letters as the back office shows them: not the raw event but its facts — what it was (a sale, a
// refund, a receiving…), its receipt number or delivery note, which terminal and device sent it, who was
// at it, and the products it named — so the screen can say it as a sentence in the reader's language
// ("Sale S001-K01-000123 from K01 (Lane 1) was refused: …"). HQ's own reason stays beside it.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export const DEAD_LETTER_STATES = ['open', 'applied', 'dismissed'] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

export interface DeadLetterView {
  id: string;
  store: string;
  eventId: string | null;
  type: string | null;
  code: string;
  reason: string;
  /** The receipt number (a sale or refund) or delivery note reference, when the event names one. */
  reference: string | null;
  terminalId: string | null;
  staffId: string | null;
  deviceId: string;
  deviceName: string | null;
  /** The products the event names: those the reason names first, else its lines' (at most 5). */
  products: { gtin: string; name: string | null }[];
  receivedAt: string;
  state: DeadLetterState;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
  retries: number;
  lastRetriedAt: string | null;
}

interface Row {
  id: string;
  store: string;
  event_key: string | null;
  type: string | null;
  reason_code: string;
  reason: string;
  device_id: string;
  device_name: string | null;
  event: unknown;
  received_at: Date;
  state: DeadLetterState;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
  retries: unknown;
  last_retried_at: Date | null;
}

const SELECT = `SELECT l.id, s.code AS store, l.event_key, l.type, l.reason_code, l.reason, l.device_id,
  d.name AS device_name, l.event, l.received_at, l.state, l.resolved_by, l.resolved_at, l.resolution_note,
  l.retries, l.last_retried_at
  FROM dead_letters l JOIN stores s ON s.id = l.store_id LEFT JOIN devices d ON d.id = l.device_id`;

/** The dead letters of some stores (null: all) in one state, newest first. */
export async function listDeadLetterViews(
  q: Queryable,
  filter: { storeCodes: readonly string[] | null; state: DeadLetterState; limit: number },
): Promise<DeadLetterView[]> {
  const { rows } = await q.query<Row>(
    `${SELECT} WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[])) AND l.state = $2
     ORDER BY l.received_at DESC, l.id DESC LIMIT $3`,
    [filter.storeCodes, filter.state, filter.limit],
  );
  return views(q, rows);
}

/** One dead letter by its id, or null. */
export async function deadLetterView(q: Queryable, id: string): Promise<DeadLetterView | null> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE l.id = $1`, [id]);
  return (await views(q, rows))[0] ?? null;
}

async function views(q: Queryable, rows: readonly Row[]): Promise<DeadLetterView[]> {
  const facts = rows.map((r) => factsOf(r.event, r.reason));
  const gtins = [...new Set(facts.flatMap((f) => f.gtins))];
  const names = new Map<string, string>();
  if (gtins.length > 0) {
    const found = await q.query<{ gtin: string; name: string }>(
      'SELECT gtin, name FROM products WHERE gtin = ANY($1::text[]) AND NOT deleted',
      [gtins],
    );
    for (const p of found.rows) names.set(p.gtin, p.name);
  }
  return rows.map((r, i) => {
    const f = facts[i]!;
    return {
      id: r.id,
      store: r.store,
      eventId: r.event_key,
      type: r.type,
      code: r.reason_code,
      reason: r.reason,
      reference: f.reference,
      terminalId: f.terminalId,
      staffId: f.staffId,
      deviceId: r.device_id,
      deviceName: r.device_name,
      products: f.gtins.map((gtin) => ({ gtin, name: names.get(gtin) ?? null })),
      receivedAt: toIso(r.received_at),
      state: r.state,
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
      note: r.resolution_note,
      retries: toNumber(r.retries),
      lastRetriedAt: r.last_retried_at ? toIso(r.last_retried_at) : null,
    };
  });
}

const text = (value: unknown, max = 200): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** What the stored event says of itself, read defensively: it was refused, so anything may be missing. */
export function factsOf(
  event: unknown,
  reason: string,
): { reference: string | null; terminalId: string | null; staffId: string | null; gtins: string[] } {
  const e = (typeof event === 'string' ? safeParse(event) : event) as Record<string, unknown> | null;
  const payload = (e && typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Record<
    string,
    unknown
  >;
  const receipt = (
    typeof payload.receipt === 'object' && payload.receipt !== null ? payload.receipt : {}
  ) as Record<string, unknown>;
  const lineGtins = [payload.lines, receipt.lines].flatMap((lines) =>
    Array.isArray(lines)
      ? lines.flatMap((l) => {
          const gtin = (l as { gtin?: unknown } | null)?.gtin;
          return typeof gtin === 'string' && /^\d{8,14}$/.test(gtin) ? [gtin.padStart(14, '0')] : [];
        })
      : [],
  );
  const named = reason.match(/\b\d{14}\b/g) ?? [];
  const gtins = [...new Set(named.length > 0 ? named : lineGtins)].slice(0, 5);
  return {
    reference: text(payload.receiptNumber) ?? text(receipt.receiptNumber) ?? text(payload.reference),
    terminalId: text(payload.terminalId, 64),
    staffId: text(payload.staffId, 64) ?? text(payload.cashierId, 64),
    gtins,
  };
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
