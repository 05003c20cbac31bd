// The item a scan names, counting and adjusting (issue 13): being built.
import type { CheckoutContext } from '../checkout/context';
import { fail } from '../checkout/result';
import type { StockApi } from './stock-api';

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

export function countingHandlers(_ctx: CheckoutContext): Counting {
  const notYet = async () => fail('not_built', 'Counting is being built (issue 13)');
  return {
    'stock.item': notYet,
    'stock.countStart': notYet,
    'stock.countSessions': notYet,
    'stock.countLine': notYet,
    'stock.countFinish': notYet,
    'stock.count': notYet,
    'stock.adjust': notYet,
  };
}
