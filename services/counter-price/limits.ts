// Who may take how much off: the signed-in staff member's role limit (settings counter.limits, asked
// through services/counter/approval.ts's withinOwnLimit), and above it a supervisor's badge and PIN on
// the spot (checkApprover: the staff gate, a role that may, not the one signed in), within the
// supervisor's own limit. The approval is journalled with the act, in its transaction (journalWithApproval).
import { WHOLE_BP } from '../../core/pricing/adjustments';
import { fail, type Failure } from '../../core/result';
import { withinLimit } from '../../core/staff/limits';
import type { StaffRole } from '../../core/staff/roles';
import type { ApprovalInput } from '../api/contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { checkApprover, recordApproval, withinOwnLimit, type ApprovalDetails } from '../counter/approval';

/** Who gave it and who approved it (null: within the giver's own limit). */
export interface Authorised {
  staffId: string;
  approverId: string | null;
}

/** The approver behind an Authorised, kept apart so it is not spread into journal entries. */
const approvers = new WeakMap<Authorised, OnDuty>();

/** A role's discount limit in percent; a role without one (an attendant at a counter) may give nothing alone. */
function limitPercent(ctx: CheckoutContext, role: StaffRole): number {
  return ctx.settings.counter.limits[role as keyof typeof ctx.settings.counter.limits]?.discountPercent ?? 0;
}

/**
 * Whether the staff member signed in may take `percentOffBp` off alone, or with `approval`. Refused as
 * `over_limit` with details { limitPercent, percentOff, approver } so the screen opens its approval
 * step, or with the approval's codes (`staff_unknown`, `staff_denied`, `staff_locked`,
 * `staff_not_allowed`, `approver_signed_in`).
 */
export function authorise(
  ctx: CheckoutContext,
  duty: OnDuty,
  percentOffBp: number,
  approval: ApprovalInput | undefined,
): Authorised | Failure {
  const percent = percentOffBp / 100;
  if (withinOwnLimit(ctx, 'discountPercent', percent)) return { staffId: duty.id, approverId: null };
  const own = limitPercent(ctx, duty.role);
  if (!approval)
    return fail(
      'over_limit',
      `${percent} % off is above a ${duty.role}'s limit of ${own} %; a supervisor must approve`,
      { limitPercent: own, percentOff: percent, approver: false },
    );
  const approver = checkApprover(ctx, approval, 'discount_over_limit');
  if (!approver.ok) return approver;
  if (!withinLimit(approver.value.role, ctx.settings.counter.limits, 'discountPercent', percent)) {
    const theirs = limitPercent(ctx, approver.value.role);
    return fail('over_limit', `${percent} % off is above ${approver.value.name}'s limit of ${theirs} % too`, {
      limitPercent: theirs,
      percentOff: percent,
      approver: true,
    });
  }
  const authorised = { staffId: duty.id, approverId: approver.value.id };
  approvers.set(authorised, approver.value);
  return authorised;
}

/**
 * Runs `write` (the act and its `override` entry) and, when a supervisor approved it, journals their
 * approval (`staff` / `approved`) in the same transaction, so neither stands without the other.
 */
export function journalWithApproval(
  ctx: CheckoutContext,
  authorised: Authorised,
  details: ApprovalDetails,
  write: () => void,
): void {
  const approver = approvers.get(authorised);
  ctx.db.transaction(() => {
    write();
    if (approver) recordApproval(ctx, approver, 'discount_over_limit', details);
  })();
}

/** A typed percent (0.01–100, at most two decimals) in basis points, or null when it is not one. */
export function percentToBp(percent: number): number | null {
  const bp = Math.round(percent * 100);
  if (Math.abs(bp - percent * 100) > 1e-6 || bp <= 0 || bp > WHOLE_BP) return null;
  return bp;
}
