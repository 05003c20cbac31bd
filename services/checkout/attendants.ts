// Who may authorise an override at this kiosk: an attendant of settings.json, by the badge they scanned
// and their PIN. A badge whose PIN is guessed wrong 5 times within 5 minutes is refused for 5 minutes,
// so a shopper cannot try PINs on a found badge. The count lives in memory only: a restart resets it,
// which is acceptable — a restart takes far longer than the lockout would.
import type { Attendant, Settings } from '../settings';
import { verifyPin } from '../staff/pin';
import { mayDo, notAllowedMessage, type StaffAct } from '../../core/staff/roles';

export const MAX_WRONG_PINS = 5;
export const WRONG_PIN_WINDOW_MS = 5 * 60_000;
export const LOCKOUT_MS = 5 * 60_000;

export type StaffCheck =
  | { ok: true; attendant: Attendant }
  | {
      ok: false;
      code: 'staff_unknown' | 'staff_denied' | 'staff_locked' | 'staff_not_allowed';
      message: string;
    };

/** The attendant whose badge scans as `badge`, or null. */
export function findAttendant(settings: Settings, badge: string): Attendant | null {
  const code = badge.trim();
  return settings.attendants.find((attendant) => attendant.badge === code) ?? null;
}

export interface StaffGate {
  /**
   * Checks a badge and PIN; a wrong PIN counts towards the lockout, a right one clears the count.
   * With `act`, a right PIN whose role may not do it (core/staff/roles.ts) is `staff_not_allowed`.
   */
  check(badge: string, pin: string, act?: StaffAct): StaffCheck;
}

export function createStaffGate(settings: Settings, now: () => number = Date.now): StaffGate {
  /** Per badge: times of recent wrong PINs, and until when it is refused. */
  const wrong = new Map<string, { at: number[]; lockedUntil: number }>();
  return {
    check(badge, pin, act) {
      const attendant = findAttendant(settings, badge);
      if (!attendant)
        return { ok: false, code: 'staff_unknown', message: 'This badge is not an attendant of this store' };
      const t = now();
      const record = wrong.get(attendant.badge) ?? { at: [], lockedUntil: 0 };
      if (record.lockedUntil > t) {
        const minutes = Math.ceil((record.lockedUntil - t) / 60_000);
        return {
          ok: false,
          code: 'staff_locked',
          message: `Too many wrong PINs for badge ${attendant.badge}; try again in ${minutes} min`,
        };
      }
      if (verifyPin(pin, attendant.pinHash)) {
        wrong.delete(attendant.badge);
        // Checked after the PIN, so the refusal tells a role only to whoever knows the PIN.
        if (act && !mayDo(attendant.role, act))
          return { ok: false, code: 'staff_not_allowed', message: notAllowedMessage(attendant.role, act) };
        return { ok: true, attendant };
      }
      record.at = [...record.at.filter((when) => t - when < WRONG_PIN_WINDOW_MS), t];
      if (record.at.length >= MAX_WRONG_PINS) {
        record.lockedUntil = t + LOCKOUT_MS;
        record.at = [];
      }
      wrong.set(attendant.badge, record);
      return { ok: false, code: 'staff_denied', message: `Wrong PIN for badge ${attendant.badge}` };
    },
  };
}

const gates = new WeakMap<Settings, StaffGate>();

/**
 * The one gate of a checkout (by its settings): every dialog at the lane that takes a badge and PIN —
 * mark as paid, the age check — counts wrong PINs together, so trying PINs in one does not reset the other.
 */
export function staffGateOf(ctx: { settings: Settings }): StaffGate {
  let gate = gates.get(ctx.settings);
  if (!gate) {
    gate = createStaffGate(ctx.settings);
    gates.set(ctx.settings, gate);
  }
  return gate;
}
