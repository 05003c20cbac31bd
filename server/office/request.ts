// The actor on a Fastify request: set by the /admin scope's hook (server/http/admin.ts) before any
// admin route runs, read by every route that decides what its actor may do.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFailure } from '../http/errors';
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
