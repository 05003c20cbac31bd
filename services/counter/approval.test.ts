// A supervisor's approval on the spot, on a real SQLite file: the gate checks the badge, PIN and role;
// the approval is journalled naming approver, act, details and whose act it was; a refusal writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalEntries } from '../../db/journal';
import { openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import {
  CASHIER,
  COUNTER_STAFF,
  MANAGER,
  PLAIN_ATTENDANT,
  STAFF_PINS,
  SUPERVISOR,
} from '../../test/helpers/staff';
import { approveAct, checkApprover, recordApproval, withinOwnLimit } from './approval';

describe('approveAct: a supervisor approves on the spot', () => {
  let checkout: TestCheckout;
  beforeEach(() => {
    checkout = openCheckout({ role: 'counter', attendants: COUNTER_STAFF });
    checkout.ctx.duty.current = { id: CASHIER.id, name: CASHIER.name, role: 'cashier' };
  });
  afterEach(() => checkout.cleanup());
  const staffEntries = () => journalEntries(checkout.db).filter((e) => e.kind === 'staff');

  it('returns the approver and journals the approval for the cashier signed in', () => {
    const approver = value(
      approveAct(checkout.ctx, { badge: SUPERVISOR.badge, pin: STAFF_PINS.supervisor }, 'counter_take_over', {
        basketId: 'B1',
        percent: 25,
      }),
    );
    expect(approver).toEqual({ id: 'S01', name: 'Zhao Lei', role: 'supervisor' });
    expect(staffEntries().map((e) => e.data)).toEqual([
      {
        action: 'approved',
        staffId: 'S01',
        name: 'Zhao Lei',
        role: 'supervisor',
        act: 'counter_take_over',
        forStaffId: 'C01',
        details: { basketId: 'B1', percent: 25 },
      },
    ]);
  });

  it('refuses a wrong PIN, a role that may not, and the one signed in approving themselves; writes nothing', () => {
    const ask = (badge: string, pin: string) => approveAct(checkout.ctx, { badge, pin }, 'counter_take_over');
    expect(ask(SUPERVISOR.badge, '0000')).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(ask(CASHIER.badge, STAFF_PINS.cashier)).toMatchObject({
      ok: false,
      error: { code: 'staff_not_allowed' },
    });
    expect(ask(PLAIN_ATTENDANT.badge, STAFF_PINS.attendant)).toMatchObject({
      ok: false,
      error: { code: 'staff_not_allowed' },
    });
    expect(ask('STAFF-NOPE', '1234')).toMatchObject({ ok: false, error: { code: 'staff_unknown' } });
    checkout.ctx.duty.current = { id: MANAGER.id, name: MANAGER.name, role: 'manager' };
    expect(ask(MANAGER.badge, STAFF_PINS.manager)).toMatchObject({
      ok: false,
      error: { code: 'approver_signed_in' },
    });
    expect(staffEntries()).toEqual([]);
  });

  it('checkApprover writes nothing; recordApproval joins the act’s own transaction and rolls back with it', () => {
    const approver = value(
      checkApprover(checkout.ctx, { badge: MANAGER.badge, pin: STAFF_PINS.manager }, 'counter_take_over'),
    );
    expect(staffEntries()).toEqual([]);
    expect(() =>
      checkout.db.transaction(() => {
        recordApproval(checkout.ctx, approver, 'counter_take_over', { why: 'test' });
        throw new Error('the act failed');
      })(),
    ).toThrow('the act failed');
    expect(staffEntries()).toEqual([]);
    checkout.db.transaction(() => recordApproval(checkout.ctx, approver, 'counter_take_over', {}))();
    expect(staffEntries().map((e) => e.data)).toMatchObject([{ action: 'approved', staffId: 'M01' }]);
  });

  it('withinOwnLimit reads the signed-in role’s limits from settings.json', () => {
    expect(withinOwnLimit(checkout.ctx, 'discountPercent', 10)).toBe(true);
    expect(withinOwnLimit(checkout.ctx, 'discountPercent', 11)).toBe(false);
    expect(withinOwnLimit(checkout.ctx, 'cashDifference', -500)).toBe(true);
    checkout.ctx.duty.current = { id: SUPERVISOR.id, name: SUPERVISOR.name, role: 'supervisor' };
    expect(withinOwnLimit(checkout.ctx, 'discountPercent', 50)).toBe(true);
    checkout.ctx.duty.current = null;
    expect(withinOwnLimit(checkout.ctx, 'discountPercent', 0)).toBe(false);
  });
});
