import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGtin, withCheckDigit } from './gtin';
import {
  encodeVariableMeasure,
  parseVariableMeasure,
  PRESETS,
  priceCheckDigit,
  ruleProblem,
  schemeProblem,
  type VariableMeasureRule,
  type VariableMeasureScheme,
} from './variable-measure';

const preset = (id: string): VariableMeasureScheme => PRESETS[id]!;

/** The brief's example store: 24 IIIII WWWWW K, weight in grams, no verifier. */
const produce: VariableMeasureScheme = {
  id: 'produce',
  name: 'test produce',
  rules: [
    {
      prefixes: ['24'],
      itemDigits: 5,
      measure: 'weight',
      valueDigits: 5,
      decimals: 3,
      priceCheckDigit: false,
    },
  ],
};

describe('GS1 price check digit', () => {
  it('matches the worked examples of GS1 General Specifications 7.9.3 and 7.9.4', () => {
    // 4 digits 2875: products 4 5 1 3 → 13 × 3 = 39 → 9.
    expect(priceCheckDigit('2875')).toBe(9);
    // 5 digits 14685: products 5 8 7 4 9 → 33; 40 − 33 = 7; the digit whose 5- product is 7 is 6.
    expect(priceCheckDigit('14685')).toBe(6);
  });

  it('agrees with the weighting-factor rules written out digit by digit', () => {
    const units = (n: number) => ((n % 10) + 10) % 10;
    const tens = (n: number) => Math.floor(n / 10);
    const twoMinus = (d: number) => units(d * 2 - tens(d * 2));
    const three = (d: number) => units(d * 3);
    const fivePlus = (d: number) => units(d * 5 + tens(d * 5));
    const fiveMinus = (d: number) => units(d * 5 - tens(d * 5));
    fc.assert(
      fc.property(fc.array(fc.nat(9), { minLength: 5, maxLength: 5 }), (d) => {
        const four = units((twoMinus(d[0]!) + twoMinus(d[1]!) + three(d[2]!) + fiveMinus(d[3]!)) * 3);
        expect(priceCheckDigit(d.slice(0, 4).join(''))).toBe(four);
        const sum = fivePlus(d[0]!) + twoMinus(d[1]!) + fiveMinus(d[2]!) + fivePlus(d[3]!) + twoMinus(d[4]!);
        const five = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((c) => fiveMinus(c) === units(10 - units(sum)));
        expect(priceCheckDigit(d.join(''))).toBe(five);
      }),
    );
  });

  it('has no digit for fields of other lengths or with letters', () => {
    expect(priceCheckDigit('123')).toBeNull();
    expect(priceCheckDigit('123456')).toBeNull();
    expect(priceCheckDigit('12a4')).toBeNull();
    expect(priceCheckDigit('0000')).toBe(0);
    expect(priceCheckDigit('00000')).toBe(0);
  });

  it('catches every single-digit error in a 4- or 5-digit field', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{4,5}$/),
        fc.nat(4),
        fc.integer({ min: 1, max: 9 }),
        (field, at, delta) => {
          const pos = at % field.length;
          const wrong = field.slice(0, pos) + ((Number(field[pos]) + delta) % 10) + field.slice(pos + 1);
          expect(priceCheckDigit(wrong)).not.toBe(priceCheckDigit(field));
        },
      ),
    );
  });
});

describe('parsing variable-measure labels', () => {
  it('reads real German in-store labels (snabble SDK fixtures) with the de preset', () => {
    expect(parseVariableMeasure('2957783000742', preset('de'))).toMatchObject({
      ok: true,
      itemCode: '5778',
      lookupGtin14: '02957780000004',
      measure: 'price',
      value: 74,
    });
    expect(parseVariableMeasure('2423230001544', preset('de'))).toMatchObject({
      ok: true,
      itemCode: '2323',
      measure: 'weight',
      value: 154,
    });
    expect(parseVariableMeasure('2523232000061', preset('de'))).toMatchObject({ measure: 'count', value: 6 });
    expect(parseVariableMeasure('2623237002494', preset('de'))).toMatchObject({
      measure: 'price',
      value: 249,
    });
  });

  it('maps a weighed label to the catalog row of its PLU item', () => {
    // Catalog row 2400001000005 "Apples, Fuji" per kg; the scale printed 1.234 kg on it.
    const parsed = parseVariableMeasure('2400001012343', produce);
    expect(parsed).toEqual({
      ok: true,
      itemCode: '00001',
      lookupGtin14: '02400001000005',
      measure: 'weight',
      value: 1234,
      rule: produce.rules[0],
    });
    expect(checkGtin('2400001000005')).toMatchObject({ ok: true, gtin14: '02400001000005' });
  });

  it('converts printed decimals to integer units exactly', () => {
    const se = preset('se');
    expect(parseVariableMeasure(withCheckDigit('200000011234'), se)).toMatchObject({
      measure: 'price',
      value: 1234,
    });
    expect(parseVariableMeasure(withCheckDigit('210000011234'), se)).toMatchObject({ value: 12340 });
    expect(parseVariableMeasure(withCheckDigit('220000011234'), se)).toMatchObject({ value: 123400 });
    expect(parseVariableMeasure(withCheckDigit('230000011234'), se)).toMatchObject({
      measure: 'weight',
      value: 1234,
    });
    expect(parseVariableMeasure(withCheckDigit('240000011234'), se)).toMatchObject({ value: 12340 });
    expect(parseVariableMeasure(withCheckDigit('250000011234'), se)).toMatchObject({ value: 123400 });
    // A currency with no minor unit counts a price printed without decimals as it is.
    expect(parseVariableMeasure(withCheckDigit('220000011234'), se, 0)).toMatchObject({ value: 1234 });
    // The Chinese example 21 06013 04008: ¥40.08 is 4008 fen.
    expect(parseVariableMeasure('2106013040083', preset('cn'))).toMatchObject({
      itemCode: '06013',
      value: 4008,
    });
  });

  it('reads a UK price label and its verifier', () => {
    const label = encodeVariableMeasure('12345', 2875, preset('uk').rules[0]!);
    expect(label).toEqual({ ok: true, code: withCheckDigit('201234592875') });
    expect(parseVariableMeasure(withCheckDigit('201234592875'), preset('uk'))).toMatchObject({
      ok: true,
      itemCode: '12345',
      lookupGtin14: withCheckDigit('201234500000').padStart(14, '0'),
      measure: 'price',
      value: 2875,
    });
    // UPC-A number system 2 as EAN-13.
    expect(parseVariableMeasure(withCheckDigit('023456792875'), preset('generic'))).toMatchObject({
      itemCode: '34567',
      value: 2875,
    });
  });

  it('names what is wrong', () => {
    expect(parseVariableMeasure('2957784000742', preset('de'))).toEqual({
      ok: false,
      reason: 'bad_check_digit',
      message: '"2957784000742" has check digit 2; it should be 1',
    });
    expect(parseVariableMeasure('2957784000741', preset('de'))).toEqual({
      ok: false,
      reason: 'bad_price_check_digit',
      message: '"2957784000741" has price check digit 4 for price 00074; it should be 3',
    });
    expect(parseVariableMeasure('4006381333931', preset('de'))).toMatchObject({
      ok: false,
      reason: 'not_variable_measure',
    });
    expect(parseVariableMeasure(withCheckDigit('200000012345'), preset('de'))).toEqual({
      ok: false,
      reason: 'no_rule',
      message: `"${withCheckDigit('200000012345')}": scheme "de" has no rule for prefix 20`,
    });
    expect(parseVariableMeasure('29577830007', preset('de'))).toMatchObject({
      ok: false,
      reason: 'not_ean13',
    });
    const broken: VariableMeasureScheme = {
      id: 'x',
      name: 'x',
      rules: [{ ...produce.rules[0]!, itemDigits: 4 }],
    };
    expect(parseVariableMeasure('2400001012343', broken)).toMatchObject({
      ok: false,
      reason: 'bad_rule',
      message: 'scheme "x", prefix "24": prefix "24" + 4 item + 5 value + 1 check digits is 12, not 13',
    });
  });

  it('lets a longer prefix refine a shorter one', () => {
    const scheme: VariableMeasureScheme = {
      id: 'nested',
      name: 'nested',
      rules: [
        {
          prefixes: ['24'],
          itemDigits: 5,
          measure: 'weight',
          valueDigits: 5,
          decimals: 3,
          priceCheckDigit: false,
        },
        {
          prefixes: ['245'],
          itemDigits: 4,
          measure: 'count',
          valueDigits: 5,
          decimals: 0,
          priceCheckDigit: false,
        },
      ],
    };
    expect(parseVariableMeasure(withCheckDigit('245123400007'), scheme)).toMatchObject({
      measure: 'count',
      value: 7,
    });
    expect(parseVariableMeasure(withCheckDigit('241123400007'), scheme)).toMatchObject({ measure: 'weight' });
  });
});

describe('rule tables', () => {
  it('ships presets whose every rule fills exactly 13 digits', () => {
    for (const scheme of Object.values(PRESETS)) expect(schemeProblem(scheme)).toBeNull();
    expect(Object.keys(PRESETS)).toEqual(expect.arrayContaining(['generic', 'uk', 'de', 'se', 'cn']));
  });

  it('refuses rules that cannot work', () => {
    const base: VariableMeasureRule = produce.rules[0]!;
    expect(ruleProblem({ ...base, priceCheckDigit: true, valueDigits: 3, itemDigits: 6 })).toBe(
      'a price check digit needs 4 or 5 value digits, not 3',
    );
    expect(ruleProblem({ ...base, decimals: 4 })).toBe(
      'a weight printed with 4 decimals cannot be counted in whole units with 3',
    );
    expect(ruleProblem({ ...base, measure: 'price', decimals: 2 }, 0)).toMatch(/cannot be counted/);
    expect(ruleProblem({ ...base, prefixes: ['2'] })).toBe('prefix "2" is not two or more digits');
    expect(ruleProblem({ ...base, prefixes: [] })).toBe('the rule has no prefixes');
    expect(schemeProblem({ id: 'dup', name: 'dup', rules: [base, base] })).toBe(
      'scheme "dup": prefix "24" is in two rules',
    );
  });

  it('refuses values and item codes a label cannot carry', () => {
    const rule = preset('se').rules[4]!; // weight, 2 decimals: steps of 10 g up to 99.99 kg
    expect(encodeVariableMeasure('000001', 1235, rule)).toMatchObject({ ok: false, reason: 'bad_value' });
    expect(encodeVariableMeasure('000001', 100_000, rule)).toMatchObject({ ok: false, reason: 'bad_value' });
    expect(encodeVariableMeasure('000001', -10, rule)).toMatchObject({ ok: false, reason: 'bad_value' });
    expect(encodeVariableMeasure('000001', 99_990, rule)).toMatchObject({ ok: true });
    expect(encodeVariableMeasure('00001', 10, rule)).toMatchObject({ ok: false, reason: 'bad_item_code' });
    expect(encodeVariableMeasure('000001', 10, rule, { prefix: '29' })).toMatchObject({
      reason: 'bad_prefix',
    });
  });
});

describe('round trips', () => {
  const cases = Object.values(PRESETS).flatMap((scheme) =>
    scheme.rules.flatMap((rule) => rule.prefixes.map((prefix) => ({ scheme, rule, prefix }))),
  );

  it('parses back every label it encodes, for every prefix of every preset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.nat(),
        fc.nat(),
        ({ scheme, rule, prefix }, itemSeed, valueSeed) => {
          const itemCode = String(itemSeed % 10 ** rule.itemDigits).padStart(rule.itemDigits, '0');
          const scale =
            10 ** ((rule.measure === 'weight' ? 3 : rule.measure === 'price' ? 2 : 0) - rule.decimals);
          const value = (valueSeed % 10 ** rule.valueDigits) * scale;
          const label = encodeVariableMeasure(itemCode, value, rule, { prefix });
          if (!label.ok) throw new Error(label.message);
          const parsed = parseVariableMeasure(label.code, scheme);
          expect(parsed).toMatchObject({ ok: true, itemCode, value, measure: rule.measure });
          if (!parsed.ok) return;
          const key = encodeVariableMeasure(itemCode, 0, rule, { prefix });
          expect(key.ok && key.code.padStart(14, '0')).toBe(parsed.lookupGtin14);
        },
      ),
    );
  });

  it('never throws on any 13 digits, nor on any string', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^2\d{12}$/),
        fc.constantFrom(...Object.values(PRESETS)),
        (code, scheme) => {
          const parsed = parseVariableMeasure(code, scheme);
          expect(parsed.ok || parsed.message.length > 0).toBe(true);
          if (parsed.ok) expect(Number.isSafeInteger(parsed.value)).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...Object.values(PRESETS)), (code, scheme) => {
        expect(typeof parseVariableMeasure(code, scheme).ok).toBe('boolean');
      }),
    );
  });
});
