// Enrolment and device tokens. A store admin makes a one-time code for a store; a terminal trades it
// once for a device id and secret; from then on the terminal trades the secret for tokens that live
// minutes. The secret travels only to POST /v1/token, so HQ must sit behind TLS in production.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EnrolReply, TokenReply } from '../../core/sync';
import type { Database, Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Result } from '../result';
import { fail } from '../result';
import {
  DUMMY_HASH,
  hashEnrolmentCode,
  hashSecret,
  newDeviceSecret,
  newEnrolmentCode,
  normaliseEnrolmentCode,
  verifySecret,
} from './secrets';
import { storeKeys } from './store-keys';
import { signToken } from './tokens';

export const STORE_CODE = /^[A-Za-z0-9_]{1,32}$/;
const DAY_SECONDS = 24 * 60 * 60;
export const DEFAULT_TOKEN_TTL_SECONDS = 10 * 60;

export interface EnrolmentCode {
  /** Give this to the person enrolling the terminal; it works once. */
  code: string;
  storeCode: string;
  storeId: string;
  expiresAt: string;
}

/** The store's id, creating the store on first use. Throws on a code that is not a valid store code. */
export async function ensureStore(q: Queryable, storeCode: string): Promise<string> {
  if (!STORE_CODE.test(storeCode)) {
    throw new Error(`store "${storeCode}" must be 1 to 32 letters, digits or '_'`);
  }
  await q.query('INSERT INTO stores (id, code) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [
    randomUUID(),
    storeCode,
  ]);
  const { rows } = await q.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [storeCode]);
  return rows[0]!.id;
}

/** The id of an existing store, or null. */
export async function findStore(q: Queryable, storeCode: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [storeCode]);
  return rows[0]?.id ?? null;
}

/** A new one-time enrolment code for a store (created on first use), valid for a day by default. */
export async function createEnrolmentCode(
  db: Database,
  storeCode: string,
  options: { ttlSeconds?: number } = {},
): Promise<EnrolmentCode> {
  return db.transaction((tx) => issueEnrolmentCode(tx, storeCode, options));
}

/** createEnrolmentCode inside the caller's transaction (the back office audits it in the same one). */
export async function issueEnrolmentCode(
  tx: Queryable,
  storeCode: string,
  options: { ttlSeconds?: number } = {},
): Promise<EnrolmentCode> {
  const ttl = options.ttlSeconds ?? DAY_SECONDS;
  if (!Number.isSafeInteger(ttl) || ttl <= 0)
    throw new Error(`ttlSeconds must be a positive integer, got ${ttl}`);
  const storeId = await ensureStore(tx, storeCode);
  const code = newEnrolmentCode();
  const { rows } = await tx.query<{ expires_at: Date }>(
    `INSERT INTO enrolment_codes (code_hash, store_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [hashEnrolmentCode(code), storeId, ttl],
  );
  return { code, storeCode, storeId, expiresAt: toIso(rows[0]!.expires_at) };
}

/** The device's id and secret (shown once; HQ keeps only its scrypt hash). */
export type Enrolled = EnrolReply;

/** Trades an unused, unexpired code for a new device. A code works exactly once, even when raced. */
export async function enrolDevice(
  db: Database,
  typedCode: string,
  terminalName?: string,
): Promise<Result<Enrolled>> {
  const code = normaliseEnrolmentCode(typedCode);
  if (!code)
    return fail(
      400,
      'enrolment_code_malformed',
      'the enrolment code must be 16 letters and digits like 7K2M-Q9XD-4HVA-P03R',
    );
  const deviceId = randomUUID();
  const secret = newDeviceSecret();
  const secretHash = await hashSecret(secret);
  const codeHash = hashEnrolmentCode(code);
  return db.transaction(async (tx): Promise<Result<Enrolled>> => {
    // The conditional update is the claim: of two terminals racing with one code, one updates a row.
    const { rows } = await tx.query<{ store_id: string; code: string }>(
      `UPDATE enrolment_codes e SET used_at = now(), device_id = $2
       FROM stores s WHERE e.code_hash = $1 AND e.used_at IS NULL AND e.expires_at > now() AND s.id = e.store_id
       RETURNING e.store_id, s.code`,
      [codeHash, deviceId],
    );
    const claimed = rows[0];
    if (!claimed) return refusal(tx, codeHash);
    await tx.query('INSERT INTO devices (store_id, id, name, secret_hash) VALUES ($1, $2, $3, $4)', [
      claimed.store_id,
      deviceId,
      terminalName ?? null,
      secretHash,
    ]);
    // The store key rides along, so the new terminal can talk to its store's lanes before its first sync.
    const { key } = await storeKeys(tx, claimed.store_id);
    return { ok: true, deviceId, secret, storeCode: claimed.code, storeKey: key };
  });
}

async function refusal(tx: Queryable, codeHash: string): Promise<Result<never>> {
  const { rows } = await tx.query<{ used_at: Date | null }>(
    'SELECT used_at FROM enrolment_codes WHERE code_hash = $1',
    [codeHash],
  );
  const row = rows[0];
  if (!row) return fail(401, 'enrolment_code_unknown', 'this enrolment code was never issued by this server');
  if (row.used_at)
    return fail(403, 'enrolment_code_used', 'this enrolment code has already been used; ask for a new one');
  return fail(403, 'enrolment_code_expired', 'this enrolment code has expired; ask for a new one');
}

export type IssuedToken = TokenReply;

/** A short-lived token for a device that proves itself with its secret. */
export async function issueToken(
  db: Database,
  key: Buffer,
  deviceId: string,
  secret: string,
  ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS,
): Promise<Result<IssuedToken>> {
  const { rows } = await db.query<{
    store_id: string;
    code: string;
    secret_hash: string;
    revoked_at: Date | null;
  }>(
    `SELECT d.store_id, s.code, d.secret_hash, d.revoked_at FROM devices d JOIN stores s ON s.id = d.store_id
     WHERE d.id = $1`,
    [deviceId],
  );
  const device = rows[0];
  // An unknown device costs a scrypt too, so response times do not tell which device ids exist.
  const matches = await verifySecret(secret, device?.secret_hash ?? DUMMY_HASH);
  if (!device || !matches) return fail(401, 'bad_credentials', 'the device id or secret is wrong');
  if (device.revoked_at) return fail(403, 'device_revoked', 'this device has been revoked; enrol it again');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + ttlSeconds;
  const token = signToken({ sub: deviceId, store: device.store_id, storeCode: device.code, iat, exp }, key);
  return { ok: true, token, expiresAt: new Date(exp * 1000).toISOString(), storeCode: device.code };
}

/** The key that signs tokens: made once, kept in the database so every server instance shares it. */
export async function tokenKey(db: Database): Promise<Buffer> {
  await db.query(
    "INSERT INTO server_keys (name, secret) VALUES ('token', $1) ON CONFLICT (name) DO NOTHING",
    [randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ secret: string }>("SELECT secret FROM server_keys WHERE name = 'token'");
  return Buffer.from(rows[0]!.secret, 'base64url');
}
