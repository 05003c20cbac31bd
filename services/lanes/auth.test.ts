import { describe, expect, it } from 'vitest';
import { createVerifier, HEADER_SIGNATURE, keyProblem, MAX_SKEW_MS, signedHeaders } from './auth';

const KEY = 'a'.repeat(32) + '-store-key-for-tests';
const OTHER = 'b'.repeat(40);
const request = { method: 'POST', path: '/link/v1/report', body: '{"laneId":"K01"}' };

function check(headers: Record<string, string>, parts = request, at = Date.now(), key = KEY) {
  return createVerifier(key, () => at).verify(headers, parts.method, parts.path, parts.body);
}

describe('lane link signatures', () => {
  it('accepts a request signed with the store key, and names the sender', () => {
    expect(check(signedHeaders(KEY, 'K01', request))).toMatchObject({ ok: true, from: 'K01' });
  });

  it('refuses an unsigned request and one signed with another key', () => {
    expect(check({})).toEqual({ ok: false, reason: expect.stringMatching(/not signed/) });
    expect(check(signedHeaders(OTHER, 'K01', request))).toEqual({
      ok: false,
      reason: expect.stringMatching(/different store key/),
    });
  });

  it('refuses a tampered body, path, method or sender', () => {
    const headers = signedHeaders(KEY, 'K01', request);
    expect(check(headers, { ...request, body: '{"laneId":"K02"}' }).ok).toBe(false);
    expect(check(headers, { ...request, path: '/link/v1/command' }).ok).toBe(false);
    expect(check(headers, { ...request, method: 'PUT' }).ok).toBe(false);
    expect(check({ ...headers, 'x-openlane-from': 'K02' }).ok).toBe(false);
  });

  it('refuses the same request a second time (a replay)', () => {
    const verifier = createVerifier(KEY);
    const headers = signedHeaders(KEY, 'K01', request);
    expect(verifier.verify(headers, 'POST', request.path, request.body).ok).toBe(true);
    expect(verifier.verify(headers, 'POST', request.path, request.body)).toEqual({
      ok: false,
      reason: expect.stringMatching(/replay/),
    });
  });

  it('refuses a request whose time is too old or too far ahead, even correctly signed', () => {
    const now = Date.now();
    const old = signedHeaders(KEY, 'K01', request, now - MAX_SKEW_MS - 1000);
    const ahead = signedHeaders(KEY, 'K01', request, now + MAX_SKEW_MS + 1000);
    expect(check(old, request, now)).toEqual({ ok: false, reason: expect.stringMatching(/time/) });
    expect(check(ahead, request, now).ok).toBe(false);
    expect(check(signedHeaders(KEY, 'K01', request, now - MAX_SKEW_MS + 1000), request, now).ok).toBe(true);
  });

  it('refuses malformed signature headers without comparing anything', () => {
    const headers = signedHeaders(KEY, 'K01', request);
    expect(check({ ...headers, [HEADER_SIGNATURE]: 'zz' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/malformed/),
    });
    expect(check({ ...headers, 'x-openlane-from': '../../etc' }).ok).toBe(false);
  });

  it('wants a store key of at least 32 characters', () => {
    expect(keyProblem('short')).toMatch(/at least 32/);
    expect(keyProblem(` ${KEY}`)).toMatch(/spaces/);
    expect(keyProblem(KEY)).toBeNull();
  });

  it('during a rotation accepts the new key and the one before, and names which one signed', () => {
    let keys: readonly string[] = [OTHER, KEY];
    const verifier = createVerifier(() => keys);
    const verify = (key: string) =>
      verifier.verify(signedHeaders(key, 'K01', request), request.method, request.path, request.body);
    expect(verify(KEY)).toMatchObject({ ok: true, key: KEY });
    expect(verify(OTHER)).toMatchObject({ ok: true, key: OTHER });
    keys = [OTHER]; // the grace is over: the old key is refused
    expect(verify(KEY)).toMatchObject({ ok: false, reason: expect.stringMatching(/different store key/) });
  });
});
