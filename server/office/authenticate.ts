// Who a back-office request is from. Two ways in: the bootstrap admin token (`Authorization: Bearer`,
// for scripts and for making the first admin user) and a signed-in user's session cookie.
//
// GROUNDWORK (issue 14): only the admin token is checked here yet. The users branch adds sessions
// (HttpOnly SameSite cookies kept in the database), CSRF checks on changes, and login limits.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import type { HttpFailure } from '../result';
import { fail } from '../result';
import { TOKEN_ACTOR, type Actor } from './access';

export interface OfficeAuthOptions {
  /** The bootstrap admin token (at least 24 characters), or null when none was set. */
  token: string | null;
}

export type Authenticated = { ok: true; actor: Actor } | HttpFailure;

export function createOfficeAuthenticator(db: Database, options: OfficeAuthOptions) {
  const expected = options.token === null ? null : digest(options.token);
  void db;
  return async function authenticate(request: FastifyRequest): Promise<Authenticated> {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (given !== undefined) {
      if (!expected) {
        return fail(403, 'admin_disabled', 'no admin token is set on this server; sign in as a user instead');
      }
      if (timingSafeEqual(digest(given), expected)) return { ok: true, actor: TOKEN_ACTOR };
      return fail(401, 'admin_token_invalid', 'this request needs "Authorization: Bearer <admin token>"');
    }
    return fail(401, 'signed_out', 'sign in to the back office first');
  };
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
