// A refund once started: its tenders move as each provider answers (the `refund.changed` events); the
// terminal prints the slip by itself when every tender is settled (the view says whether it did), F4
// prints it again; a refund left needing attention can be asked about again, and a part a provider
// declined given back in cash instead (a supervisor approves).
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, RefundView, TerminalClient } from '../../../services/api/contract';
import type { StaffCredentials } from '../BadgePinForm';

export interface RefundProgress {
  refund: RefundView | null;
  /** Whether the slip came out: null until the refund is done. */
  printed: boolean | null;
  printing: boolean;
  retrying: boolean;
  error: ApiError | null;
  begin(refund: RefundView): void;
  print(): void;
  retry(): void;
  /** What a provider declined given back in cash, approved by `approval`: null once done, else why not. */
  cashInstead(approval: StaffCredentials): Promise<ApiError | null>;
}

export function useRefundProgress(client: TerminalClient): RefundProgress {
  const [refund, setRefund] = useState<RefundView | null>(null);
  /** The answer of the last F4, which says more than the view's "printed when it completed". */
  const [reprinted, setReprinted] = useState<boolean | null>(null);
  const [printing, setPrinting] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = refund?.id ?? null;

  useEffect(() => {
    if (id === null) return;
    const stop = client.subscribe((event) => {
      if (event.type === 'refund.changed' && event.refund.id === id) setRefund(event.refund);
    });
    // An answer that came between refund.start's reply and this subscription is not lost.
    void client.call('refund.get', { refundId: id }).then((result) => {
      if (result.ok) setRefund(result.value);
    });
    return stop;
  }, [client, id]);

  const print = useCallback(() => {
    if (id === null || printing) return;
    setPrinting(true);
    void client.call('refund.print', { refundId: id }).then((result) => {
      setPrinting(false);
      if (result.ok) setReprinted(result.value.printed);
      else setError(result.error);
    });
  }, [client, id, printing]);

  const retry = useCallback(() => {
    if (id === null || retrying) return;
    setRetrying(true);
    setError(null);
    void client.call('refund.retry', { refundId: id }).then((result) => {
      setRetrying(false);
      if (result.ok) setRefund(result.value);
      else setError(result.error);
    });
  }, [client, id, retrying]);

  const cashInstead = useCallback(
    async (approval: StaffCredentials) => {
      if (id === null) return null;
      const result = await client.call('refund.cashInstead', { refundId: id, approval });
      if (!result.ok) return result.error;
      setRefund(result.value);
      setError(null);
      return null;
    },
    [client, id],
  );

  const begin = useCallback((view: RefundView) => {
    setRefund(view);
    setReprinted(null);
    setError(null);
  }, []);
  const printed = refund?.state === 'done' ? (reprinted ?? refund.printed) : null;
  return { refund, printed, printing, retrying, error, begin, print, retry, cashInstead };
}
