// Who a back-office request is from. Two ways in: the bootstrap admin token (`Authorization: Bearer`,
// for scripts and for making the first admin user) and a signed-in user's session cookie.
//
// A cookie is sent by the browser on its own, so a request it authenticates could have been started by
// another site (cross-site request forgery). SameSite=Strict already keeps the cookie off other sites'
// requests in current browsers; on top of that, every change (anything but GET and HEAD) authenticated
// by the cookie must carry the session's CSRF token in `X-CSRF-Token` — a value only a page of this
// origin can read (HQ hands it out with the session) — and an Origin, when the browser sends one, that
// names this host. A bearer token is never sent by a browser on its own, so bearer requests need neither.
//
// Routes whose doc says `auth: 'none'` (sign-in, the "no users yet" state) are let through without an
// actor, still with the Origin check on changes, so no other site can sign a browser in either.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import type { HttpFailure } from '../result';
import { fail } from '../result';
import { TOKEN_ACTOR, type Actor } from './access';
import { findSession, type SessionUser } from './sessions';

export interface OfficeAuthOptions {
  /** The bootstrap admin token (at least 24 characters), or null when none was set. */
  token: string | null;
}

/** `actor` is absent only for the open routes (their doc says `auth: 'none'`). */
export type Authenticated = { ok: true; actor: Actor | undefined } | HttpFailure;

export const SESSION_COOKIE = 'openlane_session';
export const CSRF_HEADER = 'x-csrf-token';

const sessions = new WeakMap<FastifyRequest, SessionUser>();

/** The session a cookie-authenticated request came with; undefined for the admin token. */
export function sessionOf(request: FastifyRequest): SessionUser | undefined {
  return sessions.get(request);
}

export function createOfficeAuthenticator(db: Database, options: OfficeAuthOptions) {
  const expected = options.token === null ? null : digest(options.token);
  return async function authenticate(request: FastifyRequest): Promise<Authenticated> {
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (given !== undefined) {
      if (!expected) {
        return fail(403, 'admin_disabled', 'no admin token is set on this server; sign in as a user instead');
      }
      if (timingSafeEqual(digest(given), expected)) return { ok: true, actor: TOKEN_ACTOR };
      return fail(401, 'admin_token_invalid', 'this request needs "Authorization: Bearer <admin token>"');
    }
    if (changes && !sameOrigin(request)) {
      return fail(403, 'foreign_origin', 'this request came from another site and was refused');
    }
    if (request.routeOptions.config?.doc?.auth === 'none') return { ok: true, actor: undefined };
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!cookie) return fail(401, 'signed_out', 'sign in to the back office first');
    const session = await findSession(db, cookie);
    if (!session) return fail(401, 'session_ended', 'your session has ended; sign in again');
    if (changes && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
      return fail(
        403,
        'csrf_token_missing',
        `a change made with the session cookie must carry the session's token in ${CSRF_HEADER}`,
      );
    }
    sessions.set(request, session);
    return { ok: true, actor: actorFor(session) };
  };
}

export function actorFor(session: SessionUser): Actor {
  return {
    kind: 'user',
    userId: session.userId,
    name: session.name,
    role: session.role,
    stores: session.role === 'store_manager' ? session.stores : 'all',
  };
}

/** The Origin, when sent, must name the host the request was sent to (or the proxy's forwarded one). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const forwarded = headerValue(request.headers['x-forwarded-host']);
  const host = (forwarded ?? request.headers.host ?? '').toLowerCase();
  try {
    return new URL(origin).host.toLowerCase() === host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim() || undefined;
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** One cookie's value from a Cookie header; null when it is not there. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
}

/** Whether the browser reached HQ over https, directly or through a proxy that says so. */
export function cameOverHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https' || headerValue(request.headers['x-forwarded-proto']) === 'https';
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
