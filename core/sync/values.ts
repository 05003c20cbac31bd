// Values HQ can store, checked where an event is read so that a value the database (or a JS number)
// cannot hold is a rejected event with its reason, never a failed request retried for ever.

/**
 * The largest quantity a line, a count or a product's on-hand may reach, either sign: 15 digits, which
 * a JS number holds exactly (Number.MAX_SAFE_INTEGER has 16) with room for sums and differences.
 */
export const MAX_QUANTITY = 999_999_999_999_999;

const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether an ISO 8601 time of the form 2025-03-01T09:30:00.000Z names a real instant: a month of the
 * year, a day that month has, a time of day, an offset PostgreSQL takes (up to ±15:59), year 1 or later.
 * A pattern alone lets `2026-13-01` or `2026-02-30` through, which the database then refuses.
 */
export function isRealTime(text: string): boolean {
  const m = PARTS.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = m[7] === undefined ? 0 : Number(m[7]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[8]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && leap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return false;
  return hour < 24 && minute < 60 && second < 60 && offsetHours <= 15 && offsetMinutes < 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
