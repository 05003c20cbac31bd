// The back office's stock and purchase-order routes (issue 14), in the admin scope. Reading needs the
// store among the actor's; making and sending a PO needs stock.write in its store.
//   GET  /admin/v1/purchase-orders[?store=S001][&state=draft|sent|partly_received|received] → { ok, purchaseOrders }
//   POST /admin/v1/purchase-orders { store, number, supplier, expectedOn, lines } → 201 { ok, purchaseOrder } (a draft)
//   PUT  /admin/v1/purchase-orders/{number}/lines?store=S001 { lines } → { ok, purchaseOrder } (a draft's new lines)
//   POST /admin/v1/purchase-orders/{number}/send?store=S001 → { ok, purchaseOrder } (now sent to the store)
//   GET  /admin/v1/stock/levels[?store=S001][&q=rice|0690…][&negative=true][&limit=N] → { ok, levels }
//   GET  /admin/v1/stock/movements?store=S001&gtin=0690…[&limit=N] → { ok, product, movements }
//   GET  /admin/v1/stock/counts[?store=S001][&limit=N] → { ok, sessions }
//   GET  /admin/v1/stock/flags[?store=S001][&limit=N] → { ok, deliveries, refunds } (flagged duplicates)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { digits } from '../http/routes';
import { storeFilter } from '../office/access';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { officeFlags } from './office-flags';
import { countSessions, productMovements, searchLevels } from './office-read';
import { replaceDraftLines } from './order-edit';
import { createDraftOrder, sendOrder, summaries } from './orders';

const store = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'must be printable text');
const gtin = z.string().regex(/^\d{14}$/, 'must be a 14-digit GTIN');

const listQuery = z.strictObject({
  store: store.optional(),
  state: z.enum(['draft', 'sent', 'partly_received', 'received']).optional(),
  limit: digits(1000).optional(),
});
const orderLines = z
  .array(z.strictObject({ gtin: z.string().max(20), quantity: z.number().int() }))
  .min(1, 'a purchase order needs at least one line')
  .max(1000);
const createBody = z.strictObject({
  store,
  number: printable(64),
  supplier: printable(120),
  expectedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-12-08')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real day')
    .nullable()
    .optional(),
  lines: orderLines,
});
const linesBody = z.strictObject({ lines: orderLines });
const sendParams = z.strictObject({ number: printable(64) });
const storeQuery = z.strictObject({ store });
const levelsQuery = z.strictObject({
  store: store.optional(),
  q: z.string().max(100).optional(),
  negative: z.enum(['true', 'false']).optional(),
  limit: digits(1000).optional(),
});
const movementsQuery = z.strictObject({ store, gtin, limit: digits(1000).optional() });
const countsQuery = z.strictObject({ store: store.optional(), limit: digits(500).optional() });

export function registerStockOfficeRoutes(scope: FastifyInstance, db: Database): void {
  const tags = ['purchase-orders'];
  scope.get(
    '/admin/v1/purchase-orders',
    {
      config: {
        doc: {
          summary: 'Purchase orders of the actor’s stores with their state, newest first',
          auth: 'office',
          tags,
          query: listQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, listQuery, request.query, 'query');
      if (!query) return reply;
      const { store: code, state, limit = 500 } = query;
      if (code && refuse(request, reply, 'read', code)) return reply;
      const storeCodes = code ? [code] : storeFilter(actorOf(request));
      return reply.send({ ok: true, purchaseOrders: await summaries(db, { storeCodes, state, limit }) });
    },
  );

  scope.post(
    '/admin/v1/purchase-orders',
    {
      config: {
        doc: {
          summary: 'Make a purchase order as a draft (no terminal sees it until it is sent)',
          auth: 'office',
          tags,
          body: createBody,
        },
      },
    },
    async (request, reply) => {
      const body = parseOr400(reply, createBody, request.body, 'purchase order');
      if (!body) return reply;
      if (refuse(request, reply, 'stock.write', body.store)) return reply;
      const outcome = await createDraftOrder(db, actorOf(request), {
        ...body,
        expectedOn: body.expectedOn ?? null,
      });
      return outcome.ok ? reply.code(201).send(outcome) : sendFailure(reply, outcome);
    },
  );

  scope.put(
    '/admin/v1/purchase-orders/:number/lines',
    {
      config: {
        doc: {
          summary: 'Replace a draft purchase order’s lines (a sent one cannot be edited: 409)',
          auth: 'office',
          tags,
          params: sendParams,
          query: storeQuery,
          body: linesBody,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, sendParams, request.params, 'PO number');
      if (!params) return reply;
      const query = parseOr400(reply, storeQuery, request.query, 'query');
      if (!query) return reply;
      const body = parseOr400(reply, linesBody, request.body, 'lines');
      if (!body) return reply;
      if (refuse(request, reply, 'stock.write', query.store)) return reply;
      const outcome = await replaceDraftLines(db, actorOf(request), query.store, params.number, body.lines);
      return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
    },
  );

  scope.post(
    '/admin/v1/purchase-orders/:number/send',
    {
      config: {
        doc: {
          summary: 'Send a draft purchase order to its store: its terminals download it to receive against',
          auth: 'office',
          tags,
          params: sendParams,
          query: storeQuery,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, sendParams, request.params, 'PO number');
      if (!params) return reply;
      const query = parseOr400(reply, storeQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, 'stock.write', query.store)) return reply;
      const outcome = await sendOrder(db, actorOf(request), query.store, params.number);
      return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
    },
  );

  const stockTags = ['stock'];
  scope.get(
    '/admin/v1/stock/levels',
    {
      config: {
        doc: {
          summary: 'On-hand per store and product, negative first; search by GTIN digits or name',
          auth: 'office',
          tags: stockTags,
          query: levelsQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, levelsQuery, request.query, 'query');
      if (!query) return reply;
      const { store: code, q, negative, limit = 200 } = query;
      if (code && refuse(request, reply, 'read', code)) return reply;
      const storeCodes = code ? [code] : storeFilter(actorOf(request));
      const levels = await searchLevels(db, {
        storeCodes,
        search: q,
        negativeOnly: negative === 'true',
        limit,
      });
      return reply.send({ ok: true, levels });
    },
  );

  scope.get(
    '/admin/v1/stock/movements',
    {
      config: {
        doc: {
          summary: 'A product’s movements at a store, newest first, with who and which terminal',
          auth: 'office',
          tags: stockTags,
          query: movementsQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, movementsQuery, request.query, 'query');
      if (!query) return reply;
      const { store: code, gtin: product, limit = 200 } = query;
      if (refuse(request, reply, 'read', code)) return reply;
      const [level] = await searchLevels(db, { storeCodes: [code], search: product, limit: 1 });
      const movements = await productMovements(db, code, product, limit);
      return reply.send({ ok: true, level: level?.gtin === product ? level : null, movements });
    },
  );

  scope.get(
    '/admin/v1/stock/counts',
    {
      config: {
        doc: {
          summary: 'Count sessions, latest first: items counted, held for review, adjustments booked',
          auth: 'office',
          tags: stockTags,
          query: countsQuery,
        },
      },
    },
    async (request, reply) => {
      const list = countsListScope(request, reply);
      if (!list) return reply;
      return reply.send({ ok: true, sessions: await countSessions(db, list.storeCodes, list.limit) });
    },
  );

  scope.get(
    '/admin/v1/stock/flags',
    {
      config: {
        doc: {
          summary: 'Flagged duplicates: delivery notes received twice, refunds beyond their sale',
          auth: 'office',
          tags: stockTags,
          query: countsQuery,
        },
      },
    },
    async (request, reply) => {
      const list = countsListScope(request, reply);
      if (!list) return reply;
      return reply.send({ ok: true, ...(await officeFlags(db, list.storeCodes, list.limit)) });
    },
  );
}

/** The stores (one asked for, else all the actor sees) and the limit of a count or flag list; null once refused. */
function countsListScope(
  request: FastifyRequest,
  reply: FastifyReply,
): { storeCodes: readonly string[] | null; limit: number } | null {
  const query = parseOr400(reply, countsQuery, request.query, 'query');
  if (!query) return null;
  const { store: code, limit = 100 } = query;
  if (code && refuse(request, reply, 'read', code)) return null;
  return { storeCodes: code ? [code] : storeFilter(actorOf(request)), limit };
}
