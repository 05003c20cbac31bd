import { describe, expect, it } from 'vitest';
import { parseElementString } from './element-string';
import { amountToMinorUnits, gs1Fields } from './fields';

const fieldsOf = (data: string) => {
  const result = parseElementString(data);
  if (!result.ok) throw new Error(result.message);
  return gs1Fields(result.elements);
};

describe('gs1Fields', () => {
  it('summarises a fresh-food label for the till', () => {
    expect(fieldsOf('(01)09506000134352(15)261100(10)L42(3103)000750(3922)0349(8008)2612310815')).toEqual({
      gtin14: '09506000134352',
      bestBefore: '2026-11-30',
      lot: 'L42',
      netWeightGrams: 750,
      price: { digits: '0349', decimals: 2 },
      productionDateTime: '2026-12-31T08:15:00',
    });
  });

  it('converts weights and volumes exactly, rounding once to the nearest gram or millilitre', () => {
    expect(fieldsOf('(01)09506000134352(3102)000125').netWeightGrams).toBe(1250);
    expect(fieldsOf('(01)09506000134352(3105)000125').netWeightGrams).toBe(1);
    expect(fieldsOf('(01)09506000134352(3100)000002').netWeightGrams).toBe(2000);
    expect(fieldsOf('(01)09506000134352(3202)000100').netWeightGrams).toBe(454); // 1.00 lb = 453.59 g
    expect(fieldsOf('(01)09506000134352(3151)000015').netVolumeMillilitres).toBe(1500);
    expect(fieldsOf('(01)09506000134352(3163)000002').netVolumeMillilitres).toBe(2000);
    // Gross weight is not what the customer pays for.
    expect(fieldsOf('(01)09506000134352(3303)000750').netWeightGrams).toBeUndefined();
  });

  it('reads logistic labels and prices with a currency', () => {
    expect(fieldsOf('(00)106141411234567897(02)09506000134352(37)24(17)280200')).toEqual({
      sscc: '106141411234567897',
      contentGtin14: '09506000134352',
      tradeItemCount: 24,
      expiry: '2028-02-29',
    });
    expect(fieldsOf('(01)09506000134352(3932)9781299(21)S1(30)6(8200)https://example.com/p')).toEqual({
      gtin14: '09506000134352',
      price: { digits: '1299', decimals: 2, currencyNumeric: '978' },
      serial: 'S1',
      count: 6,
      productUrl: 'https://example.com/p',
    });
  });
});

describe('amountToMinorUnits', () => {
  it('shifts the GS1 decimals to the currency minor unit without rounding', () => {
    expect(amountToMinorUnits({ digits: '0349', decimals: 2 }, 2)).toBe(349);
    expect(amountToMinorUnits({ digits: '35', decimals: 1 }, 2)).toBe(350);
    expect(amountToMinorUnits({ digits: '1200', decimals: 3 }, 2)).toBe(120);
    expect(amountToMinorUnits({ digits: '1205', decimals: 3 }, 2)).toBeNull();
    expect(amountToMinorUnits({ digits: '500', decimals: 0 }, 0)).toBe(500);
    expect(amountToMinorUnits({ digits: '5', decimals: 3 }, 3)).toBe(5);
    expect(amountToMinorUnits({ digits: '9999999999999', decimals: 0 }, 2)).toBe(999999999999900);
    // Beyond Number.MAX_SAFE_INTEGER money would silently lose cents.
    expect(amountToMinorUnits({ digits: '999999999999999', decimals: 0 }, 2)).toBeNull();
  });
});
