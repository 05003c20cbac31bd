// Quoting and making a refund of a sale. Online, the lines are claimed at HQ before anything is written,
// so two terminals never take back the same line twice; HQ's no is the cashier's answer, line by line.
// HQ unreachable (the terminal is enrolled but cannot ask) is offline: a supervisor's badge and PIN
// approve, and HQ checks the refund when it arrives. A terminal with no HQ at all refunds its own
// sales alone: no other terminal can find them. The refund is written whole before any provider call.
import { quoteRefund, type RefundQuote } from '../../core/refund';
import { mayDo, notAllowedMessage } from '../../core/staff/roles';
import { createRefund, type RefundRecord } from '../../db/refunds';
import { isTrainingStore } from '../../db/sales';
import { currentShift } from '../../db/shifts';
import { uuidv7 } from '../../core/uuid7';
import type { ApiResult, RefundLineInput, RefundQuoteView } from '../api/contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';
import { checkApprover, recordApproval, withinOwnLimit, type ApproverCredentials } from '../counter/approval';
import type { PaymentProvider } from '../payments/provider';
import { findRefundSale, type RefundSale } from './sale-basis';

export type ApprovalNeeded = RefundQuoteView['approvalNeeded'];

/** A sale found and its refund quoted, with why a supervisor must approve (or null). */
export interface QuotedRefund {
  sale: RefundSale;
  quote: RefundQuote;
  approvalNeeded: ApprovalNeeded;
}

/** What `refund.quote` answers, and `refund.start` starts from. */
export async function quoteSaleRefund(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  receiptNumber: string,
  lines: readonly RefundLineInput[],
): Promise<ApiResult<QuotedRefund>> {
  const found = await findRefundSale(ctx, receiptNumber);
  if (!found.ok) return found;
  const sale = found.value;
  const quote = quoteRefund(sale, lines, ctx.settings.counter.cashRoundingIncrement);
  if (!quote.ok) return quote;
  const unreachable = quote.value.tenders.find((part) => {
    const tender = sale.tenders.find((t) => t.position === part.salePosition);
    return part.kind !== 'cash' && (!provider.refunds || tender?.provider !== provider.name);
  });
  if (unreachable)
    return fail(
      'refund_unavailable',
      `The ${unreachable.kind === 'wallet_code' ? 'wallet' : 'QR'} payment of this sale cannot be refunded from this terminal: refund it at ${sale.terminalId}`,
    );
  const overLimit = !withinOwnLimit(ctx, 'refund', quote.value.total);
  return ok({
    sale,
    quote: quote.value,
    approvalNeeded: sale.offline ? 'offline' : overLimit ? 'over_limit' : null,
  });
}

/** The quote as the counter shows it. */
export function quoteView(quoted: QuotedRefund): RefundQuoteView {
  const { sale, quote } = quoted;
  return {
    currency: sale.currency,
    total: quote.total,
    taxTotal: quote.taxTotal,
    byRate: quote.byRate,
    lines: quote.lines.map(({ line, quantity, amount }) => ({ line, quantity, amount })),
    tenders: quote.tenders.map((part) => ({
      kind: part.kind,
      amount: part.amount,
      maskedCode: sale.tenders.find((t) => t.position === part.salePosition)?.maskedCode ?? null,
    })),
    cashRounding: quote.cashRounding,
    approvalNeeded: quoted.approvalNeeded,
  };
}

export interface StartInput {
  receiptNumber: string;
  lines: RefundLineInput[];
  approval?: ApproverCredentials;
}

/** Claims (or has approved), then writes the refund whole; the caller pays it (refund-engine.ts). */
export async function startSaleRefund(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  staff: OnDuty,
  input: StartInput,
): Promise<ApiResult<RefundRecord>> {
  if (!mayDo(staff.role, 'refund')) return fail('staff_not_allowed', notAllowedMessage(staff.role, 'refund'));
  const quoted = await quoteSaleRefund(ctx, provider, input.receiptNumber, input.lines);
  if (!quoted.ok) return quoted;
  const refundId = uuidv7();
  // A supervisor known to be needed approves before HQ is asked, so a claim is never left without its refund.
  let approvalNeeded = quoted.value.approvalNeeded;
  let approver: OnDuty | null = null;
  if (approvalNeeded) {
    const checked = approve(ctx, input.approval, approvalNeeded);
    if (!checked.ok) return checked;
    approver = checked.value;
  }
  const desk = ctx.refundDesk.current;
  let claimed = false;
  if (desk && approvalNeeded !== 'offline') {
    const answer = await desk.claim({
      refundId,
      receiptNumber: input.receiptNumber,
      terminalId: ctx.settings.terminalId,
      staffId: staff.id,
      lines: input.lines.map(({ line, quantity }) => ({ line, quantity })),
    });
    if (answer.reachable && !answer.value.granted)
      return fail(answer.value.code, claimRefusal(input.receiptNumber, answer.value), {
        lines: answer.value.lines,
      });
    claimed = answer.reachable;
    if (!answer.reachable) {
      approvalNeeded = 'offline';
      if (!approver) {
        const checked = approve(ctx, input.approval, approvalNeeded);
        if (!checked.ok) return checked;
        approver = checked.value;
      }
    }
  }
  const written = writeRefund(
    ctx,
    staff,
    approver,
    refundId,
    { ...quoted.value, approvalNeeded },
    input.lines,
  );
  // Refused here after HQ granted the lines (the database's own checks): give the claim back, or the
  // lines would stay reserved at HQ with no refund behind them. If HQ cannot be told now, the claim
  // stays, and HQ shows it as claimed for a refund that never arrived.
  if (!written.ok && claimed) void desk?.release?.(refundId);
  return written;
}

const APPROVAL_WORDS: Record<NonNullable<ApprovalNeeded>, string> = {
  offline: 'HQ cannot be asked whether this receipt was refunded elsewhere',
  over_limit: 'This refund is more than you may give back alone',
  no_receipt: 'A return without a receipt',
};

/** The supervisor's approval for why it is needed, or `approval_needed` naming why when none was given. */
function approve(
  ctx: CheckoutContext,
  credentials: ApproverCredentials | undefined,
  why: NonNullable<ApprovalNeeded>,
): ApiResult<OnDuty> {
  if (!credentials)
    return fail('approval_needed', `${APPROVAL_WORDS[why]}: a supervisor must approve with badge and PIN`, {
      approvalNeeded: why,
    });
  return checkApprover(ctx, credentials, 'approve_refund');
}

function writeRefund(
  ctx: CheckoutContext,
  staff: OnDuty,
  approver: OnDuty | null,
  refundId: string,
  { sale, quote, approvalNeeded }: QuotedRefund,
  asks: readonly RefundLineInput[],
): ApiResult<RefundRecord> {
  const byLine = new Map(sale.lines.map((l) => [l.line, l]));
  try {
    return ok(
      ctx.db.transaction(() => {
        const refund = createRefund(ctx.db, {
          id: refundId,
          storeId: ctx.settings.storeId,
          terminalId: ctx.settings.terminalId,
          saleId: sale.saleId,
          receiptNumber: sale.receiptNumber,
          currency: sale.currency,
          total: quote.total,
          taxTotal: quote.taxTotal,
          cashRounding: quote.cashRounding,
          staffId: staff.id,
          approvedBy: approver?.id ?? null,
          shiftId: currentShift(ctx.db, ctx.settings.terminalId)?.id ?? null,
          offline: approvalNeeded === 'offline',
          training: sale.training || isTrainingStore(ctx.db),
          sale,
          lines: quote.lines.map((q) => {
            const line = byLine.get(q.line)!;
            const ask = asks.find((a) => a.line === q.line)!;
            return {
              line: q.line,
              receiptNumber: sale.receiptNumber,
              gtin: line.gtin,
              name: line.name,
              unit: line.unit,
              taxRateBp: q.taxRateBp,
              quantity: q.quantity,
              amount: q.amount,
              tax: q.tax,
              sold: line.sold,
              paid: line.paid,
              reason: ask.reason,
              disposition: ask.disposition,
            };
          }),
          tenders: quote.tenders.map((part) => {
            const tender = sale.tenders.find((t) => t.position === part.salePosition)!;
            return {
              kind: part.kind,
              salePosition: tender.position,
              took: tender.took,
              paymentId: tender.paymentId,
              paymentReference: tender.paymentReference,
              paymentProviderRef: tender.paymentProviderRef,
              provider: tender.provider,
              amount: part.amount,
            };
          }),
        });
        if (approver)
          recordApproval(ctx, approver, 'approve_refund', {
            refundId,
            refundNumber: refund.refundNumber,
            receiptNumber: sale.receiptNumber,
            total: quote.total,
            why: approvalNeeded,
          });
        return refund;
      })(),
    );
  } catch (error) {
    return refusal(error);
  }
}

function claimRefusal(
  receiptNumber: string,
  answer: { code: string; lines: { line: number; sold: number; refunded: number; asked: number }[] },
): string {
  if (answer.code === 'sale_not_found') return `HQ has no sale with receipt number ${receiptNumber}`;
  const lines = answer.lines
    .map((l) => `line ${l.line + 1}: ${l.sold} sold, ${l.refunded} already refunded, ${l.asked} asked`)
    .join('; ');
  return `HQ refuses: more than was sold would come back (${lines}). Refund only what is left`;
}
