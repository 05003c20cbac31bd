// What the restriction forms read from their fields: hours as `22:00-07:00; 12:00-13:00`, whole numbers
// in a range, empty for none. A problem is a key of the screen's words, never a sentence of its own.
import { parseNoSale, type TimeWindow } from '../../../core/restrictions';

export type Parsed<T> = { ok: true; value: T } | { ok: false };

/** Windows from the hours field; `ok: false` when any part is not HH:MM-HH:MM. */
export function hoursField(text: string): Parsed<TimeWindow[]> {
  const problems: string[] = [];
  const value = parseNoSale(text, problems);
  return problems.length > 0 ? { ok: false } : { ok: true, value };
}

/** A whole number from `min` to `max`, or null for an empty field. */
export function wholeField(text: string, min: number, max: number): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d{1,5}$/.test(trimmed)) return { ok: false };
  const n = Number(trimmed);
  return n >= min && n <= max ? { ok: true, value: n } : { ok: false };
}
