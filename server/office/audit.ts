// The audit log: every change made through the back office, with who made it, what it touched and the
// before and after, written in the same transaction as the change so neither exists without the other.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Actor } from './access';

export interface AuditEntry {
  /** What was done, as `area.verb`: `product.update`, `device.revoke`, `recall.create`, `user.create`… */
  action: string;
  /** What it was done to: `product`, `device`, `user`, `recall`, `purchase_order`… */
  targetType: string;
  /** Its key: a GTIN, a device id, a user name, a PO number. */
  targetId: string;
  /** The store it concerns, when it concerns one. */
  store?: string | null;
  /** The state before and after, as JSON-able values; null for a creation or a removal. */
  before?: unknown;
  after?: unknown;
}

/** Records one change, inside the caller's transaction. */
export async function recordAudit(q: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO office_audit (id, actor_kind, actor_user_id, actor_name, action, target_type, target_id, store_code, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)`,
    [
      randomUUID(),
      actor.kind,
      actor.userId,
      actor.name,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.store ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
