// The age check at the lane and at the counter. At the lane an attendant's badge read while the basket
// waits offers them the check (ageCheckOffer, from the scan side); ageCheck.decide identifies them by
// badge and PIN through the same staff gate as "mark as paid" (attendants.ts), then comes to
// restrictions.ts's decideAgeCheck — the path the attendant console's link takes too. At the counter the
// cashier is staff and sees the ID themselves: ageCheck.cashier, refused on any other terminal.
import type { TerminalApi } from '../api/contract';
import { staffGateOf, type StaffGate } from './attendants';
import type { CheckoutContext } from './context';
import { fail } from './result';
import { decideAgeCheck } from './restrictions';

type AgeCheckHandlers = Pick<TerminalApi, 'ageCheck.decide' | 'ageCheck.cashier'>;

export function ageCheckHandlers(ctx: CheckoutContext, gate: StaffGate = staffGateOf(ctx)): AgeCheckHandlers {
  return {
    'ageCheck.decide': async ({ badge, pin, decision, basketId, age, birthYear }) => {
      // Nothing about the basket is told to someone who is not staff, and nothing is written.
      const staff = gate.check(badge, pin, 'age_check');
      if (!staff.ok) return fail(staff.code, staff.message);
      return decideAgeCheck(ctx, {
        attendantId: staff.attendant.id,
        decision,
        age,
        birthYear,
        basketId,
        via: 'lane',
      });
    },
    'ageCheck.cashier': async ({ decision, basketId, age, birthYear }) => {
      if (ctx.settings.role !== 'counter')
        return fail(
          'not_counter',
          'Only a counter terminal confirms an age check without an attendant badge',
        );
      // The cashier signed in confirmed it; the till itself only where nobody is (a direct call in tests).
      const attendantId = ctx.duty.current?.id ?? `cashier@${ctx.settings.terminalId}`;
      return decideAgeCheck(ctx, { attendantId, decision, age, birthYear, basketId, via: 'counter' });
    },
  };
}
