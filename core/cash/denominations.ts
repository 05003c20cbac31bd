// The notes and coins of a currency, in minor units of that currency (JPY has no minor unit, so ¥1 is 1).
// One entry per value: where a value is issued both as a note and a coin, the table names the form a
// drawer mostly holds, because quick-cash keys are built from notes only (a ¥1 coin must not make ¥38
// a key for ¥37.40). Notes no longer issued but still legal tender and seen at tills stay (€500,
// S$1,000); coins nobody hands over (CNY fen, THB 1–10 satang, US half dollar) are left out.
import { fail, ok, type Result } from '../result';

/** One note or coin: its face value in minor units. */
export interface Denomination {
  value: number;
  kind: 'note' | 'coin';
}

const notes = (...values: number[]): Denomination[] => values.map((value) => ({ value, kind: 'note' }));
const coins = (...values: number[]): Denomination[] => values.map((value) => ({ value, kind: 'coin' }));

// prettier-ignore
const TABLE: Readonly<Record<string, readonly Denomination[]>> = {
  // ¥1 is mostly a coin (the note exists too); 1 jiao and 5 jiao coins.
  CNY: [...coins(10, 50, 100), ...notes(500, 1000, 2000, 5000, 10_000)],
  // The $1 is mostly a note; the $1 coin and half dollar are rarely handed over.
  USD: [...coins(1, 5, 10, 25), ...notes(100, 200, 500, 1000, 2000, 5000, 10_000)],
  EUR: [...coins(1, 2, 5, 10, 20, 50, 100, 200), ...notes(500, 1000, 2000, 5000, 10_000, 20_000, 50_000)],
  GBP: [...coins(1, 2, 5, 10, 20, 50, 100, 200), ...notes(500, 1000, 2000, 5000)],
  // 1 and 2 rappen coins were withdrawn; hence cash rounding to 0.05.
  CHF: [...coins(5, 10, 20, 50, 100, 200, 500), ...notes(1000, 2000, 5000, 10_000, 20_000, 100_000)],
  JPY: [...coins(1, 5, 10, 50, 100, 500), ...notes(1000, 2000, 5000, 10_000)],
  // HK$10 is issued both ways; the note is the one a drawer mostly holds.
  HKD: [...coins(10, 20, 50, 100, 200, 500), ...notes(1000, 2000, 5000, 10_000, 50_000, 100_000)],
  SGD: [...coins(5, 10, 20, 50, 100), ...notes(200, 500, 1000, 5000, 10_000, 100_000)],
  THB: [...coins(25, 50, 100, 200, 500, 1000), ...notes(2000, 5000, 10_000, 50_000, 100_000)],
};

/** The currencies with a denomination table. */
export const CASH_CURRENCIES: readonly string[] = Object.keys(TABLE);

/** The notes and coins of `currency`, smallest first, or `unknown_currency`. */
export function denominationsOf(currency: string): Result<readonly Denomination[]> {
  const table = TABLE[currency.toUpperCase()];
  if (!table) {
    return fail(
      'unknown_currency',
      `There is no table of notes and coins for ${currency}; known: ${CASH_CURRENCIES.join(', ')}`,
    );
  }
  return ok(table);
}
