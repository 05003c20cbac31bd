import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTenders } from '../payment/tenders';
import { settleCash } from './settle';

describe('cash against the rest of a sale, with cash rounding', () => {
  // Decision table: due, handed, increment, last → cash amount, adjustment, change, remaining.
  it.each([
    [3742, 5000, 10, true, 3740, -2, 1260, 0], // CNY ¥37.42 rounds to ¥37.40; ¥50 → ¥12.60 change
    [3745, 5000, 10, true, 3750, 5, 1250, 0], // tie goes up
    [3740, 3740, 10, true, 3740, 0, 0, 0], // exact, nothing to round
    [1023, 1025, 5, true, 1025, 2, 0, 0], // CHF 10.23 paid with exactly 10.25
    [1022, 1020, 5, true, 1020, -2, 0, 0], // CHF 10.22 paid with exactly 10.20
    [3742, 2000, 10, false, 2000, 0, 0, 1742], // part payment: no rounding, the QR pays ¥17.42 exactly
    [3742, 3742, 1, true, 3742, 0, 0, 0], // increment 1: no rounding
  ])(
    'due %i, handed %i, increment %i, last %s → cash %i, adjustment %i, change %i, remaining %i',
    (due, handed, increment, last, amount, adjustment, change, remaining) => {
      const result = settleCash(due, handed, increment, last);
      expect(result).toEqual({
        ok: true,
        value: { tender: { kind: 'cash', amount, tendered: handed }, adjustment, change, remaining },
      });
    },
  );

  it('a rest that rounds to nothing needs no cash: the adjustment clears it, any cash goes back', () => {
    expect(settleCash(2, 0, 5, true)).toEqual({
      ok: true,
      value: { adjustment: -2, change: 0, remaining: 0 },
    });
    expect(settleCash(2, 100, 5, true)).toEqual({
      ok: true,
      value: { adjustment: -2, change: 100, remaining: 0 },
    });
  });

  it.each([
    [3745, 3745, 10, false, 3750, 5], // covers the unrounded due but not the rounded cash due
    [3745, 3700, 10, true, 3750, 50], // short as the last tender
    [1023, 1023, 5, true, 1025, 2],
    [3742, 3740, 1, true, 3742, 2], // increment 1: no rounding down to what was handed
  ])(
    'refuses due %i with %i handed (increment %i, last %s): %i due, %i short',
    (due, handed, inc, last, d, short) => {
      expect(settleCash(due, handed, inc, last)).toMatchObject({
        ok: false,
        error: { code: 'cash_short', details: { due: d, handed, short } },
      });
    },
  );

  it.each([
    [0, 100, 10, 'invalid_cash'],
    [100.5, 200, 10, 'invalid_cash'],
    [100, 200, 0, 'invalid_rounding'],
    [100, 50.5, 10, 'invalid_cash'],
    [2, -1, 5, 'invalid_cash'],
  ])('refuses due %s, handed %s, increment %s (%s)', (due, handed, increment, code) => {
    expect(settleCash(due, handed, increment, true)).toMatchObject({ ok: false, error: { code } });
  });

  it('property: after a QR part, cash settles the rest — tenders − adjustment = total, change = handed − cash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom(1, 5, 10, 50, 100),
        fc.integer({ min: 0, max: 1e6 }),
        (total, qr0, increment, extra) => {
          const qr = qr0 % total; // 0 … total − 1 paid by QR first
          const due = total - qr;
          // Rounding moves the cash due by at most half the increment, so this always covers it.
          const handed = due + increment + extra;
          const result = settleCash(due, handed, increment, true);
          if (!result.ok) return false;
          const { tender, adjustment, change, remaining } = result.value;
          const tenders = [
            ...(qr > 0 ? [{ kind: 'merchant_qr' as const, amount: qr, paymentId: 'p1' }] : []),
            ...(tender ? [tender] : []),
          ];
          const paid = tenders.reduce((sum, t) => sum + t.amount, 0);
          const checked = tenders.length > 0 ? checkTenders(total + adjustment, tenders) : null;
          return (
            remaining === 0 &&
            paid - adjustment === total &&
            2 * Math.abs(adjustment) <= increment &&
            change === handed - (tender?.amount ?? 0) &&
            // With a cash tender the sale's own check finds the same change; without, all cash goes back.
            (tender ? checked?.ok === true && checked.value.change === change : change === handed)
          );
        },
      ),
    );
  });
});
