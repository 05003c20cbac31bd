// Who runs this counter: sign in with a badge and PIN, lock (F10 or the screen's idle timer), unlock with
// the same PIN or a supervisor's take-over, sign out. The one signed in is `ctx.duty.current`, which
// every counter act names; while nobody is (signed out or locked) the counter's acts are refused as
// `not_signed_in` (./sign-in-guard.ts).
//
// Kept in memory: a restart comes back signed out, at the sign-in screen, and the open sale stays for
// whoever signs in next. A `signed_in` left dangling in the journal by a stop is closed as `restart`.
import type { StaffSignEntry, SignOutReason } from '../../core/journal';
import { mayDo } from '../../core/staff/roles';
import { appendJournal } from '../../db/journal';
import { lastStaffSign } from '../../db/staff-journal';
import type { DutyView, TerminalApi } from '../api/contract';
import { staffGateOf, type StaffGate } from '../checkout/attendants';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { staffRunsRole } from './sign-in-guard';
import { putAwayEmptyBasket } from '../checkout/sale-start';
import type { Attendant } from '../settings';

export type DutyHandlers = Pick<
  TerminalApi,
  'staff.current' | 'staff.signIn' | 'staff.signOut' | 'staff.lock' | 'staff.unlock'
>;

/** A staff member at the till: who, and the badge their PIN unlocks with. */
interface Held {
  staff: OnDuty;
  badge: string;
}

const onDutyOf = (attendant: Attendant): Held => ({
  staff: { id: attendant.id, name: attendant.name, role: attendant.role },
  badge: attendant.badge,
});

export interface DutyOptions {
  /** Tells every screen the session anew after an empty basket was put away (terminal.ts sends session.reset). */
  resetSession?: () => void;
  /** The staff gate; by default the checkout's one, so wrong PINs count with every other badge dialog. */
  gate?: StaffGate;
}

/** The counter's sign-in handlers over `ctx.duty`. */
export function counterDuty(ctx: CheckoutContext, options: DutyOptions = {}): DutyHandlers {
  const gate = options.gate ?? staffGateOf(ctx);
  const putAway = () => {
    if (putAwayEmptyBasket(ctx)) options.resetSession?.();
  };
  let signedIn: Held | null = null;
  let locked: Held | null = null;
  closeDanglingSignIn(ctx);

  const view = (): DutyView => {
    const held = signedIn ?? locked;
    return {
      state: signedIn ? 'signed_in' : locked ? 'locked' : 'signed_out',
      staff: held ? { ...held.staff } : null,
      idleLockSeconds: ctx.settings.counter.idleLockSeconds,
    };
  };
  const set = (next: { signedIn: Held | null; locked: Held | null }) => {
    ({ signedIn, locked } = next);
    ctx.duty.current = signedIn ? { ...signedIn.staff } : null;
    const duty = view();
    ctx.events.emit({ type: 'staff.duty', duty });
    return ok(duty);
  };

  return {
    'staff.current': async () => ok(view()),
    'staff.signIn': async ({ badge, pin }) => {
      if (!staffRunsRole(ctx.settings.role))
        return fail('not_counter', 'Only a counter or stock terminal has staff sign-in');
      if (signedIn)
        return fail(
          'already_signed_in',
          `${signedIn.staff.name} is signed in here: sign out first (Shift+F10)`,
        );
      const checked = gate.check(badge, pin, 'counter_sign_in');
      if (!checked.ok) return fail(checked.code, checked.message);
      const next = onDutyOf(checked.attendant);
      if (locked && locked.staff.id === next.staff.id) return set({ signedIn: locked, locked: null });
      if (locked && !mayDo(next.staff.role, 'counter_take_over'))
        return fail(
          'counter_locked',
          `The counter is locked by ${locked.staff.name}: they unlock it with their PIN, or a supervisor takes over`,
          { lockedBy: locked.staff.name },
        );
      const before = locked;
      ctx.db.transaction(() => {
        if (before) journalSign(ctx, 'signed_out', before.staff, 'taken_over', next.staff.id);
        journalSign(ctx, 'signed_in', next.staff, null, null);
      })();
      // A fresh sign-in starts a sale of its own; a take-over continues the locked one as it is.
      if (!before) putAway();
      return set({ signedIn: next, locked: null });
    },
    'staff.signOut': async () => {
      if (!signedIn) return fail('not_signed_in', 'Nobody is signed in at this counter');
      const leaving = signedIn.staff;
      ctx.db.transaction(() => journalSign(ctx, 'signed_out', leaving, 'signed_out', null))();
      putAway();
      return set({ signedIn: null, locked: null });
    },
    'staff.lock': async () => (signedIn ? set({ signedIn: null, locked: signedIn }) : ok(view())),
    'staff.unlock': async ({ pin }) => {
      if (!locked) return fail('not_locked', 'The counter is not locked');
      const checked = gate.check(locked.badge, pin, 'counter_sign_in');
      if (!checked.ok) return fail(checked.code, checked.message);
      return set({ signedIn: locked, locked: null });
    },
  };
}

function journalSign(
  ctx: CheckoutContext,
  action: StaffSignEntry['action'],
  staff: OnDuty,
  reason: SignOutReason | null,
  byStaffId: string | null,
): void {
  const data: StaffSignEntry = {
    action,
    staffId: staff.id,
    name: staff.name,
    role: staff.role,
    reason,
    byStaffId,
  };
  appendJournal(ctx.db, { kind: 'staff', data });
}

/** A terminal that stopped with someone signed in: their shift at the till ended with the stop. */
function closeDanglingSignIn(ctx: CheckoutContext): void {
  const last = lastStaffSign(ctx.db);
  if (last?.action !== 'signed_in') return;
  const staff = { id: last.staffId, name: last.name, role: last.role } as OnDuty;
  ctx.db.transaction(() => journalSign(ctx, 'signed_out', staff, 'restart', null))();
}
