import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, PIN_HASH_PATTERN, verifyPin } from './pin';

/** A cheap cost, so the tests stay fast; the format and the check are the same. */
const FAST = { N: 1024, r: 8, p: 1 };

describe('attendant PIN hashing', () => {
  it('stores scrypt$N$r$p$salt$hash, never the PIN, with a fresh salt each time', () => {
    const a = hashPin('2468', FAST);
    const b = hashPin('2468', FAST);
    expect(a).toMatch(PIN_HASH_PATTERN);
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(a).not.toContain('2468');
    expect(a).not.toBe(b);
  });

  it('the default cost is the slow one', () => {
    expect(hashPin('12345678').split('$').slice(1, 4)).toEqual(['32768', '8', '1']);
  });

  it('verifies the right PIN and refuses any other', () => {
    const stored = hashPin('2468', FAST);
    expect(verifyPin('2468', stored)).toBe(true);
    for (const wrong of ['2469', '24680', '', '246', '２４６８', ' 2468'])
      expect(verifyPin(wrong, stored)).toBe(false);
  });

  it('refuses a PIN that is not 4–8 digits when hashing', () => {
    for (const bad of ['123', '123456789', '12a4', '', '12 34'])
      expect(() => hashPin(bad, FAST), bad).toThrow(/4 to 8 digits/);
    expect(isValidPin('0000')).toBe(true);
    expect(isValidPin('00000000')).toBe(true);
  });

  it('a malformed or hostile hash verifies nothing and does not throw', () => {
    const stored = hashPin('2468', FAST);
    const parts = stored.split('$');
    const withN = (n: string) => [parts[0], n, ...parts.slice(2)].join('$');
    for (const bad of [
      '2468',
      '',
      'bcrypt$1024$8$1$abc$def',
      withN('1000'), // not a power of two
      withN(String(2 ** 24)), // would take gigabytes
      stored.replace(/\$[^$]+$/, '$short'),
    ])
      expect(verifyPin('2468', bad), bad).toBe(false);
  });

  it('a hash whose key was tampered with does not verify', () => {
    const stored = hashPin('2468', FAST);
    const last = stored.at(-2) === 'A' ? 'B' : 'A';
    expect(verifyPin('2468', stored.slice(0, -2) + last + stored.at(-1))).toBe(false);
  });
});
