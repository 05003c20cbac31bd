// A refund once started: its tenders move as each provider answers (the `refund.changed` events), the
// slip prints by itself when every tender is settled, and a refund left needing attention can be asked
// about again. The view is replaced only by a newer one of the same refund.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, RefundView, TerminalClient } from '../../../services/api/contract';

export interface RefundProgress {
  refund: RefundView | null;
  /** Whether the slip came out: null until asked. */
  printed: boolean | null;
  printing: boolean;
  retrying: boolean;
  error: ApiError | null;
  begin(refund: RefundView): void;
  print(): void;
  retry(): void;
}

export function useRefundProgress(client: TerminalClient): RefundProgress {
  const [refund, setRefund] = useState<RefundView | null>(null);
  const [printed, setPrinted] = useState<boolean | null>(null);
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
      if (result.ok) setPrinted(result.value.printed);
      else setError(result.error);
    });
  }, [client, id, printing]);

  // The slip prints once, by itself, when the refund is done (unless the terminal printed it already).
  const asked = useRef<string | null>(null);
  const done = refund?.state === 'done';
  const alreadyPrinted = refund?.printed === true;
  useEffect(() => {
    if (!done || id === null || asked.current === id) return;
    asked.current = id;
    if (alreadyPrinted) setPrinted(true);
    else print();
  }, [done, id, alreadyPrinted, print]);

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

  const begin = useCallback((view: RefundView) => {
    setRefund(view);
    setPrinted(null);
    setError(null);
  }, []);
  return { refund, printed, printing, retrying, error, begin, print, retry };
}
