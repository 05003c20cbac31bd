// The stand-in's order book: WeChat Pay's order rules as its v3 docs describe them, kept in memory.
// Each function takes a parsed request and returns [HTTP status, body]; standin.ts does the HTTP and
// the signatures. Where the docs leave a detail open (the exact error code for a repeated order), the
// choice is noted; the adapter never depends on those codes, only on the statuses and the query.
import { randomBytes } from 'node:crypto';
import { OUT_TRADE_NO } from '../../../services/payments/wechatpay/trade';

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REVOKED' | 'PAYERROR' | 'REFUND';

export interface StandinOrder {
  outTradeNo: string;
  tradeType: 'NATIVE' | 'MICROPAY';
  amount: number;
  description: string;
  /** ms since the epoch; a Native order cannot be paid after it (it stays NOTPAY until closed). */
  expiresAt: number | null;
  codeUrl: string | null;
  tradeState: TradeState;
  tradeStateDesc: string;
  transactionId: string | null;
  successTime: string | null;
}

export type Reply = [status: number, body: Record<string, unknown> | null];

export interface Merchant {
  mchid: string;
  appid: string;
}

const DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  USERPAYING: '用户支付中，需要输入密码',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REVOKED: '订单已撤销',
  PAYERROR: '支付失败',
  REFUND: '转入退款',
};

const error = (status: number, code: string, message: string): Reply => [status, { code, message }];

export function createOrderBook(merchant: Merchant) {
  const orders = new Map<string, StandinOrder>();

  const set = (order: StandinOrder, state: TradeState, desc = DESC[state]) => {
    order.tradeState = state;
    order.tradeStateDesc = desc;
    if (state === 'SUCCESS') {
      order.transactionId ??= `4200${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28);
      order.successTime = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
    }
  };

  /** The fields every order API checks alike; a Reply when they are wrong. */
  const checkOrderFields = (body: Record<string, unknown>): Reply | null => {
    if (body.mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid 与请求签名的商户号不一致');
    if (body.appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid 和 mch_id 不匹配');
    if (typeof body.out_trade_no !== 'string' || !OUT_TRADE_NO.test(body.out_trade_no))
      return error(400, 'PARAM_ERROR', 'out_trade_no 格式错误');
    if (typeof body.description !== 'string' || body.description === '' || [...body.description].length > 127)
      return error(400, 'PARAM_ERROR', 'description 长度须在 1–127 字符之间');
    const amount = body.amount as { total?: unknown; currency?: unknown } | undefined;
    if (!amount || !Number.isInteger(amount.total) || (amount.total as number) <= 0)
      return error(400, 'PARAM_ERROR', 'amount.total 须为正整数（单位：分）');
    if (amount.currency !== undefined && amount.currency !== 'CNY')
      return error(400, 'PARAM_ERROR', '境内商户号仅支持人民币 CNY');
    return null;
  };

  const view = (o: StandinOrder): Record<string, unknown> => ({
    appid: merchant.appid,
    mchid: merchant.mchid,
    out_trade_no: o.outTradeNo,
    // Before payment a Native order has no trade_type or transaction_id yet.
    ...(o.tradeType === 'MICROPAY' || wasPaid(o) ? { trade_type: o.tradeType } : {}),
    ...(o.transactionId ? { transaction_id: o.transactionId } : {}),
    trade_state: o.tradeState,
    trade_state_desc: o.tradeStateDesc,
    ...(o.successTime ? { success_time: o.successTime, bank_type: 'OTHERS' } : {}),
    ...(wasPaid(o) ? { payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } } : {}),
    amount: {
      total: o.amount,
      currency: 'CNY',
      ...(wasPaid(o) ? { payer_total: o.amount, payer_currency: 'CNY' } : {}),
    },
  });

  return {
    orders,

    /** POST /v3/pay/transactions/native */
    native(body: Record<string, unknown>): Reply {
      const wrong = checkOrderFields(body);
      if (wrong) return wrong;
      if (typeof body.notify_url !== 'string' || !body.notify_url.startsWith('https://'))
        return error(400, 'PARAM_ERROR', 'notify_url 须为 https 地址');
      const expiresAt = typeof body.time_expire === 'string' ? Date.parse(body.time_expire) : null;
      if (
        expiresAt !== null &&
        (Number.isNaN(expiresAt) || !/[+-]\d{2}:\d{2}$|Z$/.test(body.time_expire as string))
      )
        return error(400, 'PARAM_ERROR', 'time_expire 须为 rfc3339 格式');
      const no = body.out_trade_no as string;
      const total = (body.amount as { total: number }).total;
      const existing = orders.get(no);
      if (existing) {
        // A repeat with the same order parameters while still payable gets the same code back (our
        // choice where the docs only say out_trade_no is unique); anything else is refused.
        if (existing.tradeType !== 'NATIVE' || existing.amount !== total)
          return error(400, 'INVALID_REQUEST', '商户订单号重复，且订单参数不一致');
        if (existing.tradeState === 'SUCCESS') return error(400, 'ORDERPAID', '该订单已支付');
        if (existing.tradeState !== 'NOTPAY') return error(400, 'ORDER_CLOSED', '该订单已关闭');
        return [200, { code_url: existing.codeUrl }];
      }
      const codeUrl = `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}`;
      orders.set(no, {
        outTradeNo: no,
        tradeType: 'NATIVE',
        amount: total,
        description: body.description as string,
        expiresAt,
        codeUrl,
        tradeState: 'NOTPAY',
        tradeStateDesc: DESC.NOTPAY,
        transactionId: null,
        successTime: null,
      });
      return [200, { code_url: codeUrl }];
    },

    /**
     * POST /v3/pay/transactions/codepay. The shopper's code decides, as the built-in simulator's do:
     * last digit 0–6 pays at once, 7–8 asks the shopper to confirm on the phone (USERPAYING), 9 has
     * too little balance (403 NOTENOUGH).
     */
    codepay(body: Record<string, unknown>): Reply {
      const wrong = checkOrderFields(body);
      if (wrong) return wrong;
      const authCode = (body.payer as { auth_code?: unknown } | undefined)?.auth_code;
      // WeChat payment codes: 18 digits starting 10–15.
      if (typeof authCode !== 'string' || !/^1[0-5]\d{16}$/.test(authCode))
        return error(400, 'PARAM_ERROR', '付款码无效，请重新扫码');
      if (typeof body.scene_info !== 'object' || body.scene_info === null)
        return error(400, 'PARAM_ERROR', '缺少 scene_info');
      const no = body.out_trade_no as string;
      const total = (body.amount as { total: number }).total;
      const existing = orders.get(no);
      if (existing) {
        // The same charge asked again (its answer was lost): the order it already is, never a second one.
        if (existing.tradeType !== 'MICROPAY' || existing.amount !== total)
          return error(400, 'INVALID_REQUEST', '商户订单号重复，且订单参数不一致');
        return [200, view(existing)];
      }
      const order: StandinOrder = {
        outTradeNo: no,
        tradeType: 'MICROPAY',
        amount: total,
        description: body.description as string,
        expiresAt: null,
        codeUrl: null,
        tradeState: 'USERPAYING',
        tradeStateDesc: DESC.USERPAYING,
        transactionId: null,
        successTime: null,
      };
      orders.set(no, order);
      const last = Number(authCode.at(-1));
      if (last === 9) {
        set(order, 'PAYERROR', '余额不足');
        return error(403, 'NOTENOUGH', '用户账号余额不足');
      }
      if (last <= 6) set(order, 'SUCCESS');
      return [200, view(order)];
    },

    /** GET /v3/pay/transactions/out-trade-no/{no}?mchid= */
    query(no: string, mchid: string | null): Reply {
      if (mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid 参数错误');
      const order = orders.get(no);
      return order ? [200, view(order)] : error(404, 'ORDER_NOT_EXIST', '订单不存在');
    },

    /** POST …/{no}/close → 204; a paid order cannot be closed. */
    close(no: string, body: Record<string, unknown>): Reply {
      if (body.mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid 参数错误');
      const order = orders.get(no);
      if (!order) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (order.tradeType !== 'NATIVE') return error(400, 'INVALID_REQUEST', '付款码订单请调用撤销接口');
      if (order.tradeState === 'SUCCESS') return error(400, 'ORDERPAID', '订单已支付，不能关闭');
      if (order.tradeState === 'NOTPAY') set(order, 'CLOSED');
      return [204, null];
    },

    /** POST …/{no}/reverse: an unpaid code payment is closed, a paid one refunded to the shopper. */
    reverse(no: string, body: Record<string, unknown>): Reply {
      if (body.mchid !== merchant.mchid || body.appid !== merchant.appid)
        return error(400, 'PARAM_ERROR', 'appid 或 mchid 参数错误');
      const order = orders.get(no);
      if (!order) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (order.tradeType !== 'MICROPAY') return error(400, 'INVALID_REQUEST', '仅付款码订单可撤销');
      if (order.tradeState !== 'CLOSED') set(order, 'REVOKED');
      return [200, { appid: merchant.appid, mchid: merchant.mchid, out_trade_no: no }];
    },

    /** The shopper's phone scanned a code_url and paid; false when that code cannot be paid (now). */
    payCodeUrl(codeUrl: string): boolean {
      const order = [...orders.values()].find((o) => o.codeUrl === codeUrl);
      if (!order || order.tradeState !== 'NOTPAY') return false;
      if (order.expiresAt !== null && Date.now() > order.expiresAt) return false;
      set(order, 'SUCCESS');
      return true;
    },

    /** A refund was accepted: the order query then says REFUND ("转入退款"), as WeChat Pay's does. */
    markRefunded(order: StandinOrder) {
      set(order, 'REFUND');
    },

    /** The shopper answered the phone's prompt for a USERPAYING code payment. */
    confirm(no: string, decision: 'approve' | 'decline'): boolean {
      const order = orders.get(no);
      if (!order || order.tradeState !== 'USERPAYING') return false;
      if (decision === 'approve') set(order, 'SUCCESS');
      else set(order, 'PAYERROR', '用户取消支付');
      return true;
    },
  };
}

export type OrderBook = ReturnType<typeof createOrderBook>;

/** Paid, whether or not it has been refunded since. */
function wasPaid(order: StandinOrder): boolean {
  return order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
}
