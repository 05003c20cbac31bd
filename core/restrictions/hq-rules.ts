// Sale restrictions set at HQ (issue 14) joined with the store's own (settings.json's
// `restrictions.rules`) into the one list core/restrictions/sale-rules.ts decides with.
//
// Precedence, most specific first, and at the same level the store before HQ:
//   1. the store's rule for the GTIN       (settings.json)
//   2. HQ's rule for the product           (products.no_sale / max_per_basket)
//   3. the store's rule for the department (settings.json)
//   4. HQ's rule for the department        (department_rules)
// Why the store first at each level: a store's settings are written by someone who knows that store's
// licence and local law (a county with later alcohol hours, a pharmacy counter next door); HQ sets the
// chain's default. Why a product before a department, whoever set it: it is the narrower decision, the
// same rule as within the store's own list (a GTIN's rule replaces its department's wholly).
//
// One exception keeps HQ's product rules safe to use: a product rule from HQ that sets no hours of its
// own takes its department's hours (the store's department rule, else HQ's). So "at most 2 per
// basket" on a whisky never frees it from the Alcohol department's no-sale hours; HQ frees a product
// from its department's hours by giving it an empty list of hours ("sold at any hour").
import type { SaleRule, TimeWindow } from './sale-rules';
import { clockMinutes } from './sale-rules';

/** HQ's restriction of one product, as the catalog feed carries it. */
export interface HqProductRule {
  gtin: string;
  department: string | null;
  /** null: the department's hours; []: sold at any hour; else the windows it is not sold in. */
  noSale: readonly TimeWindow[] | null;
  /** null: no maximum of its own. */
  maxPerBasket: number | null;
}

/** HQ's chain-wide rule for a department. */
export interface HqDepartmentRule {
  department: string;
  noSale: readonly TimeWindow[];
  maxPerBasket: number | null;
}

const key = (department: string) => department.trim().toLowerCase();

/** Whether HQ restricts the product at all (a product with neither field set follows its department). */
export function hasOwnRule(rule: Pick<HqProductRule, 'noSale' | 'maxPerBasket'>): boolean {
  return rule.noSale !== null || rule.maxPerBasket !== null;
}

/**
 * The store's rules and HQ's joined in precedence order (above), for `ruleFor` / `checkAddition`.
 * `hqProducts` need only be those of the items being decided (the basket's and the one scanned).
 */
export function combineRules(
  store: readonly SaleRule[],
  hqDepartments: readonly HqDepartmentRule[],
  hqProducts: readonly HqProductRule[],
): SaleRule[] {
  const storeGtins = store.filter((rule) => rule.gtin !== undefined);
  const storeDepartments = store.filter((rule) => rule.gtin === undefined);
  const storeGtinSet = new Set(storeGtins.map((rule) => rule.gtin));
  const storeDepartmentSet = new Set(storeDepartments.map((rule) => key(rule.department ?? '')));
  const hqDepartmentRules: SaleRule[] = hqDepartments
    .filter((rule) => !storeDepartmentSet.has(key(rule.department)))
    .map((rule) => ({
      department: rule.department,
      noSale: [...rule.noSale],
      ...(rule.maxPerBasket === null ? {} : { maxPerBasket: rule.maxPerBasket }),
    }));
  const departmentHours = (department: string | null): TimeWindow[] => {
    if (!department) return [];
    const found =
      storeDepartments.find((rule) => key(rule.department ?? '') === key(department)) ??
      hqDepartmentRules.find((rule) => key(rule.department ?? '') === key(department));
    return found?.noSale ? [...found.noSale] : [];
  };
  const hqProductRules: SaleRule[] = hqProducts
    .filter((rule) => hasOwnRule(rule) && !storeGtinSet.has(rule.gtin))
    .map((rule) => ({
      gtin: rule.gtin,
      noSale: rule.noSale === null ? departmentHours(rule.department) : [...rule.noSale],
      ...(rule.maxPerBasket === null ? {} : { maxPerBasket: rule.maxPerBasket }),
    }));
  return [...storeGtins, ...hqProductRules, ...storeDepartments, ...hqDepartmentRules];
}

/** `22:00-07:00; 12:00-13:00` → windows; a bad part pushes its problem (the catalog file's `no_sale`). */
export function parseNoSale(text: string, problems: string[]): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (const part of text.split(/[;,]/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(trimmed);
    const from = match ? match[1]!.padStart(5, '0') : '';
    const to = match ? match[2]!.padStart(5, '0') : '';
    if (!match || clockMinutes(from) === null || clockMinutes(to) === null) {
      problems.push(`no-sale hours "${trimmed}" must be HH:MM-HH:MM (00:00 to 23:59)`);
    } else if (from === to) {
      problems.push(`no-sale hours "${trimmed}" are empty: from and to must differ`);
    } else windows.push({ from, to });
  }
  if (windows.length > 8) problems.push('at most 8 no-sale windows');
  return windows;
}

/** Windows as the catalog file and the back office write them: `22:00-07:00; 12:00-13:00`. */
export function formatNoSale(windows: readonly TimeWindow[]): string {
  return windows.map((w) => `${w.from}-${w.to}`).join('; ');
}

/** What is wrong with a list of windows from HQ, or null: HH:MM times, from ≠ to, at most 8. */
export function windowsProblem(windows: readonly TimeWindow[]): string | null {
  if (windows.length > 8) return 'at most 8 no-sale windows';
  for (const w of windows) {
    if (clockMinutes(w.from) === null || clockMinutes(w.to) === null)
      return 'no-sale times must be HH:MM (00:00 to 23:59)';
    if (w.from === w.to) return `no-sale window ${w.from}-${w.to} is empty: from and to must differ`;
  }
  return null;
}

/** The most per basket HQ and the back office accept. */
export const MAX_PER_BASKET = 9999;
