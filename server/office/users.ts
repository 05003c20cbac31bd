// The back office's users in the database (office_users, office_user_stores): reading them, making
// them and changing them. The routes (user-routes.ts) decide who may; these only read and write.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Role } from './access';

export interface UserView {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  stores: string[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The last request of any of their sessions; null when they have none open. */
  lastActiveAt: string | null;
}

interface UserRow {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  stores: string[] | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  last_active_at: Date | null;
}

const SELECT_USERS = `
  SELECT u.id, u.name, u.display_name, u.role, u.disabled_at, u.created_at, u.updated_at,
         ARRAY(SELECT us.store_code FROM office_user_stores us WHERE us.user_id = u.id ORDER BY us.store_code) AS stores,
         (SELECT max(s.last_seen_at) FROM office_sessions s WHERE s.user_id = u.id) AS last_active_at
  FROM office_users u`;

function view(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    stores: row.stores ?? [],
    disabled: row.disabled_at !== null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    lastActiveAt: row.last_active_at ? toIso(row.last_active_at) : null,
  };
}

export async function listUsers(q: Queryable): Promise<UserView[]> {
  const { rows } = await q.query<UserRow>(`${SELECT_USERS} ORDER BY u.name`);
  return rows.map(view);
}

/** One user; `lock` holds their row until the transaction ends (a change reads, then writes). */
export async function getUser(q: Queryable, id: string, lock = false): Promise<UserView | null> {
  const { rows } = await q.query<UserRow>(
    `${SELECT_USERS} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`,
    [id],
  );
  return rows[0] ? view(rows[0]) : null;
}

export async function anyUsers(q: Queryable): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM office_users LIMIT 1`);
  return rows.length > 0;
}

export interface Credentials {
  id: string;
  passwordHash: string;
  disabled: boolean;
}

export async function credentialsOf(q: Queryable, name: string): Promise<Credentials | null> {
  const { rows } = await q.query<{ id: string; password_hash: string; disabled_at: Date | null }>(
    `SELECT id, password_hash, disabled_at FROM office_users WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? { id: row.id, passwordHash: row.password_hash, disabled: row.disabled_at !== null } : null;
}

export async function passwordHashOf(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query<{ password_hash: string }>(
    `SELECT password_hash FROM office_users WHERE id = $1`,
    [id],
  );
  return rows[0]?.password_hash ?? null;
}

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  stores: readonly string[];
  passwordHash: string;
}

export async function insertUser(q: Queryable, user: NewUser): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO office_users (id, name, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`,
    [id, user.name, user.displayName, user.role, user.passwordHash],
  );
  await setStores(q, id, user.stores);
  return id;
}

export async function setStores(q: Queryable, id: string, stores: readonly string[]): Promise<void> {
  await q.query(`DELETE FROM office_user_stores WHERE user_id = $1`, [id]);
  for (const store of new Set(stores)) {
    await q.query(`INSERT INTO office_user_stores (user_id, store_code) VALUES ($1, $2)`, [id, store]);
  }
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

export async function updateUser(q: Queryable, id: string, change: UserChange): Promise<void> {
  await q.query(
    `UPDATE office_users SET
       display_name = COALESCE($2, display_name),
       role = COALESCE($3, role),
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at
                          WHEN $4::boolean THEN COALESCE(disabled_at, now()) ELSE NULL END,
       updated_at = now()
     WHERE id = $1`,
    [id, change.displayName ?? null, change.role ?? null, change.disabled ?? null],
  );
}

export async function setPasswordHash(q: Queryable, id: string, passwordHash: string): Promise<void> {
  await q.query(`UPDATE office_users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
    id,
    passwordHash,
  ]);
}

/** Enabled admins other than this user: the last one may not be disabled or demoted. */
export async function otherActiveAdmins(q: Queryable, id: string): Promise<number> {
  const { rows } = await q.query<{ n: unknown }>(
    `SELECT count(*) AS n FROM office_users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`,
    [id],
  );
  return Number(rows[0]?.n ?? 0);
}

/** The store codes of this list that HQ does not know. */
export async function unknownStores(q: Queryable, stores: readonly string[]): Promise<string[]> {
  if (stores.length === 0) return [];
  const { rows } = await q.query<{ code: string }>(`SELECT code FROM stores WHERE code = ANY($1::text[])`, [
    [...stores],
  ]);
  const known = new Set(rows.map((r) => r.code));
  return stores.filter((s) => !known.has(s));
}
