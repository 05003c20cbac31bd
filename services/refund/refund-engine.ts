// A refund once written (db/refunds.ts): cash paid out through the drawer, each code tender refunded
// through its provider, followed until every tender is final — across restarts too (recover) — then
// completed once (journal + `refund.completed`), its slip printed, and every change announced as a
// `refund.changed` event.
import { isFinal } from '../../core/payment/lifecycle';
import { completeRefund } from '../../db/refund-records';
import { getRefund, refundsToRecover, requireRefund, type RefundRecord } from '../../db/refunds';
import type { ApiResult, RefundView } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import type { PaymentProvider } from '../payments/provider';
import { askProvider, recordAnswer } from './provider-refund';
import { refundView } from './refund-view';

/** How long between two questions to a provider about a refund it has not finished. */
const RETRY_MS = 1000;

export interface RefundEngine {
  /** Pays a refund just written: the drawer for cash, the providers for code; its view once first answered. */
  pay(refund: RefundRecord): Promise<RefundView>;
  view(refundId: string): ApiResult<RefundView>;
  /** Asks the providers again now about a refund still in flight. */
  retry(refundId: string): Promise<ApiResult<RefundView>>;
  print(refundId: string): Promise<ApiResult<{ printed: boolean }>>;
  /** Follows to their end the refunds a restart left unfinished. */
  recover(): void;
  close(): void;
}

/** Prints a refund's slip; false when it did not print (no printer, printer away). */
export type PrintSlip = (refund: RefundRecord, copy: boolean) => Promise<boolean>;

export function createRefundEngine(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  printSlip: PrintSlip,
): RefundEngine {
  let closed = false;
  const following = new Set<string>();
  const printed = new Set<string>();

  const viewOf = (refund: RefundRecord) => refundView(refund, printed.has(refund.id));
  const announce = (refund: RefundRecord) =>
    ctx.events.emit({ type: 'refund.changed', refund: viewOf(refund) });

  /** Completes a refund whose tenders are all final, and prints its slip (once). */
  const finishIfSettled = async (refund: RefundRecord): Promise<RefundRecord> => {
    if (refund.state === 'done' || !refund.tenders.every((t) => isFinal(t.status))) return refund;
    const done = completeRefund(ctx.db, refund.id);
    if (await printSlip(done, false)) printed.add(done.id);
    announce(done);
    return done;
  };

  /** Asks the provider once about every tender still in flight; writes the answers. */
  const askOnce = async (refundId: string): Promise<RefundRecord> => {
    const refunds = provider.refunds;
    for (const tender of requireRefund(ctx.db, refundId).tenders) {
      if (closed || isFinal(tender.status) || tender.kind === 'cash' || !refunds) continue;
      const answer = await askProvider(refunds, tender);
      if (closed) break;
      if (recordAnswer(ctx.db, tender, answer)) announce(requireRefund(ctx.db, refundId));
    }
    return closed ? requireRefund(ctx.db, refundId) : finishIfSettled(requireRefund(ctx.db, refundId));
  };

  /** Asks again in the background until the refund is settled (or the terminal closes). */
  const follow = async (refundId: string): Promise<void> => {
    if (following.has(refundId)) return;
    following.add(refundId);
    try {
      while (!closed && (await askOnce(refundId)).state !== 'done')
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    } finally {
      following.delete(refundId);
    }
  };

  return {
    async pay(refund) {
      if (refund.tenders.some((t) => t.kind === 'cash' && t.amount > 0)) ctx.drawer.open('cash_refund');
      announce(refund);
      const after = await askOnce(refund.id);
      if (after.state !== 'done') void follow(after.id).catch(logged);
      return viewOf(after);
    },
    view(refundId) {
      const refund = getRefund(ctx.db, refundId);
      return refund ? ok(viewOf(refund)) : fail('refund_not_found', `There is no refund ${refundId}`);
    },
    async retry(refundId) {
      const refund = getRefund(ctx.db, refundId);
      if (!refund) return fail('refund_not_found', `There is no refund ${refundId}`);
      return ok(viewOf(await askOnce(refund.id)));
    },
    async print(refundId) {
      const refund = getRefund(ctx.db, refundId);
      if (!refund) return fail('refund_not_found', `There is no refund ${refundId}`);
      if (refund.state !== 'done')
        return fail(
          'refund_in_progress',
          'The refund is still with the payment provider: print it once it is done',
        );
      const done = await printSlip(refund, printed.has(refund.id));
      if (done) printed.add(refund.id);
      return ok({ printed: done });
    },
    recover() {
      for (const refund of refundsToRecover(ctx.db)) void follow(refund.id).catch(logged);
    },
    close() {
      closed = true;
    },
  };
}

function logged(error: unknown): void {
  console.error('refund:', error);
}
