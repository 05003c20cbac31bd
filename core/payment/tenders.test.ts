import { describe, expect, it } from 'vitest';
import { amountDue, cashTender, changeOf, checkTenders, tenderKindOf, type Tender } from './tenders';

const qr = (amount: number, paymentId = 'p1'): Tender => ({ kind: 'merchant_qr', amount, paymentId });
const code = (amount: number, paymentId = 'p2'): Tender => ({ kind: 'wallet_code', amount, paymentId });

describe('tenders of a sale', () => {
  it('one code tender of the whole total: no change', () => {
    expect(checkTenders(2140, [qr(2140)])).toEqual({ ok: true, value: { change: 0 } });
    expect(checkTenders(2140, [code(2140)])).toEqual({ ok: true, value: { change: 0 } });
  });

  it('cash for the rest of a wallet payment, 100 handed over: the change is the excess', () => {
    const tenders = [code(2000)];
    const cash = cashTender(amountDue(8750, tenders), 10_000);
    expect(cash).toEqual({ kind: 'cash', amount: 6750, tendered: 10_000 });
    expect(checkTenders(8750, [...tenders, cash])).toEqual({ ok: true, value: { change: 3250 } });
    expect(changeOf([...tenders, cash])).toBe(3250);
  });

  it('cash short of the total leaves the rest due, and is refused as the whole payment', () => {
    const cash = cashTender(8750, 5000);
    expect(cash).toEqual({ kind: 'cash', amount: 5000, tendered: 5000 });
    expect(amountDue(8750, [cash])).toBe(3750);
    expect(checkTenders(8750, [cash])).toMatchObject({
      ok: false,
      error: { code: 'invalid_tenders', message: 'The tenders pay 5000 but the total is 8750' },
    });
  });

  it('refuses amounts over the total, naming where excess cash belongs', () => {
    const result = checkTenders(1000, [{ kind: 'cash', amount: 2000 }]);
    expect(!result.ok && result.error.message).toMatch(/pay 2000 but the total is 1000.*tendered/);
  });

  it.each([
    ['no tender', 100, [], /at least one tender/],
    ['a zero total', 0, [qr(1)], /total must be/],
    [
      'a fractional amount',
      100,
      [qr(99.5), { kind: 'cash', amount: 0.5 }],
      /tender 1: amount must be whole.*tender 2: amount/,
    ],
    ['a code tender without its payment', 100, [{ kind: 'merchant_qr', amount: 100 }], /needs its payment/],
    ['cash naming a payment', 100, [{ kind: 'cash', amount: 100, paymentId: 'p1' }], /cash has no payment/],
    ['cash tendered below its amount', 100, [{ kind: 'cash', amount: 100, tendered: 50 }], /tendered \(50\)/],
    [
      'change on a code tender',
      100,
      [{ kind: 'wallet_code', amount: 100, paymentId: 'p', tendered: 200 }],
      /only cash/,
    ],
    ['one payment twice', 200, [qr(100, 'p1'), code(100, 'p1')], /same payment is used twice/],
  ] as [string, number, Tender[], RegExp][])(
    'refuses %s, saying what is wrong',
    (_name, total, tenders, message) => {
      const result = checkTenders(total, tenders);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid_tenders');
      expect(!result.ok && result.error.message).toMatch(message);
    },
  );

  it('with cash rounding: the tenders pay total + rounding, cash settling the rest', () => {
    // 12.34 due: 5.00 by wallet code, the 7.34 left paid in cash rounded to 7.30 (−4), 10.00 handed.
    const tenders = [code(500), { kind: 'cash' as const, amount: 730, tendered: 1000 }];
    expect(checkTenders(1234, tenders, -4)).toEqual({ ok: true, value: { change: 270 } });
    const unrounded = checkTenders(1234, tenders);
    expect(!unrounded.ok && unrounded.error.message).toMatch(/pay 1230 but the total is 1234/);
    const wrong = checkTenders(1234, tenders, -3);
    expect(!wrong.ok && wrong.error.message).toMatch(/cash rounding of -3 \(1231 to pay\)/);
  });

  it('refuses a rounding that cash did not settle, or that is not whole', () => {
    const codeLast = checkTenders(1234, [{ kind: 'cash', amount: 734, tendered: 734 }, code(496)], -4);
    expect(!codeLast.ok && codeLast.error.message).toMatch(/needs cash to settle the rest/);
    const half = checkTenders(1234, [{ kind: 'cash', amount: 1234, tendered: 1234 }], 0.5);
    expect(!half.ok && half.error.message).toMatch(/cash rounding must be whole/);
  });

  it('a code payment’s tender kind follows who showed the code', () => {
    expect(tenderKindOf('merchant_presented')).toBe('merchant_qr');
    expect(tenderKindOf('customer_presented')).toBe('wallet_code');
  });
});
