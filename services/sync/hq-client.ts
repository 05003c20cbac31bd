// The terminal's HTTP client for HQ, over fetch. Two kinds of failure, because they call for different
// things: `unreachable` (no network, timeout, HQ 5xx) — nothing is lost, try again later; `refused`
// (HQ answered 4xx) — retrying the same thing will not help, the message says what to fix.
import type { z } from 'zod';
import { describeIssues } from '../../core/result';
import type {
  EnrolReply,
  EnrolRequest,
  EventBatch,
  LinkReply,
  LinkRequest,
  TokenRequest,
  WireEvent,
} from '../../core/sync';
import type { HqCredentials } from './credentials';
import type { BatchReply, CatalogReply } from './protocol';
import { batchReply, catalogReply, enrolReply, failureReply, linkReply, tokenReply } from './protocol';

export class HqError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'refused',
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'HqError';
  }
}

export interface HqClientOptions {
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Renew a token this long before it expires; default 60 s. */
  tokenMarginMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface HqClient {
  readonly serverUrl: string;
  pushEvents(events: readonly WireEvent[], sentAt: Date): Promise<BatchReply>;
  catalogPage(after: string, limit: number): Promise<CatalogReply>;
  /** Opens GET /v1/stream; the caller reads the body and aborts with `signal`. */
  openStream(signal: AbortSignal): Promise<Response>;
  /** POST /v1/link: says which terminal this is; the store key and lanes, or null from an HQ without it. */
  link?(request: LinkRequest): Promise<LinkReply | null>;
  /**
   * A device request whose reply the caller reads itself (the refund desk, services/sync/hq-refund-desk.ts):
   * the token is added and renewed as for every request; a network failure or timeout throws HqError.
   */
  request?(path: string, init: { method: 'GET' | 'POST' | 'DELETE'; body?: string }): Promise<Response>;
}

/** POST /v1/enrol: trades a one-time code for a device id and secret. */
export async function enrolDevice(
  serverUrl: string,
  code: string,
  terminalName?: string,
  options: HqClientOptions = {},
): Promise<EnrolReply> {
  const request: EnrolRequest = { code, ...(terminalName ? { terminalName } : {}) };
  const response = await send(serverUrl, '/v1/enrol', options, {
    method: 'POST',
    body: JSON.stringify(request),
  });
  return read(response, enrolReply, 'enrolment');
}

/** A client that authenticates with short-lived tokens, cached until shortly before they expire. */
export function createHqClient(credentials: HqCredentials, options: HqClientOptions = {}): HqClient {
  const now = options.now ?? Date.now;
  const margin = options.tokenMarginMs ?? 60_000;
  let token: { value: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    const response = await send(credentials.serverUrl, '/v1/token', options, {
      method: 'POST',
      body: JSON.stringify({
        deviceId: credentials.deviceId,
        secret: credentials.secret,
      } satisfies TokenRequest),
    });
    const issued = await read(response, tokenReply, 'token');
    const issuedAt = now();
    const parsed = Date.parse(issued.expiresAt);
    const expiresAt = Number.isFinite(parsed) ? parsed : issuedAt + 60_000;
    // The expiry is HQ's clock; the terminal's may differ, so a token is renewed early (by the margin,
    // or half its life when it lives shorter than that) and on any 401.
    token = {
      value: issued.token,
      renewAt: expiresAt - Math.min(margin, Math.max(0, expiresAt - issuedAt) / 2),
    };
    return issued.token;
  };
  const currentToken = (): Promise<string> => {
    if (token && token.renewAt > now()) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => (pending = null));
    return pending;
  };

  /** A device request; a 401 (token expired early, HQ restarted with a new key) renews once. */
  const authed = async (path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const value = await currentToken();
      const response = await send(credentials.serverUrl, path, options, {
        ...init,
        signal,
        headers: { authorization: `Bearer ${value}` },
      });
      if (response.status !== 401 || attempt > 0) return response;
      await response.body?.cancel();
      token = null;
    }
  };

  return {
    serverUrl: credentials.serverUrl,
    async pushEvents(events, sentAt) {
      const batch: EventBatch = { sentAt: sentAt.toISOString(), events };
      const body = JSON.stringify(batch);
      const response = await authed('/v1/events', { method: 'POST', body });
      return read(response, batchReply, 'event batch');
    },
    async catalogPage(after, limit) {
      const query = new URLSearchParams({ after, limit: String(limit) });
      const response = await authed(`/v1/catalog?${query}`, { method: 'GET' });
      return read(response, catalogReply, 'catalog page');
    },
    async openStream(signal) {
      const response = await authed('/v1/stream', { method: 'GET' }, signal);
      if (!response.ok) await read(response, failureReply, 'event stream');
      return response;
    },
    async link(request) {
      const response = await authed('/v1/link', { method: 'POST', body: JSON.stringify(request) });
      if (response.status === 404) {
        // An HQ older than the lane link: the terminal keeps what it has (settings.json's key).
        await response.body?.cancel();
        return null;
      }
      return read(response, linkReply, 'link');
    },
    request: (path, init) => authed(path, init),
  };
}

async function send(
  base: string,
  path: string,
  options: HqClientOptions,
  init: RequestInit,
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  // A stream has no overall timeout: only its caller's signal ends it.
  const signal = init.signal ? init.signal : timeout;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(init.headers as Record<string, string>),
  };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await doFetch(`${base}${path}`, { ...init, headers, signal });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string; cause?: { code?: string } } }).cause;
    // A reset while sending is how an older HQ (or a proxy) refuses a body over its limit, so the
    // caller is told it was a reset (code connection_reset) and may decide the upload was too large.
    const reset = [cause?.code, cause?.cause?.code].some((c) => c && RESET_CODES.has(c));
    const why =
      (error as Error).name === 'TimeoutError'
        ? 'it did not answer in time'
        : cause?.code === 'UND_ERR_SOCKET'
          ? 'the connection was closed'
          : (cause?.code ?? (error as Error).message);
    throw new HqError(
      'unreachable',
      `HQ at ${base} cannot be reached (${why})`,
      null,
      reset ? 'connection_reset' : null,
    );
  }
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * An HTTP failure as an HqError with HQ's own words and code (`device_revoked`, …), so whichever request
 * of a sync HQ refuses first, the terminal's status says why.
 */
export function refusal(status: number, body: unknown, what: string): HqError {
  const failure = failureReply.safeParse(body);
  const code = failure.success ? failure.data.error.code : null;
  const text = failure.success ? failure.data.error.message : `HTTP ${status}`;
  const kind = status >= 500 || status === 429 ? 'unreachable' : 'refused';
  return new HqError(kind, `HQ refused the ${what}: ${text}`, status, code);
}

/** The reply's JSON checked against `schema`; an HTTP failure becomes an HqError with HQ's own words. */
async function read<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (response.status >= 500 || response.status === 429) {
      throw new HqError('unreachable', `HQ answered ${response.status} to the ${what}`, response.status);
    }
    const message = `HQ sent a ${what} reply that is not JSON (HTTP ${response.status}): ${(error as Error).message}`;
    throw new HqError(response.ok ? 'unreachable' : 'refused', message, response.status);
  }
  if (!response.ok) throw refusal(response.status, body, what);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new HqError(
      'unreachable',
      `HQ sent a ${what} reply this terminal does not understand: ${describeIssues(parsed.error.issues, { whole: '(reply)', max: 3 })}`,
    );
  }
  return parsed.data;
}
