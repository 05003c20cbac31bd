// Handlers return errors as values; these helpers keep that uniform.
import { StoreError } from '../../db/baskets';
import type { ApiError, ApiResult } from '../api/contract';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (code: string, message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code, message },
});

/** Turns the store's refusal of a change into an error value; anything else is a bug and rethrows. */
export function refusal(error: unknown): { ok: false; error: ApiError } {
  if (error instanceof StoreError) return fail(error.code, error.message);
  throw error;
}
