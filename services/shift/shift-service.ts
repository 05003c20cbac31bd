// The counter's shift (issue 11): open with the float counted by denomination, pay-ins, pay-outs and
// no-sale drawer openings with their reasons, an X report at any time, and the close with a blind
// count. Each act is refused `not_signed_in` with nobody on duty, names who did it, and is journalled
// (kind `shift`) in the same transaction as its change; the drawer opens only after the commit.
import { countDrawer, denominationsOf, type DenominationCount } from '../../core/cash';
import { fail, ok, type Result } from '../../core/result';
import { shiftFigures, type ShiftFigures } from '../../core/shift';
import { appendJournal } from '../../db/journal';
import { shiftEventsOf } from '../../db/shift-events';
import {
  closeShift,
  currentShift,
  openShift,
  recordCashMove,
  type CashMoveKind,
  type ShiftRecord,
} from '../../db/shifts';
import type {
  ShiftApproval,
  ShiftStateView,
  ShiftView,
  XReportView,
  ZReportView,
} from '../api/shift-contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { staffGateOf } from '../checkout/attendants';
import { refusal } from '../checkout/result';
import { closeBlock, CLOSE_BLOCKERS, type CloseBlocker } from './close-blockers';
import { zReportView } from './z-report';

/** The shift acts a counter's handlers call; every answer is a value, never a throw. */
export interface ShiftService {
  state(): Result<ShiftStateView>;
  open(counts: DenominationCount): Result<ShiftView>;
  payIn(amount: number, reason: string): Result<ShiftView>;
  payOut(amount: number, reason: string): Result<ShiftView>;
  noSale(reason: string): Result<ShiftView>;
  xReport(): Result<XReportView>;
  close(counts: DenominationCount, approval?: ShiftApproval): Result<ZReportView>;
}

export function createShiftService(
  ctx: CheckoutContext,
  blockers: readonly CloseBlocker[] = CLOSE_BLOCKERS,
): ShiftService {
  const { db, settings } = ctx;
  const terminalId = settings.terminalId;
  /**
   * The blind count first given for a close that needed approval: the cashier has now seen the
   * difference, so a second count differing from it is refused instead of quietly replacing it.
   */
  let pendingCount: { shiftId: string; total: number } | null = null;

  const open = (): Result<ShiftRecord> => {
    const shift = currentShift(db, terminalId);
    return shift
      ? ok(shift)
      : fail('shift_not_open', 'No shift is open at this counter: count the float to open one');
  };

  const move = (kind: CashMoveKind, amount: number, reason: string): Result<ShiftView> => {
    const staff = onDuty(ctx);
    if (!staff.ok) return staff;
    const shift = open();
    if (!shift.ok) return shift;
    try {
      db.transaction(() => {
        const moved = recordCashMove(db, {
          shiftId: shift.value.id,
          kind,
          amount,
          reason,
          staffId: staff.value.id,
        });
        appendJournal(db, {
          kind: 'shift',
          data: {
            action: kind,
            shiftId: shift.value.id,
            staffId: staff.value.id,
            amount: moved.amount,
            currency: shift.value.currency,
            reason: moved.reason,
            approverId: null,
          },
        });
      })();
    } catch (error) {
      return refusal(error);
    }
    ctx.drawer.open(kind);
    return ok(shiftView(shift.value));
  };

  return {
    state() {
      const shift = currentShift(db, terminalId);
      const table = denominationsOf(settings.currency);
      return ok({
        shift: shift ? shiftView(shift) : null,
        signedIn: ctx.duty.current !== null,
        currency: settings.currency,
        denominations: table.ok ? table.value : [],
      });
    },

    open(counts) {
      const staff = onDuty(ctx);
      if (!staff.ok) return staff;
      try {
        const shift = db.transaction(() => {
          const opened = openShift(db, {
            terminalId,
            currency: settings.currency,
            staffId: staff.value.id,
            floatCounts: counts,
          });
          appendJournal(db, {
            kind: 'shift',
            data: {
              action: 'opened',
              shiftId: opened.id,
              staffId: staff.value.id,
              amount: opened.floatTotal,
              currency: opened.currency,
              approverId: null,
            },
          });
          return opened;
        })();
        pendingCount = null;
        ctx.events.emit({ type: 'shift.changed', shift: shiftView(shift) });
        return ok(shiftView(shift));
      } catch (error) {
        return refusal(error);
      }
    },

    payIn: (amount, reason) => move('pay_in', amount, reason),
    payOut: (amount, reason) => move('pay_out', amount, reason),
    noSale: (reason) => move('no_sale', 0, reason),

    xReport() {
      const staff = onDuty(ctx);
      if (!staff.ok) return staff;
      const shift = open();
      if (!shift.ok) return shift;
      const figures = shiftFigures(shiftEventsOf(db, shift.value));
      if (!figures.ok) return figures;
      return ok({ shift: shiftView(shift.value), figures: figures.value, at: new Date().toISOString() });
    },

    close(counts, approval) {
      const staff = onDuty(ctx);
      if (!staff.ok) return staff;
      const shift = open();
      if (!shift.ok) return shift;
      const block = closeBlock(db, blockers);
      if (block) return fail(block.code, block.message, block.details);
      const count = countDrawer(shift.value.currency, counts);
      if (!count.ok) return count;
      const figures = shiftFigures(shiftEventsOf(db, shift.value), count.value.total);
      if (!figures.ok) return figures;
      if (pendingCount?.shiftId === shift.value.id && pendingCount.total !== count.value.total)
        return fail(
          'count_changed',
          `The drawer was counted at ${pendingCount.total} and the difference shown; a new count of ` +
            `${count.value.total} needs the close started again with a supervisor`,
          { counted: pendingCount.total },
        );
      const approver = approvalFor(ctx, staff.value, figures.value, approval);
      if (!approver.ok) {
        if (approver.error.code === 'approval_required')
          pendingCount = { shiftId: shift.value.id, total: count.value.total };
        return approver;
      }
      try {
        const closed = db.transaction(() => {
          const result = closeShift(db, {
            shiftId: shift.value.id,
            staffId: staff.value.id,
            countedCounts: counts,
            figures: figures.value,
            approvedBy: approver.value,
          });
          appendJournal(db, {
            kind: 'shift',
            data: {
              action: 'closed',
              shiftId: shift.value.id,
              staffId: staff.value.id,
              amount: count.value.total,
              currency: shift.value.currency,
              approverId: approver.value,
              zNumber: result.zReport.number,
              figures: figures.value,
            },
          });
          return result;
        })();
        pendingCount = null;
        ctx.events.emit({ type: 'shift.changed', shift: null });
        return ok(zReportView(db, closed.shift, closed.zReport));
      } catch (error) {
        return refusal(error);
      }
    },
  };
}

/** The staff member on duty, or `not_signed_in`. */
function onDuty(ctx: CheckoutContext): Result<OnDuty> {
  const current = ctx.duty.current;
  return current
    ? ok(current)
    : fail('not_signed_in', 'Nobody is signed in at this counter: sign in with your badge and PIN first');
}

/**
 * Who approves this close: nobody needed (null) when the difference is within the closer's limit;
 * else a supervisor's or manager's badge and PIN, checked by the staff gate, or `approval_required`
 * with the difference (the count is in, so the cashier may now see it).
 */
function approvalFor(
  ctx: CheckoutContext,
  closer: OnDuty,
  figures: ShiftFigures,
  approval: ShiftApproval | undefined,
): Result<string | null> {
  const difference = figures.count?.difference ?? 0;
  const limit = closer.role === 'attendant' ? 0 : ctx.settings.counter.limits[closer.role].cashDifference;
  if (limit === null || Math.abs(difference) <= limit) return ok(null);
  const details = {
    expected: figures.expectedCash,
    counted: figures.count?.counted ?? 0,
    difference,
    limit,
  };
  if (!approval)
    return fail(
      'approval_required',
      `The drawer is ${difference < 0 ? 'short' : 'over'} by ${Math.abs(difference)}, more than the ` +
        `${limit} a ${closer.role} may close with: a supervisor approves with badge and PIN`,
      details,
    );
  const check = staffGateOf(ctx).check(approval.badge, approval.pin, 'approve_cash_difference');
  if (!check.ok) return fail(check.code, check.message, details);
  if (check.attendant.id === closer.id)
    return fail(
      'approval_by_self',
      'The approver must be someone else than the staff member closing',
      details,
    );
  return ok(check.attendant.id);
}

export function shiftView(shift: ShiftRecord): ShiftView {
  return {
    id: shift.id,
    terminalId: shift.terminalId,
    currency: shift.currency,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    floatTotal: shift.floatTotal,
    floatCounts: shift.floatCounts,
  };
}
