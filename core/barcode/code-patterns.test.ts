import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyCode,
  compileCodePatterns,
  DEFAULT_CODE_PATTERNS,
  maskPaymentCode,
  type CodePatterns,
  type CompiledCodePatterns,
} from './code-patterns';
import { withCheckDigit } from './gtin';

function compile(p: CodePatterns): CompiledCodePatterns {
  const result = compileCodePatterns(p);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const defaults = compile(DEFAULT_CODE_PATTERNS);

describe('classifying non-product codes', () => {
  it('recognises wallet payment codes first', () => {
    expect(classifyCode('134567890123457788', defaults)).toEqual({
      kind: 'wallet',
      provider: 'wechat',
      code: '134567890123457788',
    });
    expect(classifyCode('287654321098765432', defaults)).toMatchObject({
      kind: 'wallet',
      provider: 'alipay',
    });
    expect(classifyCode('3012345678901234', defaults)).toMatchObject({ provider: 'alipay' });
    expect(classifyCode('251234567890123456789012', defaults)).toMatchObject({ provider: 'alipay' });
    // Wrong lengths or leading digits are not payment codes.
    expect(classifyCode('164567890123457788', defaults)).toBeNull();
    expect(classifyCode('2512345678901234567890123', defaults)).toBeNull();
    expect(classifyCode('311234567890123456', defaults)).toBeNull();
  });

  it('never takes an EAN/UPC read for a payment code', () => {
    // A GS1 US EAN-13 with a 5-digit add-on is 18 digits starting 10–13, just like a WeChat Pay code.
    const eanPlusAddOn = withCheckDigit('100123456789') + '51299';
    expect(classifyCode(eanPlusAddOn, defaults)).toMatchObject({ kind: 'wallet' });
    expect(classifyCode(eanPlusAddOn, defaults, ']E3')).toBeNull();
    expect(classifyCode('134567890123457788', defaults, ']C0')).toMatchObject({ kind: 'wallet' });
  });

  it('reads member cards and staff badges, taking the id from the capture group', () => {
    expect(classifyCode('MEM0012345678', defaults)).toEqual({
      kind: 'member',
      program: 'loyalty',
      memberId: '0012345678',
    });
    expect(classifyCode('STAFF-AB12', defaults)).toEqual({ kind: 'staff', badgeId: 'AB12' });
    expect(classifyCode('STAFF-ab12', defaults)).toBeNull();
    expect(classifyCode('xMEM0012345678', defaults)).toBeNull();
  });

  it('leaves products and everything else alone', () => {
    for (const code of [
      '4006381333931',
      '036000291452',
      '96385074',
      '10012345678902',
      'https://example.com',
      '',
    ]) {
      expect(classifyCode(code, defaults)).toBeNull();
    }
  });

  it('follows a store’s own configuration', () => {
    const store = compile({
      wallet: [{ provider: 'storepay', pattern: String.raw`SP\d{20}` }],
      member: [
        { program: 'phone', pattern: String.raw`1[3-9]\d-?\d{4}-?\d{4}` },
        { program: 'app', pattern: String.raw`https://shop\.example/m/([A-Za-z0-9]{6,32})` },
      ],
      staff: [{ pattern: String.raw`EMP\d{6}` }],
    });
    expect(classifyCode('SP12345678901234567890', store)).toMatchObject({
      kind: 'wallet',
      provider: 'storepay',
    });
    expect(classifyCode('138-1234-5678', store)).toEqual({
      kind: 'member',
      program: 'phone',
      memberId: '138-1234-5678',
    });
    expect(classifyCode('https://shop.example/m/Ab12Cd34', store)).toMatchObject({ memberId: 'Ab12Cd34' });
    expect(classifyCode('https://shop.example/m/Ab12Cd34/extra', store)).toBeNull();
    expect(classifyCode('EMP123456', store)).toEqual({ kind: 'staff', badgeId: 'EMP123456' });
    // The defaults are not in force once a store replaces them.
    expect(classifyCode('134567890123457788', store)).toBeNull();
  });

  it('anchors patterns to the whole scan, even with alternatives', () => {
    const store = compile({ wallet: [], member: [{ program: 'p', pattern: 'A\\d+|B\\d+' }], staff: [] });
    expect(classifyCode('B12', store)).toMatchObject({ memberId: 'B12' });
    expect(classifyCode('A12x', store)).toBeNull();
    expect(classifyCode('xB12', store)).toBeNull();
  });
});

describe('compiling patterns', () => {
  const empty: CodePatterns = { wallet: [], member: [], staff: [] };

  it('refuses a bad regular expression, naming it', () => {
    const result = compileCodePatterns({ ...empty, member: [{ program: 'club', pattern: 'MEM(\\d+' }] });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /^member pattern "MEM\(\\\\d\+" \(club\) is not a valid regular expression: /,
      );
  });

  it('refuses a pattern that would escape its anchors', () => {
    expect(compileCodePatterns({ ...empty, staff: [{ pattern: 'a)|(b' }] })).toMatchObject({ ok: false });
  });

  it('refuses patterns that match an empty scan, empty patterns and nameless entries', () => {
    expect(compileCodePatterns({ ...empty, staff: [{ pattern: '\\d*' }] })).toEqual({
      ok: false,
      message: 'staff pattern "\\\\d*" matches an empty scan',
    });
    expect(compileCodePatterns({ ...empty, wallet: [{ provider: 'x', pattern: '' }] })).toEqual({
      ok: false,
      message: 'wallet pattern "" (x) is empty',
    });
    expect(compileCodePatterns({ ...empty, wallet: [{ provider: ' ', pattern: '\\d{18}' }] })).toEqual({
      ok: false,
      message: 'wallet pattern "\\\\d{18}" has no name',
    });
  });

  it('never throws, whatever the patterns and the scans', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (pattern, data) => {
        const result = compileCodePatterns({ wallet: [{ provider: 'w', pattern }], member: [], staff: [] });
        if (!result.ok) {
          expect(result.message).toContain(JSON.stringify(pattern));
          return;
        }
        const found = classifyCode(data, result.value);
        expect(found === null || found.kind === 'wallet').toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (data) => {
        const found = classifyCode(data, defaults);
        if (found?.kind === 'wallet') expect(found.code).toBe(data);
      }),
    );
  });
});

describe('masking payment codes', () => {
  it('keeps the first and last four around a fixed mask', () => {
    expect(maskPaymentCode('134567890123457788')).toBe('1345****7788');
    expect(maskPaymentCode('251234567890123456789012')).toBe('2512****9012');
    expect(maskPaymentCode('123456789012345')).toBe('****');
  });

  it('never shows the middle of a code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16,24}$/), (code) => {
        const masked = maskPaymentCode(code);
        expect(masked).toBe(`${code.slice(0, 4)}****${code.slice(-4)}`);
        expect(masked).not.toContain(code.slice(4, -4));
      }),
    );
  });
});
