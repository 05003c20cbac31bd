// What a role may do alone at the counter (settings.json `counter.limits`): a discount up to a
// percentage, a shift closed with a cash difference up to an amount. Above it a supervisor approves on
// the spot (services/counter/approval.ts). Pure, so the discount and shift helpers and their tests
// ask the same question the same way.
import type { StaffRole } from './roles';

/** One role's limits: `cashDifference` in minor units either way, null for any. */
export interface RoleLimit {
  discountPercent: number;
  cashDifference: number | null;
  /** The most one refund may give back without a supervisor, in minor units; absent or null: any. */
  refund?: number | null;
}

/** The limits by role; a role without an entry (a plain attendant) may do none of it alone. */
export type RoleLimits = Partial<Record<StaffRole, RoleLimit>>;

/** What a limit is about: a discount's percentage of what it discounts, a shift's cash difference, a refund's total. */
export type LimitKind = 'discountPercent' | 'cashDifference' | 'refund';

/**
 * Whether a staff member of `role` may do this alone: a discount of `value` percent (0–100), or a shift
 * closed `value` minor units over or short (the sign does not matter). A value that is not a finite
 * number, a negative discount or one over 100 is never within a limit: the caller asks for approval.
 */
export function withinLimit(role: StaffRole, limits: RoleLimits, kind: LimitKind, value: number): boolean {
  const limit = limits[role];
  if (!limit || !Number.isFinite(value)) return false;
  if (kind === 'discountPercent') return value >= 0 && value <= 100 && value <= limit.discountPercent;
  const allowed = kind === 'refund' ? (limit.refund ?? null) : limit.cashDifference;
  return allowed === null || Math.abs(value) <= allowed;
}
