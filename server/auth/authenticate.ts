// Checking a request's device token: signed by this server, unexpired, and naming a device that is
// still enrolled in the store the token names. The store and device a request acts for come from here.
import type { Queryable } from '../db/database';
import type { Result } from '../result';
import { fail } from '../result';
import { verifyToken } from './tokens';

/** Who sent a request, from its token; never from the payload. */
export interface DeviceContext {
  storeId: string;
  storeCode: string;
  deviceId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function authenticate(
  q: Queryable,
  key: Buffer,
  authorization: string | undefined,
  now: number = Date.now(),
): Promise<Result<{ device: DeviceContext; expiresAt: number }>> {
  if (!authorization) {
    return fail(
      401,
      'token_missing',
      'this request needs "Authorization: Bearer <token>"; get a token from POST /v1/token',
    );
  }
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  if (!match) return fail(401, 'token_malformed', 'the Authorization header must be "Bearer <token>"');
  const checked = verifyToken(match[1]!, key, now);
  if (!checked.ok) return fail(401, checked.code, checked.message);
  const { sub, store, storeCode, exp } = checked.claims;
  if (!UUID.test(sub) || !UUID.test(store))
    return fail(401, 'token_malformed', 'the token names no valid device');
  const { rows } = await q.query<{ store_id: string; revoked_at: Date | null }>(
    'SELECT store_id, revoked_at FROM devices WHERE id = $1',
    [sub],
    { prepareAs: 'authenticate_device' },
  );
  const device = rows[0];
  if (!device) return fail(401, 'token_invalid', 'the token names a device this server does not know');
  if (device.revoked_at) return fail(403, 'device_revoked', 'this device has been revoked; enrol it again');
  if (device.store_id !== store) {
    return fail(
      403,
      'wrong_store',
      `the token is for store "${storeCode}", which is not the store this device is enrolled in`,
    );
  }
  return { ok: true, device: { storeId: store, storeCode, deviceId: sub }, expiresAt: exp * 1000 };
}
