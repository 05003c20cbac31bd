// The PaymentProvider for WeChat Pay, API v3, direct merchant ("普通商户"). It follows:
//
// - API rules and signatures: pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay3_3.shtml (requests
//   signed with the merchant key, answers signed with the platform key; "a 2xx answer without a
//   signature must be taken as forged"; a badly signed request gets 401 and is not executed), the
//   signature generation / verification guides (see signing.ts), error bodies {code, message};
// - Native order (merchant-presented QR): POST /v3/pay/transactions/native → {code_url}, the QR payload
//   (pay.weixin.qq.com/doc/v3/merchant/4012791877): amount.total in fen, currency CNY, time_expire in
//   RFC 3339, notify_url required;
// - code payment (customer-presented, the shopper's 18-digit code): POST /v3/pay/transactions/codepay,
//   payer.auth_code, answered with the order and its trade_state — SUCCESS, or USERPAYING while the
//   shopper confirms on the phone (pay.weixin.qq.com/doc/v3/merchant/4012382150; v3 since April 2024,
//   announced at developers.weixin.qq.com/community/pay/article/doc/00022492720948895861b905a61c13, and
//   in the official Go SDK as services/payments/code); so the v2 XML micropay is not needed;
// - order query by out_trade_no: GET /v3/pay/transactions/out-trade-no/{no}?mchid=…
//   (pay.weixin.qq.com/doc/v3/merchant/4013070356), 404 ORDER_NOT_EXIST for an order it never got;
// - close a Native order: POST …/out-trade-no/{no}/close {mchid} → 204;
// - reverse a code payment: POST …/out-trade-no/{no}/reverse {appid, mchid} — "if the shopper's payment
//   failed the order is closed; if it succeeded the money is returned to the shopper".
// - refund a paid order, whole or in part: POST /v3/refund/domestic/refunds (refunds.ts).
//
// There is no long-poll in WeChat Pay. Its push is the notify_url callback, which needs an HTTPS address
// reachable from the internet — a kiosk behind the store's router has none — so waitForChange polls the
// order query. The notify_url the Native order requires is the store's own (HQ's) address; nothing here
// depends on it being called.
//
// Our reference is the out_trade_no, and it is also the providerRef: before payment WeChat Pay has no id
// of its own to give, and the query, close and reverse all take out_trade_no.
import { ProviderNotFoundError, ProviderRefusedError, ProviderUnavailableError } from '../provider';
import type {
  ChargeRequest,
  ChargeResult,
  CreatePaymentRequest,
  CreatedPayment,
  PaymentProvider,
  ProviderPaymentState,
  ProviderStatus,
} from '../provider';
import {
  createClient,
  errorText,
  MerchantSignatureRejected,
  type Answer,
  type WechatPayCredentials,
} from './client';
import { createWechatPayRefunds } from './refunds';
import { OUT_TRADE_NO, description, orderOf, timeExpire, type Order } from './trade';

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';

export interface WechatPayProviderOptions extends WechatPayCredentials {
  baseUrl?: string;
  /** The HTTPS address the Native order's required notify_url names (the store's own; never called here). */
  notifyUrl: string;
  /** Per request. */
  timeoutMs?: number;
  /** How often waitForChange asks the order query. */
  pollIntervalMs?: number;
  /** How long one waitForChange call keeps asking before it answers "unchanged". */
  pollWindowMs?: number;
  /** scene_info of a code payment: the store (store_info.out_id) and the terminal (device_id). */
  storeId?: string;
  deviceId?: string;
}

export function createWechatPayProvider(options: WechatPayProviderOptions): PaymentProvider {
  const call = createClient({
    ...options,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const pollWindowMs = options.pollWindowMs ?? 25_000;
  const { mchid, appid } = options;
  const orderPath = (ref: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(ref)}`;
  /**
   * References cancelled before WeChat Pay ever saw a charge for them. WeChat Pay keeps no record of an
   * order it never got (reverse answers ORDER_NOT_EXIST), so this terminal refuses to charge them itself.
   */
  const neverCharge = new Set<string>();

  /** A request about an order that may hold money: a 401 is then a configuration problem, not an answer. */
  const ask = async (method: 'GET' | 'POST', path: string, body?: object, signal?: AbortSignal) => {
    try {
      return await call(method, path, body, signal);
    } catch (error) {
      if (error instanceof MerchantSignatureRejected)
        throw new ProviderUnavailableError(error.message, { timedOut: false, cause: error });
      throw error;
    }
  };

  /** A request that creates an order: WeChat Pay executes nothing it answers with 401, so that is a refusal. */
  const place = async (path: string, body: object) => {
    try {
      return await call('POST', path, body);
    } catch (error) {
      if (error instanceof MerchantSignatureRejected) throw new ProviderRefusedError(error.message);
      throw error;
    }
  };

  /** The order, or null when WeChat Pay has none under this out_trade_no. */
  const find = async (ref: string, signal?: AbortSignal): Promise<Order | null> => {
    const answer = await ask(
      'GET',
      `${orderPath(ref)}?mchid=${encodeURIComponent(mchid)}`,
      undefined,
      signal,
    );
    if (answer.status === 200) return orderOf(answer.body, ref, mchid);
    if (answer.status === 404) return null;
    // Any other refusal says nothing about the money (bad parameters, rate limit): not an answer.
    throw notAnAnswer('the order query', answer);
  };

  const query = async (ref: string, signal?: AbortSignal): Promise<ProviderPaymentState> => {
    const order = await find(ref, signal);
    if (!order) throw new ProviderNotFoundError(`WeChat Pay has no order ${ref}`);
    return order.state;
  };

  /** After close or reverse, how the order ended; a missing order ends cancelled for good. */
  const settled = async (ref: string, reason: string): Promise<ProviderPaymentState> => {
    const order = await find(ref);
    if (order) return order.state;
    neverCharge.add(ref);
    return { status: 'cancelled', reason };
  };

  return {
    name: 'wechatpay',

    async create(req: CreatePaymentRequest): Promise<CreatedPayment> {
      checkRequest(req);
      const answer = await place('/v3/pay/transactions/native', {
        appid,
        mchid,
        description: description(req.description),
        out_trade_no: req.reference,
        time_expire: timeExpire(req.expiresAt),
        notify_url: options.notifyUrl,
        amount: { total: req.amount, currency: 'CNY' },
      });
      const codeUrl = answer.body?.code_url;
      if (answer.status === 200 && typeof codeUrl === 'string' && codeUrl !== '')
        return { providerRef: req.reference, qrPayload: codeUrl };
      if (answer.status === 200)
        throw new ProviderUnavailableError('WeChat Pay answered the Native order without a code_url', {
          timedOut: false,
        });
      // Refused. If an order under this reference exists already (paid, closed, or payable by a code
      // shown before a restart), the refusal is not the end of it: how it ends is the query's to say.
      if (await find(req.reference))
        throw new ProviderUnavailableError(
          `WeChat Pay refused to reissue the code for order ${req.reference} (${errorText(answer)}); asking how it ended`,
          { timedOut: false },
        );
      throw new ProviderRefusedError(`WeChat Pay refused the payment: ${errorText(answer)}`);
    },

    async charge(req: ChargeRequest): Promise<ChargeResult> {
      checkRequest(req);
      const ref = req.reference;
      if (neverCharge.has(ref))
        return {
          providerRef: ref,
          state: { status: 'cancelled', reason: 'This payment was cancelled before it was charged' },
        };
      const answer = await place('/v3/pay/transactions/codepay', {
        appid,
        mchid,
        description: description(req.description),
        out_trade_no: ref,
        payer: { auth_code: req.authCode },
        amount: { total: req.amount, currency: 'CNY' },
        scene_info: {
          ...(options.deviceId ? { device_id: options.deviceId } : {}),
          store_info: options.storeId ? { out_id: options.storeId } : {},
        },
      });
      if (answer.status === 200) return { providerRef: ref, state: orderOf(answer.body, ref, mchid).state };
      if (answer.status === 202 || answer.body?.code === 'USERPAYING')
        return { providerRef: ref, state: { status: 'pending' } };
      if (answer.status === 429)
        throw new ProviderUnavailableError(`WeChat Pay is rate-limiting: ${errorText(answer)}`, {
          timedOut: false,
        });
      // A repeat of a charge it already has is refused; the charge it has is the answer.
      const existing = await find(ref);
      if (existing) return { providerRef: ref, state: existing.state };
      throw new ProviderRefusedError(`WeChat Pay refused the payment code: ${errorText(answer)}`);
    },

    query: (ref) => query(ref),

    async cancel(ref: string): Promise<ProviderPaymentState> {
      const order = await find(ref);
      if (order && order.state.status !== 'pending') return order.state;
      // A QR order waiting to be paid (NOTPAY) is closed; a code payment being confirmed (USERPAYING), or
      // a charge WeChat Pay never got, is reversed. trade_type may be absent before payment, so the
      // state decides; a Native order is never reversed (that would refund a payment, not stop one).
      if (order && (order.tradeState === 'NOTPAY' || order.tradeType === 'NATIVE')) {
        const closed = await ask('POST', `${orderPath(ref)}/close`, { mchid });
        if (closed.status !== 204 && closed.status !== 200) return stillOpen(await find(ref), closed);
        return settled(ref, 'The payment code was closed');
      }
      const reversed = await ask('POST', `${orderPath(ref)}/reverse`, { appid, mchid });
      if (reversed.status === 200) return settled(ref, 'The payment was reversed');
      if (reversed.status === 404 || reversed.body?.code === 'ORDER_NOT_EXIST') {
        neverCharge.add(ref);
        return { status: 'cancelled', reason: 'WeChat Pay never received this charge' };
      }
      return stillOpen(await find(ref), reversed);
    },

    async waitForChange(
      ref: string,
      knownStatus: ProviderStatus,
      signal: AbortSignal,
    ): Promise<ProviderStatus> {
      const deadline = Date.now() + pollWindowMs;
      for (;;) {
        if (signal.aborted) throw signal.reason;
        const status = (await query(ref, signal)).status;
        if (status !== knownStatus || Date.now() + pollIntervalMs > deadline) return status;
        await sleep(pollIntervalMs, signal);
      }
    },

    // Refunds (refunds.ts): out_trade_no is our payment reference, as for every order call here.
    refunds: createWechatPayRefunds(ask, find),
  };
}

/** What WeChat Pay cannot take, refused before any request. */
function checkRequest(req: CreatePaymentRequest): void {
  if (req.currency !== 'CNY')
    throw new ProviderRefusedError(
      `WeChat Pay takes CNY only (a domestic merchant account); this payment is in ${req.currency}`,
    );
  if (!Number.isInteger(req.amount) || req.amount <= 0)
    throw new ProviderRefusedError(`WeChat Pay needs a whole, positive number of fen, not ${req.amount}`);
  if (!OUT_TRADE_NO.test(req.reference))
    throw new ProviderRefusedError(
      `WeChat Pay cannot take the reference ${JSON.stringify(req.reference)} as out_trade_no`,
    );
}

/** A close or reverse that was refused: the order's own state if it is final, else no answer yet. */
function stillOpen(order: Order | null, answer: Answer): ProviderPaymentState {
  if (order && order.state.status !== 'pending') return order.state;
  throw notAnAnswer('cancelling the order', answer);
}

function notAnAnswer(what: string, answer: Answer): ProviderUnavailableError {
  return new ProviderUnavailableError(`WeChat Pay refused ${what}: ${errorText(answer)}`, {
    timedOut: false,
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => (clearTimeout(timer), reject(signal.reason));
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
