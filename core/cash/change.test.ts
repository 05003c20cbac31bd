import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTenders } from '../payment/tenders';
import { quickCashKeys, receiveCash } from './change';
import { CASH_CURRENCIES, denominationsOf } from './denominations';

describe('cash handed over', () => {
  // Decision table: due, handed, last → change, remaining (or refusal).
  it.each([
    [3740, 5000, true, 1260, 0], // ¥37.40 paid with ¥50: ¥12.60 change
    [3740, 3740, true, 0, 0], // exact cash
    [3740, 5000, false, 1260, 0], // more cash than due also completes a non-last tender
    [3740, 2000, false, 0, 1740], // part payment: ¥17.40 left for the next tender
    [1, 1, true, 0, 0], // smallest sale
  ])('due %i, handed %i, last %s → change %i, remaining %i', (due, handed, last, change, remaining) => {
    const result = receiveCash(due, handed, last);
    expect(result).toEqual({
      ok: true,
      value: { tender: { kind: 'cash', amount: Math.min(due, handed), tendered: handed }, change, remaining },
    });
  });

  it('refuses cash short of the due amount as the last tender, saying by how much', () => {
    expect(receiveCash(3740, 2000, true)).toEqual({
      ok: false,
      error: {
        code: 'cash_short',
        message: 'The cash handed over (2000) is 1740 short of the 3740 due',
        details: { due: 3740, handed: 2000, short: 1740 },
      },
    });
    expect(receiveCash(3740, 3739, true)).toMatchObject({ ok: false, error: { code: 'cash_short' } });
  });

  it.each([
    [0, 100, /amount due .* got 0/],
    [-5, 100, /amount due .* got -5/],
    [10.5, 100, /amount due .* got 10.5/],
    [100, 0, /cash handed over .* got 0/],
    [100, -100, /cash handed over .* got -100/],
    [100, 100.5, /cash handed over .* got 100.5/],
    [100, Number.NaN, /cash handed over .* got NaN/],
  ])('refuses due %s with %s handed', (due, handed, message) => {
    expect(receiveCash(due, handed, true)).toMatchObject({
      ok: false,
      error: { code: 'invalid_cash', message: expect.stringMatching(message) },
    });
  });

  it('property: change + due = tendered, and the tender passes the sale check with that change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), (due, extra) => {
        const result = receiveCash(due, due + extra, true);
        if (!result.ok) return false;
        const { tender, change, remaining } = result.value;
        const checked = checkTenders(due, [tender]);
        return (
          change + due === tender.tendered && remaining === 0 && checked.ok && checked.value.change === change
        );
      }),
    );
  });

  it('property: a part payment leaves exactly the rest due and gives no change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1e10 }), fc.integer({ min: 1, max: 1e10 }), (due, handed0) => {
        const handed = (handed0 % (due - 1)) + 1; // 1 … due − 1
        const result = receiveCash(due, handed, false);
        return result.ok && result.value.change === 0 && result.value.remaining + handed === due;
      }),
    );
  });
});

describe('quick-cash keys', () => {
  it.each([
    ['CNY', 3740, [4000, 5000, 10_000]], // the example: ¥37.40 → ¥40, ¥50, ¥100
    ['CNY', 4000, [4000, 5000, 10_000]], // on a note boundary: the amount itself is a key
    ['CNY', 1, [500, 1000, 2000]], // ¥0.01 → ¥5, ¥10, ¥20 (¥1 is a coin)
    ['CNY', 43_740, [44_000, 45_000, 50_000]], // ¥437.40 past the largest note
    ['USD', 327, [400, 500, 1000]], // $3.27 → $4, $5, $10
    ['USD', 1999, [2000, 5000, 10_000]],
    ['EUR', 1234, [1500, 2000, 5000]], // €12.34 → €15, €20, €50
    ['GBP', 1234, [1500, 2000, 5000]],
    ['CHF', 1225, [2000, 5000, 10_000]], // CHF 12.25 → 20, 50, 100
    ['JPY', 1280, [2000, 5000, 10_000]], // ¥1,280 → ¥2,000, ¥5,000, ¥10,000
    ['HKD', 3740, [4000, 5000, 10_000]],
    ['SGD', 370, [400, 500, 1000]], // S$3.70 → S$4 (on S$2), S$5, S$10
    ['THB', 3700, [4000, 5000, 10_000]], // ฿37 → ฿40, ฿50, ฿100
  ])('%s due %i → %j', (currency, due, keys) => {
    expect(quickCashKeys(currency, due)).toEqual({ ok: true, value: keys });
  });

  it('gives as many keys as asked, or fewer when there are fewer distinct amounts', () => {
    expect(quickCashKeys('CNY', 3740, 1)).toEqual({ ok: true, value: [4000] });
    // £50 due: £50 (on £5, £10, £50 notes) and £60 (three £20s), nothing else.
    expect(quickCashKeys('GBP', 5000, 10)).toEqual({ ok: true, value: [5000, 6000] });
  });

  it.each([
    ['XYZ', 100, 3, 'unknown_currency'],
    ['CNY', 0, 3, 'invalid_cash'],
    ['CNY', -100, 3, 'invalid_cash'],
    ['CNY', 12.5, 3, 'invalid_cash'],
    ['CNY', 100, 0, 'invalid_cash'],
    ['CNY', 100, 1.5, 'invalid_cash'],
  ])('refuses %s due %s with %s keys (%s)', (currency, due, count, code) => {
    expect(quickCashKeys(currency, due, count)).toMatchObject({ ok: false, error: { code } });
  });

  it('property: keys are distinct, sorted, ≥ due, each a whole number of one of the notes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASH_CURRENCIES),
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 8 }),
        (currency, due, count) => {
          const result = quickCashKeys(currency, due, count);
          const table = denominationsOf(currency);
          if (!result.ok || !table.ok) return false;
          const keys = result.value;
          const notes = table.value.filter((d) => d.kind === 'note').map((d) => d.value);
          return (
            keys.length >= 1 &&
            keys.length <= count &&
            keys.every((k, i) => k >= due && (i === 0 || k > keys[i - 1]!)) &&
            keys.every((k) => notes.some((n) => k % n === 0 && k - due < n))
          );
        },
      ),
    );
  });
});
