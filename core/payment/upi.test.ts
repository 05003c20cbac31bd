import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentPayload as fixture } from '../../test/helpers/fixtures';
import { formatUpiLink, isValidUpiAmount, isValidVpa, parseUpiLink, type UpiLink } from './upi';

describe('UPI links', () => {
  it("reads NPCI's linking sample, dropping its sloppy minimum amount with a warning", () => {
    const result = parseUpiLink(fixture('upi-npci-linking-sample'));
    expect(result).toEqual({
      ok: true,
      link: {
        payeeAddress: 'nadeem@npci',
        payeeName: 'nadeem chinna',
        merchantCode: '0000',
        transactionId: 'cxnkjcnkjdfdvjndkjfvn',
        transactionRef: '4894398cndhcd23',
        note: 'Pay to mystar store',
        amount: '10',
        currency: 'INR',
        url: 'https://mystar.com/orderid=9298yw89e8973e87389e78923ue892',
      },
      warnings: [
        {
          code: 'bad_minimum_amount',
          param: 'mam',
          message: 'minimum amount "null" is not an amount; it is ignored',
        },
      ],
    });
  });

  it('refuses the widely copied sample whose percent-encoding is broken, naming the parameter', () => {
    expect(parseUpiLink(fixture('upi-npci-linking-sample-2'))).toEqual({
      ok: false,
      error: {
        code: 'bad_percent_encoding',
        param: 'pn',
        message: 'pn=Zeeshan%Khan is not valid percent-encoding',
      },
    });
  });

  it('refuses a bad payee address, amount or currency, and what is not a UPI link', () => {
    const code = (text: string) => {
      const result = parseUpiLink(text);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(code('upi://pay?pa=shop@okaxis&pn=Shop&am=12.50&cu=INR')).toBe('ok');
    expect(code('UPI://PAY?pa=shop@okaxis&pn=Shop')).toBe('ok');
    expect(code('upi://pay?pa=shop&pn=Shop')).toBe('bad_vpa');
    expect(code('upi://pay?pa=s@1bank&pn=Shop')).toBe('bad_vpa');
    expect(code('upi://pay?pn=Shop&am=1')).toBe('missing_payee');
    expect(code('upi://pay?pa=shop@okaxis&am=12.505')).toBe('bad_amount');
    expect(code('upi://pay?pa=shop@okaxis&am=0.00')).toBe('bad_amount');
    expect(code('upi://pay?pa=shop@okaxis&am=-5')).toBe('bad_amount');
    expect(code('upi://pay?pa=shop@okaxis&am=1&cu=USD')).toBe('bad_currency');
    expect(code('upi://pay?pa=shop@okaxis&pa=thief@okaxis')).toBe('duplicate_param');
    expect(code('https://pay?pa=shop@okaxis')).toBe('not_upi');
    const lenient = parseUpiLink('upi://pay?pa=shop@okaxis&mc=54&x-extra=1');
    expect(lenient).toMatchObject({ ok: true, link: { extra: { 'x-extra': '1' } } });
    expect(lenient.ok && lenient.warnings.map((w) => w.code)).toEqual(['missing_name', 'bad_merchant_code']);
  });

  it('writes links strictly, in a fixed order, percent-encoding the values', () => {
    const link: UpiLink = {
      payeeAddress: 'fresh.mart@okicici',
      payeeName: 'Fresh Mart & Co',
      transactionRef: 'S1-T2-000381',
      note: 'Receipt S1-T2-000381',
      amount: '249.50',
      currency: 'INR',
    };
    expect(formatUpiLink(link)).toEqual({
      ok: true,
      link: 'upi://pay?pa=fresh.mart%40okicici&pn=Fresh%20Mart%20%26%20Co&tr=S1-T2-000381&tn=Receipt%20S1-T2-000381&am=249.50&cu=INR',
    });
    expect(formatUpiLink({ ...link, amount: '249.5.0' })).toMatchObject({
      ok: false,
      error: { code: 'bad_amount', param: 'am' },
    });
    expect(formatUpiLink({ ...link, payeeName: undefined })).toMatchObject({
      ok: false,
      error: { code: 'missing_name' },
    });
    expect(formatUpiLink({ ...link, currency: 'inr' })).toMatchObject({
      ok: false,
      error: { code: 'bad_currency' },
    });
    expect(isValidVpa('9876543210@ybl')).toBe(true);
    expect(isValidUpiAmount('10')).toBe(true);
    expect(isValidUpiAmount('10.')).toBe(false);
  });

  it('reads back what it writes', () => {
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
    const vpa = fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{2,20}$/), fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/))
      .map(([user, handle]) => `${user}@${handle}`);
    const amount = fc
      .integer({ min: 1, max: 10 ** 9 })
      .map((paise) => `${Math.floor(paise / 100)}.${String(paise % 100).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        vpa,
        name,
        fc.option(amount, { nil: undefined }),
        fc.option(name, { nil: undefined }),
        (pa, pn, am, tn) => {
          const link: UpiLink = {
            payeeAddress: pa,
            payeeName: pn,
            ...(am && { amount: am, currency: 'INR' }),
            ...(tn && { note: tn }),
          };
          const written = formatUpiLink(link);
          if (!written.ok) throw new Error(written.error.message);
          expect(parseUpiLink(written.link)).toEqual({ ok: true, link, warnings: [] });
        },
      ),
    );
  });
});
