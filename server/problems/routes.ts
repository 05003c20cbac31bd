// Sync problems on the admin API: the dead letters of the actor's stores, retried through the real
// ingest or dismissed with a reason (server/problems/resolve.ts). Changing one needs sales.write in its
// store.
//   GET  /admin/v1/dead-letters[?store=S001][&state=open|applied|dismissed][&limit=N] → { ok, deadLetters }
//   POST /admin/v1/dead-letters/{id}/retry                → { ok, outcome: applied|refused, deadLetter }
//   POST /admin/v1/dead-letters/{id}/dismiss { reason }   → { ok, deadLetter }
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { digits } from '../http/routes';
import { storeFilter } from '../office/access';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { fail } from '../result';
import { dismissDeadLetter, retryDeadLetter, storeOfDeadLetter } from './resolve';
import { DEAD_LETTER_STATES, listDeadLetterViews } from './view';

const listQuery = z.strictObject({
  store: z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'").optional(),
  state: z.enum(DEAD_LETTER_STATES, { error: 'must be open, applied or dismissed' }).optional(),
  limit: digits(1000).optional(),
});
const params = z.strictObject({ id: z.uuid({ error: 'must be a dead letter id (a UUID)' }) });
const dismissBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'say why it is dismissed')
    .max(500)
    .regex(/^[^\p{Cc}]+$/u, 'must be printable text'),
});

export function registerProblemRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/dead-letters',
    {
      config: {
        doc: {
          summary:
            'Dead letters of the actor’s stores, newest first, with the facts to say them as sentences',
          auth: 'office',
          tags: ['problems'],
          query: listQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, listQuery, request.query, 'query');
      if (!query) return reply;
      const { store, state = 'open', limit = 200 } = query;
      if (store && refuse(request, reply, 'read', store)) return reply;
      const storeCodes = store ? [store] : storeFilter(actorOf(request));
      const deadLetters = await listDeadLetterViews(db, { storeCodes, state, limit });
      return reply.send({ ok: true, deadLetters });
    },
  );

  scope.post(
    '/admin/v1/dead-letters/:id/retry',
    {
      config: {
        doc: {
          summary:
            'Apply a dead letter’s event again through the ingest (applied once, or refused with its new reason)',
          auth: 'office',
          tags: ['problems'],
          params,
        },
      },
    },
    async (request, reply) => {
      const id = parseOr400(reply, params, request.params, 'id');
      if (!id) return reply;
      const store = await storeOfDeadLetter(db, id.id);
      if (!store) return sendFailure(reply, fail(404, 'dead_letter_not_found', `no dead letter ${id.id}`));
      if (refuse(request, reply, 'sales.write', store)) return reply;
      const outcome = await retryDeadLetter(db, actorOf(request), id.id);
      return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
    },
  );

  scope.post(
    '/admin/v1/dead-letters/:id/dismiss',
    {
      config: {
        doc: {
          summary: 'Dismiss a dead letter with a reason: it is kept, marked with who and why',
          auth: 'office',
          tags: ['problems'],
          params,
          body: dismissBody,
        },
      },
    },
    async (request, reply) => {
      const id = parseOr400(reply, params, request.params, 'id');
      if (!id) return reply;
      const body = parseOr400(reply, dismissBody, request.body, 'request');
      if (!body) return reply;
      const store = await storeOfDeadLetter(db, id.id);
      if (!store) return sendFailure(reply, fail(404, 'dead_letter_not_found', `no dead letter ${id.id}`));
      if (refuse(request, reply, 'sales.write', store)) return reply;
      const outcome = await dismissDeadLetter(db, actorOf(request), id.id, body.reason);
      return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
    },
  );
}
