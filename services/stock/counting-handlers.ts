// The item a scan names, counting and adjusting (issue 13): the handler map first; the work is in
// ./counting/ (find-item, on-hand, item-view, sessions, adjust). Every handler needs a staff member
// signed in. `now` is the one clock every time these handlers record comes from.
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { adjustStock } from './counting/adjust';
import { findStockItem } from './counting/find-item';
import { stockItemView } from './counting/item-view';
import { countLine, finishCount, listCounts, showCount, startCount } from './counting/sessions';
import { signedIn, type StockApi } from './stock-api';

type Counting = Pick<
  StockApi,
  | 'stock.item'
  | 'stock.countStart'
  | 'stock.countSessions'
  | 'stock.countLine'
  | 'stock.countFinish'
  | 'stock.count'
  | 'stock.adjust'
>;

export function countingHandlers(ctx: CheckoutContext, now: () => Date = ctx.clock): Counting {
  const staffOnly = signedIn(ctx);
  return {
    'stock.item': staffOnly(async ({ code }) => {
      const at = now();
      const found = findStockItem(ctx, code, at);
      return found.ok ? ok(stockItemView(ctx, found.product, at)) : fail(found.code, found.message);
    }),
    'stock.countStart': staffOnly(async ({ scope }, staff) => startCount(ctx, scope, staff, now())),
    'stock.countSessions': staffOnly(async () => listCounts(ctx)),
    'stock.countLine': staffOnly(async (input, staff) => countLine(ctx, input, staff, now())),
    'stock.countFinish': staffOnly(async ({ sessionId }, staff) => finishCount(ctx, sessionId, staff, now())),
    'stock.count': staffOnly(async ({ sessionId }) => showCount(ctx, sessionId)),
    'stock.adjust': staffOnly(async (input, staff) => adjustStock(ctx, input, staff, now())),
  };
}
