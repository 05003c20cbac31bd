import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCodePatterns, DEFAULT_CODE_PATTERNS } from './code-patterns';
import { interpretScan, type ScanRules } from './interpret';
import { PRESETS } from './variable-measure';

const compiled = compileCodePatterns(DEFAULT_CODE_PATTERNS);
if (!compiled.ok) throw new Error(compiled.message);
const RULES: ScanRules = {
  patterns: compiled.value,
  variableMeasure: PRESETS.cn!,
  currencyMinorDigits: 2,
  referenceYear: 2026,
};
const read = (raw: string, rules: ScanRules = RULES) => interpretScan(raw, rules);

describe('retail codes', () => {
  it('reads EAN-13, UPC-A and GTIN-14 as the one GTIN-14 they stand for', () => {
    expect(read('4006381333931')).toEqual({
      aim: null,
      kind: 'retail',
      symbology: 'EAN-13',
      printed: '4006381333931',
      candidates: ['04006381333931'],
      addOn: null,
    });
    expect(read(']E0036000291452')).toMatchObject({
      aim: ']E0',
      symbology: 'UPC-A',
      candidates: ['00036000291452'],
    });
    expect(read('10036000291459')).toMatchObject({ symbology: 'GTIN-14', candidates: ['10036000291459'] });
  });

  it('expands a UPC-E and tries both readings of 8 digits without an identifier', () => {
    expect(read(']E001234565')).toMatchObject({ symbology: 'UPC-E', candidates: ['00012345000065'] });
    expect(read(']E496385074')).toMatchObject({ symbology: 'EAN-8', candidates: ['00000096385074'] });
    expect(read('04252614')).toMatchObject({ candidates: ['00042100005264'] }); // not a valid EAN-8
  });

  it('keeps a 2- or 5-digit add-on apart from the product code', () => {
    expect(read(']E3977123456700308')).toMatchObject({ printed: '9771234567003', addOn: '08' });
  });

  it('names a wrong check digit or length', () => {
    expect(read('4006381333932')).toMatchObject({
      kind: 'unrecognised',
      reason: 'bad_check_digit',
      message: expect.stringContaining('it should be 1'),
    });
    expect(read('12345')).toMatchObject({ kind: 'unrecognised', reason: 'wrong_length' });
  });
});

describe('in-store scale labels', () => {
  it('reads the weight from a label under the store scheme, keyed to the product with the value zeroed', () => {
    expect(read('2200042012346')).toEqual({
      aim: null,
      kind: 'variable_measure',
      printed: '2200042012346',
      scheme: 'cn',
      itemCode: '00042',
      lookupGtin14: '02200042000008',
      measure: 'weight',
      value: 1234,
    });
  });

  it('reads an embedded price in minor units', () => {
    expect(read(']E02000015039994')).toMatchObject({
      kind: 'variable_measure',
      measure: 'price',
      value: 3999,
    });
  });

  it('reads the same code as a plain product when the store prints no scale labels', () => {
    expect(read('2200042012346', { ...RULES, variableMeasure: null })).toMatchObject({
      kind: 'retail',
      candidates: ['02200042012346'],
    });
  });
});

describe('GS1 codes', () => {
  it('reads a GS1 DataMatrix with lot, expiry and serial', () => {
    const scan = read(']d2010950600013435217261231\u001d10ABC123\u001d21SER-0001');
    expect(scan).toMatchObject({
      aim: ']d2',
      kind: 'gs1',
      form: 'element_string',
      fields: { gtin14: '09506000134352', expiry: '2026-12-31', lot: 'ABC123', serial: 'SER-0001' },
    });
  });

  it('reads GS1 data from a scanner that sends no identifier, and the bracketed form', () => {
    expect(read('0109506000134352\u001d10LOT7')).toMatchObject({ kind: 'gs1', fields: { lot: 'LOT7' } });
    expect(read('(01)09506000134352(3103)000750')).toMatchObject({
      kind: 'gs1',
      fields: { gtin14: '09506000134352', netWeightGrams: 750 },
    });
  });

  it('reads a GS1 Digital Link QR on any domain', () => {
    expect(
      read(']Q1https://id.example.com/01/09506000134352/10/ABC?17=261100&linkType=gs1:pip'),
    ).toMatchObject({
      kind: 'gs1',
      form: 'digital_link',
      fields: { gtin14: '09506000134352', lot: 'ABC', expiry: '2026-11-30' },
      link: { domain: 'id.example.com', otherParams: { linkType: 'gs1:pip' } },
    });
  });

  it('says what is wrong with a bad GS1 code', () => {
    expect(read(']C10109506000134353')).toMatchObject({ kind: 'unrecognised', reason: 'bad_check_digit' });
    expect(read(']d2019506000134352\u001d99x')).toMatchObject({ kind: 'unrecognised' });
    expect(read('https://shop.example.com/about')).toMatchObject({
      kind: 'unrecognised',
      reason: 'unknown_url',
    });
  });
});

describe('GS1 pairing rules', () => {
  it('refuses AIs the GS1 Syntax Dictionary forbids together, naming the rule', () => {
    expect(read(']d20109506000134352\u001d0209506000134352')).toEqual({
      aim: ']d2',
      kind: 'unrecognised',
      reason: 'conflicting_ai',
      message:
        'This GS1 code cannot be read: AI (01) GTIN and AI (02) CONTENT must not appear together (GS1 rule "02 ex=01,03")',
    });
    expect(read('https://id.example.com/01/09506000134352?3103=000750&3102=000075')).toMatchObject({
      kind: 'unrecognised',
      reason: 'conflicting_ai',
      message: expect.stringContaining('(GS1 rule "3103 ex=310n")'),
    });
  });

  it('reads a code missing a required partner, with a warning naming the partner', () => {
    const scan = read(']d20109506000134352250SECOND-7');
    expect(scan).toMatchObject({ kind: 'gs1', fields: { gtin14: '09506000134352' } });
    expect(scan.kind === 'gs1' && scan.warnings).toEqual([
      {
        code: 'missing_required_ai',
        ai: '250',
        message:
          'AI (250) SECONDARY SERIAL needs AI (01) + (21), (03) + (21) or (8006) + (21) on the same label (GS1 rule "250 req=01+21,03+21,8006+21")',
      },
    ]);
    const link = read('https://id.example.com/01/09506000134352?3922=1990');
    expect(link.kind === 'gs1' && link.warnings?.map((w) => w.ai)).toEqual(['3922']);
  });

  it('gives no warnings at all when every partner is there', () => {
    const scan = read(']d20109506000134352250SECOND-7\u001d21S1');
    expect(scan.kind === 'gs1' && 'warnings' in scan).toBe(false);
  });
});

describe('codes that are not products', () => {
  it('recognises wallet payment codes, masked for display', () => {
    expect(read('134512345678907788')).toEqual({
      aim: null,
      kind: 'wallet',
      provider: 'wechat',
      code: '134512345678907788',
      masked: '1345****7788',
    });
    expect(read(']Q1286512345678901234')).toMatchObject({ kind: 'wallet', provider: 'alipay' });
  });

  it('recognises member and staff codes by the store patterns', () => {
    expect(read('MEM20260001')).toEqual({
      aim: null,
      kind: 'member',
      program: 'loyalty',
      memberId: '20260001',
    });
    expect(read('STAFF-A17')).toMatchObject({ kind: 'unrecognised' }); // too short for the badge pattern
    expect(read('STAFF-A170')).toEqual({ aim: null, kind: 'staff', badgeId: 'A170' });
  });

  it('calls anything else unrecognised, with the reason', () => {
    expect(read('')).toMatchObject({ kind: 'unrecognised', reason: 'empty' });
    expect(read('hello world')).toMatchObject({ kind: 'unrecognised', reason: 'unknown_format' });
  });
});

// Digits and GS separators behind an optional AIM identifier: the input that reaches the deepest parsers.
const scannerLike = fc
  .tuple(
    fc.option(fc.constantFrom(']E0', ']E3', ']E4', ']C1', ']d2', ']Q3', ']e0'), { nil: '' }),
    fc.array(fc.constantFrom('0', '1', '2', '3', '5', '7', '9', '\u001d'), { maxLength: 40 }),
  )
  .map(([aim, chars]) => aim + chars.join(''));

describe('any input', () => {
  it('never throws and always gives a kind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        expect(typeof read(raw).kind).toBe('string');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(scannerLike, (raw) => {
        expect(typeof read(raw).kind).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
