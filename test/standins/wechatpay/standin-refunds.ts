// The stand-in's refunds: WeChat Pay API v3 domestic refunds for a direct merchant, as documented —
//   POST /v3/refund/domestic/refunds (申请退款, pay.weixin.qq.com/doc/v3/merchant/4012552567 and
//   pay.weixin.qq.com/docs/merchant/products/refund/apilist.html): transaction_id or out_trade_no,
//   out_refund_no (string(64) of digits, letters and _-|*@; "同一退款单号多次请求只退一笔" — one refund
//   however often it is asked), reason (≤ 80 bytes), amount {refund, total, currency CNY}; refund ≤ what
//   the order took less its refunds, total = the order's amount, only a paid order;
//   GET /v3/refund/domestic/refunds/{out_refund_no} (pay.weixin.qq.com/doc/v3/merchant/4013071041);
// answered with the refund {refund_id, out_refund_no, transaction_id, out_trade_no, channel,
// user_received_account, create_time, success_time, status, amount{…}} and status SUCCESS, PROCESSING,
// ABNORMAL or CLOSED; refusals with the error codes of the official SDK's table
// (wechatpay-apiv3/wechatpay-go services/refunddomestic/api_refunds.go): PARAM_ERROR and INVALID_REQUEST
// (400), NOT_ENOUGH, USER_ACCOUNT_ABNORMAL and NO_AUTH (403), RESOURCE_NOT_EXISTS (404, "未支付的订单不能
// 发起退款" too), FREQUENCY_LIMITED (429), SYSTEM_ERROR (500). Those HTTP statuses are our reading of
// the v3 rules (the pages we read list the codes, not their statuses), so the adapter decides by the code.
import { randomBytes } from 'node:crypto';
import type { OrderBook, Reply, StandinOrder } from './standin-orders';

export type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'ABNORMAL' | 'CLOSED';

export interface StandinRefund {
  refundId: string;
  outRefundNo: string;
  order: StandinOrder;
  refund: number;
  reason: string;
  status: RefundStatus;
  createTime: string;
  successTime: string | null;
  /** Requests under this out_refund_no that were answered with it. */
  requests: number;
}

/** What a test makes the stand-in do to the next refund request. */
export interface RefundFaults {
  /** Refunds are accepted PROCESSING and stay so until `settle` (else they succeed at once). */
  refundsProcessing?: boolean;
  /** The next refund request is answered with this error — before the refund is made, or (afterRefund) after. */
  refundError?: { status: number; code: string; message: string; afterRefund?: boolean };
}

const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const error = (status: number, code: string, message: string): Reply => [status, { code, message }];
const rfc3339 = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function createRefundDesk(book: OrderBook, faults: RefundFaults) {
  const refunds = new Map<string, StandinRefund>();

  const refundedOf = (order: StandinOrder) =>
    [...refunds.values()]
      .filter((r) => r.order === order && r.status !== 'CLOSED')
      .reduce((sum, r) => sum + r.refund, 0);

  const view = (r: StandinRefund): Record<string, unknown> => ({
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.order.transactionId,
    out_trade_no: r.order.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successTime ? { success_time: r.successTime } : {}),
    create_time: r.createTime,
    status: r.status,
    funds_account: 'UNSETTLED',
    amount: {
      total: r.order.amount,
      refund: r.refund,
      from: [],
      payer_total: r.order.amount,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.order.amount,
      discount_refund: 0,
      currency: 'CNY',
    },
  });

  /** The fields the docs require, checked as WeChat Pay checks them; a Reply when they are wrong. */
  const wrongFields = (body: Record<string, unknown>): Reply | null => {
    if (typeof body.out_refund_no !== 'string' || !OUT_REFUND_NO.test(body.out_refund_no))
      return error(400, 'PARAM_ERROR', 'out_refund_no 须为 1–64 位数字、大小写字母或 _-|*@');
    if (body.transaction_id === undefined && body.out_trade_no === undefined)
      return error(400, 'PARAM_ERROR', 'transaction_id 和 out_trade_no 必须二选一');
    if (body.reason !== undefined && (typeof body.reason !== 'string' || Buffer.byteLength(body.reason) > 80))
      return error(400, 'PARAM_ERROR', 'reason 不可超过 80 个字节');
    const amount = body.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (!amount || !Number.isInteger(amount.refund) || (amount.refund as number) <= 0)
      return error(400, 'PARAM_ERROR', 'amount.refund 须为正整数（单位：分）');
    if (!Number.isInteger(amount.total) || (amount.total as number) <= 0)
      return error(400, 'PARAM_ERROR', 'amount.total 须为正整数（单位：分）');
    if (amount.currency !== 'CNY') return error(400, 'PARAM_ERROR', 'amount.currency 固定传 CNY');
    return null;
  };

  const orderOf = (body: Record<string, unknown>): StandinOrder | undefined =>
    typeof body.transaction_id === 'string'
      ? [...book.orders.values()].find((o) => o.transactionId === body.transaction_id)
      : book.orders.get(String(body.out_trade_no));

  return {
    refunds,

    /** POST /v3/refund/domestic/refunds */
    create(body: Record<string, unknown>): Reply {
      const fault = faults.refundError;
      if (fault && !fault.afterRefund) {
        delete faults.refundError;
        return error(fault.status, fault.code, fault.message);
      }
      const wrong = wrongFields(body);
      if (wrong) return wrong;
      const no = body.out_refund_no as string;
      const { refund, total } = body.amount as { refund: number; total: number };
      const order = orderOf(body);
      const existing = refunds.get(no);
      if (existing) {
        if (existing.order !== order || existing.refund !== refund)
          return error(400, 'INVALID_REQUEST', '同一退款单号的订单或退款金额与之前请求不一致');
        existing.requests++;
        return [200, view(existing)];
      }
      if (!order || (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND'))
        return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在，或订单未支付');
      if (total !== order.amount) return error(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
      if (refund > order.amount - refundedOf(order))
        return error(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
      const made: StandinRefund = {
        refundId: `50${Date.now()}${randomBytes(6).toString('hex')}`.slice(0, 29),
        outRefundNo: no,
        order,
        refund,
        reason: typeof body.reason === 'string' ? body.reason : '',
        status: 'PROCESSING',
        createTime: rfc3339(),
        successTime: null,
        requests: 1,
      };
      refunds.set(no, made);
      book.markRefunded(order);
      if (!faults.refundsProcessing) settle(made, 'SUCCESS');
      if (fault?.afterRefund) {
        delete faults.refundError;
        return error(fault.status, fault.code, fault.message);
      }
      return [200, view(made)];
    },

    /** GET /v3/refund/domestic/refunds/{out_refund_no} */
    query(no: string): Reply {
      const found = refunds.get(no);
      return found ? [200, view(found)] : error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    },

    /** WeChat Pay finishes a PROCESSING refund (SUCCESS), or it fails (ABNORMAL, CLOSED). */
    settle(no: string, status: Exclude<RefundStatus, 'PROCESSING'>): boolean {
      const found = refunds.get(no);
      if (!found || found.status !== 'PROCESSING') return false;
      settle(found, status);
      return true;
    },
  };
}

function settle(refund: StandinRefund, status: Exclude<RefundStatus, 'PROCESSING'>) {
  refund.status = status;
  if (status === 'SUCCESS') refund.successTime = rfc3339();
}

export type RefundDesk = ReturnType<typeof createRefundDesk>;
