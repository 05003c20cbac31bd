// Sale restrictions at HQ (issue 14), on the database: a product's age limit, no-sale hours and most
// per basket (columns of products, migration 0024), and the chain's rules per department. Every change
// runs in the caller's transaction, takes a catalog version (so /v1/stream announces it and terminals
// sync at once) and is audited there with its before and after.
import { randomUUID } from 'node:crypto';
import type { TimeWindow } from '../../core/restrictions';
import type { DepartmentRuleItem, SaleRulesReply } from '../../core/sync';
import { takeCatalogVersion, writeAtNextVersion } from '../catalog/version';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';

/** A product's restrictions as the back office reads and sets them. */
export interface ProductRestrictions {
  /** The minimum age to buy it; null: none. */
  ageLimit: number | null;
  /** null: its department's hours; []: any hour; else the windows it is not sold in. */
  noSale: TimeWindow[] | null;
  maxPerBasket: number | null;
}

export interface ProductRestrictionsView extends ProductRestrictions {
  gtin: string;
  name: string;
  department: string | null;
  /** The chain's rule for its department, which it follows where it sets nothing of its own. */
  departmentRule: DepartmentRuleItem | null;
}

export interface DepartmentRuleView extends DepartmentRuleItem {
  updatedAt: string;
}

interface ProductRow {
  gtin: string;
  name: string;
  department: string | null;
  age_limit: number | null;
  no_sale: TimeWindow[] | string | null;
  max_per_basket: number | null;
}

// jsonb keeps an object's keys in its own order, so each window is rebuilt as { from, to } (the audit's
// before and after, and the comparison with what is asked, read the same).
function windows(value: TimeWindow[] | string | null): TimeWindow[] | null {
  if (value === null) return null;
  const list = typeof value === 'string' ? (JSON.parse(value) as TimeWindow[]) : value;
  return list.map((w) => ({ from: w.from, to: w.to }));
}

const departmentKey = (department: string) => department.trim().toLowerCase();

/** The product's restrictions with its department's rule; null when HQ has no live product of that GTIN. */
export async function productRestrictions(
  q: Queryable,
  gtin: string,
): Promise<ProductRestrictionsView | null> {
  const row = await productRow(q, gtin, false);
  if (!row) return null;
  return {
    gtin: row.gtin,
    name: row.name,
    department: row.department,
    ageLimit: row.age_limit,
    noSale: windows(row.no_sale),
    maxPerBasket: row.max_per_basket,
    departmentRule: row.department ? await departmentRule(q, row.department) : null,
  };
}

/**
 * Sets a product's restrictions; null when there is no such live product. A change moves the product
 * to a new catalog version (it goes down to every terminal again); setting what is already there takes
 * no version and records nothing, so no lane downloads a change that is not one.
 */
export async function setProductRestrictions(
  tx: Queryable,
  actor: Actor,
  gtin: string,
  next: ProductRestrictions,
): Promise<{ changed: boolean; view: ProductRestrictionsView } | null> {
  const seen = await productRow(tx, gtin, false);
  if (!seen) return null;
  let changed = false;
  if (!sameRestrictions(restrictionsOf(seen), next)) {
    const written = await writeAtNextVersion(
      tx,
      // Read again under the row's lock (taken after the version's, the order every catalog writer
      // keeps): the row is as the last writer committed it, which may already be what is asked.
      async (version) => {
        const row = await productRow(tx, gtin, true);
        if (!row || sameRestrictions(restrictionsOf(row), next)) return false;
        await writeRestrictions(tx, actor, gtin, restrictionsOf(row), next, version);
        return true;
      },
      (wrote) => wrote,
    );
    changed = written.version !== null;
  }
  const view = await productRestrictions(tx, gtin);
  return view ? { changed, view } : null;
}

const restrictionsOf = (row: ProductRow): ProductRestrictions => ({
  ageLimit: row.age_limit,
  noSale: windows(row.no_sale),
  maxPerBasket: row.max_per_basket,
});

/** Field by field, so the order of a request's keys never makes an unchanged save look like a change. */
function sameRestrictions(a: ProductRestrictions, b: ProductRestrictions): boolean {
  const hours = (w: readonly TimeWindow[] | null) =>
    w === null ? null : w.map((x) => `${x.from}-${x.to}`).join();
  return (
    a.ageLimit === b.ageLimit && a.maxPerBasket === b.maxPerBasket && hours(a.noSale) === hours(b.noSale)
  );
}

async function writeRestrictions(
  tx: Queryable,
  actor: Actor,
  gtin: string,
  before: ProductRestrictions,
  next: ProductRestrictions,
  version: number,
): Promise<void> {
  await tx.query(
    `UPDATE products SET age_limit = $2, no_sale = $3::jsonb, max_per_basket = $4, version = $5,
       updated_at = now()
     WHERE gtin = $1`,
    [
      gtin,
      next.ageLimit,
      next.noSale === null ? null : JSON.stringify(next.noSale),
      next.maxPerBasket,
      version,
    ],
  );
  await recordAudit(tx, actor, {
    action: 'product.restrictions',
    targetType: 'product',
    targetId: gtin,
    before,
    after: next,
  });
}

async function productRow(q: Queryable, gtin: string, lock: boolean): Promise<ProductRow | null> {
  const { rows } = await q.query<ProductRow>(
    `SELECT gtin, name, department, age_limit, no_sale, max_per_basket FROM products
     WHERE gtin = $1 AND NOT deleted${lock ? ' FOR UPDATE' : ''}`,
    [gtin],
  );
  return rows[0] ?? null;
}

interface RuleRow {
  department: string;
  no_sale: TimeWindow[] | string;
  max_per_basket: number | null;
  updated_at: Date | string;
}

const ruleItem = (row: RuleRow): DepartmentRuleItem => ({
  department: row.department,
  noSale: windows(row.no_sale) ?? [],
  maxPerBasket: row.max_per_basket,
});

/** The chain's live department rules, by department. */
export async function listDepartmentRules(q: Queryable): Promise<DepartmentRuleView[]> {
  const { rows } = await q.query<RuleRow>(
    `SELECT department, no_sale, max_per_basket, updated_at FROM department_rules
     WHERE NOT deleted ORDER BY key`,
  );
  return rows.map((row) => ({ ...ruleItem(row), updatedAt: toIso(row.updated_at) }));
}

async function departmentRule(q: Queryable, department: string): Promise<DepartmentRuleItem | null> {
  const { rows } = await q.query<RuleRow>(
    `SELECT department, no_sale, max_per_basket, updated_at FROM department_rules
     WHERE key = $1 AND NOT deleted`,
    [departmentKey(department)],
  );
  return rows[0] ? ruleItem(rows[0]) : null;
}

/** Sets the chain's rule for a department (made if new); audited; false when it was already so. */
export async function putDepartmentRule(
  tx: Queryable,
  actor: Actor,
  rule: DepartmentRuleItem,
): Promise<boolean> {
  const key = departmentKey(rule.department);
  const before = await lockedRule(tx, key);
  const after: DepartmentRuleItem = {
    department: rule.department.trim(),
    noSale: rule.noSale,
    maxPerBasket: rule.maxPerBasket,
  };
  if (before && JSON.stringify(before) === JSON.stringify(after)) return false;
  const version = await takeCatalogVersion(tx);
  await tx.query(
    `INSERT INTO department_rules (id, key, department, no_sale, max_per_basket, version)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (key) DO UPDATE SET department = excluded.department, no_sale = excluded.no_sale,
       max_per_basket = excluded.max_per_basket, deleted = false, version = excluded.version,
       updated_at = now()`,
    [randomUUID(), key, after.department, JSON.stringify(after.noSale), after.maxPerBasket, version],
  );
  await recordAudit(tx, actor, {
    action: before ? 'department_rule.update' : 'department_rule.create',
    targetType: 'department_rule',
    targetId: after.department,
    before: before ?? null,
    after,
  });
  return true;
}

/** Removes the chain's rule for a department (a tombstone, so terminals hear of it); false if none. */
export async function removeDepartmentRule(
  tx: Queryable,
  actor: Actor,
  department: string,
): Promise<boolean> {
  const key = departmentKey(department);
  const before = await lockedRule(tx, key);
  if (!before) return false;
  const version = await takeCatalogVersion(tx);
  await tx.query(
    'UPDATE department_rules SET deleted = true, version = $2, updated_at = now() WHERE key = $1',
    [key, version],
  );
  await recordAudit(tx, actor, {
    action: 'department_rule.delete',
    targetType: 'department_rule',
    targetId: before.department,
    before,
    after: null,
  });
  return true;
}

async function lockedRule(tx: Queryable, key: string): Promise<DepartmentRuleItem | null> {
  const { rows } = await tx.query<RuleRow>(
    `SELECT department, no_sale, max_per_basket, updated_at FROM department_rules
     WHERE key = $1 AND NOT deleted FOR UPDATE`,
    [key],
  );
  return rows[0] ? ruleItem(rows[0]) : null;
}

/**
 * The feed's answer: the whole list at its version (the newest change's, removals included), or
 * `unchanged` when the terminal already holds that version. One statement, so one snapshot.
 */
export async function saleRulesFeed(q: Queryable, known: number | null): Promise<SaleRulesReply> {
  const { rows } = await q.query<{ version: unknown; rules: DepartmentRuleItem[] | string | null }>(
    `SELECT coalesce(max(version), 0) AS version,
            json_agg(json_build_object('department', department, 'noSale', no_sale,
                     'maxPerBasket', max_per_basket) ORDER BY key) FILTER (WHERE NOT deleted) AS rules
     FROM department_rules`,
  );
  const version = toNumber(rows[0]!.version);
  if (known === version) return { version, unchanged: true };
  const rules = rows[0]!.rules;
  const list = (typeof rules === 'string' ? (JSON.parse(rules) as DepartmentRuleItem[]) : rules) ?? [];
  return { version, rules: list.map((rule) => ({ ...rule, noSale: windows(rule.noSale) ?? [] })) };
}
