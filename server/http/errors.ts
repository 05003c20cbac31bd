// Every HTTP failure is the same value: core/result's { ok: false, error: { code, message, details? } }
// with a fitting status.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Failure } from '../../core/result';
import { RetryLater } from '../db/retry';
import type { HttpFailure } from '../result';

/** Sends the failure's body (core's Failure) with its status. */
export function sendFailure(reply: FastifyReply, failure: HttpFailure): FastifyReply {
  const body: Failure = { ok: false, error: failure.error };
  return reply.code(failure.status).send(body);
}

const BY_FASTIFY_CODE: Record<string, { code: string; message: (limit: number) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    message: (limit) => `the request body is larger than ${limit} bytes; send fewer events per batch`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: () => 'send the body as JSON with "Content-Type: application/json"',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_json', message: () => 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: () => 'the Content-Length header does not match the body',
  },
};

/** Turns framework errors (bad JSON, huge body, wrong content type) and crashes into failure values. */
export function installErrorHandlers(app: FastifyInstance, bodyLimit: number, logger = false): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error.code ? BY_FASTIFY_CODE[error.code] : undefined;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') readTheRest(request, reply, bodyLimit);
    const status = error.statusCode ?? 500;
    if (known)
      return reply
        .code(status)
        .send({ ok: false, error: { code: known.code, message: known.message(bodyLimit) } });
    if (status === 400 && (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)) {
      return reply.code(400).send({
        ok: false,
        error: { code: 'bad_json', message: `the body is not valid JSON: ${error.message}` },
      });
    }
    if (status < 500) {
      return reply.code(status).send({ ok: false, error: { code: 'bad_request', message: error.message } });
    }
    // A write that kept colliding with others (db/retry.ts) wrote nothing and will likely pass in a
    // moment: a 503 the client retries, not a 500 that reads as a bug.
    if (error instanceof RetryLater) {
      const message = `HQ is busy with other changes to the same data; nothing was written, try again in a moment (request ${request.id})`;
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({ ok: false, error: { code: 'retry_later', message, details: { requestId: request.id } } });
    }
    // The request's transaction rolled back, so the terminal may simply send it again.
    const down = isDatabaseDown(error);
    const code = down ? 'unavailable' : 'internal';
    const failed = down ? 'the HQ database is not answering' : 'the server failed on this request';
    logServerError(request, down ? 503 : 500, error, logger);
    const message = `${failed}; nothing was written, try again (request ${request.id})`;
    return reply
      .code(down ? 503 : 500)
      .send({ ok: false, error: { code, message, details: { requestId: request.id } } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      ok: false,
      error: { code: 'not_found', message: `there is no ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}

/**
 * Every 5xx is logged, whether or not the Fastify logger is on: one line with the request id the client
 * was given, the method, the path and the error, so an operator can find what a terminal reported.
 */
function logServerError(request: FastifyRequest, status: number, error: Error, logger: boolean): void {
  if (logger) {
    request.log.error({ err: error, status }, 'request failed');
    return;
  }
  const path = request.url.split('?')[0];
  const what = JSON.stringify(error.message);
  process.stderr.write(
    `${new Date().toISOString()} HQ ${status} reqId=${request.id} ${request.method} ${path}: ${error.name} ${what}\n`,
  );
}

/** Bodies up to this size are read to the end after a 413 (bounded in time by the request timeout too). */
const DRAIN_LIMIT_FACTOR = 16;

/**
 * Fastify answers an oversize body 413 with "Connection: close" and Node then closes the socket while the
 * client is still sending: its kernel gets a reset, and a client busy writing sees EPIPE or ECONNRESET
 * instead of the 413, takes HQ for away and sends the same batch again, forever. Dropping the close lets
 * Node read the declared rest of the body and discard it, so the answer is read and the connection lives.
 * A body with no length or a huge one is still cut off: reading it would be work for an attacker's bytes.
 */
function readTheRest(request: FastifyRequest, reply: FastifyReply, bodyLimit: number): void {
  const declared = Number(request.headers['content-length']);
  if (!Number.isSafeInteger(declared) || declared > bodyLimit * DRAIN_LIMIT_FACTOR) return;
  reply.removeHeader('connection');
}

function isDatabaseDown(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || /connection/i.test(error.message)
  );
}
