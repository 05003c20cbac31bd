// A wallet payment made through the WeChat Pay adapter, refunded at the counter through the same adapter
// against the WeChat Pay stand-in over real HTTP: v3 domestic refunds under our out_refund_no, every
// request signed by the merchant and verified by the stand-in (and its answers signed and verified),
// PROCESSING followed by the refund query, a lost answer resolved without a second refund.
import { afterEach, describe, expect, it } from 'vitest';
import { requireRefund } from '../../db/refunds';
import { eventually, PRODUCTS, value, WALLET } from '../../test/helpers/checkout';
import { openRefundLane, type RefundLane } from '../../test/helpers/refund-lane';
import { standinForTests } from '../../test/standins/wechatpay/standin-suite';
import type { RefundView } from '../api/contract';

const env = standinForTests();
const lanes: RefundLane[] = [];
afterEach(() => {
  for (const lane of lanes.splice(0)) {
    lane.close();
    lane.checkout.cleanup();
  }
});

/** Bread paid with a WeChat Pay code through the adapter, then refunded: its refund as first answered. */
async function walletRefund(): Promise<{ lane: RefundLane; refund: RefundView; outRefundNo: string }> {
  const lane = openRefundLane('http://unused.invalid', 1, env.provider());
  lanes.push(lane);
  value(await lane.checkout.basket['basket.addScan']({ code: PRODUCTS.bread.barcode, source: 'keypad' }));
  value(await lane.checkout.basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
  const receiptNumber = await eventually('the wallet sale', async () => {
    const view = value(await lane.tenders.handlers['tender.state']({}));
    return view.receipt?.receiptNumber ?? null;
  });
  const refund = value(
    await lane.refunds.handlers['refund.start']({
      receiptNumber,
      lines: [{ line: 0, quantity: 1, reason: 'damaged', disposition: 'write_off' }],
    }),
  );
  return { lane, refund, outRefundNo: requireRefund(lane.checkout.db, refund.id).tenders[0]!.reference };
}

const refundPosts = () => env.standin.requests.filter((r) => r === 'POST /v3/refund/domestic/refunds');

describe('a wallet refund through the WeChat Pay adapter', () => {
  it('is a signed v3 domestic refund under our out_refund_no, paid back once', async () => {
    const before = refundPosts().length;
    const { refund, outRefundNo } = await walletRefund();
    expect(refund).toMatchObject({
      state: 'done',
      tenders: [{ kind: 'wallet_code', amount: 850, status: 'paid' }],
    });
    expect(env.standin.refund(outRefundNo)).toMatchObject({ refund: 850, status: 'SUCCESS', requests: 1 });
    expect(refundPosts().length - before).toBe(1);
  });

  it('PROCESSING is followed by the refund query until WeChat Pay settles it', async () => {
    env.standin.faults.refundsProcessing = true;
    const { lane, refund, outRefundNo } = await walletRefund();
    expect(refund).toMatchObject({ state: 'in_progress', tenders: [{ status: 'pending' }] });
    expect(env.standin.settleRefund(outRefundNo, 'SUCCESS')).toBe(true);
    const done = await eventually(
      'the refund done',
      async () => {
        const view = value(await lane.refunds.handlers['refund.get']({ refundId: refund.id }));
        return view.state === 'done' ? view : null;
      },
      10_000,
    );
    expect(done.tenders[0]!.status).toBe('paid');
    expect(env.standin.refund(outRefundNo)!.requests).toBe(1);
  });

  it('an answer lost after the refund was made (SYSTEMERROR) is resolved by the query, never refunded twice', async () => {
    env.standin.faults.refundError = {
      status: 500,
      code: 'SYSTEMERROR',
      message: '系统超时',
      afterRefund: true,
    };
    const { lane, refund, outRefundNo } = await walletRefund();
    const done = await eventually(
      'the refund resolved',
      async () => {
        const view = value(await lane.refunds.handlers['refund.get']({ refundId: refund.id }));
        return view.state === 'done' ? view : null;
      },
      10_000,
    );
    expect(done.tenders[0]!.status).toBe('paid');
    expect(env.standin.refund(outRefundNo)).toMatchObject({ status: 'SUCCESS', requests: 1 });
  });
});
