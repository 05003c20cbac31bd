// The sales reports and the overview (issue 14) under /admin/v1/reports, and a store's time zone.
// Reports read through `reportsDb` — the primary for now, a streaming replica when HQ is given one — and
// everyone may read them, a store manager only for their own stores. Setting a zone writes to `db`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { storeFilter } from '../office/access';
import { recordAudit } from '../office/audit';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { fail } from '../result';
import { overview } from './overview';
import {
  refundList,
  refundsByDay,
  reportStores,
  salesByDay,
  salesByDepartment,
  salesByHour,
  salesByStore,
  salesByTender,
  zReportList,
  type ReportStore,
} from './queries';
import { changeStoreZone, knownZone, UNKNOWN_ZONE_HINT } from './zones';

const MAX_DAYS = 1_100;
const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-03-01')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a real day',
  );
const storeList = z
  .string()
  .max(2000)
  .transform((text) => text.split(',').filter(Boolean))
  .refine(
    (codes) => codes.every((c) => STORE_CODE.test(c)),
    "must be store codes separated by ',' (letters, digits, '_')",
  );

export const rangeQuery = z
  .strictObject({
    from: localDay,
    to: localDay,
    stores: storeList.optional(),
    training: z.enum(['true', 'false']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_DAYS} days`,
    path: ['to'],
  });
const overviewQuery = z.strictObject({ stores: storeList.optional() });
const zoneParams = z.strictObject({
  store: z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'"),
});
const zoneBody = z.strictObject({ timeZone: z.string().min(1).max(64) });

const storeView = z.object({ code: z.string(), timeZone: z.string() });

export function registerSalesReportRoutes(scope: FastifyInstance, db: Database, reportsDb: Database): void {
  const doc = (summary: string, extra: object = {}) => ({
    config: { doc: { summary, auth: 'office' as const, tags: ['reports'], ...extra } },
  });

  scope.get(
    '/admin/v1/reports/stores',
    doc('The stores the reader may report on, with their time zones', {
      reply: z.object({ ok: z.literal(true), stores: z.array(storeView) }),
    }),
    async (request, reply) => {
      const stores = await storesFor(request, reply, reportsDb, undefined);
      if (!stores) return reply;
      return reply.send({ ok: true, stores: stores.map(({ code, timeZone }) => ({ code, timeZone })) });
    },
  );

  scope.get(
    '/admin/v1/reports/sales',
    doc('Sales by local day, hour, store, department and tender, with refunds by day', { query: rangeQuery }),
    async (request, reply) => {
      const query = parseOr400(reply, rangeQuery, request.query, 'query');
      if (!query) return reply;
      const stores = await storesFor(request, reply, reportsDb, query.stores);
      if (!stores) return reply;
      const q = {
        stores,
        from: query.from,
        to: query.to,
        training: query.training === 'true',
      };
      const [days, hours, byStore, departments, tenders, refunds] = await Promise.all([
        salesByDay(reportsDb, q),
        salesByHour(reportsDb, q),
        salesByStore(reportsDb, q),
        salesByDepartment(reportsDb, q),
        salesByTender(reportsDb, q),
        refundsByDay(reportsDb, q),
      ]);
      return reply.send({
        ok: true,
        from: q.from,
        to: q.to,
        training: q.training,
        stores: stores.map(({ code, timeZone }) => ({ code, timeZone })),
        days,
        hours,
        byStore,
        departments,
        tenders,
        refunds,
      });
    },
  );

  scope.get(
    '/admin/v1/reports/refunds',
    doc('The refunds given in a range of local days', { query: rangeQuery }),
    async (request, reply) => {
      const query = parseOr400(reply, rangeQuery, request.query, 'query');
      if (!query) return reply;
      const stores = await storesFor(request, reply, reportsDb, query.stores);
      if (!stores) return reply;
      const refunds = await refundList(reportsDb, {
        stores,
        from: query.from,
        to: query.to,
        training: query.training === 'true',
      });
      return reply.send({ ok: true, refunds });
    },
  );

  scope.get(
    '/admin/v1/reports/z-reports',
    doc('Z reports of shifts closed in a range of local days, with cash differences and approvers', {
      query: rangeQuery,
    }),
    async (request, reply) => {
      const query = parseOr400(reply, rangeQuery, request.query, 'query');
      if (!query) return reply;
      const stores = await storesFor(request, reply, reportsDb, query.stores);
      if (!stores) return reply;
      const zReports = await zReportList(reportsDb, { stores, from: query.from, to: query.to });
      return reply.send({ ok: true, zReports });
    },
  );

  scope.get(
    '/admin/v1/reports/overview',
    doc('Today’s takings by store against the same day last week, today by hour, open problems', {
      query: overviewQuery,
    }),
    async (request, reply) => {
      const query = parseOr400(reply, overviewQuery, request.query, 'query');
      if (!query) return reply;
      const stores = await storesFor(request, reply, reportsDb, query.stores);
      if (!stores) return reply;
      return reply.send({ ok: true, ...(await overview(reportsDb, stores)) });
    },
  );

  scope.put(
    '/admin/v1/stores/:store/time-zone',
    doc('Sets a store’s time zone, where its report days begin; its rollups are made again in it', {
      params: zoneParams,
      body: zoneBody,
      reply: z.object({ ok: z.literal(true), store: storeView }),
    }),
    async (request, reply) => {
      const params = parseOr400(reply, zoneParams, request.params, 'store');
      if (!params) return reply;
      const body = parseOr400(reply, zoneBody, request.body, 'request');
      if (!body) return reply;
      const { store } = params;
      if (refuse(request, reply, 'devices.write', store)) return reply;
      const zone = await knownZone(db, body.timeZone);
      if (!zone) {
        return sendFailure(
          reply,
          fail(
            400,
            'unknown_time_zone',
            `"${body.timeZone}" is not a time zone HQ knows; ${UNKNOWN_ZONE_HINT}`,
          ),
        );
      }
      const result = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string; time_zone: string }>(
          'SELECT id, time_zone FROM stores WHERE code = $1 FOR UPDATE',
          [store],
        );
        const found = rows[0];
        if (!found) return null;
        if (found.time_zone !== zone) {
          await changeStoreZone(tx, found.id, zone);
          await recordAudit(tx, actorOf(request), {
            action: 'store.time_zone',
            targetType: 'store',
            targetId: store,
            store,
            before: { timeZone: found.time_zone },
            after: { timeZone: zone },
          });
        }
        return { code: store, timeZone: zone };
      });
      if (!result) return sendFailure(reply, fail(404, 'unknown_store', `there is no store ${store}`));
      return reply.send({ ok: true, store: result });
    },
  );
}

/**
 * The stores a report covers: those asked (each refused unless the reader sees it), else every store the
 * reader sees. Null once a failure was sent.
 */
async function storesFor(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Database,
  asked: readonly string[] | undefined,
): Promise<ReportStore[] | null> {
  const codes = asked && asked.length > 0 ? asked : storeFilter(actorOf(request));
  if (asked) for (const code of asked) if (refuse(request, reply, 'read', code)) return null;
  const stores = await reportStores(db, codes);
  const missing = (asked ?? []).filter((code) => !stores.some((s) => s.code === code));
  if (missing.length > 0) {
    sendFailure(reply, fail(404, 'unknown_store', `there is no store ${missing.join(', ')}`));
    return null;
  }
  return stores;
}
