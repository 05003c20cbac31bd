/**
 * Money as integer minor units: currency exponents, exact decimal parsing and printing, display.
 * Nothing here computes money with floating point; decimals travel as strings of digits.
 */

/** The form of an ISO 4217 alphabetic code (CNY, EUR): how every layer checks a currency field. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/** ISO 4217 currencies whose minor unit is not 2 digits (all others, and unknown codes, use 2); kept as a table. */
// prettier-ignore
const EXPONENT_BY_CURRENCY: Readonly<Record<string, number>> = {
  // No minor unit in use.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Thousandths (fils, baisa, millime).
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // Units of account with four digits.
  CLF: 4, UYW: 4,
};

/** The number of minor-unit digits of an ISO 4217 currency (JPY 0, CNY 2, KWD 3); unknown codes get 2. */
export function currencyExponent(currency: string): number {
  return EXPONENT_BY_CURRENCY[currency.toUpperCase()] ?? 2;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses a plain decimal ("12", "12.3", "0.5") into minor units, or null when it is not one.
 * Refused: signs, spaces, "1e3", "1,000", ".5", "5.", and more decimals than `exponent`.
 */
export function parseDecimalToMinor(text: string, exponent: number): number | null {
  if (!Number.isInteger(exponent) || exponent < 0) return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  // Concatenating digit strings shifts the decimal point exactly; BigInt checks the range exactly.
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return minor > MAX_SAFE ? null : Number(minor);
}

/** Prints minor units as a plain decimal with exactly `exponent` decimals (1234, 2 → "12.34"). */
export function minorToDecimal(minor: number, exponent: number): string {
  assertSafeInteger(minor, 'minor');
  if (!Number.isInteger(exponent) || exponent < 0) {
    throw new RangeError(`exponent must be a non-negative integer, got ${exponent}`);
  }
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  const cut = digits.length - exponent;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * Formats minor units for display in a locale ("¥12.34", "€1.05", "-1,05 €").
 * The amount reaches Intl as a decimal string, so even amounts past 2^53 / 100 print exactly.
 * Throws RangeError, as Intl does, for a malformed locale tag or currency code.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return moneyFormat(locale, currency, exponent).format(minorToDecimal(minor, exponent) as `${number}`);
}

/**
 * Making an Intl.NumberFormat costs far more than using one (about 0.1 ms against microseconds): the
 * counter formats every line of the sale on each scan, so the formats are kept, per locale and currency.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    // A handful of locales and currencies in practice; a bound keeps a hostile caller from growing it.
    if (moneyFormats.size >= 64) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  return format;
}

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer count of minor units, got ${value}`);
  }
}
