import { describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/secrets';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';

describe('office passwords', () => {
  it('hashes with scrypt at N=2^15 and a fresh salt, and matches only the right password', async () => {
    const [one, two] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse', one)).toEqual({ ok: true, outdated: false });
    expect((await verifyPassword('correct horsE', one)).ok).toBe(false);
    expect((await verifyPassword('anything', DUMMY_PASSWORD_HASH)).ok).toBe(false);
  });

  it('says when a hash was made at a lower cost, so it can be made again; a malformed one never matches', async () => {
    const cheaper = await hashSecret('old password'); // N = 2^14, the same format
    expect(await verifyPassword('old password', cheaper)).toEqual({ ok: true, outdated: true });
    for (const broken of ['', 'scrypt$0$8$1$AA$AA', 'bcrypt$x', 'scrypt$16384$8$1$$']) {
      expect((await verifyPassword('x', broken)).ok).toBe(false);
    }
  });
});
