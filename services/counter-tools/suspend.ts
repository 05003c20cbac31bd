// Suspend and resume at the counter (F7): the sale in progress put aside whole, the counter empty for
// the next customer, and the sale brought back later exactly as it was — at any counter on this
// terminal's store data. A waiting sale that will not come back is voided, journalled like any void.
import { currentBasket } from '../../db/baskets';
import {
  resumeSuspended,
  suspendBasket,
  suspendedSales,
  voidSuspended,
  type SuspendedSale,
} from '../../db/suspended-sales';
import type { SessionView, SuspendedListView, TerminalApi } from '../api/contract';
import { emitBasket } from '../checkout/basket-handlers';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';

export { suspendedSales };

type SuspendHandlers = Pick<
  TerminalApi,
  'sale.suspend' | 'sale.suspended' | 'sale.resume' | 'sale.voidSuspended'
>;

/** `session`: the fresh session view, for the empty counter a suspend leaves behind. */
export function suspendHandlers(ctx: CheckoutContext, session: () => SessionView): SuspendHandlers {
  const staffId = () => ctx.duty.current?.id ?? null;
  const notCounter = () =>
    ctx.settings.role === 'counter' ? null : fail('not_counter', 'Only a counter suspends and resumes sales');
  return {
    'sale.suspend': async ({ label }) => {
      const refused = notCounter();
      if (refused) return refused;
      const basket = currentBasket(ctx.db);
      if (!basket || basket.status === 'paid' || basket.status === 'closed')
        return fail('empty_basket', 'There is no sale in progress to suspend');
      try {
        suspendBasket(ctx.db, basket.id, { label, staffId: staffId(), taxMode: ctx.settings.taxMode });
      } catch (error) {
        return refusal(error);
      }
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
    'sale.suspended': async () => notCounter() ?? ok(listView()),
    'sale.resume': async ({ id }) => {
      const refused = notCounter();
      if (refused) return refused;
      try {
        const basket = resumeSuspended(ctx.db, id, { staffId: staffId(), currency: ctx.settings.currency });
        return ok(emitBasket(ctx, basket.id));
      } catch (error) {
        return refusal(error);
      }
    },
    'sale.voidSuspended': async ({ id, reason }) => {
      const refused = notCounter();
      if (refused) return refused;
      try {
        voidSuspended(ctx.db, id, { staffId: staffId(), reason });
      } catch (error) {
        return refusal(error);
      }
      return ok(listView());
    },
  };

  function listView(): SuspendedListView {
    return { sales: suspendedSales(ctx.db, ctx.settings.taxMode).map(toView) };
  }
}

function toView(sale: SuspendedSale): SuspendedListView['sales'][number] {
  const { basketId: _basketId, ...view } = sale;
  return view;
}
