// What WeChat Pay's order bodies mean to the checkout: the trade_state values of the v3 order query
// ("商户订单号查询订单", pay.weixin.qq.com/doc/v3/merchant/4013070356; the same list in the v3 code-payment
// answer, pay.weixin.qq.com/doc/v3/merchant/4012382150) mapped onto the provider statuses, and the
// request fields the v3 APIs want.
import { ProviderUnavailableError, type ProviderPaymentState } from '../provider';

const STATES: Record<string, ProviderPaymentState['status']> = {
  SUCCESS: 'paid',
  // Paid, then refunded from elsewhere (the merchant platform): the sale happened; the refund is its own event.
  REFUND: 'paid',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  CLOSED: 'cancelled',
  REVOKED: 'cancelled',
  PAYERROR: 'declined',
};

export interface Order {
  state: ProviderPaymentState;
  /** The raw trade_state: NOTPAY is a QR order not yet paid, USERPAYING a code payment being confirmed. */
  tradeState: string;
  /** NATIVE for a QR order, MICROPAY (or FACEPAY) for a charged payment code; absent before payment. */
  tradeType: string | undefined;
}

/**
 * The order an answer describes. It must be the order asked about: an answer about another order (a
 * replayed one, say) proves nothing about ours, so it is treated as no answer.
 */
export function orderOf(body: Record<string, unknown> | null, outTradeNo: string, mchid: string): Order {
  const problem = (what: string) =>
    new ProviderUnavailableError(`WeChat Pay answered ${what} for order ${outTradeNo}; outcome unknown`, {
      timedOut: false,
    });
  if (!body) throw problem('without a body');
  if (body.out_trade_no !== outTradeNo) throw problem(`about order ${JSON.stringify(body.out_trade_no)}`);
  if (body.mchid !== undefined && body.mchid !== mchid)
    throw problem(`for merchant ${JSON.stringify(body.mchid)}`);
  const tradeState = body.trade_state;
  const status = typeof tradeState === 'string' ? STATES[tradeState] : undefined;
  if (!status) throw problem(`an unknown trade_state ${JSON.stringify(tradeState)}`);
  const desc = typeof body.trade_state_desc === 'string' ? body.trade_state_desc : undefined;
  const state: ProviderPaymentState =
    (status === 'declined' || status === 'cancelled') && desc ? { status, reason: desc } : { status };
  return {
    state,
    tradeState: tradeState as string,
    tradeType: typeof body.trade_type === 'string' ? body.trade_type : undefined,
  };
}

/** out_trade_no: 6–32 of digits, letters and _-|* (the v3 Native order's field description). */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/**
 * time_expire in RFC 3339 as the docs' examples write it, "yyyy-MM-DDTHH:mm:ss+08:00": China Standard
 * Time, whole seconds (a moment is the same moment in any offset; this is only the documented spelling).
 */
export function timeExpire(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${iso}`);
  const cst = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return cst.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** description is string(127) in every v3 order API. */
export function description(text: string): string {
  return [...text].slice(0, 127).join('');
}
