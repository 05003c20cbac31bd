/** GS1 dates (YYMMDD, YYMM00) and date-times (YYMMDDHH[MM[SS]]) with the GS1 century rule. */
import type { Gs1Value } from './types';

/** Used when the caller gives no reference year; callers with a clock should pass the current year. */
export const DEFAULT_REFERENCE_YEAR = 2026;

type DateValue = Extract<Gs1Value, { kind: 'date' }>;
type DateTimeValue = Extract<Gs1Value, { kind: 'datetime' }>;

/** A failure description, completed into a message by the caller who knows the AI. */
export type DateOutcome<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The reference year to use: the caller's when it is a sane whole year, else the default. */
export function referenceYearOf(referenceYear: number | undefined): number {
  return Number.isInteger(referenceYear) && referenceYear! >= 1100 && referenceYear! <= 9900
    ? referenceYear!
    : DEFAULT_REFERENCE_YEAR;
}

/**
 * The full year of a two-digit GS1 year: the one from 49 years before to 50 years after the
 * reference year (GS1 General Specifications 7.12), so labels stay readable across 2099→2100.
 */
export function gs1Year(yy: number, referenceYear: number): number {
  const low = referenceYear - 49;
  return low + ((((yy - low) % 100) + 100) % 100);
}

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` for a date. */
export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Reads six digits YYMMDD; with `dayZeroAllowed`, day 00 means the last day of that month. */
export function readDate(
  yymmdd: string,
  dayZeroAllowed: boolean,
  referenceYear: number,
): DateOutcome<DateValue> {
  const year = gs1Year(Number(yymmdd.slice(0, 2)), referenceYear);
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return { ok: false, problem: `month ${pad(month, 2)} does not exist` };
  const lastDay = daysInMonth(year, month);
  if (day === 0) {
    if (!dayZeroAllowed) return { ok: false, problem: 'day 00 is not allowed in this AI' };
    day = lastDay;
  } else if (day > lastDay) {
    return {
      ok: false,
      problem: `day ${pad(day, 2)} does not exist in ${isoDate(year, month, 1).slice(0, 7)}`,
    };
  }
  return { ok: true, value: { kind: 'date', iso: isoDate(year, month, day), year, month, day } };
}

const PRECISION = { 8: 'hour', 10: 'minute', 12: 'second' } as const;

/** Reads YYMMDDHH, YYMMDDHHMM or YYMMDDHHMMSS (the caller has checked digits and length 8, 10 or 12). */
export function readDateTime(digits: string, referenceYear: number): DateOutcome<DateTimeValue> {
  const precision = PRECISION[digits.length as keyof typeof PRECISION];
  if (!precision)
    return { ok: false, problem: `${digits.length} digits; YYMMDDHH[MM[SS]] needs 8, 10 or 12` };
  const date = readDate(digits.slice(0, 6), false, referenceYear);
  if (!date.ok) return date;
  const [hour, minute, second] = [6, 8, 10].map((at) => Number(digits.slice(at, at + 2) || '0')) as [
    number,
    number,
    number,
  ];
  if (hour > 23) return { ok: false, problem: `hour ${pad(hour, 2)} does not exist` };
  if (minute > 59) return { ok: false, problem: `minute ${pad(minute, 2)} does not exist` };
  if (second > 59) return { ok: false, problem: `second ${pad(second, 2)} does not exist` };
  const { year, month, day } = date.value;
  const iso = `${date.value.iso}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return {
    ok: true,
    value: { kind: 'datetime', iso, year, month, day, hour, minute, second, precision },
  };
}
