// Amounts in a CSV: decimals in the currency's own units (12.50), as a spreadsheet reads them.
import { currencyExponent, minorToDecimal } from '../../../core/money';

// A negative amount (a short drawer) goes as a number: as text, the CSV writer would guard its leading
// '-' against formulas with an apostrophe, and a spreadsheet would no longer add it up.
export function decimal(minor: number | null, currency: string): string | number {
  if (minor === null) return '';
  const text = minorToDecimal(minor, currencyExponent(currency));
  return minor < 0 ? Number(text) : text;
}
