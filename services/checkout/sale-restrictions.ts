// The sale rules on this terminal (core/restrictions: hours, most per basket) — the store's own from
// settings.json joined with HQ's (issue 14: the products' own and the chain's department rules, kept by
// the sync; precedence in core/restrictions/hq-rules.ts) — applied at the scan and at a quantity
// change, with the basket read from the store and the hour (the checkout's clock) in the store's zone.
import {
  checkAddition,
  checkQuantityChange,
  combineRules,
  minuteOfDay,
  ruleFor,
  type SaleRule,
  type RuleItem,
  type RuleLine,
  type SaleRefusal,
} from '../../core/restrictions';
import type { Failure } from '../../core/result';
import { basketLines, currentBasket, type BasketLineRecord } from '../../db/baskets';
import { findProduct } from '../../db/catalog';
import type { Database } from '../../db/open';
import { hqDepartmentRules, hqProductRules } from '../../db/sale-rules';
import type { CheckoutContext } from './context';
import { fail } from './result';

/** Why `pieces` more of a product may not go into the current basket now, or null. */
export function additionRefusal(
  ctx: CheckoutContext,
  item: RuleItem & { name: string },
  pieces: number,
  now = ctx.clock(),
): Failure | null {
  // Most items fall under no rule at all: settle that from the item's own rules before reading the
  // basket, which a scan would otherwise read line by line (the scan path's cost, issue 14's benchmark).
  if (!ruleFor(rulesFor(ctx, [item.gtin]), item)) return null;
  const { timeZone } = ctx.settings.restrictions;
  const basket = currentBasket(ctx.db);
  const lines = basket?.status === 'open' ? ruleLines(ctx.db, basketLines(ctx.db, basket.id)) : [];
  const rules = rulesFor(ctx, [item.gtin, ...lines.map((line) => line.gtin)]);
  if (rules.length === 0) return null;
  const refused = checkAddition(rules, item, pieces, lines, minuteOfDay(now, timeZone));
  return refused ? saleFailure(item.name, refused) : null;
}

/** Why a line of the open basket may not go to `quantity` now, or null. */
export function quantityRefusal(
  ctx: CheckoutContext,
  basketId: string,
  lineId: string,
  quantity: number,
  now = ctx.clock(),
): Failure | null {
  const { timeZone } = ctx.settings.restrictions;
  const records = basketLines(ctx.db, basketId);
  const lines = ruleLines(ctx.db, records);
  const rules = rulesFor(
    ctx,
    lines.map((line) => line.gtin),
  );
  if (rules.length === 0) return null;
  const index = records.findIndex((line) => line.id === lineId);
  if (index < 0) return null; // the store refuses an unknown line with its own words
  const refused = checkQuantityChange(rules, lines[index]!, quantity, lines, minuteOfDay(now, timeZone));
  return refused ? saleFailure(records[index]!.name, refused) : null;
}

/** The store's rules and HQ's, for these items (the scanned one and the basket's). */
function rulesFor(ctx: CheckoutContext, gtins: readonly string[]): SaleRule[] {
  return combineRules(
    ctx.settings.restrictions.rules,
    hqDepartmentRules(ctx.db),
    hqProductRules(ctx.db, gtins),
  );
}

/** The basket's lines as the rules count them; the department is the catalog's (null if gone). */
function ruleLines(db: Database, lines: readonly BasketLineRecord[]): RuleLine[] {
  return lines.map((line) => ({
    lineId: line.id,
    gtin: line.gtin,
    department: findProduct(db, line.gtin)?.department ?? null,
    unit: line.unit,
    quantity: line.quantity,
  }));
}

function saleFailure(name: string, refused: SaleRefusal): Failure {
  if (refused.code === 'restricted_hours') {
    const { from, to } = refused.window;
    return fail('restricted_hours', `${name} is not sold from ${from} to ${to}`, { name, from, to });
  }
  return fail(
    'restricted_quantity',
    `${name}: at most ${refused.max} per basket (this would make ${refused.wouldHold})`,
    { name, max: refused.max },
  );
}
