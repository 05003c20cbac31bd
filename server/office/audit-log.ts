// Reading the audit log a page at a time, by keyset: a page is the entries just older (or newer) than a
// cursor, the (at, id) of the entry at its edge, so paging stays right while changes keep being
// audited, and costs the same deep in the log as at its top (office_audit_by_time serves both ways).
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';

export interface AuditRow {
  id: string;
  at: string;
  actorKind: 'user' | 'token';
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  store: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  actor: string | null;
  from: string | null;
  to: string | null;
}

export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `older` for the page after this one (toward the oldest); null at the oldest entry. */
  older: string | null;
  /** Pass as `newer` for the page before this one (toward the newest); null on the newest page. */
  newer: string | null;
}

/** A cursor: the entry's time to the microsecond (toIso keeps only milliseconds), '_', its id. */
export const AUDIT_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f-]{36})$/;

interface Row {
  id: string;
  at: Date;
  cursor_at: string;
  actor_kind: 'user' | 'token';
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  store_code: string | null;
  before: unknown;
  after: unknown;
}

const FILTERS = `($1::text IS NULL OR action = $1 OR action LIKE replace(replace($1, '%', ''), '_', '\\_') || '.%')
  AND ($2::text IS NULL OR target_type = $2)
  AND ($3::text IS NULL OR target_id = $3)
  AND ($4::text IS NULL OR actor_name = $4)
  AND ($5::timestamptz IS NULL OR at >= $5)
  AND ($6::timestamptz IS NULL OR at < $6)`;
const COLUMNS = `id, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at, actor_kind,
  actor_name, action, target_type, target_id, store_code, before, after`;
// Newest first is (at DESC, id ASC); "older than the cursor" is everything after it in that order.
const OLDER = `SELECT ${COLUMNS} FROM office_audit WHERE ${FILTERS}
  AND ($8::timestamptz IS NULL OR at < $8 OR (at = $8 AND id > $9::uuid))
  ORDER BY at DESC, id LIMIT $7`;
const NEWER = `SELECT ${COLUMNS} FROM office_audit WHERE ${FILTERS}
  AND (at > $8 OR (at = $8 AND id < $9::uuid))
  ORDER BY at ASC, id DESC LIMIT $7`;

/** One page of `size` entries, newest first: the newest, or those just older or newer than a cursor. */
export async function readAuditPage(
  q: Queryable,
  filters: AuditFilters,
  size: number,
  from: { older?: string; newer?: string } = {},
): Promise<AuditPage> {
  const cursor = from.newer ?? from.older;
  const [, at = null, id = null] = cursor ? AUDIT_CURSOR.exec(cursor)! : [];
  const params = [
    filters.action,
    filters.targetType,
    filters.targetId,
    filters.actor,
    filters.from,
    filters.to,
    size + 1, // one more than shown says whether there is more beyond the page
    at,
    id,
  ];
  const { rows } = await q.query<Row>(from.newer ? NEWER : OLDER, params);
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (from.newer) page.reverse();
  const key = (r: Row | undefined) => (r ? `${r.cursor_at}_${r.id}` : (cursor ?? null));
  return {
    entries: page.map(auditRow),
    older: from.newer || more ? key(page[page.length - 1]) : null,
    newer: from.newer ? (more ? key(page[0]) : null) : cursor ? key(page[0]) : null,
  };
}

function auditRow(r: Row): AuditRow {
  return {
    id: r.id,
    at: toIso(r.at),
    actorKind: r.actor_kind,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    store: r.store_code,
    before: parseJson(r.before),
    after: parseJson(r.after),
  };
}

/** jsonb comes back parsed from both drivers; text (if a driver sends it) is parsed here. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
