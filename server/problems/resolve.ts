// Retrying or dismissing a dead letter from the back office. A retry sends the stored event through the
// REAL ingest (server/events/ingest.ts) as from the device that sent it: whatever refused it may have been
// fixed since, and then it is applied exactly like a terminal's batch — once, because the events table's
// key is the event id (a second retry, or two at once, is answered `duplicate`). Refused again, the dead
// letter stays open with the new reason. A dismissal keeps the dead letter, marked with who and why.
// Both are audited.
import type { DeviceContext } from '../auth/authenticate';
import type { Database, Queryable } from '../db/database';
import { ingestBatch } from '../events/ingest';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import type { Result } from '../result';
import { fail } from '../result';
import { deadLetterView, type DeadLetterView } from './view';

interface Stored {
  id: string;
  store_id: string;
  store: string;
  device_id: string;
  event_key: string | null;
  event: unknown;
  state: string;
  reason_code: string;
  reason: string;
}

/** The store code of a dead letter (for the permission check), or null when there is none. */
export async function storeOfDeadLetter(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query<{ code: string }>(
    'SELECT s.code FROM dead_letters l JOIN stores s ON s.id = l.store_id WHERE l.id = $1',
    [id],
  );
  return rows[0]?.code ?? null;
}

async function stored(q: Queryable, id: string, lock = false): Promise<Stored | null> {
  const { rows } = await q.query<Stored>(
    `SELECT l.id, l.store_id, s.code AS store, l.device_id, l.event_key, l.event, l.state, l.reason_code, l.reason
     FROM dead_letters l JOIN stores s ON s.id = l.store_id WHERE l.id = $1${lock ? ' FOR UPDATE OF l' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export type RetryOutcome = { outcome: 'applied' | 'refused'; deadLetter: DeadLetterView };

export async function retryDeadLetter(
  db: Database,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<Result<RetryOutcome>> {
  const letter = await stored(db, id);
  if (!letter) return fail(404, 'dead_letter_not_found', `no dead letter ${id}`);
  const open = stillOpen(letter);
  if (open) return open;
  if (letter.event_key === null)
    return fail(
      409,
      'not_retryable',
      'this event came without an id, so it can never be applied: dismiss it',
    );
  const device: DeviceContext = {
    storeId: letter.store_id,
    storeCode: letter.store,
    deviceId: letter.device_id,
  };
  const before = await deviceContact(db, device.deviceId);
  const batch = await ingestBatch(db, device, { events: [letter.event] }, now);
  await restoreContact(db, device.deviceId, before, now);
  if (!batch.ok) return batch;
  const result = batch.results[0]!;
  const applied = result.status === 'applied' || result.status === 'duplicate';
  const refusal = result.status === 'rejected' ? result : null;
  return db.transaction(async (tx): Promise<Result<RetryOutcome>> => {
    const current = (await stored(tx, id, true))!;
    if (current.state === 'open') {
      await tx.query(
        applied
          ? `UPDATE dead_letters SET state = 'applied', resolved_by = $2, resolved_at = $3, retries = retries + 1,
               last_retried_at = $3 WHERE id = $1`
          : `UPDATE dead_letters SET reason_code = $3, reason = $4, retries = retries + 1, last_retried_at = $2
             WHERE id = $1`,
        applied
          ? [id, actor.name, now]
          : [id, now, refusal?.code ?? current.reason_code, refusal?.reason ?? current.reason],
      );
      await recordAudit(tx, actor, {
        action: 'dead_letter.retry',
        targetType: 'dead_letter',
        targetId: id,
        store: letter.store,
        before: { state: 'open', code: current.reason_code, reason: current.reason },
        after: applied
          ? { state: 'applied', event: letter.event_key }
          : { state: 'open', code: refusal?.code, reason: refusal?.reason },
      });
    }
    return {
      ok: true,
      outcome: applied ? 'applied' : 'refused',
      deadLetter: (await deadLetterView(tx, id))!,
    };
  });
}

export async function dismissDeadLetter(
  db: Database,
  actor: Actor,
  id: string,
  note: string,
  now = new Date(),
): Promise<Result<{ deadLetter: DeadLetterView }>> {
  return db.transaction(async (tx): Promise<Result<{ deadLetter: DeadLetterView }>> => {
    const letter = await stored(tx, id, true);
    if (!letter) return fail(404, 'dead_letter_not_found', `no dead letter ${id}`);
    const open = stillOpen(letter);
    if (open) return open;
    await tx.query(
      `UPDATE dead_letters SET state = 'dismissed', resolved_by = $2, resolved_at = $3, resolution_note = $4
       WHERE id = $1`,
      [id, actor.name, now, note],
    );
    await recordAudit(tx, actor, {
      action: 'dead_letter.dismiss',
      targetType: 'dead_letter',
      targetId: id,
      store: letter.store,
      before: { state: 'open', code: letter.reason_code, reason: letter.reason },
      after: { state: 'dismissed', note },
    });
    return { ok: true, deadLetter: (await deadLetterView(tx, id))! };
  });
}

function stillOpen(letter: Stored) {
  return letter.state === 'open'
    ? null
    : fail(409, 'dead_letter_resolved', `dead letter ${letter.id} was ${letter.state} already`);
}

interface Contact {
  lastSeenAt: Date | null;
  clockSkewMs: unknown;
}

// The ingest notes a batch as the device's contact with HQ; a retry from the office is not the terminal
// talking, so its last contact and clock skew are put back as they were (unless the device itself has
// synced since, which moved them on).
async function deviceContact(q: Queryable, deviceId: string): Promise<Contact | null> {
  const { rows } = await q.query<{ last_seen_at: Date | null; clock_skew_ms: unknown }>(
    'SELECT last_seen_at, clock_skew_ms FROM devices WHERE id = $1',
    [deviceId],
  );
  return rows[0] ? { lastSeenAt: rows[0].last_seen_at, clockSkewMs: rows[0].clock_skew_ms } : null;
}

async function restoreContact(
  q: Queryable,
  deviceId: string,
  before: Contact | null,
  at: Date,
): Promise<void> {
  if (!before) return;
  await q.query(
    'UPDATE devices SET last_seen_at = $2, clock_skew_ms = $3 WHERE id = $1 AND last_seen_at = $4',
    [deviceId, before.lastSeenAt, before.clockSkewMs, at],
  );
}
