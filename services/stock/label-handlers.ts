// Shelf labels (issue 13): being built.
import type { CheckoutContext } from '../checkout/context';
import { fail } from '../checkout/result';
import type { StockApi } from './stock-api';

type Labels = Pick<StockApi, 'labels.queue' | 'labels.print'>;

export function labelHandlers(_ctx: CheckoutContext): Labels {
  const notYet = async () => fail('not_built', 'Shelf labels are being built (issue 13)');
  return { 'labels.queue': notYet, 'labels.print': notYet };
}
