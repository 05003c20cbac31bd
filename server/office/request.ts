// The actor on a Fastify request: set by the /admin scope's hook (server/http/admin.ts) before any
// admin route runs, read by every route that decides what its actor may do.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { sendFailure } from '../http/errors';
import { invalidRequest } from '../result';
import { denied, type Actor, type Permission } from './access';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who an /admin request acts for. */
    actor?: Actor;
  }
}

/** The actor of an admin request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('an /admin route ran without an actor');
  return request.actor;
}

/**
 * Sends the 403 and returns true when the request's actor may not do this (see access.ts `denied`):
 * `if (refuse(request, reply, 'stock.write', store)) return reply;`
 */
export function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  permission: Permission | 'read',
  store?: string | null,
): boolean {
  const failure = denied(actorOf(request), permission, store);
  if (!failure) return false;
  sendFailure(reply, failure);
  return true;
}

/**
 * The request's query, body or params as the schema reads them, or null after answering
 * `400 bad_request` "the <what> is not valid: <each bad field>" (the issues in details). An absent query
 * or body reads as `{}`, so a schema's required field is what gets named, not the whole value:
 * `const body = parseOr400(reply, createBody, request.body, 'recall'); if (!body) return reply;`
 */
export function parseOr400<T>(
  reply: FastifyReply,
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T | null {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  sendFailure(reply, invalidRequest('bad_request', `the ${what} is not valid`, parsed.error.issues));
  return null;
}
