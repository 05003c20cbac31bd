// The quote of what the chosen lines would give back, asked again each time the choice changes, so the
// amount, the tax and which tenders the money goes to stay in sight as the cashier picks. An answer for
// an older choice never overwrites the newest one.
import { useEffect, useState } from 'react';
import type { ApiError, RefundQuoteView, TerminalClient } from '../../../services/api/contract';
import { lineInputs, type Picks } from './refund-picks';

/** A pause this long after a key before asking: a cashier typing "12" asks once. */
const QUOTE_DELAY_MS = 80;

export interface QuoteState {
  quote: RefundQuoteView | null;
  error: ApiError | null;
  /** The quote on screen is for the choice on screen (not one keystroke behind). */
  current: boolean;
}

export function useRefundQuote(
  client: TerminalClient,
  receiptNumber: string | null,
  picks: Picks,
): QuoteState {
  const [answer, setAnswer] = useState<{ for: Picks; quote: RefundQuoteView | null; error: ApiError | null }>(
    { for: picks, quote: null, error: null },
  );
  useEffect(() => {
    const lines = lineInputs(picks);
    if (receiptNumber === null || lines.length === 0) {
      setAnswer({ for: picks, quote: null, error: null });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void client.call('refund.quote', { receiptNumber, lines }).then((result) => {
        if (!live) return;
        setAnswer(
          result.ok
            ? { for: picks, quote: result.value, error: null }
            : { for: picks, quote: null, error: result.error },
        );
      });
    }, QUOTE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, receiptNumber, picks]);
  return { quote: answer.quote, error: answer.error, current: answer.for === picks };
}
