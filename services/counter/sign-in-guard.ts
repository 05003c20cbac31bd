// A counter sells only with someone signed in: every handler is refused as `not_signed_in` while nobody
// is, except those below, which only read or which the sign-in screen itself needs. Refusing by default
// means a handler added later (tenders, shift, discounts…) is guarded without anyone remembering to.
import type { HandlerName, TerminalApi, TerminalRole } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';
import { fail } from '../checkout/result';
import { classifyCode } from '../../core/barcode/code-patterns';
import type { Failure } from '../../core/result';

/**
 * What a counter answers with nobody signed in: reading the session and settings (the sign-in screen
 * shows the store and the sale waiting), the sign-in itself, and looks that change nothing. A new
 * read-only handler a locked counter's screens need (e.g. the customer display's) belongs here.
 */
export const OPEN_WITHOUT_SIGN_IN: ReadonlySet<HandlerName> = new Set<HandlerName>([
  'session.get',
  'settings.get',
  'session.setLanguage',
  'sync.status',
  'receipt.get',
  'payment.get',
  'scale.stop',
  'lane.self',
  'catalog.produceGrid',
  'staff.current',
  'staff.signIn',
  'staff.signOut',
  'staff.lock',
  'staff.unlock',
]);

/**
 * A serial scan at a counter nobody is signed in at: a staff badge is for the sign-in screen (its
 * `staff.badge` event), anything else is refused as not_signed_in. Null when the scan may go on.
 */
export function scanWhileSignedOut(
  ctx: Pick<CheckoutContext, 'settings' | 'duty' | 'patterns'>,
  text: string,
): { badge: string } | Failure | null {
  const refused = notSignedIn(ctx);
  if (!refused) return null;
  const code = text.trim();
  return classifyCode(code, ctx.patterns)?.kind === 'staff' ? { badge: code } : refused;
}

/** The roles whose terminal a staff member runs, signed in with badge and PIN: the till and stock work. */
export function staffRunsRole(role: TerminalRole): boolean {
  return role === 'counter' || role === 'stock';
}

/** The refusal of a counter act with nobody signed in, or null when it may go on (or it is no counter). */
export function notSignedIn(ctx: Pick<CheckoutContext, 'settings' | 'duty'>): Failure | null {
  if (!staffRunsRole(ctx.settings.role) || ctx.duty.current) return null;
  const here = ctx.settings.role === 'stock' ? 'this stock terminal' : 'this counter';
  return fail('not_signed_in', `Nobody is signed in at ${here}: sign in with your badge and PIN`);
}

/** The API with every counter act but the open ones refused while nobody is signed in. */
export function requireSignIn(
  api: TerminalApi,
  ctx: Pick<CheckoutContext, 'settings' | 'duty'>,
): TerminalApi {
  const guarded: Record<string, unknown> = { ...api };
  for (const name of Object.keys(api) as HandlerName[]) {
    if (OPEN_WITHOUT_SIGN_IN.has(name)) continue;
    const handler = api[name] as (input: unknown) => Promise<unknown>;
    guarded[name] = async (input: unknown) => notSignedIn(ctx) ?? handler(input);
  }
  return guarded as TerminalApi;
}
