// A supervisor's approval on the spot: above what the signed-in cashier may do alone (core/staff/limits.ts
// withinLimit), the act waits for the badge and PIN of someone whose role may do it (core/staff/roles.ts),
// checked by the staff gate that counts wrong PINs for every badge dialog. The approval is journalled
// (`staff` / `approved`) naming the approver, the act, what it was about and whose act it was.
//
// Use it one of two ways:
//   const approver = approveAct(ctx, { badge, pin }, 'discount_over_limit', { basketId, percent: 25 });
//   if (!approver.ok) return approver;          // refused: nothing written
// or, to journal the approval in the same transaction as the act itself:
//   const approver = checkApprover(ctx, credentials, act);   // nothing written yet
//   db.transaction(() => { doTheAct(); recordApproval(ctx, approver.value, act, details); })();
import type { StaffApprovalEntry } from '../../core/journal';
import { withinLimit, type LimitKind } from '../../core/staff/limits';
import type { StaffAct } from '../../core/staff/roles';
import { appendJournal } from '../../db/journal';
import type { ApiResult } from '../api/contract';
import { staffGateOf } from '../checkout/attendants';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok } from '../checkout/result';

/**
 * Whether the staff member signed in may do this alone by settings.json's `counter.limits`: a discount
 * of `value` percent, or a cash difference of `value` minor units. False with nobody signed in: then the
 * act waits for an approver (approveAct) anyway.
 */
export function withinOwnLimit(
  ctx: Pick<CheckoutContext, 'duty' | 'settings'>,
  kind: LimitKind,
  value: number,
): boolean {
  const staff = ctx.duty.current;
  return staff !== null && withinLimit(staff.role, ctx.settings.counter.limits, kind, value);
}

/** A badge as scanned or typed, and the PIN typed after it (the ApprovalDialog's answer). */
export interface ApproverCredentials {
  badge: string;
  pin: string;
}

/** What an approval says about the act: ids, amounts in minor units, percentages. */
export type ApprovalDetails = StaffApprovalEntry['details'];

/**
 * Checks the approver without writing anything: a known badge, the right PIN, a role that may do `act`,
 * and not the one signed in (an approval is a second person's). Refused as `staff_unknown`,
 * `staff_denied`, `staff_locked`, `staff_not_allowed` or `approver_signed_in`.
 */
export function checkApprover(
  ctx: CheckoutContext,
  credentials: ApproverCredentials,
  act: StaffAct,
): ApiResult<OnDuty> {
  const checked = staffGateOf(ctx).check(credentials.badge, credentials.pin, act);
  if (!checked.ok) return fail(checked.code, checked.message);
  const { id, name, role } = checked.attendant;
  if (ctx.duty.current?.id === id)
    return fail('approver_signed_in', `${name} is signed in here: another supervisor must approve`);
  return ok({ id, name, role });
}

/** Checks the approver (checkApprover) and journals the approval in its own transaction; the approver. */
export function approveAct(
  ctx: CheckoutContext,
  credentials: ApproverCredentials,
  act: StaffAct,
  details: ApprovalDetails = {},
): ApiResult<OnDuty> {
  const approver = checkApprover(ctx, credentials, act);
  if (approver.ok) recordApproval(ctx, approver.value, act, details);
  return approver;
}

/**
 * Journals `approver`'s approval of `act` for whoever is signed in. Inside a transaction it joins it
 * (so the act and its approval commit together); outside one it makes its own.
 */
export function recordApproval(
  ctx: CheckoutContext,
  approver: OnDuty,
  act: StaffAct,
  details: ApprovalDetails,
): void {
  const data: StaffApprovalEntry = {
    action: 'approved',
    staffId: approver.id,
    name: approver.name,
    role: approver.role,
    act,
    forStaffId: ctx.duty.current?.id ?? null,
    details,
  };
  const write = () => appendJournal(ctx.db, { kind: 'staff', data });
  if (ctx.db.inTransaction) write();
  else ctx.db.transaction(write)();
}
