// The lane link's HTTP: a small server that answers only signed POSTs on its few routes, and the client
// that signs them. Nothing else is served — no pages, no static files — and a browser (which sends an
// Origin and cannot sign) is turned away before the body is read.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fail, type Result } from '../../core/result';
import { timeoutSignal } from '../timeout-signal';
import { closeServer, listen, readBody, sendJson } from '../web/http-util';
import { createVerifier, HEADER_SIGNATURE, HEADER_TIME, MAX_SKEW_MS, sign, signedHeaders } from './auth';

export const LINK_MAX_BODY = 64 * 1024;
/** The method the answers' signatures name, so a signed answer can never pass as a signed request. */
const ANSWER = 'ANSWER';

/** A route's handler: the sender's terminal id, its address, and the parsed body → the JSON answer. */
export type LinkRoute = (request: {
  from: string;
  remoteAddress: string;
  body: unknown;
}) => Promise<Result<unknown>>;

export interface LinkServer {
  port: number;
  close(): Promise<void>;
}

export async function startLinkServer(options: {
  host: string;
  port: number;
  /** The keys a request may be signed with now (the store key; during a rotation, the one before too). */
  keys: () => readonly string[];
  routes: Record<string, LinkRoute>;
}): Promise<LinkServer> {
  const verifier = createVerifier(options.keys);
  const server = createServer((req, res) => {
    answer(req, res, options, verifier).catch((error: unknown) => {
      console.error('openlane lane link: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, fail('internal_error', 'The lane link failed to answer'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  const port = await listen(server, options.port, options.host);
  return { port, close: () => closeServer(server) };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  options: { routes: Record<string, LinkRoute> },
  verifier: ReturnType<typeof createVerifier>,
): Promise<void> {
  const path = req.url ?? '';
  if (req.headers.origin !== undefined)
    return sendJson(res, 403, fail('forbidden_origin', 'The lane link is not for browsers'));
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, fail('method_not_allowed', `${req.method} ${path}: use a signed POST`));
  }
  const route = Object.hasOwn(options.routes, path) ? options.routes[path] : undefined;
  if (!route) return sendJson(res, 404, fail('not_found', `The lane link has no ${path}`));
  const body = await readBody(req, LINK_MAX_BODY);
  if (!body.ok) {
    res.setHeader('Connection', 'close');
    return sendJson(
      res,
      413,
      fail('body_too_large', `Lane link bodies are limited to ${LINK_MAX_BODY} bytes`),
    );
  }
  const verdict = verifier.verify(req.headers, 'POST', path, body.text);
  if (!verdict.ok) return sendJson(res, 401, fail('not_authenticated', `Refused: ${verdict.reason}`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return sendJson(res, 400, fail('invalid_json', `The body of ${path} is not JSON`));
  }
  const result = await route({
    from: verdict.from,
    remoteAddress: req.socket.remoteAddress ?? '',
    body: parsed,
  });
  const text = JSON.stringify(result);
  const time = Date.now();
  // Signed with the key the request came with: a terminal that has not synced a rotation yet believes it.
  const signature = sign(verdict.key, {
    method: ANSWER,
    path,
    time,
    nonce: verdict.nonce,
    body: text,
    from: verdict.from,
  });
  res.writeHead(result.ok ? 200 : 400, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    [HEADER_TIME]: String(time),
    [HEADER_SIGNATURE]: signature,
  });
  res.end(text);
}

/**
 * A signed POST to another terminal's link; its answer is believed only when signed with the store
 * key for this request. Never throws: an unreachable or refusing terminal is a failure value.
 */
export async function linkRequest(
  target: { url: string; key: string; from: string; fallbackKey?: string | null },
  path: string,
  body: unknown,
  timeoutMs = 3000,
): Promise<Result<unknown>> {
  const first = await signedRequest(target, path, body, timeoutMs);
  // During a rotation the other terminal may not have synced the new key yet: it still knows the old one.
  if (first.refusedKey && target.fallbackKey && target.fallbackKey !== target.key)
    return (await signedRequest({ ...target, key: target.fallbackKey }, path, body, timeoutMs)).result;
  return first.result;
}

async function signedRequest(
  target: { url: string; key: string; from: string },
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ result: Result<unknown>; refusedKey: boolean }> {
  const text = JSON.stringify(body);
  const headers = signedHeaders(target.key, target.from, { method: 'POST', path, body: text });
  const timeout = timeoutSignal(timeoutMs);
  try {
    const response = await fetch(new URL(path, target.url), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: text,
      signal: timeout.signal,
    });
    const answerText = await response.text();
    const time = Number(response.headers.get(HEADER_TIME));
    const signature = response.headers.get(HEADER_SIGNATURE) ?? '';
    const expected = sign(target.key, {
      method: ANSWER,
      path,
      time,
      nonce: headers['x-openlane-nonce']!,
      body: answerText,
      from: target.from,
    });
    if (signature !== expected || Math.abs(Date.now() - time) > MAX_SKEW_MS) {
      const refused = parseFailure(answerText);
      return {
        result: refused ?? fail('link_unauthenticated', `${target.url} did not answer with the store key`),
        refusedKey: response.status === 401,
      };
    }
    return { result: JSON.parse(answerText) as Result<unknown>, refusedKey: false };
  } catch (error) {
    const why = timeout.timedOut ? `no answer in ${timeoutMs} ms` : (error as Error).message;
    return { result: fail('link_unreachable', `${target.url} cannot be reached: ${why}`), refusedKey: false };
  } finally {
    timeout.clear();
  }
}

/** An unsigned refusal (401 from a terminal with another key) is still worth naming, never believed otherwise. */
function parseFailure(text: string): Result<unknown> | null {
  try {
    const value = JSON.parse(text) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
    if (
      value.ok === false &&
      typeof value.error?.code === 'string' &&
      typeof value.error.message === 'string'
    )
      return fail('link_refused', value.error.message);
  } catch {
    // not JSON: fall through
  }
  return null;
}
