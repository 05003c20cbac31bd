/** ISO 4217 numeric codes (as tag 53 carries them) for the currencies payment QR schemes use. */
import { currencyExponent } from '../../money';

// prettier-ignore
const ALPHA_BY_NUMERIC: Readonly<Record<string, string>> = {
  '032': 'ARS', '036': 'AUD', '048': 'BHD', '050': 'BDT', '104': 'MMK', '116': 'KHR', '124': 'CAD',
  '144': 'LKR', '152': 'CLP', '156': 'CNY', '170': 'COP', '203': 'CZK', '208': 'DKK', '344': 'HKD',
  '348': 'HUF', '356': 'INR', '360': 'IDR', '376': 'ILS', '392': 'JPY', '400': 'JOD', '404': 'KES',
  '410': 'KRW', '414': 'KWD', '418': 'LAK', '446': 'MOP', '458': 'MYR', '484': 'MXN', '512': 'OMR',
  '524': 'NPR', '554': 'NZD', '566': 'NGN', '578': 'NOK', '586': 'PKR', '604': 'PEN', '608': 'PHP',
  '643': 'RUB', '682': 'SAR', '702': 'SGD', '704': 'VND', '710': 'ZAR', '752': 'SEK', '756': 'CHF',
  '764': 'THB', '784': 'AED', '788': 'TND', '818': 'EGP', '826': 'GBP', '840': 'USD', '901': 'TWD',
  '949': 'TRY', '978': 'EUR', '985': 'PLN', '986': 'BRL',
};

const NUMERIC_BY_ALPHA: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ALPHA_BY_NUMERIC).map(([numeric, alpha]) => [alpha, numeric]),
);

/** The alphabetic code of an ISO 4217 numeric code ("986" → "BRL"), or undefined when unknown. */
export function currencyAlpha(numeric: string): string | undefined {
  return ALPHA_BY_NUMERIC[numeric];
}

/** The numeric code of an ISO 4217 alphabetic code ("THB" → "764"), or undefined when unknown. */
export function currencyNumeric(alpha: string): string | undefined {
  return NUMERIC_BY_ALPHA[alpha.toUpperCase()];
}

/** Minor-unit digits for a numeric code, or undefined when the code is not one OpenLane knows. */
export function numericExponent(numeric: string): number | undefined {
  const alpha = currencyAlpha(numeric);
  return alpha === undefined ? undefined : currencyExponent(alpha);
}
