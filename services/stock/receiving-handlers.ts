// Receiving deliveries and transferring out (issue 13): being built.
import type { CheckoutContext } from '../checkout/context';
import { fail } from '../checkout/result';
import type { StockApi } from './stock-api';

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

export function receivingHandlers(_ctx: CheckoutContext): Receiving {
  const notYet = async () => fail('not_built', 'Receiving is being built (issue 13)');
  return {
    'stock.deliveries': notYet,
    'stock.receiveStart': notYet,
    'stock.receiveLine': notYet,
    'stock.receiveAll': notYet,
    'stock.receiveFinish': notYet,
    'stock.receiveCancel': notYet,
    'stock.receiving': notYet,
    'stock.transferOut': notYet,
  };
}
