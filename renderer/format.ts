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

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date (YYYY-MM-DD, as on a pack) in the shopper's language: "31 Dec 2026" or "2026-12-31".
 * Read as text, never through Date, so no time zone can move it a day. Day 00 (GS1: end of the month)
 * shows the month alone. Anything else is shown as it came.
 */
export function calendarDate(ymd: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) return ymd;
  const [, year, mm, dd] = match;
  const day = Number(dd);
  if (language === 'zh-CN') return day === 0 ? `${year}-${mm}` : ymd;
  const name = MONTHS_EN[month - 1]!;
  return day === 0 ? `${name} ${year}` : `${day} ${name} ${year}`;
}

/** A member id with its middle hidden, as on a screen others can see: "20260001" → "20****01". */
export function maskedMemberId(id: string): string {
  if (id.length <= 4) return '*'.repeat(Math.max(0, id.length - 1)) + id.slice(-1);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}
