import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGtin, gs1CheckDigit, withCheckDigit } from './gtin';

describe('GTIN check digits', () => {
  it('accepts real printed codes and normalises them to GTIN-14', () => {
    expect(checkGtin('4006381333931')).toEqual({ ok: true, gtin14: '04006381333931', kind: 'EAN-13' });
    expect(checkGtin('036000291452')).toEqual({ ok: true, gtin14: '00036000291452', kind: 'UPC-A' });
    expect(checkGtin('96385074')).toEqual({ ok: true, gtin14: '00000096385074', kind: 'EAN-8' });
    expect(checkGtin('6901234567892')).toMatchObject({ ok: true, kind: 'EAN-13' });
  });

  it('finds a UPC-A and its EAN-13 form under the same GTIN-14', () => {
    const upc = checkGtin('036000291452');
    const ean = checkGtin('0036000291452');
    expect(upc.ok && ean.ok && upc.gtin14 === ean.gtin14).toBe(true);
  });

  it('names the expected digit when the check digit is wrong', () => {
    expect(checkGtin('4006381333932')).toEqual({
      ok: false,
      reason: 'bad_check_digit',
      message: '"4006381333932" has check digit 2; it should be 1',
    });
  });

  it('refuses letters and wrong lengths with the reason', () => {
    expect(checkGtin('40063813339A1')).toMatchObject({ ok: false, reason: 'not_digits' });
    expect(checkGtin('12345')).toMatchObject({ ok: false, reason: 'wrong_length' });
    expect(checkGtin('')).toMatchObject({ ok: false, reason: 'not_digits' });
  });

  it('makes codes that check, and catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.nat(11),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const code = withCheckDigit(body);
          expect(checkGtin(code).ok).toBe(true);
          const wrong = code.slice(0, pos) + ((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
          expect(checkGtin(wrong).ok).toBe(false);
        },
      ),
    );
    expect(gs1CheckDigit('400638133393')).toBe(1);
  });
});
