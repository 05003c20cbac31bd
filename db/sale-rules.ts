// HQ's sale restrictions on the terminal (migration 0028, issue 14): the products' own (columns of
// products, written by the catalog sync) and the chain's department rules (GET /v1/sale-rules, kept
// whole). Read on every scan, so both reads are one indexed statement each.
import type Database from 'better-sqlite3';
import type { HqDepartmentRule, HqProductRule, TimeWindow } from '../core/restrictions';
import type { DepartmentRuleItem } from '../core/sync';

interface ProductRuleRow {
  gtin: string;
  department: string | null;
  no_sale: string | null;
  max_per_basket: number | null;
}

const parseWindows = (text: string): TimeWindow[] => JSON.parse(text) as TimeWindow[];

/** HQ's own rules of these products (those that have one), with their departments. */
export function hqProductRules(db: Database.Database, gtins: readonly string[]): HqProductRule[] {
  const unique = [...new Set(gtins)];
  if (unique.length === 0) return [];
  const rows = db
    .prepare<string[], ProductRuleRow>(
      `SELECT gtin, department, no_sale, max_per_basket FROM products
       WHERE gtin IN (${unique.map(() => '?').join(', ')})
         AND (no_sale IS NOT NULL OR max_per_basket IS NOT NULL)`,
    )
    .all(...unique);
  return rows.map((row) => ({
    gtin: row.gtin,
    department: row.department,
    noSale: row.no_sale === null ? null : parseWindows(row.no_sale),
    maxPerBasket: row.max_per_basket,
  }));
}

/** The chain's department rules as HQ last sent them. */
export function hqDepartmentRules(db: Database.Database): HqDepartmentRule[] {
  return db
    .prepare<[], { department: string; no_sale: string; max_per_basket: number | null }>(
      'SELECT department, no_sale, max_per_basket FROM hq_department_rules ORDER BY department',
    )
    .all()
    .map((row) => ({
      department: row.department,
      noSale: parseWindows(row.no_sale),
      maxPerBasket: row.max_per_basket,
    }));
}

/** The version of the department rules held (0: none received yet). */
export function saleRulesVersion(db: Database.Database): number {
  return db.prepare<[], { version: number }>('SELECT version FROM hq_sale_rules_state WHERE id = 1').get()!
    .version;
}

/** Replaces the department rules with HQ's list at `version`, in one transaction. */
export function saveDepartmentRules(
  db: Database.Database,
  version: number,
  rules: readonly DepartmentRuleItem[],
): void {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO hq_department_rules (department, no_sale, max_per_basket) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM hq_department_rules').run();
    for (const rule of rules) {
      const windows = rule.noSale.map(({ from, to }) => ({ from, to }));
      insert.run(rule.department.trim(), JSON.stringify(windows), rule.maxPerBasket);
    }
    db.prepare('UPDATE hq_sale_rules_state SET version = ? WHERE id = 1').run(version);
  })();
}
