// The back office's recall routes (/admin/v1/recalls): everyone signed in reads them; making and ending
// one takes `recalls.write` (admin, category manager) and is chain-wide. Each change is audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkGtin } from '../../core/barcode/gtin';
import { LOT_OR_SERIAL, MAX_RECALL_VALUES } from '../../core/recalls';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { storeFilter } from '../office/access';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { fail } from '../result';
import { createRecall, endRecall, listRecalls, readRecall, recallAttempts } from './records';

const values = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .regex(
          LOT_OR_SERIAL,
          `each ${what} is 1 to 20 characters a GS1 code can carry (letters, digits, - . / _ …)`,
        ),
    )
    .max(MAX_RECALL_VALUES, `at most ${MAX_RECALL_VALUES} ${what}s in one recall`)
    .transform((list) => [...new Set(list)])
    .default([]);

const createBody = z.strictObject({
  gtin: z
    .string()
    .trim()
    .refine((g) => checkGtin(g).ok, 'must be a GTIN (8, 12, 13 or 14 digits with a correct check digit)')
    .transform((g) => {
      const checked = checkGtin(g);
      return checked.ok ? checked.gtin14 : g;
    }),
  lots: values('lot'),
  serials: values('serial'),
  reason: z.string().trim().min(1, 'say why it is recalled').max(500, 'at most 500 characters'),
});
const listQuery = z.strictObject({ state: z.enum(['active', 'ended', 'all']).optional() });
const idParams = z.strictObject({ id: z.uuid('must be a recall id') });

const recallSchema = z.object({
  id: z.string(),
  gtin: z.string(),
  productName: z.string().nullable(),
  lots: z.array(z.string()),
  serials: z.array(z.string()),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  endedBy: z.string().nullable(),
  endedAt: z.string().nullable(),
  active: z.boolean(),
  attempts: z.number(),
});
const attemptSchema = z.object({
  eventId: z.string(),
  store: z.string(),
  terminalId: z.string().nullable(),
  role: z.string().nullable(),
  staffId: z.string().nullable(),
  match: z.string().nullable(),
  lot: z.string().nullable(),
  serial: z.string().nullable(),
  code: z.string().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
});
const tags = ['recalls'];

export function registerRecallRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/recalls',
    {
      config: {
        doc: {
          summary: 'Recalls, newest first (active, ended or all), with the attempts to sell each',
          auth: 'office',
          tags,
          query: listQuery,
          reply: z.object({ ok: z.literal(true), recalls: z.array(recallSchema) }),
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, listQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, 'read')) return reply;
      const recalls = await listRecalls(db, query.state ?? 'all', storeFilter(actorOf(request)));
      return reply.send({ ok: true, recalls });
    },
  );

  scope.post(
    '/admin/v1/recalls',
    {
      config: {
        doc: {
          summary: 'Recall a product: every pack of the GTIN, or the lots and serials listed',
          auth: 'office',
          tags,
          body: createBody,
          reply: z.object({ ok: z.literal(true), recall: recallSchema }),
        },
      },
    },
    async (request, reply) => {
      const body = parseOr400(reply, createBody, request.body, 'recall');
      if (!body) return reply;
      if (refuse(request, reply, 'recalls.write')) return reply;
      const recall = await createRecall(db, actorOf(request), body);
      return reply.code(201).send({ ok: true, recall });
    },
  );

  scope.post(
    '/admin/v1/recalls/:id/end',
    {
      config: {
        doc: {
          summary: 'End a recall: lanes sell the product again once they have synced',
          auth: 'office',
          tags,
          params: idParams,
          reply: z.object({ ok: z.literal(true), recall: recallSchema }),
        },
      },
    },
    async (request, reply) => {
      const params = idParams.safeParse(request.params ?? {});
      if (!params.success)
        return sendFailure(reply, fail(404, 'recall_not_found', 'there is no such recall'));
      if (refuse(request, reply, 'recalls.write')) return reply;
      const ended = await endRecall(db, actorOf(request), params.data.id);
      return ended.ok ? reply.send(ended) : sendFailure(reply, ended);
    },
  );

  scope.get(
    '/admin/v1/recalls/:id/attempts',
    {
      config: {
        doc: {
          summary: 'The attempts to sell a recalled item, newest first: store, terminal, time, lot',
          auth: 'office',
          tags,
          params: idParams,
          reply: z.object({ ok: z.literal(true), recall: recallSchema, attempts: z.array(attemptSchema) }),
        },
      },
    },
    async (request, reply) => {
      const params = idParams.safeParse(request.params ?? {});
      if (!params.success)
        return sendFailure(reply, fail(404, 'recall_not_found', 'there is no such recall'));
      if (refuse(request, reply, 'read')) return reply;
      const stores = storeFilter(actorOf(request));
      const recall = await readRecall(db, params.data.id, stores);
      if (!recall)
        return sendFailure(reply, fail(404, 'recall_not_found', `there is no recall ${params.data.id}`));
      return reply.send({ ok: true, recall, attempts: await recallAttempts(db, recall.id, stores) });
    },
  );
}
