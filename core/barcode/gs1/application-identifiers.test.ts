import { describe, expect, it } from 'vitest';
import {
  APPLICATION_IDENTIFIERS,
  PREDEFINED_LENGTHS,
  aiAt,
  firstOutsideCharset,
  hasPredefinedLength,
  lookupAi,
} from './application-identifiers';

describe('the Application Identifier table', () => {
  it('holds the AIs a store meets, with GS1 lengths, character sets and check digits', () => {
    expect(lookupAi('01')).toMatchObject({
      title: 'GTIN',
      fixedLength: true,
      maxLength: 14,
      checkDigit: true,
    });
    expect(lookupAi('00')).toMatchObject({ title: 'SSCC', maxLength: 18, checkDigit: true });
    expect(lookupAi('10')).toMatchObject({
      title: 'BATCH/LOT',
      fixedLength: false,
      minLength: 1,
      maxLength: 20,
      charset: 'cset82',
    });
    expect(lookupAi('17')).toMatchObject({ date: true, dayZeroAllowed: true, maxLength: 6 });
    expect(lookupAi('30')).toMatchObject({ charset: 'numeric', fixedLength: false, maxLength: 8 });
    expect(lookupAi('3103')).toMatchObject({
      title: 'NET WEIGHT (kg)',
      decimals: 3,
      unit: 'kg',
      maxLength: 6,
    });
    expect(lookupAi('3205')).toMatchObject({ title: 'NET WEIGHT (lb)', decimals: 5, unit: 'lb' });
    expect(lookupAi('3929')).toMatchObject({ decimals: 9, maxLength: 15, fixedLength: false });
    expect(lookupAi('3932')).toMatchObject({ minLength: 4, maxLength: 18, format: 'amount-currency' });
    expect(lookupAi('8008')).toMatchObject({ date: true, minLength: 8, maxLength: 12 });
    expect(lookupAi('8200')).toMatchObject({ maxLength: 70 });
    expect(lookupAi('3106')).toBeUndefined();
    expect(lookupAi('310n')).toBeUndefined();
  });

  it('marks exactly the AIs of the predefined-length table, whose lengths match it', () => {
    for (const def of APPLICATION_IDENTIFIERS) {
      const total = PREDEFINED_LENGTHS[def.ai.slice(0, 2)];
      expect(def.predefinedLength, def.ai).toBe(total !== undefined);
      if (total !== undefined) {
        expect(def.fixedLength, def.ai).toBe(true);
        expect(def.ai.length + def.maxLength, def.ai).toBe(total);
      }
    }
    expect(hasPredefinedLength('422')).toBe(false);
    expect(hasPredefinedLength('7003')).toBe(false);
    expect(hasPredefinedLength('415')).toBe(true);
  });

  it('is prefix-free, so reading an AI from concatenated data is unambiguous', () => {
    const codes = APPLICATION_IDENTIFIERS.map((d) => d.ai);
    expect(new Set(codes).size).toBe(codes.length);
    const clashes = codes.flatMap((a) =>
      codes.filter((b) => a !== b && b.startsWith(a)).map((b) => `${a}<${b}`),
    );
    expect(clashes).toEqual([]);
    expect(aiAt('xx3103000750', 2)?.ai).toBe('3103');
    expect(aiAt('7777', 0)).toBeUndefined();
  });

  it('checks the GS1 character sets', () => {
    expect(firstOutsideCharset(`!"%&'()*+,-./09:;<=>?AZ_az`, 'cset82')).toBe(-1);
    expect(firstOutsideCharset('AB#', 'cset82')).toBe(2);
    expect(firstOutsideCharset('A$', 'cset82')).toBe(1);
    expect(firstOutsideCharset('A@', 'cset82')).toBe(1);
    expect(firstOutsideCharset('#-/09AZ', 'cset39')).toBe(-1);
    expect(firstOutsideCharset('a', 'cset39')).toBe(0);
    expect(firstOutsideCharset('12a', 'numeric')).toBe(2);
  });
});
