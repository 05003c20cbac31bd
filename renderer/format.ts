// Display formatting for the kiosk: money through core/money, weights, rates and times.
import { formatMoney } from '../core/money';
import { formatTaxRate } from '../core/pricing/totals';
import type { Language, Unit } from '../core/types';

/**
 * Shelf labels show a currency's home symbol ("¥", not "CN¥"), so prices print in the currency's
 * home locale when we know it; otherwise in the shopper's language.
 */
const HOME_LOCALE: Readonly<Record<string, string>> = { CNY: 'zh-CN' };
const LANGUAGE_LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', 'zh-CN': 'zh-CN' };

/** Minor units as the shopper reads money, e.g. 1250 CNY → "¥12.50". */
export function money(minor: number, currency: string, language: Language): string {
  return formatMoney(minor, currency, HOME_LOCALE[currency] ?? LANGUAGE_LOCALE[language]);
}

/** Grams as kilograms with three decimals, computed on integers: 1234 → "1.234 kg". */
export function kilograms(grams: number): string {
  const whole = Math.trunc(grams / 1000);
  const rest = String(Math.abs(grams % 1000)).padStart(3, '0');
  return `${whole}.${rest} kg`;
}

/** A line's quantity: a count for pieces, kilograms for weighed items. */
export function quantityText(unit: Unit, quantity: number): string {
  return unit === 'kg' ? kilograms(quantity) : String(quantity);
}

/** A tax rate in basis points as a percentage, "13%". */
export function taxRate(bp: number): string {
  return formatTaxRate(bp);
}

/** A receipt time in the shopper's language, e.g. "22 Nov 2025, 14:03". */
export function dateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LANGUAGE_LOCALE[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Seconds left as m:ss for the payment countdown. */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
