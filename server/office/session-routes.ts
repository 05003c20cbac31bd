// Signing in and out of the back office, the "no users yet" state, the first admin, and changing one's
// own password. Sign-in is slowed per login name and per address (server/http/rate-limit.ts), counted
// in the database so every HQ process counts together.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { sqlState } from '../db/database';
import { sendFailure } from '../http/errors';
import { chargeAttempt, FailureCounters, LIMITS, refuseIfLimited, type Check } from '../http/rate-limit';
import { fail } from '../result';
import type { Actor } from './access';
import { recordAudit } from './audit';
import { actorFor, cameOverHttps, sessionOf, SESSION_COOKIE } from './authenticate';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';
import { actorOf, parseOr400 } from './request';
import { firstAdminBody, passwordChangeBody, sessionReply, signInBody } from './schemas';
import {
  createSession,
  endSession,
  endUserSessions,
  findSession,
  pruneSessions,
  SESSION_MAX_SECONDS,
} from './sessions';
import { anyUsers, credentialsOf, insertUser, passwordHashOf, setPasswordHash } from './users';

const tags = ['users'];
const PRUNE_EVERY_MS = 60_000;

export function registerSessionRoutes(
  scope: FastifyInstance,
  db: Database,
  options: { tokenSet: boolean },
): void {
  const counters = new FailureCounters(db);
  let prunedAt = 0;

  scope.get(
    '/admin/v1/sign-in-state',
    {
      config: {
        doc: {
          summary: 'Whether HQ has users yet (if not, the first admin is made with the admin token)',
          auth: 'none',
          tags,
        },
      },
    },
    async (_request, reply) =>
      reply.send({ ok: true, firstAdminNeeded: !(await anyUsers(db)), adminTokenSet: options.tokenSet }),
  );

  scope.post(
    '/admin/v1/session',
    {
      config: {
        doc: {
          summary: 'Sign in with a name and password: sets the session cookie',
          auth: 'none',
          tags,
          body: signInBody,
          reply: sessionReply,
        },
      },
    },
    async (request, reply) => {
      const what = 'failed sign-ins';
      const byAddress: Check = [LIMITS.loginByAddress, request.ip, 'from this address'];
      if (await refuseIfLimited(counters, reply, what, [byAddress])) return reply;
      const body = parseOr400(reply, signInBody, request.body, 'sign-in');
      if (!body) return reply;
      const { name, password } = body;
      const checks: Check[] = [byAddress, [LIMITS.loginByName, name, 'for this name']];
      const succeeded = await chargeAttempt(counters, reply, what, checks);
      if (!succeeded) return reply;
      const user = await credentialsOf(db, name);
      const verified = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !verified.ok) {
        return sendFailure(reply, fail(401, 'sign_in_failed', 'the name or the password is wrong'));
      }
      await succeeded();
      if (user.disabled) {
        return sendFailure(reply, fail(403, 'account_disabled', 'this account is disabled; ask an admin'));
      }
      if (verified.outdated) await setPasswordHash(db, user.id, await hashPassword(password));
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneSessions(db);
      }
      return startSession(db, request, reply, user.id, 'session.sign_in');
    },
  );

  scope.get(
    '/admin/v1/session',
    {
      config: {
        doc: {
          summary: 'Who is signed in, and the CSRF token to send with changes',
          auth: 'office',
          tags,
          reply: sessionReply,
        },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      return reply.send({
        ok: true,
        actor: actorView(actorOf(request), session?.displayName),
        csrfToken: session?.csrfToken ?? null,
      });
    },
  );

  scope.delete(
    '/admin/v1/session',
    { config: { doc: { summary: 'Sign out: ends the session on every HQ process', auth: 'office', tags } } },
    async (request, reply) => {
      const session = sessionOf(request);
      if (session) {
        await db.transaction(async (tx) => {
          await endSession(tx, session.sessionId);
          await recordAudit(tx, actorOf(request), {
            action: 'session.sign_out',
            targetType: 'user',
            targetId: session.name,
          });
        });
      }
      reply.header('set-cookie', cookie(request, '', 0));
      return reply.send({ ok: true });
    },
  );

  scope.put(
    '/admin/v1/session/password',
    {
      config: {
        doc: {
          summary: 'Change your own password (your other sessions end)',
          auth: 'office',
          tags,
          body: passwordChangeBody,
        },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      if (!session) {
        return sendFailure(reply, fail(409, 'not_a_user', 'the admin token has no password to change'));
      }
      const body = parseOr400(reply, passwordChangeBody, request.body, 'password change');
      if (!body) return reply;
      // A wrong current password counts as a failed sign-in: a borrowed session cannot guess it.
      const succeeded = await chargeAttempt(counters, reply, 'failed sign-ins', [
        [LIMITS.loginByName, session.name, 'for this name'],
      ]);
      if (!succeeded) return reply;
      const verified = await verifyPassword(
        body.currentPassword,
        (await passwordHashOf(db, session.userId)) ?? DUMMY_PASSWORD_HASH,
      );
      if (!verified.ok) {
        return sendFailure(reply, fail(403, 'password_wrong', 'the current password is wrong'));
      }
      await succeeded();
      const hash = await hashPassword(body.newPassword);
      const ended = await db.transaction(async (tx) => {
        await setPasswordHash(tx, session.userId, hash);
        const n = await endUserSessions(tx, session.userId, session.sessionId);
        await recordAudit(tx, actorOf(request), {
          action: 'user.password_change',
          targetType: 'user',
          targetId: session.name,
          after: { otherSessionsEnded: n },
        });
        return n;
      });
      return reply.send({ ok: true, otherSessionsEnded: ended });
    },
  );

  // The chain's first user, made with the admin token while HQ has none; then signed in at once.
  scope.post(
    '/admin/v1/first-admin',
    {
      config: {
        doc: {
          summary: 'Make the first admin user (admin token only, while there are no users)',
          auth: 'office',
          tags,
          body: firstAdminBody,
          reply: sessionReply,
        },
      },
    },
    async (request, reply) => {
      if (actorOf(request).kind !== 'token') {
        return sendFailure(reply, fail(403, 'forbidden', 'the first admin is made with the admin token'));
      }
      const body = parseOr400(reply, firstAdminBody, request.body, 'first admin');
      if (!body) return reply;
      if (await anyUsers(db)) {
        return sendFailure(
          reply,
          fail(409, 'users_exist', 'HQ has users already; sign in as an admin to add more'),
        );
      }
      const passwordHash = await hashPassword(body.password);
      try {
        const id = await db.transaction(async (tx) => {
          const made = await insertUser(tx, { ...body, role: 'admin', stores: [], passwordHash });
          await recordAudit(tx, actorOf(request), {
            action: 'user.create',
            targetType: 'user',
            targetId: body.name,
            after: { name: body.name, displayName: body.displayName, role: 'admin', stores: [] },
          });
          return made;
        });
        return startSession(db, request, reply.code(201), id, null);
      } catch (error) {
        if (sqlState(error) === '23505') {
          return sendFailure(reply, fail(409, 'user_exists', `a user named ${body.name} exists already`));
        }
        throw error;
      }
    },
  );
}

/** Makes a session for the user, sets its cookie, and answers as GET /admin/v1/session does. */
async function startSession(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  audit: string | null,
): Promise<FastifyReply> {
  const made = await db.transaction(async (tx) => {
    const created = await createSession(tx, userId);
    const session = (await findSession(tx, created.token))!;
    if (audit) {
      await recordAudit(tx, actorFor(session), { action: audit, targetType: 'user', targetId: session.name });
    }
    return { created, session };
  });
  reply.header('set-cookie', cookie(request, made.created.token, SESSION_MAX_SECONDS));
  return reply.send({
    ok: true,
    actor: actorView(actorFor(made.session), made.session.displayName),
    csrfToken: made.created.csrfToken,
  });
}

function actorView(actor: Actor, displayName: string | undefined) {
  return { name: actor.name, displayName, role: actor.role, stores: actor.stores, kind: actor.kind };
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), Secure on https. */
function cookie(request: FastifyRequest, value: string, maxAge: number): string {
  const secure = cameOverHttps(request) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
}
