// Amounts as the forms and CSV exports write them: "12.90" in the currency's own decimals.
import { currencyExponent, minorToDecimal } from '../../../core/money';

export function decimal(minor: number, currency: string): string {
  return minorToDecimal(minor, currencyExponent(currency));
}
