// Refunds through WeChat Pay API v3, domestic refunds for a direct merchant ("境内普通商户退款"):
//
// - apply: POST /v3/refund/domestic/refunds (pay.weixin.qq.com/doc/v3/merchant/4012552567, also
//   pay.weixin.qq.com/docs/merchant/products/refund/apilist.html) with out_trade_no (or transaction_id),
//   out_refund_no — string(64) of digits, letters and _-|*@; "同一退款单号多次请求只退一笔": one refund
//   per number however often it is asked, and "申请退款失败重试时请使用原商户退款单号" (a retry keeps the
//   number) — reason (≤ 80 bytes, shown to the shopper), amount {refund, total, currency CNY}; refund ≤
//   the order's amount less its refunds, at most 50 partial refunds an order. "申请退款接口返回成功仅代表
//   退款单受理成功": the answer's status may still be PROCESSING.
// - query: GET /v3/refund/domestic/refunds/{out_refund_no} (pay.weixin.qq.com/doc/v3/merchant/4013071041).
// - status (the official Go SDK's model, wechatpay-apiv3/wechatpay-go services/refunddomestic/models.go):
//   SUCCESS → paid; PROCESSING → pending; CLOSED (退款关闭) → declined; ABNORMAL (退款异常: "退款到银行
//   发现用户的卡作废或者冻结了，导致原路退款银行卡失败，可前往商户平台-交易中心，手动处理此笔退款") →
//   declined, because the money did not reach the shopper and only a person at the merchant platform
//   can finish it — the reason says so.
// - error codes (the same SDK's api_refunds.go table, with its remedies): SYSTEM_ERROR "请不要更换商户
//   退款单号，请使用相同参数再次调用API" and FREQUENCY_LIMITED "该笔退款未受理，请降低频率后重试" →
//   unavailable (ask again, same number); NOT_ENOUGH, USER_ACCOUNT_ABNORMAL, NO_AUTH, INVALID_REQUEST,
//   PARAM_ERROR, MCH_NOT_EXISTS "退款申请失败" → declined with why; RESOURCE_NOT_EXISTS "请检查你的订单号
//   是否正确且是否已支付，未支付的订单不能发起退款" → the order query tells which: no order at all is
//   ProviderNotFoundError, an unpaid one is declined. Before any refusal is taken as the answer the refund
//   query is asked: a repeat of a refund WeChat Pay already holds is answered by that refund.
//
// The refund result notification (notify_url) needs an address reachable from the internet, which a
// kiosk has not: the state is learnt by the query, so no notify_url is sent.
import { ProviderNotFoundError, ProviderUnavailableError } from '../provider';
import type { ProviderRefundState, ProviderRefunds, RefundRequest } from '../provider';
import { errorText, type Answer } from './client';
import { OUT_TRADE_NO, type Order } from './trade';

type Ask = (method: 'GET' | 'POST', path: string, body?: object) => Promise<Answer>;

const REFUNDS_PATH = '/v3/refund/domestic/refunds';
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
/** reason is string(80): 80 bytes of UTF-8. */
const REASON_BYTES = 80;

const STATUS: Record<string, Pick<ProviderRefundState, 'status' | 'reason'>> = {
  SUCCESS: { status: 'paid' },
  PROCESSING: { status: 'pending' },
  CLOSED: { status: 'declined', reason: 'WeChat Pay closed the refund (CLOSED): nothing was given back' },
  ABNORMAL: {
    status: 'declined',
    reason:
      "WeChat Pay could not put the refund into the shopper's account (ABNORMAL: a closed or frozen card); " +
      'finish it by hand in the WeChat Pay merchant platform',
  },
};

/** Codes after which the same refund must simply be asked again: nothing is known to have happened. */
const ASK_AGAIN = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED']);

/** The refusals' reasons in the staff's words, by error code. */
const REFUSED: Record<string, string> = {
  NOT_ENOUGH: "the merchant account's balance is too low for this refund",
  USER_ACCOUNT_ABNORMAL: "the shopper's WeChat account is closed; give the money back another way",
  NO_AUTH: 'this merchant account may not refund this order',
};

/**
 * `ask` makes a signed call (a 401 is ProviderUnavailableError: a configuration problem, not an answer);
 * `findOrder` is the adapter's order query by out_trade_no, null when WeChat Pay has no such order.
 */
export function createWechatPayRefunds(
  ask: Ask,
  findOrder: (ref: string) => Promise<Order | null>,
): ProviderRefunds {
  /** The refund under this out_refund_no, or null when WeChat Pay holds none. */
  const lookUp = async (no: string): Promise<ProviderRefundState | null> => {
    const answer = await ask('GET', `${REFUNDS_PATH}/${encodeURIComponent(no)}`);
    if (answer.status === 200) return refundOf(answer.body, no);
    if (answer.status === 404 || answer.body?.code === 'RESOURCE_NOT_EXISTS') return null;
    throw new ProviderUnavailableError(`WeChat Pay refused the refund query: ${errorText(answer)}`, {
      timedOut: false,
    });
  };

  /** A refused refund request: the refund already held, unknown, or declined with why. */
  const refused = async (req: RefundRequest, answer: Answer): Promise<ProviderRefundState> => {
    const code = typeof answer.body?.code === 'string' ? answer.body.code : '';
    if (ASK_AGAIN.has(code) || answer.status === 429)
      throw new ProviderUnavailableError(`WeChat Pay did not take the refund now: ${errorText(answer)}`, {
        timedOut: false,
      });
    const held = await lookUp(req.reference);
    if (held) return held;
    if (code === 'RESOURCE_NOT_EXISTS' || answer.status === 404) {
      const order = await findOrder(req.paymentReference);
      if (!order) throw new ProviderNotFoundError(`WeChat Pay has no order ${req.paymentReference}`);
      return declined(
        `WeChat Pay has no paid order ${req.paymentReference} to refund (it is ${order.tradeState})`,
      );
    }
    const why = REFUSED[code];
    return declined(
      why ? `${why} (${errorText(answer)})` : `WeChat Pay refused the refund: ${errorText(answer)}`,
    );
  };

  return {
    async refund(req: RefundRequest): Promise<ProviderRefundState> {
      const wrong = problemWith(req);
      if (wrong) return declined(wrong);
      const reason = utf8Prefix(req.reason.trim(), REASON_BYTES);
      const answer = await ask('POST', REFUNDS_PATH, {
        out_trade_no: req.paymentReference,
        out_refund_no: req.reference,
        ...(reason ? { reason } : {}),
        amount: { refund: req.amount, total: req.paymentAmount, currency: 'CNY' },
      });
      if (answer.status === 200) return refundOf(answer.body, req.reference);
      return refused(req, answer);
    },

    async queryRefund(reference: string): Promise<ProviderRefundState> {
      const found = await lookUp(reference);
      if (!found) throw new ProviderNotFoundError(`WeChat Pay has no refund ${reference}`);
      return found;
    },
  };
}

/** What WeChat Pay could never take, found before anything is sent; null when the request is sound. */
function problemWith(req: RefundRequest): string | null {
  if (req.currency !== 'CNY')
    return `WeChat Pay refunds CNY only (a domestic merchant account); this refund is in ${req.currency}`;
  if (!Number.isInteger(req.amount) || req.amount <= 0)
    return `WeChat Pay needs a whole, positive number of fen to refund, not ${req.amount}`;
  if (!Number.isInteger(req.paymentAmount) || req.amount > req.paymentAmount)
    return `a refund of ${req.amount} fen is more than the payment's ${req.paymentAmount}`;
  if (!OUT_REFUND_NO.test(req.reference))
    return `WeChat Pay cannot take the refund reference ${JSON.stringify(req.reference)} as out_refund_no`;
  if (!OUT_TRADE_NO.test(req.paymentReference))
    return `WeChat Pay cannot take the payment reference ${JSON.stringify(req.paymentReference)} as out_trade_no`;
  return null;
}

/** The refund an answer describes; an answer about another refund proves nothing about ours. */
function refundOf(body: Record<string, unknown> | null, no: string): ProviderRefundState {
  const known = typeof body?.status === 'string' ? STATUS[body.status] : undefined;
  if (!body || body.out_refund_no !== no || typeof body.refund_id !== 'string' || !known) {
    throw new ProviderUnavailableError(
      `WeChat Pay answered refund ${no} with ${JSON.stringify({ out_refund_no: body?.out_refund_no, status: body?.status })}; outcome unknown`,
      { timedOut: false },
    );
  }
  return { refundRef: body.refund_id, ...known };
}

function declined(reason: string): ProviderRefundState {
  return { refundRef: null, status: 'declined', reason };
}

/** The longest prefix of `text` (whole characters) that fits in `bytes` bytes of UTF-8. */
function utf8Prefix(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char);
    if (used > bytes) break;
    out += char;
  }
  return out;
}
