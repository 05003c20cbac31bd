// A lane's calls for an attendant and its mode (open, paused, closed), kept in the lane's own SQLite so
// a call raised while the console is away — or before a restart — is still there to deliver.
// The tables: migrations/0015_lane_calls.sql.
import type { Database } from './open';
import { uuidv7 } from '../core/uuid7';

export type LaneMode = 'open' | 'paused' | 'closed';

export interface LaneCallRow {
  id: string;
  kind: string;
  detail: string;
  payment_id: string | null;
  check_id: string | null;
  raised_at: string;
  delivered_at: string | null;
  acknowledged_at: string | null;
  handled_at: string | null;
  handled_by: string | null;
}

/** Open (not handled) calls, oldest first. */
export function openLaneCalls(db: Database): LaneCallRow[] {
  return db
    .prepare('SELECT * FROM lane_calls WHERE handled_at IS NULL ORDER BY raised_at, id LIMIT 50')
    .all() as LaneCallRow[];
}

export function getLaneCall(db: Database, id: string): LaneCallRow | null {
  return (db.prepare('SELECT * FROM lane_calls WHERE id = ?').get(id) as LaneCallRow | undefined) ?? null;
}

/**
 * Raises a call, unless one of the same kind (and payment or check) is already open: a shopper pressing
 * Help twice, or the same unknown item scanned again, is still one call. Returns the open call.
 */
export function raiseLaneCall(
  db: Database,
  call: { kind: string; detail: string; paymentId?: string | null; checkId?: string | null },
  now: Date = new Date(),
): LaneCallRow {
  return db.transaction(() => {
    const existing = db
      .prepare(
        `SELECT * FROM lane_calls WHERE handled_at IS NULL AND kind = ?
           AND payment_id IS ? AND check_id IS ? ORDER BY raised_at LIMIT 1`,
      )
      .get(call.kind, call.paymentId ?? null, call.checkId ?? null) as LaneCallRow | undefined;
    if (existing) {
      if (existing.detail !== call.detail)
        db.prepare('UPDATE lane_calls SET detail = ? WHERE id = ?').run(call.detail, existing.id);
      return { ...existing, detail: call.detail };
    }
    const id = uuidv7(now.getTime());
    db.prepare(
      `INSERT INTO lane_calls (id, kind, detail, payment_id, check_id, raised_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      call.kind,
      call.detail.slice(0, 200),
      call.paymentId ?? null,
      call.checkId ?? null,
      now.toISOString(),
    );
    return getLaneCall(db, id)!;
  })();
}

/** The console has these calls; returns how many were newly marked. */
export function markCallsDelivered(db: Database, ids: readonly string[], now: Date = new Date()): number {
  const update = db.prepare('UPDATE lane_calls SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
  return db.transaction(() => ids.reduce((n, id) => n + update.run(now.toISOString(), id).changes, 0))();
}

/** An attendant acknowledged the call: it counts as delivered too. False when no open call has that id. */
export function acknowledgeCall(db: Database, id: string, now: Date = new Date()): boolean {
  const at = now.toISOString();
  return (
    db
      .prepare(
        `UPDATE lane_calls SET acknowledged_at = coalesce(acknowledged_at, ?),
           delivered_at = coalesce(delivered_at, ?) WHERE id = ? AND handled_at IS NULL`,
      )
      .run(at, at, id).changes === 1
  );
}

/** The call is dealt with and leaves the queue. False when no open call has that id. */
export function handleCall(db: Database, id: string, by: string, now: Date = new Date()): boolean {
  return (
    db
      .prepare('UPDATE lane_calls SET handled_at = ?, handled_by = ? WHERE id = ? AND handled_at IS NULL')
      .run(now.toISOString(), by, id).changes === 1
  );
}

/** Closes every open call of a kind (the scanner came back; the payment was settled). */
export function handleCallsOfKind(
  db: Database,
  kind: string,
  by: string,
  where: { paymentId?: string } = {},
  now: Date = new Date(),
): number {
  return db
    .prepare(
      `UPDATE lane_calls SET handled_at = ?, handled_by = ?
       WHERE handled_at IS NULL AND kind = ? AND (? IS NULL OR payment_id = ?)`,
    )
    .run(now.toISOString(), by, kind, where.paymentId ?? null, where.paymentId ?? null).changes;
}

export function laneMode(db: Database): LaneMode {
  const row = db.prepare('SELECT mode FROM lane_mode WHERE one = 1').get() as { mode: LaneMode } | undefined;
  return row?.mode ?? 'open';
}

export function setLaneMode(db: Database, mode: LaneMode, now: Date = new Date()): void {
  db.prepare(
    `INSERT INTO lane_mode (one, mode, changed_at) VALUES (1, ?, ?)
     ON CONFLICT (one) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at`,
  ).run(mode, now.toISOString());
}
