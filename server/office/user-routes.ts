// The users of the back office, for admins: list, make, change role, stores or name, disable (their
// sessions end at once, on every HQ process, as sessions live in the database), and reset a password.
// Every change is audited with its before and after; a password never is.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import { sqlState } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail, type HttpFailure } from '../result';
import type { Role } from './access';
import { recordAudit } from './audit';
import { hashPassword } from './passwords';
import { actorOf, refuse, parseOr400 } from './request';
import { passwordResetBody, userChangeBody, userCreateBody, userParams, userView } from './schemas';
import { endUserSessions } from './sessions';
import {
  getUser,
  insertUser,
  listUsers,
  otherActiveAdmins,
  setPasswordHash,
  setStores,
  unknownStores,
  updateUser,
  type UserView,
} from './users';

const tags = ['users'];

export function registerUserAdminRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/users',
    {
      config: {
        doc: {
          summary: 'Every user of the back office (admins only)',
          auth: 'office',
          tags,
          reply: z.object({ ok: z.literal(true), users: z.array(userView) }),
        },
      },
    },
    async (request, reply) => {
      if (refuse(request, reply, 'users.write')) return reply;
      return reply.send({ ok: true, users: await listUsers(db) });
    },
  );

  scope.post(
    '/admin/v1/users',
    {
      config: {
        doc: {
          summary: 'Make a user',
          auth: 'office',
          tags,
          body: userCreateBody,
          reply: z.object({ ok: z.literal(true), user: userView }),
        },
      },
    },
    async (request, reply) => {
      if (refuse(request, reply, 'users.write')) return reply;
      const body = parseOr400(reply, userCreateBody, request.body, 'user');
      if (!body) return reply;
      const stores = body.stores ?? [];
      const bad = await storesProblem(db, body.role, stores);
      if (bad) return sendFailure(reply, bad);
      const passwordHash = await hashPassword(body.password);
      try {
        const user = await db.transaction(async (tx) => {
          const id = await insertUser(tx, { ...body, stores, passwordHash });
          const made = (await getUser(tx, id))!;
          await recordAudit(tx, actorOf(request), {
            action: 'user.create',
            targetType: 'user',
            targetId: made.name,
            after: audited(made),
          });
          return made;
        });
        return reply.code(201).send({ ok: true, user });
      } catch (error) {
        if (sqlState(error) === '23505') {
          return sendFailure(reply, fail(409, 'user_exists', `a user named ${body.name} exists already`));
        }
        throw error;
      }
    },
  );

  scope.patch(
    '/admin/v1/users/:id',
    {
      config: {
        doc: {
          summary: "Change a user's name, role, stores, or disable them (their sessions end)",
          auth: 'office',
          tags,
          params: userParams,
          body: userChangeBody,
          reply: z.object({ ok: z.literal(true), user: userView }),
        },
      },
    },
    async (request, reply) => {
      if (refuse(request, reply, 'users.write')) return reply;
      const params = parseOr400(reply, userParams, request.params, 'user id');
      if (!params) return reply;
      const body = parseOr400(reply, userChangeBody, request.body, 'change');
      if (!body) return reply;
      const actor = actorOf(request);
      const result = await db.transaction(async (tx): Promise<UserView | HttpFailure> => {
        const before = await getUser(tx, params.id, true);
        if (!before) return fail(404, 'unknown_user', 'there is no such user');
        const role = body.role ?? before.role;
        const stores = body.stores ?? (body.role && role !== 'store_manager' ? [] : before.stores);
        const bad = await storesProblem(tx, role, stores);
        if (bad) return bad;
        const demoted = before.role === 'admin' && role !== 'admin';
        const disabling = body.disabled === true && !before.disabled;
        if ((demoted || disabling) && before.id === actor.userId) {
          return fail(409, 'own_account', 'you cannot disable yourself or take away your own admin role');
        }
        if (
          (demoted || disabling) &&
          before.role === 'admin' &&
          (await otherActiveAdmins(tx, before.id)) === 0
        ) {
          return fail(409, 'last_admin', 'this is the last enabled admin; make another admin first');
        }
        await updateUser(tx, before.id, { ...body, role });
        await setStores(tx, before.id, stores);
        if (disabling) await endUserSessions(tx, before.id);
        const after = (await getUser(tx, before.id))!;
        const action = disabling
          ? 'user.disable'
          : body.disabled === false && before.disabled
            ? 'user.enable'
            : 'user.update';
        await recordAudit(tx, actor, {
          action,
          targetType: 'user',
          targetId: before.name,
          before: audited(before),
          after: audited(after),
        });
        return after;
      });
      if ('ok' in result) return sendFailure(reply, result);
      return reply.send({ ok: true, user: result });
    },
  );

  scope.post(
    '/admin/v1/users/:id/password',
    {
      config: {
        doc: {
          summary: "Reset a user's password (their sessions end)",
          auth: 'office',
          tags,
          params: userParams,
          body: passwordResetBody,
        },
      },
    },
    async (request, reply) => {
      if (refuse(request, reply, 'users.write')) return reply;
      const params = parseOr400(reply, userParams, request.params, 'user id');
      if (!params) return reply;
      const body = parseOr400(reply, passwordResetBody, request.body, 'password');
      if (!body) return reply;
      const hash = await hashPassword(body.password);
      return send(
        reply,
        await db.transaction(async (tx) => {
          const user = await getUser(tx, params.id, true);
          if (!user) return fail(404, 'unknown_user', 'there is no such user');
          await setPasswordHash(tx, user.id, hash);
          const ended = await endUserSessions(tx, user.id);
          await recordAudit(tx, actorOf(request), {
            action: 'user.password_reset',
            targetType: 'user',
            targetId: user.name,
            after: { sessionsEnded: ended },
          });
          return { sessionsEnded: ended };
        }),
      );
    },
  );
}

/** A store manager has at least one store, each known to HQ; the other roles see every store. */
async function storesProblem(
  db: Parameters<typeof unknownStores>[0],
  role: Role,
  stores: readonly string[],
): Promise<HttpFailure | null> {
  if (role === 'store_manager' && stores.length === 0) {
    return fail(400, 'stores_required', 'a store manager needs at least one store');
  }
  if (role !== 'store_manager' && stores.length > 0) {
    return fail(
      400,
      'stores_not_allowed',
      `a ${role.replace('_', ' ')} sees every store; give stores only to a store manager`,
    );
  }
  const unknown = await unknownStores(db, stores);
  if (unknown.length > 0) {
    return fail(422, 'unknown_store', `HQ knows no store ${unknown.join(', ')}`, { stores: unknown });
  }
  return null;
}

/** What the audit log keeps of a user: never a password or its hash. */
function audited(user: UserView) {
  return {
    name: user.name,
    displayName: user.displayName,
    role: user.role,
    stores: user.stores,
    disabled: user.disabled,
  };
}

function send(reply: FastifyReply, result: { sessionsEnded: number } | HttpFailure): FastifyReply {
  if ('ok' in result) return sendFailure(reply, result);
  return reply.send({ ok: true, ...result });
}
