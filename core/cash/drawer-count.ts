// Counting a float or a drawer: how many of each note and coin, into one total. A count is typed by
// hand at shift open and close, so every wrong entry is named at once instead of one per attempt.
import { currencyExponent, minorToDecimal } from '../money';
import { fail, ok, type Result } from '../result';
import { denominationsOf } from './denominations';

/** How many of each denomination, keyed by its value in minor units (`{ "10000": 3, "50": 4 }`). */
export type DenominationCount = Readonly<Record<string, number>>;

/** A counted drawer: its total in minor units and the counts it was made of (zero counts dropped). */
export interface CountedDrawer {
  currency: string;
  total: number;
  counts: Readonly<Record<string, number>>;
}

/**
 * Adds up a count of `currency`'s notes and coins. Refuses (`invalid_count`, every problem named and
 * in details) a value that is not one of the currency's denominations and a count that is not a whole
 * number ≥ 0; `unknown_currency` for a currency with no table.
 */
export function countDrawer(currency: string, counts: DenominationCount): Result<CountedDrawer> {
  const table = denominationsOf(currency);
  if (!table.ok) return table;
  const exponent = currencyExponent(currency);
  const known = new Set(table.value.map((d) => String(d.value)));
  const problems: string[] = [];
  let total = 0;
  const kept: Record<string, number> = {};
  for (const [value, count] of Object.entries(counts)) {
    const face = /^\d+$/.test(value) ? minorToDecimal(Number(value), exponent) : JSON.stringify(value);
    if (!known.has(value)) problems.push(`${face} is not a ${currency} note or coin`);
    else if (!Number.isSafeInteger(count) || count < 0)
      problems.push(`the count of ${face} must be a whole number of 0 or more, got ${count}`);
    else if (count > 0) {
      kept[value] = count;
      total += Number(value) * count;
    }
  }
  if (problems.length > 0)
    return fail('invalid_count', `The ${currency} count: ${problems.join('; ')}`, { problems });
  if (!Number.isSafeInteger(total))
    return fail('invalid_count', `The ${currency} count adds up past what can be counted exactly`);
  return ok({ currency: currency.toUpperCase(), total, counts: kept });
}
