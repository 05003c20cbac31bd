// Making the refund the cashier confirmed: refund.start, through a supervisor first when the quote says
// one must approve (or when the service says so after the quote: HQ went away in between). The
// supervisor's own refusals (wrong PIN, a badge that may not approve) stay in their dialog; any other
// refusal closes it and is the step's to show.
import { useState } from 'react';
import type {
  ApiError,
  RefundLineInput,
  RefundQuoteView,
  RefundSaleView,
  RefundView,
  TerminalClient,
} from '../../../services/api/contract';
import type { StaffCredentials } from '../BadgePinForm';
import { isApproverRefusal, type ApprovalAsk } from './approval-ask';

export type ApprovalReason = NonNullable<RefundQuoteView['approvalNeeded']>;

export interface RefundStartOptions {
  client: TerminalClient;
  sale: RefundSaleView;
  quote: RefundQuoteView | null;
  lines: RefundLineInput[];
  /** What the supervisor is asked to approve, in the cashier's words. */
  approvalDetail(reason: ApprovalReason): string;
  onAsk(ask: ApprovalAsk | null): void;
  onStarted(refund: RefundView): void;
  onRefused(error: ApiError): void;
}

export function useRefundStart(options: RefundStartOptions): { busy: boolean; refund(): void } {
  const { client, sale, quote, lines, approvalDetail, onAsk, onStarted, onRefused } = options;
  const [busy, setBusy] = useState(false);
  const start = async (approval?: StaffCredentials): Promise<ApiError | null> => {
    setBusy(true);
    const result = await client.call('refund.start', {
      receiptNumber: sale.receiptNumber,
      lines,
      ...(approval ? { approval } : {}),
    });
    setBusy(false);
    if (result.ok) {
      onStarted(result.value);
      return null;
    }
    if (result.error.code === 'approval_needed' && !approval) {
      const why = (result.error.details as { approvalNeeded?: ApprovalReason } | undefined)?.approvalNeeded;
      askApproval(why ?? 'offline');
      return null;
    }
    if (approval && isApproverRefusal(result.error)) return result.error;
    onAsk(null);
    onRefused(result.error);
    return null;
  };
  const askApproval = (reason: ApprovalReason) =>
    onAsk({ detail: approvalDetail(reason), submit: (credentials) => start(credentials) });
  const refund = () => {
    if (busy || !quote || lines.length === 0) return;
    if (quote.approvalNeeded) askApproval(quote.approvalNeeded);
    else void start();
  };
  return { busy, refund };
}
