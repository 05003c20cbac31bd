// The one entry point both transports (Electron IPC, browser-mode HTTP) call: look up, validate, run.
// It never throws, so nothing but an ApiResult ever crosses a transport.
import { fail, invalid } from '../../core/result';
import type { ApiResult, TerminalApi } from './contract';
import { handlerSchemas, isHandlerName } from './schemas';

type AnyHandler = (input: unknown) => Promise<ApiResult<unknown>>;

export async function dispatch(api: TerminalApi, name: string, input: unknown): Promise<ApiResult<unknown>> {
  if (!isHandlerName(name)) return fail('unknown_handler', `No handler named "${clip(name)}"`);
  const parsed = handlerSchemas[name].safeParse(input);
  if (!parsed.success) return invalid('invalid_input', name, parsed.error.issues, { whole: 'input' });
  const handler = api[name] as AnyHandler | undefined;
  if (typeof handler !== 'function') return fail('internal_error', `Handler "${name}" is not implemented`);
  try {
    const result = await handler(parsed.data);
    if (!isApiResult(result)) {
      console.error(`openlane: handler ${name} returned something that is not an ApiResult:`, result);
      return fail('internal_error', `Handler "${name}" returned no ApiResult`);
    }
    return result;
  } catch (error) {
    console.error(`openlane: handler ${name} threw:`, error);
    const reason = error instanceof Error ? error.message : String(error);
    return fail('internal_error', `Handler "${name}" failed: ${reason}`);
  }
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { error?: unknown }).error === 'object');
}

/** A hostile caller must not be able to fill the log with a megabyte-long "name". */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
