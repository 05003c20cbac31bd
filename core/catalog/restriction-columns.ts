/**
 * The catalog file's sale restriction columns (HQ's per-product rules, core/restrictions/hq-rules.ts):
 * `max_per_basket` (the most one basket may hold) and `no_sale` (hours it is not sold in). Kept apart
 * from import-rows.ts, which reads the fixed columns.
 *
 * A cell's meaning, the same as the back office's restriction panel:
 *   max_per_basket  empty: no maximum of its own; else a whole number from 1 to MAX_PER_BASKET
 *   no_sale         empty: no hours of its own (it follows its department's rule, if any);
 *                   `any`: sold at any hour, even when its department has no-sale hours;
 *                   else windows like `22:00-07:00; 12:00-13:00` (the store's local time)
 * A file WITHOUT the column leaves each product's restriction as it is (server/catalog/write.ts).
 */
import { MAX_PER_BASKET, parseNoSale, type TimeWindow } from '../restrictions';

/** The `no_sale` cell of a product sold at any hour (its department's hours do not apply). */
export const ANY_HOUR = 'any';

/** `max_per_basket`: the most per basket, or null for an empty cell; a bad one pushes its problem. */
export function parseMaxPerBasket(text: string, problems: string[]): number | null {
  if (text === '') return null;
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && n <= MAX_PER_BASKET) return n;
  problems.push(
    `max_per_basket "${text}" must be a whole number from 1 to ${MAX_PER_BASKET} (empty for no maximum)`,
  );
  return null;
}

/** `no_sale`: null (empty: follows its department), [] (`any`), or the windows; a bad one pushes its problem. */
export function parseNoSaleCell(text: string, problems: string[]): TimeWindow[] | null {
  if (text === '') return null;
  if (text.toLowerCase() === ANY_HOUR) return [];
  const found: string[] = [];
  const windows = parseNoSale(text, found);
  if (found.length === 0 && windows.length > 0) return windows;
  if (found.length === 0) found.push('it has no window'); // only separators: never "any hour" by accident
  problems.push(
    `no_sale "${text}" is not no-sale hours (${found.join('; ')}); write windows of the store's ` +
      `local time like 22:00-07:00 or 22:00-07:00; 12:00-13:00 (at most 8), "${ANY_HOUR}" for sold ` +
      'at any hour, or leave it empty to follow its department',
  );
  return null;
}
