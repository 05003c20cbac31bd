// What every stock handler module shares: the handlers' types, and the signed-in guard.
import type { ApiResult, StockHandlers } from '../api/contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail } from '../checkout/result';
import { notSignedIn } from '../counter/sign-in-guard';

export type StockApi = {
  [N in keyof StockHandlers]: (input: StockHandlers[N][0]) => Promise<ApiResult<StockHandlers[N][1]>>;
};

/**
 * Stock work is done by a staff member signed in — at a counter switched to stock work, a `stock`
 * terminal, or a handheld through one — and names them. A kiosk never has anyone signed in, so it does
 * none of it, whatever a page on it sends.
 */
export function signedIn(ctx: CheckoutContext) {
  return <I, O>(act: (input: I, staff: OnDuty) => Promise<ApiResult<O>>) =>
    async (input: I): Promise<ApiResult<O>> => {
      const staff = ctx.duty.current;
      if (!staff)
        return notSignedIn(ctx) ?? fail('not_signed_in', 'Stock work needs a staff member signed in');
      return act(input, staff);
    };
}
