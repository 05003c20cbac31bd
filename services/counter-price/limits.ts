// Who may take how much off: the signed-in staff member's role limit (settings counter.limits), and
// above it a supervisor's badge and PIN on the spot, within the supervisor's own limit.
import { WHOLE_BP } from '../../core/pricing/adjustments';
import { fail, type Failure } from '../../core/result';
import type { StaffRole } from '../../core/staff/roles';
import type { ApprovalInput } from '../api/contract';
import { staffGateOf } from '../checkout/attendants';
import type { CheckoutContext, OnDuty } from '../checkout/context';

/** Who gave it and who approved it (null: within the giver's own limit). */
export interface Authorised {
  staffId: string;
  approverId: string | null;
}

/** A role's limit in basis points; a role without one (an attendant at a counter) may give nothing alone. */
export function limitBp(ctx: CheckoutContext, role: StaffRole): number {
  const limits: Partial<Record<StaffRole, { discountPercent: number }>> = ctx.settings.counter.limits;
  const percent = limits[role]?.discountPercent ?? 0;
  return Math.round(percent * 100);
}

/** Percent shown to people: basis points as "12.5". */
export const percentText = (bp: number): string => String(bp / 100);

/**
 * Whether the staff member signed in may take `percentOffBp` off alone, or with `approval`. Refused as
 * `over_limit` with details { limitPercent, percentOff, approver } so the screen opens its approval
 * step, or with the staff gate's code (`staff_unknown`, `staff_denied`, `staff_locked`, `staff_not_allowed`).
 */
export function authorise(
  ctx: CheckoutContext,
  duty: OnDuty,
  percentOffBp: number,
  approval: ApprovalInput | undefined,
): Authorised | Failure {
  const own = limitBp(ctx, duty.role);
  if (percentOffBp <= own) return { staffId: duty.id, approverId: null };
  const details = { limitPercent: own / 100, percentOff: percentOffBp / 100, approver: false };
  if (!approval)
    return fail(
      'over_limit',
      `${percentText(percentOffBp)} % off is above a ${duty.role}'s limit of ${percentText(own)} %; a supervisor must approve`,
      details,
    );
  const checked = staffGateOf(ctx).check(approval.badge, approval.pin, 'discount_over_limit');
  if (!checked.ok) return fail(checked.code, checked.message);
  const approverLimit = limitBp(ctx, checked.attendant.role);
  if (percentOffBp > approverLimit)
    return fail(
      'over_limit',
      `${percentText(percentOffBp)} % off is above ${checked.attendant.name}'s limit of ${percentText(approverLimit)} % too`,
      { limitPercent: approverLimit / 100, percentOff: percentOffBp / 100, approver: true },
    );
  return { staffId: duty.id, approverId: checked.attendant.id };
}

/** A typed percent (0.01–100, at most two decimals) in basis points, or null when it is not one. */
export function percentToBp(percent: number): number | null {
  const bp = Math.round(percent * 100);
  if (Math.abs(bp - percent * 100) > 1e-6 || bp <= 0 || bp > WHOLE_BP) return null;
  return bp;
}
