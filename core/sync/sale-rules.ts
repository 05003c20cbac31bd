// The wire format of HQ's chain-wide sale rules per department (issue 14): GET /v1/sale-rules?known=V
// answers the whole list (a chain has tens of departments, never thousands) with its version, or
// `unchanged` when the terminal already holds that version. Products' own rules come in the catalog
// feed (`noSale`, `maxPerBasket` on each item).
import type { TimeWindow } from '../restrictions/sale-rules';

export interface DepartmentRuleItem {
  department: string;
  /** Windows of the store's local day in which the department's items are not sold; [] none. */
  noSale: TimeWindow[];
  /** The most a basket may hold of the department's items together; null: no maximum. */
  maxPerBasket: number | null;
}

export type SaleRulesReply =
  { version: number; unchanged: true } | { version: number; unchanged?: false; rules: DepartmentRuleItem[] };

/** The most department rules HQ keeps (and a terminal accepts). */
export const MAX_DEPARTMENT_RULES = 500;
