import { describe, expect, it } from 'vitest';
import {
  DUMMY_HASH,
  hashEnrolmentCode,
  hashSecret,
  newDeviceSecret,
  newEnrolmentCode,
  normaliseEnrolmentCode,
  verifySecret,
} from './secrets';

describe('device secrets', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right secret', async () => {
    const secret = newDeviceSecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const [first, second] = await Promise.all([hashSecret(secret), hashSecret(secret)]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifySecret(secret, first)).toBe(true);
    expect(await verifySecret(`${secret}x`, first)).toBe(false);
  });

  it('never matches a malformed hash or the dummy', async () => {
    expect(await verifySecret('x', 'plain-text')).toBe(false);
    expect(await verifySecret('x', 'scrypt$16384$8$1$$')).toBe(false);
    expect(await verifySecret('', DUMMY_HASH)).toBe(false);
  });
});

describe('enrolment codes', () => {
  it('are 16 unambiguous symbols in groups of four', () => {
    const codes = new Set(Array.from({ length: 200 }, newEnrolmentCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('read the same whatever the case, spaces or dashes', () => {
    expect(normaliseEnrolmentCode(' 7k2m q9xd-4hva p03r ')).toBe('7K2M-Q9XD-4HVA-P03R');
    expect(normaliseEnrolmentCode('7K2M-Q9XD-4HVA-P03')).toBeNull();
    expect(normaliseEnrolmentCode('7K2M-Q9XD-4HVA-P0IL')).toBeNull(); // I and L are not in the alphabet
  });

  it('are kept as SHA-256 hex', () => {
    expect(hashEnrolmentCode('7K2M-Q9XD-4HVA-P03R')).toMatch(/^[0-9a-f]{64}$/);
  });
});
