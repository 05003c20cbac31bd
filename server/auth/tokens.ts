// Device tokens: compact JWTs (HS256) signed with the server's key, naming the device and its store and
// expiring within minutes. Only our own header is accepted, so `alg: none` and key confusion cannot apply.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The device id. */
  sub: string;
  /** The store id (UUID) and code the device was enrolled in. */
  store: string;
  storeCode: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; code: 'token_malformed' | 'token_invalid' | 'token_expired'; message: string };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function signToken(claims: TokenClaims, key: Buffer): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** Checks signature, then expiry; `now` in milliseconds. */
export function verifyToken(token: string, key: Buffer, now: number = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    return { ok: false, code: 'token_malformed', message: 'the token is not a signed OpenLane device token' };
  }
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (header !== HEADER || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'token_invalid', message: 'the token was not signed by this server' };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, code: 'token_malformed', message: 'the token carries no valid claims' };
  if (claims.exp * 1000 <= now) {
    return {
      ok: false,
      code: 'token_expired',
      message: 'the token has expired; get a new one from POST /v1/token',
    };
  }
  return { ok: true, claims };
}

function parseClaims(payload: string): TokenClaims | null {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    const { sub, store, storeCode, iat, exp } = value;
    if (typeof sub !== 'string' || typeof store !== 'string' || typeof storeCode !== 'string') return null;
    if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return null;
    return { sub, store, storeCode, iat: iat!, exp: exp! };
  } catch {
    return null;
  }
}
