// The stock handlers of the TerminalApi (services/api/stock-contract.ts), one module per part of the
// stock screen: the item and counting (counting-handlers.ts), receiving and transfers
// (receiving-handlers.ts), shelf labels (label-handlers.ts). This file only puts them together.
import type { CheckoutContext } from '../checkout/context';
import { countingHandlers } from './counting-handlers';
import { labelHandlers } from './label-handlers';
import { receivingHandlers } from './receiving-handlers';
import type { StockApi } from './stock-api';

export function stockHandlers(ctx: CheckoutContext): StockApi {
  return { ...countingHandlers(ctx), ...receivingHandlers(ctx), ...labelHandlers(ctx) };
}
