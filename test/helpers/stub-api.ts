// A TerminalApi for transport tests: every handler answers `not_used`, except those given.
import type { ApiResult, HandlerName, TerminalApi } from '../../services/api/contract';
import { handlerSchemas } from '../../services/api/schemas';

export function stubApi(handlers: Partial<TerminalApi> = {}): TerminalApi {
  const notUsed = async (): Promise<ApiResult<never>> => ({
    ok: false,
    error: { code: 'not_used', message: 'x' },
  });
  const api = Object.fromEntries((Object.keys(handlerSchemas) as HandlerName[]).map((n) => [n, notUsed]));
  return { ...(api as unknown as TerminalApi), ...handlers };
}
