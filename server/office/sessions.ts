// Back-office sessions, kept in the database (office_sessions) so every HQ process on it shares them.
// The cookie holds 32 random bytes; the table holds only their SHA-256, so reading the table (a backup,
// a replica) signs nobody in. A session ends when it is signed out, when its user is disabled or given
// a new password, after an hour without a request, and twelve hours after it began whatever happens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Role } from './access';

export const SESSION_IDLE_SECONDS = 60 * 60;
export const SESSION_MAX_SECONDS = 12 * 60 * 60;
/** last_seen_at is written at most this often, so a busy screen does not write on every request. */
const TOUCH_AFTER_SECONDS = 60;

export interface NewSession {
  /** The cookie's value: shown once, never stored. */
  token: string;
  csrfToken: string;
}

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: string;
  name: string;
  displayName: string;
  role: Role;
  stores: string[];
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(q: Queryable, userId: string): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await q.query(
    `INSERT INTO office_sessions (id, token_hash, user_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 second')`,
    [randomUUID(), tokenHash(token), userId, csrfToken, SESSION_MAX_SECONDS],
  );
  return { token, csrfToken };
}

/** The live session a cookie's value names, with its user as they are now; null when there is none. */
export async function findSession(q: Queryable, token: string): Promise<SessionUser | null> {
  const { rows } = await q.query<{
    id: string;
    csrf_token: string;
    stale: boolean;
    user_id: string;
    name: string;
    display_name: string;
    role: Role;
    stores: string[] | null;
  }>(
    `SELECT s.id, s.csrf_token, s.last_seen_at < now() - $3 * interval '1 second' AS stale,
            u.id AS user_id, u.name, u.display_name, u.role,
            ARRAY(SELECT us.store_code FROM office_user_stores us WHERE us.user_id = u.id ORDER BY us.store_code) AS stores
     FROM office_sessions s JOIN office_users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()
       AND s.last_seen_at > now() - $2 * interval '1 second' AND u.disabled_at IS NULL`,
    [tokenHash(token), SESSION_IDLE_SECONDS, TOUCH_AFTER_SECONDS],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await q.query(`UPDATE office_sessions SET last_seen_at = now() WHERE id = $1`, [row.id]);
  return {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    userId: row.user_id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    stores: row.stores ?? [],
  };
}

export async function endSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query(`DELETE FROM office_sessions WHERE id = $1`, [sessionId]);
}

/** Ends every session of a user (disabled, or a new password), except one to keep (their own). */
export async function endUserSessions(
  q: Queryable,
  userId: string,
  keep: string | null = null,
): Promise<number> {
  const { rowCount } = await q.query(
    `DELETE FROM office_sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [userId, keep],
  );
  return rowCount;
}

/** Deletes sessions that ended by time (now and then, from sign-in). */
export async function pruneSessions(q: Queryable): Promise<void> {
  await q.query(
    `DELETE FROM office_sessions WHERE expires_at < now() OR last_seen_at < now() - $1 * interval '1 second'`,
    [SESSION_IDLE_SECONDS],
  );
}
