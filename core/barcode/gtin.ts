/** GS1 Global Trade Item Numbers: check digits, kinds, and the GTIN-14 every lookup uses. */

export type GtinKind = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

const KIND_BY_LENGTH: Record<number, GtinKind> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

export type GtinCheck =
  | { ok: true; gtin14: string; kind: GtinKind }
  | { ok: false; reason: 'not_digits' | 'wrong_length' | 'bad_check_digit'; message: string };

/** The GS1 check digit for a body (all digits but the last): weights 3,1,3,1… from the right. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Checks a printed GTIN (8, 12, 13 or 14 digits) and normalises it to GTIN-14. */
export function checkGtin(code: string): GtinCheck {
  if (!/^\d+$/.test(code)) {
    return { ok: false, reason: 'not_digits', message: `"${code}" is not all digits` };
  }
  const kind = KIND_BY_LENGTH[code.length];
  if (!kind) {
    return {
      ok: false,
      reason: 'wrong_length',
      message: `"${code}" has ${code.length} digits; a GTIN has 8, 12, 13 or 14`,
    };
  }
  const expected = gs1CheckDigit(code.slice(0, -1));
  if (expected !== Number(code.at(-1))) {
    return {
      ok: false,
      reason: 'bad_check_digit',
      message: `"${code}" has check digit ${code.at(-1)}; it should be ${expected}`,
    };
  }
  return { ok: true, gtin14: code.padStart(14, '0'), kind };
}

/** Appends the check digit to a body, making a valid GTIN. */
export function withCheckDigit(body: string): string {
  return body + gs1CheckDigit(body);
}
