// Staff are one list with roles (issue 11). Which role may do which act is a pure table here, so the
// staff gate (services/checkout/attendants.ts), the CLI and later the counter all read the same answer.

/** `attendant` may act at the self-checkout lanes; a staff member without a role is read as one. */
export const STAFF_ROLES = ['cashier', 'supervisor', 'manager', 'attendant'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The acts a badge and PIN authorise: at a self-checkout lane, then at the counter. */
export const STAFF_ACTS = [
  'mark_paid',
  'age_check',
  'typed_weight',
  // A pack held at a kiosk because a recall lists lots and its code named none: its lot read by staff.
  'lot_check',
  // The counter (issue 11): who may sign in to run a till, and who may take over a till locked by another.
  'counter_sign_in',
  'counter_take_over',
  // The shift (services/shift): a close whose counted cash is off by more than the closer's limit.
  'approve_cash_difference',
  // A discount or price override above the signed-in role's limit (services/counter-price).
  'discount_over_limit',
  // Returns (services/refund): who may refund at the counter, and who approves a refund made while HQ
  // cannot be asked or one without a receipt.
  'refund',
  'approve_refund',
] as const;
export type StaffAct = (typeof STAFF_ACTS)[number];

const ACT_WORDS: Record<StaffAct, string> = {
  mark_paid: 'mark a payment as paid',
  age_check: 'approve an age check',
  typed_weight: 'type a weight at the scale',
  lot_check: 'check the lot of a pack under a recall',
  counter_sign_in: 'sign in at a counter',
  counter_take_over: 'take over a counter another cashier locked',
  approve_cash_difference: 'approve a shift closed with its cash over the limit',
  discount_over_limit: "approve a discount or price override above a cashier's limit",
  refund: 'refund a sale',
  approve_refund: 'approve a refund made offline or without a receipt',
};

/**
 * The kiosk overrides are for attendants and those above them; a cashier runs the counter and is
 * not trusted alone at an unattended lane.
 */
const ALLOWED: Record<StaffAct, readonly StaffRole[]> = {
  mark_paid: ['attendant', 'supervisor', 'manager'],
  age_check: ['attendant', 'supervisor', 'manager'],
  typed_weight: ['attendant', 'supervisor', 'manager'],
  lot_check: ['attendant', 'supervisor', 'manager'],
  // A plain attendant looks after the self-checkout lanes and runs no till.
  counter_sign_in: ['cashier', 'supervisor', 'manager'],
  counter_take_over: ['supervisor', 'manager'],
  // A counted drawer off by more than the cashier's limit: someone above the cashier answers for it.
  approve_cash_difference: ['supervisor', 'manager'],
  // At the counter: a supervisor or manager, within their own limit (services/counter-price).
  discount_over_limit: ['supervisor', 'manager'],
  // A cashier refunds what HQ (or this terminal's own sale) vouches for; the rest a supervisor approves.
  refund: ['cashier', 'supervisor', 'manager'],
  approve_refund: ['supervisor', 'manager'],
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether a staff member of `role` may authorise `act`. */
export function mayDo(role: StaffRole, act: StaffAct): boolean {
  return ALLOWED[act].includes(role);
}

/** The refusal's words, naming the role and the act, e.g. "A cashier may not mark a payment as paid". */
export function notAllowedMessage(role: StaffRole, act: StaffAct): string {
  const article = /^[aeiou]/.test(role) ? 'An' : 'A';
  return `${article} ${role} may not ${ACT_WORDS[act]}`;
}
