// The one entry point both transports (Electron IPC, browser-mode HTTP) call: look up, validate, run.
// It never throws, so nothing but an ApiResult ever crosses a transport.
import type { z } from 'zod';
import type { ApiResult, TerminalApi } from './contract';
import { handlerSchemas, isHandlerName } from './schemas';

type AnyHandler = (input: unknown) => Promise<ApiResult<unknown>>;

export async function dispatch(api: TerminalApi, name: string, input: unknown): Promise<ApiResult<unknown>> {
  if (!isHandlerName(name)) return failure('unknown_handler', `No handler named "${clip(name)}"`);
  const parsed = handlerSchemas[name].safeParse(input);
  if (!parsed.success) return failure('invalid_input', `${name}: ${describeIssues(parsed.error.issues)}`);
  const handler = api[name] as AnyHandler | undefined;
  if (typeof handler !== 'function') return failure('internal_error', `Handler "${name}" is not implemented`);
  try {
    const result = await handler(parsed.data);
    if (!isApiResult(result)) {
      console.error(`openlane: handler ${name} returned something that is not an ApiResult:`, result);
      return failure('internal_error', `Handler "${name}" returned no ApiResult`);
    }
    return result;
  } catch (error) {
    console.error(`openlane: handler ${name} threw:`, error);
    const reason = error instanceof Error ? error.message : String(error);
    return failure('internal_error', `Handler "${name}" failed: ${reason}`);
  }
}

/** "quantity: must be at most 9999; note: Unrecognized key" — each issue with the field it concerns. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { error?: unknown }).error === 'object');
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** A hostile caller must not be able to fill the log with a megabyte-long "name". */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
