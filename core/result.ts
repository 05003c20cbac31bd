// One shape for an expected failure everywhere — TerminalApi handlers, the HQ server's JSON, the CLI's
// --json output: `{ ok: false, error: { code, message, details? } }`. A code for programs, a sentence
// for people, and optional structured details (e.g. every bad field of a request).

/** What went wrong, as a value. */
export interface ErrorInfo {
  /** Stable machine code, e.g. `item_not_found`, `invalid_input`, `basket_empty`. */
  code: string;
  /** A sentence for store IT and logs; a screen shows its own translated text by code. */
  message: string;
  /** Structured detail a program can act on (which fields, which lines); never needed to read the message. */
  details?: unknown;
}

/** An expected failure. */
export interface Failure {
  ok: false;
  error: ErrorInfo;
}

/** A value, or the failure that stopped it. */
export type Result<T> = { ok: true; value: T } | Failure;

/** A success carrying `value`. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failure with a code, a sentence and, when it helps, details. */
export function fail(code: string, message: string, details?: unknown): Failure {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
