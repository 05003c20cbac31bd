import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens';

const key = randomBytes(32);
const now = Date.UTC(2025, 0, 1, 12);
const claims = {
  sub: '0190a1b2-0000-7000-8000-000000000001',
  store: '0190a1b2-0000-4000-8000-000000000002',
  storeCode: 'S001',
  iat: now / 1000,
  exp: now / 1000 + 600,
};
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('device tokens', () => {
  it('verifies what it signed, with the claims intact', () => {
    expect(verifyToken(signToken(claims, key), key, now)).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another key', () => {
    expect(verifyToken(signToken(claims, randomBytes(32)), key, now)).toMatchObject({
      ok: false,
      code: 'token_invalid',
    });
  });

  it('refuses edited claims under the old signature', () => {
    const [header, , signature] = signToken(claims, key).split('.');
    const edited = `${header}.${b64({ ...claims, storeCode: 'S002' })}.${signature}`;
    expect(verifyToken(edited, key, now)).toMatchObject({ ok: false, code: 'token_invalid' });
  });

  it('refuses "alg: none" and any header but its own', () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.x`;
    expect(verifyToken(none, key, now)).toMatchObject({ ok: false, code: 'token_invalid' });
    expect(verifyToken(`${b64({ alg: 'none' })}.${b64(claims)}.`, key, now)).toMatchObject({
      code: 'token_malformed',
    });
  });

  it('refuses an expired token, at the second it expires', () => {
    const token = signToken(claims, key);
    expect(verifyToken(token, key, claims.exp * 1000 - 1).ok).toBe(true);
    expect(verifyToken(token, key, claims.exp * 1000)).toMatchObject({ ok: false, code: 'token_expired' });
  });

  it('refuses malformed tokens and claims of the wrong types', () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a b.c.d', 'ä.b.c']) {
      expect(verifyToken(bad, key, now)).toMatchObject({ ok: false, code: 'token_malformed' });
    }
    const wrongTypes = signToken({ ...claims, exp: '9999999999' as unknown as number }, key);
    expect(verifyToken(wrongTypes, key, now)).toMatchObject({ ok: false, code: 'token_malformed' });
  });
});
