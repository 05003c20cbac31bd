// The receiving routes (issue 13).
// Device token, the device's own store only:
//   GET  /v1/deliveries                  → { ok, deliveries: ExpectedDelivery[] } (open ones, at most 200)
//   POST /v1/delivery-claims  DeliveryClaim → { ok, granted: true }, 409 delivery_already_received
//                                          (details.holder), 409 receiving_id_used
//   DELETE /v1/delivery-claims/{receivingId} → { ok, released }
// The back office (admin scope; the rest of its stock routes are in office-routes.ts):
//   POST /admin/v1/purchase-orders/import  text/csv → { ok, orders }, 400 po_invalid (details.errors by line;
//        a row naming a store the actor may not change is one of them); the orders are sent at once
//   GET  /admin/v1/purchase-orders/{number}?store=S001 → { ok, purchaseOrder }, 404 po_not_found
//   GET  /admin/v1/stock-flags?store=S001[&limit=N]    → { ok, flags } (in server/http/admin.ts)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeliveryClaim } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import { STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { actorOf, refuse } from '../office/request';
import { withDoc } from '../http/route-doc';
import { fail, invalidRequest } from '../result';
import { claimDelivery, releaseDeliveryClaim } from './claims';
import { openDeliveries, purchaseOrderView } from './deliveries';
import { importPurchaseOrders } from './po-import';
import { summaries } from './orders';

const label = (max: number) =>
  z
    .string()
    .regex(
      new RegExp(`^[^\\p{Cc}]{1,${max}}$`, 'u'),
      `must be 1 to ${max} characters without control characters`,
    );

const claimBody = z.strictObject({
  receivingId: z.uuid('must be the receiving id (a UUID)'),
  reference: label(200).refine((r) => r.trim() !== '', 'must not be blank'),
  terminalId: z.string().regex(/^[A-Za-z0-9_]{1,32}$/, 'must be a terminal id: letters, digits, _'),
  staffId: label(64),
}) satisfies z.ZodType<DeliveryClaim>;

const store = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const poQuery = z.strictObject({ store });
const poParams = z.strictObject({ number: label(64) });

export function registerDeliveryRoutes(
  app: FastifyInstance,
  db: Database,
  deviceOf: (request: FastifyRequest) => { device: DeviceContext },
): void {
  const noQuery = z.strictObject({});
  const receivingParams = z.strictObject({ receivingId: z.uuid() });
  app.get(
    '/v1/deliveries',
    withDoc({
      summary: 'The store’s expected deliveries (purchase orders sent, incoming transfers) still outstanding',
      auth: 'device',
      tags: ['receiving'],
      query: noQuery,
    }),
    async (request, reply) => {
      const query = noQuery.safeParse(request.query ?? {});
      if (!query.success)
        return sendFailure(
          reply,
          invalidRequest('bad_request', 'the deliveries query takes no parameters', query.error.issues),
        );
      const deliveries = await openDeliveries(db, deviceOf(request).device.storeId);
      return reply.header('cache-control', 'no-store').send({ ok: true, deliveries });
    },
  );

  app.post(
    '/v1/delivery-claims',
    withDoc({
      summary: 'Claim a delivery note for this receiving, so no other terminal of the store books it too',
      description: '409 `delivery_already_received` names the holder; idempotent on receivingId.',
      auth: 'device',
      tags: ['receiving'],
      body: claimBody,
    }),
    async (request, reply) => {
      const parsed = claimBody.safeParse(request.body ?? {});
      if (!parsed.success)
        return sendFailure(
          reply,
          invalidRequest('bad_request', 'the delivery claim is not valid', parsed.error.issues),
        );
      const outcome = await claimDelivery(db, deviceOf(request).device, parsed.data);
      return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
    },
  );

  app.delete(
    '/v1/delivery-claims/:receivingId',
    withDoc({
      summary: 'Give back this device’s own delivery claim (its receiving was cancelled)',
      auth: 'device',
      tags: ['receiving'],
      params: receivingParams,
    }),
    async (request, reply) => {
      const { receivingId } = request.params as { receivingId: string };
      const parsed = z.uuid().safeParse(receivingId);
      if (!parsed.success)
        return sendFailure(reply, fail(400, 'bad_request', 'receivingId: must be the receiving id (a UUID)'));
      const released = await releaseDeliveryClaim(db, deviceOf(request).device, parsed.data);
      return reply.send({ ok: true, released });
    },
  );
}

/** Registered inside the admin scope (server/http/admin.ts), behind its token check and CSV parser. */
export function registerStockAdminRoutes(scope: FastifyInstance, db: Database): void {
  const importDoc = {
    summary:
      'Import purchase orders from CSV (store,po_number,supplier,barcode,quantity[,expected_on]): sent at once',
    auth: 'office' as const,
    tags: ['purchase-orders'],
    body: 'text/csv' as const,
  };
  scope.post('/admin/v1/purchase-orders/import', { config: { doc: importDoc } }, async (request, reply) => {
    // Each row's store is checked against the actor's stores (a line-numbered error each).
    const actor = actorOf(request);
    if (refuse(request, reply, 'stock.write', actor.stores === 'all' ? undefined : actor.stores[0]))
      return reply;
    if (typeof request.body !== 'string')
      return sendFailure(
        reply,
        fail(415, 'unsupported_media_type', 'send the purchase orders as "Content-Type: text/csv"'),
      );
    const result = await importPurchaseOrders(db, request.body, new Date(), actor);
    if (result.ok) return reply.send(result);
    const message = `nothing was imported: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`;
    return sendFailure(reply, fail(400, 'po_invalid', message, { errors: result.errors.slice(0, 1000) }));
  });

  const viewDoc = {
    summary:
      'A purchase order: its state, and per line expected, received, short and damaged, with its receivings',
    auth: 'office' as const,
    tags: ['purchase-orders'],
    params: poParams,
    query: poQuery,
  };
  scope.get('/admin/v1/purchase-orders/:number', { config: { doc: viewDoc } }, async (request, reply) => {
    const query = poQuery.safeParse(request.query ?? {});
    if (!query.success)
      return sendFailure(reply, invalidRequest('bad_request', 'the query is not valid', query.error.issues));
    const { number } = request.params as { number: string };
    const parsed = label(64).safeParse(number);
    if (!parsed.success)
      return sendFailure(
        reply,
        fail(400, 'bad_request', 'number: must be a PO number of 1 to 64 characters'),
      );
    if (refuse(request, reply, 'read', query.data.store)) return reply;
    const view = await purchaseOrderView(db, query.data.store, parsed.data);
    if (!view)
      return sendFailure(
        reply,
        fail(404, 'po_not_found', `store ${query.data.store} has no purchase order ${parsed.data}`),
      );
    const summary = (await summaries(db, { storeCodes: [query.data.store], number: parsed.data }))[0];
    return reply.send({
      ok: true,
      purchaseOrder: {
        ...view,
        state: summary?.state ?? 'sent',
        createdAt: summary?.createdAt ?? null,
        createdBy: summary?.createdBy ?? null,
        sentAt: summary?.sentAt ?? null,
      },
    });
  });
}
