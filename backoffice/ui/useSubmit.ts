// A form's sending, written once: the browser's own submit held back, the button busy while HQ answers,
// and HQ's refusal kept to show. A form that succeeds usually leaves (or says so), so `busy` simply ends.
import { useState, type FormEvent } from 'react';

export interface Submitting {
  /** Hand to <form onSubmit>. */
  submit(event: FormEvent): void;
  busy: boolean;
  error: unknown;
  /** For a check the form makes itself before sending. */
  setError(error: unknown): void;
}

export function useSubmit(send: () => Promise<void>): Submitting {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    send()
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return { submit, busy, error, setError };
}
