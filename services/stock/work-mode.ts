// What a terminal's own scanner and screen are doing: selling, or stock work. A `stock` terminal always
// does stock work; a counter switches to it and back (the same signed-in staff member), and while it
// does, its serial scans go to the stock screen (`stock.scanned`) instead of the basket. The basket a
// counter leaves stays as it is, for when it switches back. A kiosk or console does no stock work.
//
// Kept in memory, like who is signed in: a restarted counter comes back selling.
import type { StockHandlers, TerminalApi, TerminalEvent, WorkMode } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { signedIn } from './stock-api';

export interface WorkModeControl {
  /** True while serial scans belong to the stock screen. */
  stockWork(): boolean;
  handlers: Pick<TerminalApi, 'stock.workMode'>;
}

export function workMode(ctx: CheckoutContext): WorkModeControl {
  let counterMode: WorkMode = 'sell';
  const current = (): WorkMode => {
    if (ctx.settings.role === 'stock') return 'stock';
    return ctx.settings.role === 'counter' ? counterMode : 'sell';
  };
  const set = async ({ mode }: StockHandlers['stock.workMode'][0]) => {
    if (mode === undefined || mode === current()) return ok({ mode: current() });
    if (ctx.settings.role !== 'counter')
      return fail(
        'not_counter',
        ctx.settings.role === 'stock'
          ? 'A stock terminal does stock work only: sell at a counter'
          : 'Only a counter switches to stock work',
      );
    counterMode = mode;
    const event: TerminalEvent = { type: 'stock.workMode', mode };
    ctx.events.emit(event);
    return ok({ mode });
  };
  return {
    stockWork: () => current() === 'stock' && ctx.duty.current !== null,
    handlers: { 'stock.workMode': signedIn(ctx)(set) },
  };
}
