// Signing in at the counter, locking, unlocking, a supervisor's take-over and signing out, on a real
// SQLite file: who is on duty (ctx.duty.current), the journal's staff entries, and the guard that
// refuses the counter's acts while nobody is signed in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffSignEntry } from '../../core/journal';
import { journalEntries, verifyJournal } from '../../db/journal';
import { PRODUCTS, openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import {
  CASHIER,
  COUNTER_STAFF,
  MANAGER,
  PLAIN_ATTENDANT,
  STAFF_PINS,
  SUPERVISOR,
} from '../../test/helpers/staff';
import type { TerminalApi } from '../api/contract';
import { counterDuty, type DutyHandlers } from './duty';
import { requireSignIn, scanWhileSignedOut } from './sign-in-guard';

const staffEntries = (checkout: TestCheckout) =>
  journalEntries(checkout.db)
    .filter((e) => e.kind === 'staff')
    .map((e) => e.data as StaffSignEntry);

describe('staff sign-in at the counter', () => {
  let checkout: TestCheckout;
  let duty: DutyHandlers;
  beforeEach(() => {
    checkout = openCheckout({ role: 'counter', attendants: COUNTER_STAFF });
    duty = counterDuty(checkout.ctx);
  });
  afterEach(() => checkout.cleanup());

  const signIn = (who: typeof CASHIER, pin: string = STAFF_PINS[who.role]) =>
    duty['staff.signIn']({ badge: who.badge, pin });

  it('a counter opens signed out; a wrong PIN is refused and writes nothing; the right one signs in', async () => {
    expect(value(await duty['staff.current']({}))).toEqual({
      state: 'signed_out',
      staff: null,
      idleLockSeconds: 300,
    });
    expect(await signIn(CASHIER, '0000')).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(checkout.ctx.duty.current).toBeNull();
    expect(staffEntries(checkout)).toEqual([]);

    const signed = value(await signIn(CASHIER));
    expect(signed).toMatchObject({
      state: 'signed_in',
      staff: { id: 'C01', name: 'Wang Fang', role: 'cashier' },
    });
    expect(checkout.ctx.duty.current).toEqual({ id: 'C01', name: 'Wang Fang', role: 'cashier' });
    expect(staffEntries(checkout)).toEqual([
      {
        action: 'signed_in',
        staffId: 'C01',
        name: 'Wang Fang',
        role: 'cashier',
        reason: null,
        byStaffId: null,
      },
    ]);
    expect(checkout.events.filter((e) => e.type === 'staff.duty')).toHaveLength(1);
    expect(verifyJournal(checkout.db).ok).toBe(true);
  });

  it('a plain attendant may not sign in to a counter; an unknown badge is named as such', async () => {
    expect(await signIn(PLAIN_ATTENDANT)).toMatchObject({
      ok: false,
      error: { code: 'staff_not_allowed', message: 'An attendant may not sign in at a counter' },
    });
    expect(await duty['staff.signIn']({ badge: 'STAFF-ZZZZ', pin: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'staff_unknown' },
    });
    expect(checkout.ctx.duty.current).toBeNull();
  });

  it('refuses sign-in on a terminal that is not a counter', async () => {
    checkout.ctx.settings = { ...checkout.ctx.settings, role: 'kiosk' };
    const kiosk = counterDuty(checkout.ctx);
    expect(await kiosk['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier })).toMatchObject({
      ok: false,
      error: { code: 'not_counter' },
    });
  });

  it('lock keeps the person, nobody is on duty meanwhile, and only their PIN unlocks', async () => {
    value(await signIn(CASHIER));
    expect(value(await duty['staff.lock']({}))).toMatchObject({ state: 'locked', staff: { id: 'C01' } });
    expect(checkout.ctx.duty.current).toBeNull();
    expect(await duty['staff.unlock']({ pin: STAFF_PINS.supervisor })).toMatchObject({
      ok: false,
      error: { code: 'staff_denied' },
    });
    expect(value(await duty['staff.unlock']({ pin: STAFF_PINS.cashier }))).toMatchObject({
      state: 'signed_in',
    });
    expect(checkout.ctx.duty.current?.id).toBe('C01');
    // Locking is no sign-out: the journal has the one sign-in.
    expect(staffEntries(checkout).map((e) => e.action)).toEqual(['signed_in']);
    expect(await duty['staff.unlock']({ pin: STAFF_PINS.cashier })).toMatchObject({
      ok: false,
      error: { code: 'not_locked' },
    });
  });

  it('another cashier cannot sign in over a locked till; a supervisor takes it over, journalled', async () => {
    const other = { ...CASHIER, id: 'C02', name: 'Sun Li', badge: 'STAFF-C02X' };
    checkout.ctx.settings.attendants = [...COUNTER_STAFF, other];
    value(await signIn(CASHIER));
    value(await duty['staff.lock']({}));
    expect(await duty['staff.signIn']({ badge: other.badge, pin: STAFF_PINS.cashier })).toMatchObject({
      ok: false,
      error: { code: 'counter_locked' },
    });
    // The same cashier signing in again just unlocks.
    expect(value(await signIn(CASHIER))).toMatchObject({ state: 'signed_in', staff: { id: 'C01' } });
    value(await duty['staff.lock']({}));
    expect(value(await signIn(SUPERVISOR))).toMatchObject({ state: 'signed_in', staff: { id: 'S01' } });
    expect(checkout.ctx.duty.current?.role).toBe('supervisor');
    expect(staffEntries(checkout).map((e) => [e.action, e.staffId, e.reason, e.byStaffId])).toEqual([
      ['signed_in', 'C01', null, null],
      ['signed_out', 'C01', 'taken_over', 'S01'],
      ['signed_in', 'S01', null, null],
    ]);
  });

  it('sign-out is journalled; signing in over someone signed in is refused', async () => {
    value(await signIn(MANAGER));
    expect(await signIn(CASHIER)).toMatchObject({ ok: false, error: { code: 'already_signed_in' } });
    expect(value(await duty['staff.signOut']({}))).toMatchObject({ state: 'signed_out', staff: null });
    expect(await duty['staff.signOut']({})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(staffEntries(checkout).map((e) => [e.action, e.staffId, e.reason])).toEqual([
      ['signed_in', 'M01', null],
      ['signed_out', 'M01', 'signed_out'],
    ]);
  });

  it('a restart comes back signed out, and closes the sign-in the stop left open as `restart`', async () => {
    value(await signIn(CASHIER));
    const restarted = counterDuty(checkout.ctx);
    checkout.ctx.duty.current = null;
    expect(value(await restarted['staff.current']({})).state).toBe('signed_out');
    expect(staffEntries(checkout).map((e) => [e.action, e.staffId, e.reason])).toEqual([
      ['signed_in', 'C01', null],
      ['signed_out', 'C01', 'restart'],
    ]);
    // Nothing dangles now: a further start writes nothing more.
    counterDuty(checkout.ctx);
    expect(staffEntries(checkout)).toHaveLength(2);
  });

  it('while nobody is signed in the counter’s acts are refused as not_signed_in, reading is not', async () => {
    const api = requireSignIn({ ...checkout.basket, ...duty } as unknown as TerminalApi, checkout.ctx);
    const scan = () => api['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' });
    expect(await scan()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect((await api['session.get']({})).ok).toBe(true);
    value(await api['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    expect(value(await scan()).lines).toHaveLength(1);
    value(await api['staff.lock']({}));
    expect(await scan()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    // The sale waits through the lock and goes on after it.
    value(await api['staff.unlock']({ pin: STAFF_PINS.cashier }));
    expect(value(await scan()).lines[0]?.quantity).toBe(2);
  });

  it('a serial scan while signed out: a staff badge is for the sign-in, anything else is refused', async () => {
    expect(scanWhileSignedOut(checkout.ctx, ` ${CASHIER.badge}\r`)).toEqual({ badge: CASHIER.badge });
    expect(scanWhileSignedOut(checkout.ctx, PRODUCTS.milk.barcode)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    value(await duty['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    expect(scanWhileSignedOut(checkout.ctx, PRODUCTS.milk.barcode)).toBeNull();
  });

  it('a kiosk is never asked to sign in', async () => {
    checkout.ctx.settings = { ...checkout.ctx.settings, role: 'kiosk' };
    const api = requireSignIn({ ...checkout.basket } as unknown as TerminalApi, checkout.ctx);
    expect((await api['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' })).ok).toBe(true);
  });
});
