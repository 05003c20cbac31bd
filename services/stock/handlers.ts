// The stock handlers of the TerminalApi (services/api/stock-contract.ts), one module per part of the
// stock screen: the item and counting (counting-handlers.ts), receiving and transfers
// (receiving-handlers.ts), shelf labels (label-handlers.ts), and the work mode (work-mode.ts: its
// control, which routes the serial scans, is made by terminal.ts). This file only puts them together.
import type { CheckoutContext } from '../checkout/context';
import { countingHandlers } from './counting-handlers';
import { labelHandlers } from './label-handlers';
import { receivingHandlers } from './receiving-handlers';
import type { StockApi } from './stock-api';
import type { WorkModeControl } from './work-mode';

export function stockHandlers(ctx: CheckoutContext, work: WorkModeControl): StockApi {
  return {
    ...countingHandlers(ctx),
    ...receivingHandlers(ctx),
    ...labelHandlers(ctx),
    ...work.handlers,
  };
}
