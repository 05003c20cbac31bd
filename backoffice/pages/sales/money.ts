// Amounts in a CSV: decimals in the currency's own units (12.50), as a spreadsheet reads them.
import { currencyExponent, minorToDecimal } from '../../../core/money';

export function decimal(minor: number | null, currency: string): string {
  return minor === null ? '' : minorToDecimal(minor, currencyExponent(currency));
}
