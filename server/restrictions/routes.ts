// Sale restrictions set at HQ (issue 14).
// Back office (catalog.write to change; any signed-in actor reads):
//   GET    /admin/v1/products/{barcode}/restrictions        → { ok, restrictions }  404 product_not_found
//   PUT    /admin/v1/products/{barcode}/restrictions  { ageLimit, noSale, maxPerBasket } → { ok, changed, restrictions }
//   GET    /admin/v1/department-rules                       → { ok, rules }
//   PUT    /admin/v1/department-rules/{department}   { noSale, maxPerBasket } → { ok, changed, rules }
//   DELETE /admin/v1/department-rules/{department}          → { ok, removed, rules }
// Device token:
//   GET    /v1/sale-rules?known=V → SaleRulesReply (core/sync/sale-rules.ts)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkGtin } from '../../core/barcode/gtin';
import { MAX_PER_BASKET, windowsProblem } from '../../core/restrictions';
import { MAX_DEPARTMENT_RULES } from '../../core/sync';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { fail, invalidRequest } from '../result';
import {
  listDepartmentRules,
  productRestrictions,
  putDepartmentRule,
  removeDepartmentRule,
  saleRulesFeed,
  setProductRestrictions,
} from './store';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM from 00:00 to 23:59');
const windowList = z
  .array(z.strictObject({ from: clock, to: clock }))
  .max(8, 'at most 8 no-sale windows')
  .superRefine((list, ctx) => {
    const problem = windowsProblem(list);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const maxPerBasket = z.number().int().min(1).max(MAX_PER_BASKET).nullable();

const productParams = z.strictObject({
  barcode: z.string().regex(/^\d{8,14}$/, 'must be a barcode or GTIN of 8 to 14 digits'),
});
const productBody = z.strictObject({
  ageLimit: z.number().int().min(1).max(99).nullable(),
  noSale: windowList.nullable(),
  maxPerBasket,
});
const departmentParams = z.strictObject({
  department: z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(80, 'must be at most 80 characters')
    .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters'),
});
const departmentBody = z.strictObject({ noSale: windowList, maxPerBasket });
const feedQuery = z.strictObject({
  known: z
    .string()
    .regex(/^\d{1,15}$/, 'must be the version last received')
    .transform(Number)
    .optional(),
});

const restrictionsView = z.object({
  gtin: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  ageLimit: z.number().nullable(),
  noSale: windowList.nullable(),
  maxPerBasket,
  departmentRule: z.object({ department: z.string(), noSale: windowList, maxPerBasket }).nullable(),
});
const rulesView = z.array(
  z.object({ department: z.string(), noSale: windowList, maxPerBasket, updatedAt: z.string() }),
);

const tags = ['catalog', 'restrictions'];

export function registerRestrictionRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/products/:barcode/restrictions',
    {
      config: {
        doc: {
          summary:
            'A product’s sale restrictions (age, no-sale hours, most per basket) and its department’s rule',
          auth: 'office',
          tags,
          params: productParams,
          reply: z.object({ ok: z.literal(true), restrictions: restrictionsView }),
        },
      },
    },
    async (request, reply) => {
      const gtin = gtinOf(request.params);
      if (!gtin.ok) return sendFailure(reply, gtin);
      if (refuse(request, reply, 'read')) return reply;
      const restrictions = await productRestrictions(db, gtin.gtin);
      if (!restrictions) return sendFailure(reply, notFound(gtin.gtin));
      return reply.send({ ok: true, restrictions });
    },
  );

  scope.put(
    '/admin/v1/products/:barcode/restrictions',
    {
      config: {
        doc: {
          summary: 'Set a product’s sale restrictions; the lanes take them at their next sync',
          auth: 'office',
          tags,
          params: productParams,
          body: productBody,
          reply: z.object({ ok: z.literal(true), changed: z.boolean(), restrictions: restrictionsView }),
        },
      },
    },
    async (request, reply) => {
      const gtin = gtinOf(request.params);
      if (!gtin.ok) return sendFailure(reply, gtin);
      const body = parseOr400(reply, productBody, request.body, 'set of restrictions');
      if (!body) return reply;
      if (refuse(request, reply, 'catalog.write')) return reply;
      const actor = actorOf(request);
      const done = await db.transaction((tx) => setProductRestrictions(tx, actor, gtin.gtin, body));
      if (!done) return sendFailure(reply, notFound(gtin.gtin));
      return reply.send({ ok: true, changed: done.changed, restrictions: done.view });
    },
  );

  scope.get(
    '/admin/v1/department-rules',
    {
      config: {
        doc: {
          summary: 'The chain’s sale rules per department',
          auth: 'office',
          tags,
          reply: z.object({ ok: z.literal(true), rules: rulesView }),
        },
      },
    },
    async (request, reply) => {
      if (refuse(request, reply, 'read')) return reply;
      return reply.send({ ok: true, rules: await listDepartmentRules(db) });
    },
  );

  scope.put(
    '/admin/v1/department-rules/:department',
    {
      config: {
        doc: {
          summary: 'Set the chain’s rule for a department (no-sale hours, most per basket)',
          auth: 'office',
          tags,
          params: departmentParams,
          body: departmentBody,
          reply: z.object({ ok: z.literal(true), changed: z.boolean(), rules: rulesView }),
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, departmentParams, request.params, 'department');
      if (!params) return reply;
      const body = parseOr400(reply, departmentBody, request.body, 'rule');
      if (!body) return reply;
      if (body.noSale.length === 0 && body.maxPerBasket === null)
        return sendFailure(
          reply,
          fail(400, 'rule_empty', 'give no-sale hours, a most per basket, or both (or remove the rule)'),
        );
      if (refuse(request, reply, 'catalog.write')) return reply;
      const actor = actorOf(request);
      const outcome = await db.transaction(async (tx) => {
        const live = await listDepartmentRules(tx);
        const known = live.some((r) => r.department.toLowerCase() === params.department.toLowerCase());
        if (!known && live.length >= MAX_DEPARTMENT_RULES) return 'full' as const;
        return putDepartmentRule(tx, actor, { department: params.department, ...body });
      });
      if (outcome === 'full')
        return sendFailure(
          reply,
          fail(
            409,
            'too_many_rules',
            `the chain has ${MAX_DEPARTMENT_RULES} department rules, the most it may`,
          ),
        );
      return reply.send({ ok: true, changed: outcome, rules: await listDepartmentRules(db) });
    },
  );

  scope.delete(
    '/admin/v1/department-rules/:department',
    {
      config: {
        doc: {
          summary: 'Remove the chain’s rule for a department',
          auth: 'office',
          tags,
          params: departmentParams,
          reply: z.object({ ok: z.literal(true), removed: z.boolean(), rules: rulesView }),
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, departmentParams, request.params, 'department');
      if (!params) return reply;
      if (refuse(request, reply, 'catalog.write')) return reply;
      const actor = actorOf(request);
      const removed = await db.transaction((tx) => removeDepartmentRule(tx, actor, params.department));
      if (!removed)
        return sendFailure(
          reply,
          fail(404, 'rule_not_found', `the chain has no rule for department "${params.department}"`),
        );
      return reply.send({ ok: true, removed, rules: await listDepartmentRules(db) });
    },
  );
}

/** GET /v1/sale-rules for an enrolled device (registered in server/http/routes.ts's device scope). */
export function registerSaleRuleFeed(app: FastifyInstance, db: Database): void {
  app.get(
    '/v1/sale-rules',
    {
      config: {
        doc: {
          summary: 'The chain’s sale rules per department, whole, with their version',
          auth: 'device',
          tags,
          query: feedQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, feedQuery, request.query, 'sale-rules query');
      if (!query) return reply;
      return reply.send({ ok: true, ...(await saleRulesFeed(db, query.known ?? null)) });
    },
  );
}

function gtinOf(params: unknown) {
  const parsed = productParams.safeParse(params);
  if (!parsed.success) return invalidRequest('bad_request', 'the barcode is not valid', parsed.error.issues);
  const checked = checkGtin(parsed.data.barcode);
  if (!checked.ok) return fail(400, 'bad_barcode', `barcode "${parsed.data.barcode}" ${checked.message}`);
  return { ok: true as const, gtin: checked.gtin14 };
}

const notFound = (gtin: string) => fail(404, 'product_not_found', `HQ has no product ${gtin} in the catalog`);
