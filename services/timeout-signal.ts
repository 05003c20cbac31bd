// A caller's signal combined with a timeout. Not AbortSignal.any([signal, AbortSignal.timeout(ms)]):
// on Node 20 a timeout signal held only by the composite can be garbage-collected before it fires, and
// the composite then never aborts (nodejs/node#57736) — a payment's long-poll that never wakes at expiry.
// Here the timer holds its controller strongly until it fires or is cleared.

export interface TimeoutSignal {
  signal: AbortSignal;
  /** True once the timeout (not the caller) fired. */
  readonly timedOut: boolean;
  /** Stops the timer; call when the work is done. */
  clear(): void;
}

export function timeoutSignal(ms: number, signal?: AbortSignal): TimeoutSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    ms,
  );
  return {
    signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
    get timedOut() {
      return controller.signal.aborted;
    },
    clear: () => clearTimeout(timer),
  };
}
