// Refunds through the WeChat Pay adapter over real HTTP against the stand-in, which verifies every
// request's merchant signature (a request that does not verify is refused unexecuted and never counted
// in `requests`) and signs its answers, as the v3 docs describe. See refunds.ts for the protocol.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProviderNotFoundError, ProviderUnavailableError } from '../provider';
import type { ProviderRefunds, RefundRequest } from '../provider';
import { freshReference, standinForTests } from '../../../test/standins/wechatpay/standin-suite';

const env = standinForTests();
const provider = env.provider;
const reference = freshReference;

const refunds = (overrides: Parameters<typeof provider>[0] = {}): ProviderRefunds => {
  const found = provider(overrides).refunds;
  if (!found) throw new Error('the WeChat Pay provider must offer refunds');
  return found;
};

const basics = (amount: number) => ({
  reference: reference(),
  amount,
  currency: 'CNY',
  description: 'Self-checkout K01',
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
});

/** A code payment that pays at once (a code ending 0–6 at the stand-in). */
async function paidByCode(amount = 2390) {
  const req = { ...basics(amount), authCode: '134512345678901230' };
  expect((await provider().charge(req)).state.status).toBe('paid');
  return { reference: req.reference, amount };
}

/** A Native order the shopper's phone paid. */
async function paidByQr(amount = 2140) {
  const req = basics(amount);
  const { qrPayload } = await provider().create(req);
  expect(env.standin.payCodeUrl(qrPayload)).toBe(true);
  return { reference: req.reference, amount };
}

function refundOf(
  payment: { reference: string; amount: number },
  amount: number,
  overrides: Partial<RefundRequest> = {},
): RefundRequest {
  return {
    reference: reference('RF'),
    paymentProviderRef: payment.reference,
    paymentReference: payment.reference,
    amount,
    paymentAmount: payment.amount,
    currency: 'CNY',
    reason: 'Tender taken back at the counter',
    ...overrides,
  };
}

const refundCalls = () => env.standin.requests.filter((r) => r.startsWith('POST /v3/refund/')).length;

describe('refunds of a paid order', () => {
  it('refunds a paid QR order whole, signed and verified, and a repeat gives nothing more', async () => {
    const payment = await paidByQr();
    const request = refundOf(payment, 2140);
    const before = refundCalls();
    const made = await refunds().refund(request);
    expect(made).toEqual({ refundRef: expect.stringMatching(/^50\d+/), status: 'paid' });
    expect(refundCalls()).toBe(before + 1);
    expect(env.standin.refund(request.reference)).toMatchObject({
      refund: 2140,
      reason: 'Tender taken back at the counter',
      order: { outTradeNo: payment.reference },
    });
    expect(await refunds().queryRefund(request.reference)).toEqual(made);
    expect(await refunds().refund(request)).toEqual(made);
    expect(env.standin.refund(request.reference)!.requests).toBe(2);
    // The order stays a paid one (trade_state REFUND): the sale happened; the refund is its own event.
    expect(env.standin.order(payment.reference)!.tradeState).toBe('REFUND');
    expect(await provider().query(payment.reference)).toEqual({ status: 'paid' });
  });

  it('refunds a code payment in parts, up to what it took, and declines one fen more', async () => {
    const payment = await paidByCode();
    expect((await refunds().refund(refundOf(payment, 1000))).status).toBe('paid');
    expect((await refunds().refund(refundOf(payment, 1390))).status).toBe('paid');
    const over = refundOf(payment, 1);
    expect(await refunds().refund(over)).toEqual({
      refundRef: null,
      status: 'declined',
      reason: 'WeChat Pay refused the refund: HTTP 400 INVALID_REQUEST: 申请退款金额超过订单可退金额',
    });
    expect(env.standin.refund(over.reference)).toBeUndefined();
  });

  it('is pending while WeChat Pay processes it, then paid', async () => {
    env.standin.faults.refundsProcessing = true;
    const request = refundOf(await paidByCode(), 500);
    expect(await refunds().refund(request)).toMatchObject({ status: 'pending' });
    expect(await refunds().queryRefund(request.reference)).toMatchObject({ status: 'pending' });
    expect(env.standin.settleRefund(request.reference, 'SUCCESS')).toBe(true);
    expect(await refunds().queryRefund(request.reference)).toMatchObject({ status: 'paid' });
  });

  it('reads ABNORMAL and CLOSED as declined, saying what to do; a closed refund gave nothing back', async () => {
    env.standin.faults.refundsProcessing = true;
    const payment = await paidByCode();
    const abnormal = refundOf(payment, 390);
    const closed = refundOf(payment, 2000);
    await refunds().refund(abnormal);
    await refunds().refund(closed);
    env.standin.settleRefund(abnormal.reference, 'ABNORMAL');
    env.standin.settleRefund(closed.reference, 'CLOSED');
    expect(await refunds().queryRefund(abnormal.reference)).toMatchObject({
      status: 'declined',
      reason: expect.stringMatching(/ABNORMAL.*finish it by hand in the WeChat Pay merchant platform/),
    });
    expect(await refunds().queryRefund(closed.reference)).toMatchObject({
      status: 'declined',
      reason: expect.stringContaining('CLOSED'),
    });
    delete env.standin.faults.refundsProcessing;
    expect((await refunds().refund(refundOf(payment, 2000))).status).toBe('paid');
  });

  it('sends at most 80 bytes of reason, cut at a whole character', async () => {
    const request = refundOf(await paidByCode(), 100, { reason: '顾客在收银台取消了这笔付款'.repeat(3) });
    await refunds().refund(request);
    const sent = env.standin.refund(request.reference)!.reason;
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(80);
    expect(sent).toBe('顾客在收银台取消了这笔付款'.repeat(2)); // 26 characters, 78 bytes; a 27th would be 81
  });
});

describe('what WeChat Pay says no to', () => {
  it('declines with the staff’s reason for NOT_ENOUGH and USER_ACCOUNT_ABNORMAL', async () => {
    const payment = await paidByCode();
    env.standin.faults.refundError = {
      status: 403,
      code: 'NOT_ENOUGH',
      message: '基本账户余额不足，请充值后重新发起',
    };
    expect(await refunds().refund(refundOf(payment, 100))).toEqual({
      refundRef: null,
      status: 'declined',
      reason:
        "the merchant account's balance is too low for this refund (HTTP 403 NOT_ENOUGH: 基本账户余额不足，请充值后重新发起)",
    });
    env.standin.faults.refundError = { status: 403, code: 'USER_ACCOUNT_ABNORMAL', message: '用户帐号注销' };
    expect((await refunds().refund(refundOf(payment, 100))).reason).toMatch(
      /^the shopper's WeChat account is closed; give the money back another way/,
    );
    // Neither refund was made: the whole payment is still there to refund.
    expect((await refunds().refund(refundOf(payment, 2390))).status).toBe('paid');
  });

  it('FREQUENCY_LIMITED is not an answer: unavailable, and the same refund asked again is made', async () => {
    const request = refundOf(await paidByCode(), 700);
    env.standin.faults.refundError = { status: 429, code: 'FREQUENCY_LIMITED', message: '频率限制' };
    await expect(refunds().refund(request)).rejects.toThrow(
      /did not take the refund now: HTTP 429 FREQUENCY_LIMITED/,
    );
    await expect(refunds().queryRefund(request.reference)).rejects.toBeInstanceOf(ProviderNotFoundError);
    expect((await refunds().refund(request)).status).toBe('paid');
  });

  it('SYSTEM_ERROR after the refund was made: unavailable; asked again, the one refund answers', async () => {
    const request = refundOf(await paidByCode(), 2390);
    env.standin.faults.refundError = {
      status: 500,
      code: 'SYSTEM_ERROR',
      message: '系统超时',
      afterRefund: true,
    };
    const error = await refunds()
      .refund(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((await refunds().queryRefund(request.reference)).status).toBe('paid');
    expect((await refunds().refund(request)).status).toBe('paid');
    expect(env.standin.refund(request.reference)!.requests).toBe(2);
  });

  it('RESOURCE_NOT_EXISTS: an unpaid order is declined; an order WeChat Pay never got is not found', async () => {
    const unpaid = basics(990);
    await provider().create(unpaid);
    expect((await refunds().refund(refundOf(unpaid, 990))).reason).toBe(
      `WeChat Pay has no paid order ${unpaid.reference} to refund (it is NOTPAY)`,
    );
    const never = refundOf({ reference: reference(), amount: 990 }, 990);
    await expect(refunds().refund(never)).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(refunds().queryRefund(never.reference)).rejects.toThrow(
      `WeChat Pay has no refund ${never.reference}`,
    );
  });

  it('refuses before sending what WeChat Pay could never take', async () => {
    const payment = await paidByCode();
    const before = env.standin.requests.length;
    const reasons = await Promise.all(
      [
        refundOf(payment, 100, { currency: 'EUR' }),
        refundOf(payment, 10.5),
        refundOf(payment, 2391),
        refundOf(payment, 100, { reference: 'refund #1' }),
      ].map(async (request) => (await refunds().refund(request)).reason),
    );
    expect(reasons).toEqual([
      'WeChat Pay refunds CNY only (a domestic merchant account); this refund is in EUR',
      'WeChat Pay needs a whole, positive number of fen to refund, not 10.5',
      "a refund of 2391 fen is more than the payment's 2390",
      'WeChat Pay cannot take the refund reference "refund #1" as out_refund_no',
    ]);
    expect(env.standin.requests.length).toBe(before);
  });
});

describe('answers that cannot be trusted', () => {
  it('a tampered or unsigned refund answer is unknown, never paid', async () => {
    const payment = await paidByCode();
    env.standin.faults.refundsProcessing = true;
    const request = refundOf(payment, 100);
    await refunds().refund(request);
    env.standin.faults.tamper = true;
    await expect(refunds().queryRefund(request.reference)).rejects.toThrow(/signature does not match/);
    env.standin.faults.tamper = false;
    env.standin.faults.unsigned = true;
    await expect(refunds().queryRefund(request.reference)).rejects.toThrow(/not signed/);
    env.standin.faults.unsigned = false;
    expect(await refunds().queryRefund(request.reference)).toMatchObject({ status: 'pending' });
  });

  it('a wrong merchant key is refused unexecuted (401) and reported as unavailable, not declined', async () => {
    const payment = await paidByCode();
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const request = refundOf(payment, 100);
    await expect(refunds({ privateKey: wrongKey }).refund(request)).rejects.toThrow(/401 SIGN_ERROR/);
    expect(env.standin.refund(request.reference)).toBeUndefined();
  });

  it('no answer in time is unknown (timed out)', async () => {
    const request = refundOf(await paidByCode(), 100);
    env.standin.faults.delayMs = 400;
    const error = await refunds({ timeoutMs: 100 })
      .refund(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ timedOut: true });
  });
});
