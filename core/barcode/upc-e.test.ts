import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGtin } from './gtin';
import { expandUpcE } from './upc-e';

describe('UPC-E expansion', () => {
  it('expands published pairs by each zero-suppression rule', () => {
    expect(expandUpcE('04252614')).toBe('042100005264'); // last digit 0–2: manufacturer ends in it
    expect(expandUpcE('01234565')).toBe('012345000065'); // last digit 5–9: item ends in it
    expect(expandUpcE('01234531')).toBe('012300000451'); // last digit 3
    expect(expandUpcE('01234543')).toBe('012340000053'); // last digit 4
  });

  it('refuses a wrong check digit, another number system, or the wrong length', () => {
    expect(expandUpcE('04252615')).toBeNull();
    expect(expandUpcE('24252614')).toBeNull();
    expect(expandUpcE('0425261')).toBeNull();
  });

  it('always expands to a valid UPC-A, and never throws on any 8 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (code) => {
        const upcA = expandUpcE(code);
        if (upcA) expect(checkGtin(upcA)).toMatchObject({ ok: true, kind: 'UPC-A' });
      }),
    );
  });
});
