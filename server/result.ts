// Expected failures are values: core/result's Failure (the body HQ sends, `{ ok: false, error: { code,
// message, details? } }`) with the HTTP status it is sent with beside it, never inside the body.
import type { Failure, Issue } from '../core/result';
import { fail as failure, invalid } from '../core/result';

/** A failure and its HTTP status; sendFailure sends the Failure part as the body. */
export type HttpFailure = Failure & { status: number };

/** A success's fields (sent as they are, beside `ok: true`), or the failure. */
export type Result<T> = ({ ok: true } & T) | HttpFailure;

/** A failure with an HTTP status, a code, a sentence and, when it helps, details. */
export function fail(status: number, code: string, message: string, details?: unknown): HttpFailure {
  return { ...failure(code, message, details), status };
}

/** A request a schema refused: 400, `what: <each bad field>`, the issues in details. */
export function invalidRequest(code: string, what: string, issues: readonly Issue[]): HttpFailure {
  return { ...invalid(code, what, issues), status: 400 };
}
