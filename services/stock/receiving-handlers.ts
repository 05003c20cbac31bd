// Receiving deliveries and transferring out (issue 13): the stock screen's handlers. The logic is in
// services/stock/receiving/ — start (and the delivery-once rule), lines, finish, transfer out; this map
// only checks who is signed in and turns rows into views. Every receiving names its staff and terminal.
import { syncState } from '../../db/sync';
import type { Result } from '../../core/result';
import type { ReceivingRow } from '../../db/receivings';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { deliveriesView } from './receiving/deliveries';
import { cancelReceiving, finishReceiving } from './receiving/finish';
import { openReceiving, receiveAll, receiveLine } from './receiving/lines';
import { startReceiving } from './receiving/start';
import { transferOut } from './receiving/transfer-out';
import { receivingView, viewOf } from './receiving/view';
import { signedIn, type StockApi } from './stock-api';

type Receiving = Pick<
  StockApi,
  | 'stock.deliveries'
  | 'stock.receiveStart'
  | 'stock.receiveLine'
  | 'stock.receiveAll'
  | 'stock.receiveFinish'
  | 'stock.receiveCancel'
  | 'stock.receiving'
  | 'stock.transferOut'
>;

export function receivingHandlers(ctx: CheckoutContext): Receiving {
  const guard = signedIn(ctx);
  const now = ctx.clock;
  const language = () => ctx.settings.defaultLanguage;
  const view = (row: Result<ReceivingRow>) =>
    row.ok ? ok(receivingView(ctx.db, row.value, language())) : row;
  return {
    'stock.deliveries': guard(async () => {
      const { deliveries } = deliveriesView(ctx.db, language());
      const state = syncState(ctx.db);
      const online =
        (ctx.deliveryDesk?.current ?? null) !== null &&
        state.lastError === null &&
        state.lastSuccessAt !== null;
      return ok({ deliveries, offline: !online });
    }),
    'stock.receiveStart': guard(async (input, staff) =>
      view(
        await startReceiving(
          {
            db: ctx.db,
            terminalId: ctx.settings.terminalId,
            desk: ctx.deliveryDesk?.current ?? null,
            now: now(),
          },
          input,
          staff,
        ),
      ),
    ),
    'stock.receiveLine': guard(async (input) => view(receiveLine(ctx, input))),
    'stock.receiveAll': guard(async ({ receivingId }) => view(receiveAll(ctx, receivingId))),
    'stock.receiveFinish': guard(async ({ receivingId }) => {
      const open = openReceiving(ctx, receivingId);
      return view(open.ok ? finishReceiving(ctx.db, open.value, now()) : open);
    }),
    'stock.receiveCancel': guard(async ({ receivingId }) => {
      const open = openReceiving(ctx, receivingId);
      if (!open.ok) return open;
      const cancelled = cancelReceiving(ctx.db, open.value, now());
      // HQ's claim on the reference is given back, so the note can be received after all (best effort).
      if (cancelled.ok) void ctx.deliveryDesk?.current?.release?.(receivingId);
      return view(cancelled);
    }),
    'stock.receiving': guard(async ({ receivingId }) => {
      const found = viewOf(ctx.db, receivingId, language());
      return found ? ok(found) : fail('receiving_not_found', `No receiving ${receivingId} on this terminal`);
    }),
    'stock.transferOut': guard(async (input, staff) => transferOut(ctx, input, staff, now())),
  };
}
