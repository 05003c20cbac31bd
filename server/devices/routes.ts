// The back office's stores and devices (/admin/v1): the chain's stores with their devices' state at a
// glance, a store's devices with what each last reported, a new store, enrolment codes made while HQ
// runs, and revoking a device. Store managers see and act on their own stores only; every change is
// audited in the transaction that makes it.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { issueEnrolmentCode } from '../auth/enrolment';
import type { Database } from '../db/database';
import { toIso } from '../db/database';
import { sendFailure } from '../http/errors';
import { denied, storeFilter } from '../office/access';
import { recordAudit } from '../office/audit';
import { actorOf, parseOr400, refuse } from '../office/request';
import { fail, type HttpFailure } from '../result';
import { findDevice, hqFacts, listDevices, listStores } from './queries';
import { announceRevoked } from './revocations';
import { editStore } from './store-edit';
import {
  createStoreBody,
  deviceParams,
  deviceReply,
  devicesQuery,
  editStoreBody,
  devicesReply,
  enrolmentCodeBody,
  enrolmentCodeReply,
  storeParams,
  storeReply,
  storesReply,
} from './schemas';

const tags = ['stores'];

export function registerDeviceAdminRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/stores',
    {
      config: {
        doc: {
          summary: 'The stores, with their devices counted by state',
          auth: 'office',
          tags,
          reply: storesReply,
        },
      },
    },
    async (request, reply) => {
      const stores = await listStores(db, storeFilter(actorOf(request)));
      return reply.send({ ok: true, stores });
    },
  );

  scope.post(
    '/admin/v1/stores',
    {
      config: {
        doc: { summary: 'Add a store', auth: 'office', tags, body: createStoreBody, reply: storeReply },
      },
    },
    async (request, reply) => {
      const body = parseOr400(reply, createStoreBody, request.body, 'store');
      if (!body) return reply;
      // A new store is a chain-wide change: an admin's, never a store manager's.
      if (refuse(request, reply, 'devices.write')) return reply;
      const created = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO stores (id, code, name) VALUES ($3, $1, $2)
           ON CONFLICT (code) DO NOTHING RETURNING id`,
          [body.code, body.name, randomUUID()],
        );
        if (rows.length === 0) return false;
        await recordAudit(tx, actorOf(request), {
          action: 'store.create',
          targetType: 'store',
          targetId: body.code,
          store: body.code,
          after: { code: body.code, name: body.name },
        });
        return true;
      });
      if (!created)
        return sendFailure(reply, fail(409, 'store_exists', `there is already a store ${body.code}`));
      return reply.code(201).send(await storeAnswer(db, body.code));
    },
  );

  scope.get(
    '/admin/v1/stores/:code',
    {
      config: {
        doc: {
          summary: 'A store and its devices',
          auth: 'office',
          tags,
          params: storeParams,
          reply: storeReply,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, storeParams, request.params, 'store');
      if (!params) return reply;
      if (refuse(request, reply, 'read', params.code)) return reply;
      const answer = await storeAnswer(db, params.code);
      if (!answer)
        return sendFailure(reply, fail(404, 'store_not_found', `there is no store ${params.code}`));
      return reply.send(answer);
    },
  );

  scope.patch(
    '/admin/v1/stores/:code',
    {
      config: {
        doc: {
          summary:
            'Rename a store or change its time zone (its sales rollups are made again in the new zone)',
          auth: 'office',
          tags,
          params: storeParams,
          body: editStoreBody,
          reply: storeReply,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, storeParams, request.params, 'store');
      if (!params) return reply;
      const body = parseOr400(reply, editStoreBody, request.body, 'change');
      if (!body) return reply;
      // One store's own details, like its zone (PUT …/time-zone): its store managers may change them too.
      if (refuse(request, reply, 'devices.write', params.code)) return reply;
      const outcome = await editStore(db, actorOf(request), params.code, body);
      if (!outcome.ok) return sendFailure(reply, outcome);
      return reply.send(await storeAnswer(db, params.code));
    },
  );

  scope.get(
    '/admin/v1/devices',
    {
      config: {
        doc: {
          summary: 'Devices with what each last reported',
          auth: 'office',
          tags,
          query: devicesQuery,
          reply: devicesReply,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, devicesQuery, request.query, 'query');
      if (!query) return reply;
      if (query.store !== undefined && refuse(request, reply, 'read', query.store)) return reply;
      const stores = query.store !== undefined ? [query.store] : storeFilter(actorOf(request));
      return reply.send({ ok: true, devices: await listDevices(db, stores), hq: await hqFacts(db) });
    },
  );

  scope.post(
    '/admin/v1/devices/:id/revoke',
    {
      config: {
        doc: {
          summary: 'Revoke a device: its token and event streams stop at once',
          auth: 'office',
          tags,
          params: deviceParams,
          reply: deviceReply,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, deviceParams, request.params, 'device');
      if (!params) return reply;
      const actor = actorOf(request);
      const outcome = await db.transaction(async (tx): Promise<HttpFailure | { ok: true }> => {
        const { rows } = await tx.query<{
          code: string;
          name: string | null;
          terminal_id: string | null;
          revoked_at: Date | null;
        }>(
          `SELECT s.code, d.name, d.terminal_id, d.revoked_at FROM devices d JOIN stores s ON s.id = d.store_id
           WHERE d.id = $1 FOR UPDATE OF d`,
          [params.id],
        );
        const device = rows[0];
        if (!device) return fail(404, 'device_not_found', 'there is no such device');
        // Its store decides, as for every store-scoped change: an auditor or a category manager may not
        // revoke, a store manager only in their own stores (403 forbidden_store names the store).
        const refused = denied(actor, 'devices.write', device.code);
        if (refused) return refused;
        if (device.revoked_at)
          return fail(
            409,
            'device_revoked',
            `this device was already revoked at ${toIso(device.revoked_at)}`,
          );
        await tx.query('UPDATE devices SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [
          params.id,
          actor.name,
        ]);
        await recordAudit(tx, actor, {
          action: 'device.revoke',
          targetType: 'device',
          targetId: params.id,
          store: device.code,
          before: { name: device.name, terminalId: device.terminal_id, revoked: false },
          after: { name: device.name, terminalId: device.terminal_id, revoked: true },
        });
        return { ok: true };
      });
      if (!outcome.ok) return sendFailure(reply, outcome);
      // Committed: this process's streams of the device end now (other processes' at their next poll).
      announceRevoked(db, params.id);
      return reply.send({ ok: true, device: await findDevice(db, params.id) });
    },
  );

  scope.post(
    '/admin/v1/enrolment-codes',
    {
      config: {
        doc: {
          summary: 'A one-time code that enrols a terminal into a store',
          auth: 'office',
          tags,
          body: enrolmentCodeBody,
          reply: enrolmentCodeReply,
        },
      },
    },
    async (request, reply) => {
      const body = parseOr400(reply, enrolmentCodeBody, request.body, 'request');
      if (!body) return reply;
      if (refuse(request, reply, 'devices.write', body.store)) return reply;
      const issued = await db.transaction(async (tx) => {
        const code = await issueEnrolmentCode(tx, body.store, body);
        // The code itself is never written down: only that one was made, for whom, until when.
        await recordAudit(tx, actorOf(request), {
          action: 'enrolment_code.create',
          targetType: 'store',
          targetId: body.store,
          store: body.store,
          after: { expiresAt: code.expiresAt },
        });
        return code;
      });
      return reply.code(201).send({ ok: true, ...issued });
    },
  );
}

async function storeAnswer(db: Database, code: string) {
  const [store] = await listStores(db, [code]);
  if (!store) return null;
  return { ok: true as const, store, devices: await listDevices(db, [code]), hq: await hqFacts(db) };
}
