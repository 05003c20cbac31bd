// Device secrets are stored as scrypt hashes; enrolment codes, already random and short-lived, as SHA-256.
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

// N = 2^14, r = 8 (16 MiB, tens of milliseconds): paid once per token, every few minutes per device.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a fresh salt. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `secret` matches a stored hash; a malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to check unknown devices against, so a wrong device id costs as long as a wrong secret. */
export const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** 32 random bytes: what a device proves itself with. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

// Crockford-style base32 without I, L, O, U: nothing to misread when a code is typed from paper.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 symbols (80 bits) in groups of four: `7K2M-Q9XD-4HVA-P03R`. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as typed → its canonical form: case, spaces and dashes do not matter. */
export function normaliseEnrolmentCode(typed: string): string | null {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== 16 || [...symbols].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return symbols.match(/.{4}/g)!.join('-');
}

export function hashEnrolmentCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
