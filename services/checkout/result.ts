// Handlers return errors as values, in core/result's one failure shape.
import { fail, ok, type Failure } from '../../core/result';
import { StoreError } from '../../db/errors';

export { fail, ok };

/** Turns the store's refusal of a change into an error value; anything else is a bug and rethrows. */
export function refusal(error: unknown): Failure {
  if (error instanceof StoreError) return fail(error.code, error.message);
  throw error;
}
