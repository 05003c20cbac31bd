// Sale restrictions a store sets by department or GTIN (SAP calls them sales restrictions): hours in
// which an item is not sold (e.g. no alcohol 22:00–07:00) and a most a basket may hold (e.g. two packs
// of paracetamol). Pure decisions: the caller passes the terminal's local minute of the day.
//
// Precedence: a GTIN's own rule REPLACES its department's rule for that product, wholly — so a store
// can free one alcohol-free beer in the Alcohol department from the hours (`{ gtin, noSale: [] }`), or
// give one item a stricter limit than its department. A department rule's maximum counts every item
// of the department that has no rule of its own.
import type { Unit } from '../types';

/** A span of the day, "HH:MM" local time; `to` before `from` crosses midnight. `to` is not included. */
export interface TimeWindow {
  from: string;
  to: string;
}

export interface SaleRule {
  /** Exactly one of gtin (GTIN-14) and department names what the rule governs. */
  gtin?: string;
  department?: string;
  /** When the items are not sold; empty or absent: at any hour. */
  noSale?: TimeWindow[];
  /** The most a basket may hold: pieces, and one per weighed line; absent: no limit. */
  maxPerBasket?: number;
}

/** What the rules need to know of an item. */
export interface RuleItem {
  gtin: string;
  department: string | null;
}

/** A basket line as the rules count it. */
export interface RuleLine extends RuleItem {
  lineId: string;
  unit: Unit;
  quantity: number;
}

export type SaleRefusal =
  | { code: 'restricted_hours'; rule: SaleRule; window: TimeWindow }
  | { code: 'restricted_quantity'; rule: SaleRule; max: number; wouldHold: number };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an "HH:MM" time, or null when it is not one (24:00 is not). */
export function clockMinutes(text: string): number | null {
  const match = CLOCK.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Whether `minute` (0–1439) falls in the window: from ≤ minute < to, wrapping past midnight. */
export function inWindow(minute: number, window: TimeWindow): boolean {
  const from = clockMinutes(window.from);
  const to = clockMinutes(window.to);
  if (from === null || to === null || from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

const sameDepartment = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The rule that governs an item: its GTIN's own, else its department's, else none. */
export function ruleFor(rules: readonly SaleRule[], item: RuleItem): SaleRule | null {
  return (
    rules.find((rule) => rule.gtin === item.gtin) ??
    rules.find((rule) => rule.gtin === undefined && sameDepartment(rule.department, item.department)) ??
    null
  );
}

/** How many of the basket's items count against `rule` (pieces; a weighed line counts as one). */
export function heldUnder(rules: readonly SaleRule[], rule: SaleRule, lines: readonly RuleLine[]): number {
  return lines
    .filter((line) => ruleFor(rules, line) === rule)
    .reduce((sum, line) => sum + (line.unit === 'kg' ? 1 : line.quantity), 0);
}

/**
 * Whether `pieces` more of an item may be added to a basket holding `lines` at local `minute`:
 * null, or why not (the first window it falls in, or the maximum it would pass).
 */
export function checkAddition(
  rules: readonly SaleRule[],
  item: RuleItem,
  pieces: number,
  lines: readonly RuleLine[],
  minute: number,
): SaleRefusal | null {
  const rule = ruleFor(rules, item);
  if (!rule) return null;
  const window = (rule.noSale ?? []).find((w) => inWindow(minute, w));
  if (window) return { code: 'restricted_hours', rule, window };
  if (rule.maxPerBasket === undefined) return null;
  const wouldHold = heldUnder(rules, rule, lines) + pieces;
  return wouldHold > rule.maxPerBasket
    ? { code: 'restricted_quantity', rule, max: rule.maxPerBasket, wouldHold }
    : null;
}

/**
 * Whether a line may go to `quantity`: lowering is always allowed (it sells less); raising is an
 * addition of the difference, under the same hours and maximum. A weighed line's grams are not pieces.
 */
export function checkQuantityChange(
  rules: readonly SaleRule[],
  line: RuleLine,
  quantity: number,
  lines: readonly RuleLine[],
  minute: number,
): SaleRefusal | null {
  if (quantity <= line.quantity) return null;
  const pieces = line.unit === 'kg' ? 0 : quantity - line.quantity;
  return checkAddition(rules, line, pieces, lines, minute);
}

/** What is wrong with a rule as settings hold it, or null (settings name the rule by its index). */
export function ruleProblem(rule: SaleRule): string | null {
  if ((rule.gtin === undefined) === (rule.department === undefined))
    return 'give exactly one of "gtin" and "department"';
  if (rule.gtin !== undefined && !/^\d{14}$/.test(rule.gtin)) return `gtin must be 14 digits (GTIN-14)`;
  for (const window of rule.noSale ?? []) {
    const from = clockMinutes(window.from);
    const to = clockMinutes(window.to);
    if (from === null || to === null) return `noSale times must be HH:MM (00:00–23:59)`;
    if (from === to) return `noSale window ${window.from}–${window.to} is empty: from and to must differ`;
  }
  if (rule.noSale === undefined && rule.maxPerBasket === undefined)
    return 'give "noSale" hours, "maxPerBasket", or both';
  return null;
}

/** Minutes since local midnight of `at` in an IANA time zone (null: the runtime's own zone). */
export function minuteOfDay(at: Date, timeZone: string | null): number {
  if (timeZone === null) return at.getHours() * 60 + at.getMinutes();
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** Whether a text names a time zone this runtime knows (e.g. Asia/Shanghai). */
export function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}
