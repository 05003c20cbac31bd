// Count sessions and their lines (migration 0024). A line is `quantity` more of an item seen at a
// location by one device; its outbox event is written in the same transaction (services/stock/counting).
import type Database from 'better-sqlite3';

export interface CountSessionRow {
  id: string;
  scope: string;
  scopeKey: string;
  state: 'open' | 'finished';
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  finishedBy: string | null;
}

export interface CountLineRow {
  id: string;
  sessionId: string;
  gtin: string;
  location: string;
  quantity: number;
  deviceId: string;
  staffId: string;
  countedAt: string;
  eventId: string;
}

/** Per item and location: the running total by every device, and how many devices counted it. */
export interface CountTotal {
  gtin: string;
  location: string;
  counted: number;
  devices: number;
}

const SESSION_COLUMNS = `id, scope, scope_key AS scopeKey, state, started_at AS startedAt, started_by AS startedBy,
  finished_at AS finishedAt, finished_by AS finishedBy`;

export function countSession(db: Database.Database, id: string): CountSessionRow | null {
  return (
    (db.prepare(`SELECT ${SESSION_COLUMNS} FROM count_sessions WHERE id = ?`).get(id) as
      CountSessionRow | undefined) ?? null
  );
}

export function openSessionFor(db: Database.Database, scopeKey: string): CountSessionRow | null {
  return (
    (db
      .prepare(`SELECT ${SESSION_COLUMNS} FROM count_sessions WHERE scope_key = ? AND state = 'open'`)
      .get(scopeKey) as CountSessionRow | undefined) ?? null
  );
}

/** The open sessions first, then the most recently started; at most `limit`. */
export function countSessions(db: Database.Database, limit = 50): CountSessionRow[] {
  return db
    .prepare(
      `SELECT ${SESSION_COLUMNS} FROM count_sessions ORDER BY state = 'open' DESC, started_at DESC, rowid DESC LIMIT ?`,
    )
    .all(limit) as CountSessionRow[];
}

export function insertCountSession(
  db: Database.Database,
  s: Pick<CountSessionRow, 'id' | 'scope' | 'scopeKey' | 'startedAt' | 'startedBy'>,
): void {
  db.prepare(
    `INSERT INTO count_sessions (id, scope, scope_key, state, started_at, started_by) VALUES (?, ?, ?, 'open', ?, ?)`,
  ).run(s.id, s.scope, s.scopeKey, s.startedAt, s.startedBy);
}

/** Finishes an open session; false when it was not open. */
export function finishCountSession(db: Database.Database, id: string, staffId: string, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE count_sessions SET state = 'finished', finished_at = ?, finished_by = ? WHERE id = ? AND state = 'open'`,
      )
      .run(at, staffId, id).changes === 1
  );
}

export function insertCountLine(db: Database.Database, line: CountLineRow): void {
  db.prepare(
    `INSERT INTO count_lines (id, session_id, gtin, location, quantity, device_id, staff_id, counted_at, event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    line.id,
    line.sessionId,
    line.gtin,
    line.location,
    line.quantity,
    line.deviceId,
    line.staffId,
    line.countedAt,
    line.eventId,
  );
}

/** What one device has counted of an item at a location in a session so far. */
export function deviceCounted(
  db: Database.Database,
  key: { sessionId: string; gtin: string; location: string; deviceId: string },
): number {
  return (
    db
      .prepare(
        `SELECT coalesce(sum(quantity), 0) AS n FROM count_lines
         WHERE session_id = ? AND gtin = ? AND location = ? AND device_id = ?`,
      )
      .get(key.sessionId, key.gtin, key.location, key.deviceId) as { n: number }
  ).n;
}

/** The session's total of an item, every location and device, up to and including the line of `eventId`. */
export function sessionTotalThrough(db: Database.Database, eventId: string, gtin: string): number | null {
  const line = db
    .prepare('SELECT rowid AS seq, session_id FROM count_lines WHERE event_id = ?')
    .get(eventId) as { seq: number; session_id: string } | undefined;
  if (!line) return null;
  return (
    db
      .prepare(
        'SELECT coalesce(sum(quantity), 0) AS n FROM count_lines WHERE session_id = ? AND gtin = ? AND rowid <= ?',
      )
      .get(line.session_id, gtin, line.seq) as { n: number }
  ).n;
}

export function countTotals(db: Database.Database, sessionId: string): CountTotal[] {
  return db
    .prepare(
      `SELECT gtin, location, sum(quantity) AS counted, count(DISTINCT device_id) AS devices FROM count_lines
       WHERE session_id = ? GROUP BY gtin, location ORDER BY min(rowid)`,
    )
    .all(sessionId) as CountTotal[];
}

/** How many distinct items the session has counted among `gtins`. */
export function countedGtins(db: Database.Database, sessionId: string): Set<string> {
  const rows = db.prepare('SELECT DISTINCT gtin FROM count_lines WHERE session_id = ?').all(sessionId) as {
    gtin: string;
  }[];
  return new Set(rows.map((r) => r.gtin));
}
