// The refund handlers of the TerminalApi (services/api/refund-contract.ts). Groundwork: until the refund
// service lands, every refund is refused `refunds_unavailable`, so the contract, the schemas and the
// screens can be built against it.
import { fail } from '../../core/result';
import type { RefundHandlers } from '../api/contract';
import type { ApiResult } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';

export type RefundApi = {
  [N in keyof RefundHandlers]: (input: RefundHandlers[N][0]) => Promise<ApiResult<RefundHandlers[N][1]>>;
};

export function refundHandlers(_ctx: CheckoutContext): RefundApi {
  const unavailable = () =>
    Promise.resolve(fail('refunds_unavailable', 'Refunds are not available on this terminal yet'));
  return {
    'refund.find': unavailable,
    'refund.search': unavailable,
    'refund.quote': unavailable,
    'refund.start': unavailable,
    'refund.noReceipt': unavailable,
    'refund.get': unavailable,
    'refund.retry': unavailable,
    'refund.print': unavailable,
  };
}
