// The HQ HTTP API. Enrolment and token routes are open; every other /v1 route runs behind the device
// token check, and acts for the store and device the token names, whatever the request says.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EnrolReply, EnrolRequest, TokenReply, TokenRequest } from '../../core/sync';
import { authenticate, type DeviceContext } from '../auth/authenticate';
import { enrolDevice, issueToken } from '../auth/enrolment';
import { catalogChangesJson, catalogReplyText, parseCursor } from '../catalog/changes';
import { currentCatalogVersion } from '../catalog/version';
import type { Database } from '../db/database';
import { ingestBatch } from '../events/ingest';
import { batchSchema, eventSchema, MAX_BATCH_EVENTS } from '../events/schema';
import { listDeadLetters, stockLevels } from '../events/read';
import { stockChanges } from '../counts/feed';
import { fail, invalidRequest } from '../result';
import { sendFailure } from './errors';
import { registerLinkRoute } from './link';
import { registerTelemetryRoute } from '../devices/telemetry';
import { registerRefundRoutes } from '../refunds/routes';
import { registerDeliveryRoutes } from '../stock/routes';
import { registerPriceRoutes } from '../prices/routes';
import { chargeAttempt, FailureCounters, LIMITS, refuseIfLimited, type Check } from './rate-limit';
import { registerRecallFeed } from '../recalls/feed';
import { registerSaleRuleFeed } from '../restrictions/routes';
import type { CatalogStream } from './stream';

export interface RouteDeps {
  db: Database;
  key: Buffer;
  tokenTtlSeconds: number;
  stream: CatalogStream;
}

interface Authed {
  device: DeviceContext;
  expiresAt: number;
}

const authed = new WeakMap<FastifyRequest, Authed>();

const enrolBody = z.strictObject({
  code: z.string().min(1).max(64),
  terminalName: z
    .string()
    .regex(/^[^\p{Cc}]{1,64}$/u, 'must be 1 to 64 characters without control characters')
    .optional(),
}) satisfies z.ZodType<EnrolRequest>;
const tokenBody = z.strictObject({
  deviceId: z
    .string()
    .regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'must be the deviceId given at enrolment'),
  secret: z.string().min(1).max(200),
}) satisfies z.ZodType<TokenRequest>;
/** A query parameter holding a whole number from 1 to max (the admin's count-review list reads it too). */
export const digits = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `must be from 1 to ${max}`);
const catalogQuery = z.strictObject({
  after: z.string().max(64).optional(),
  limit: digits(10_000).optional(),
});
const gtin14 = z.string().regex(/^\d{14}$/, 'must be a GTIN-14');
const deadLetterQuery = z.strictObject({ after: z.uuid().optional(), limit: digits(1000).optional() });
const stockQuery = z.strictObject({
  gtin: gtin14.optional(),
  after: gtin14.optional(),
  limit: digits(1000).optional(),
  /** The levels changed after this change marker (`version:gtin`, '' for all): a terminal's pull (issue 13). */
  since: z
    .string()
    .regex(/^(\d{1,15}:\d{14})?$/, "must be a change marker like 12:00012345678905, or '' for all")
    .optional(),
});

/** What POST /v1/events is checked with: the envelope, then each event on its own (the document shows both). */
const batchDoc = batchSchema.extend({ events: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS) });

// The replies of the open routes, typed against core/sync's shapes so the document cannot drift from them.
const enrolReply = z.strictObject({
  ok: z.literal(true),
  deviceId: z.uuid(),
  secret: z.string(),
  storeCode: z.string(),
  storeKey: z.string().optional(),
}) satisfies z.ZodType<EnrolReply & { ok: true }>;
const tokenReply = z.strictObject({
  ok: z.literal(true),
  token: z.string(),
  expiresAt: z.iso.datetime(),
  storeCode: z.string(),
}) satisfies z.ZodType<TokenReply & { ok: true }>;
const healthDoc = {
  summary: 'Whether the server and its database answer (for a load balancer’s health check)',
  auth: 'none',
  tags: ['server'],
  reply: z.strictObject({
    ok: z.literal(true),
    service: z.literal('openlane-hq'),
    database: z.enum(['pglite', 'postgres']),
  }),
} as const;

/** Parses a body or query with a schema; a failure names each bad field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, what: string) {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return { ok: true as const, value: parsed.data };
  return invalidRequest('bad_request', `the ${what} is not valid`, parsed.error.issues);
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;

  app.get('/health', { config: { doc: healthDoc } }, async (_request, reply) => {
    await db.query('SELECT 1');
    return reply.send({ ok: true, service: 'openlane-hq', database: db.kind });
  });

  // Guessing codes or secrets is slowed per address and per code or device (see rate-limit.ts); the
  // counters are kept in the database, so they hold across every HQ process on it.
  const counters = new FailureCounters(db);

  const enrolDoc = {
    summary: 'Enrol a terminal with a one-time code: its device id and secret, shown this once',
    auth: 'none',
    tags: ['devices'],
    body: enrolBody,
    reply: enrolReply,
    status: 201,
  } as const;
  app.post('/v1/enrol', { config: { doc: enrolDoc } }, async (request, reply) => {
    const what = 'failed enrolment attempts';
    const byAddress: Check = [LIMITS.enrolByAddress, request.ip, 'from this address'];
    if (await refuseIfLimited(counters, reply, what, [byAddress])) return reply;
    const body = parse(enrolBody, request.body, 'enrolment request');
    if (!body.ok) return sendFailure(reply, body);
    const code = body.value.code.toUpperCase().replace(/[\s-]/g, '');
    const checks: Check[] = [byAddress, [LIMITS.enrolByCode, code, 'with this code']];
    const succeeded = await chargeAttempt(counters, reply, what, checks);
    if (!succeeded) return reply;
    const enrolled = await enrolDevice(db, body.value.code, body.value.terminalName);
    if (!enrolled.ok) return sendFailure(reply, enrolled);
    await succeeded();
    return reply.code(201).send(enrolled);
  });

  const tokenDoc = {
    summary: 'Trade a device’s secret for a token (10 minutes) for the other /v1 routes',
    auth: 'none',
    tags: ['devices'],
    body: tokenBody,
    reply: tokenReply,
  } as const;
  app.post('/v1/token', { config: { doc: tokenDoc } }, async (request, reply) => {
    const what = 'failed token requests';
    const byAddress: Check = [LIMITS.tokenByAddress, request.ip, 'from this address'];
    if (await refuseIfLimited(counters, reply, what, [byAddress])) return reply;
    const body = parse(tokenBody, request.body, 'token request');
    if (!body.ok) return sendFailure(reply, body);
    const deviceId = body.value.deviceId.toLowerCase();
    const byDevice = `${deviceId} ${request.ip}`;
    const checks: Check[] = [
      byAddress,
      [LIMITS.tokenByDevice, byDevice, 'for this device from this address'],
    ];
    const succeeded = await chargeAttempt(counters, reply, what, checks);
    if (!succeeded) return reply;
    const issued = await issueToken(db, deps.key, deviceId, body.value.secret, deps.tokenTtlSeconds);
    if (!issued.ok) return sendFailure(reply, issued);
    await succeeded();
    return reply.send(issued);
  });

  app.register(async (scope) => {
    // onRequest runs before the body is read: a request without a good token costs no parsing.
    scope.addHook('onRequest', async (request, reply) => {
      const checked = await authenticate(db, deps.key, request.headers.authorization);
      if (!checked.ok) return sendFailure(reply, checked);
      authed.set(request, checked);
    });
    registerDeviceRoutes(scope, deps);
  });
}

function deviceOf(request: FastifyRequest): Authed {
  const found = authed.get(request);
  if (!found) throw new Error('a device route ran without the token check');
  return found;
}

function registerDeviceRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;

  const catalogDoc = {
    summary: 'The store’s catalog changed after the cursor, in (version, gtin) order',
    description: '`after=0` is a full snapshot; deletes come as `{ gtin, version, deleted: true }`.',
    auth: 'device',
    tags: ['sync'],
    query: catalogQuery,
  } as const;
  app.get('/v1/catalog', { config: { doc: catalogDoc } }, async (request, reply) => {
    const query = parse(catalogQuery, request.query, 'catalog query');
    if (!query.ok) return sendFailure(reply, query);
    const cursor = parseCursor(query.value.after ?? '0');
    if (!cursor) {
      return sendFailure(
        reply,
        fail(400, 'bad_cursor', 'after must be 0 or a nextCursor this server returned'),
      );
    }
    // Every version a cursor can carry was committed here; one beyond HQ's counter means HQ's database
    // was reset or restored from an older backup. Empty pages would let the terminal believe it is up
    // to date, so it is told, and takes a fresh snapshot.
    if (cursor.version > (await currentCatalogVersion(db))) {
      return sendFailure(
        reply,
        fail(
          409,
          'cursor_ahead',
          `the terminal's catalog (version ${cursor.version}) is ahead of HQ's: take a fresh snapshot`,
        ),
      );
    }
    const { device } = deviceOf(request);
    const page = await catalogChangesJson(db, device.storeId, cursor, query.value.limit ?? 1000);
    // The items are JSON already (the database wrote them): sent as they are, not parsed and re-encoded.
    return reply.type('application/json; charset=utf-8').send(catalogReplyText(page));
  });

  const eventsDoc = {
    summary: 'A batch of the terminal’s outbox events, each applied, duplicate or rejected, exactly once',
    description:
      'The envelope must be right or nothing is written (400); each event is then checked on its own, ' +
      'and a bad one is rejected into the dead letters by itself.',
    auth: 'device',
    tags: ['sync'],
    body: batchDoc,
  } as const;
  app.post('/v1/events', { config: { doc: eventsDoc } }, async (request, reply) => {
    const outcome = await ingestBatch(db, deviceOf(request).device, request.body);
    return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
  });

  const deadLettersDoc = {
    summary: 'The store’s rejected events, as received, with the reason',
    auth: 'device',
    tags: ['sync'],
    query: deadLetterQuery,
  } as const;
  app.get('/v1/dead-letters', { config: { doc: deadLettersDoc } }, async (request, reply) => {
    const query = parse(deadLetterQuery, request.query, 'dead-letter query');
    if (!query.ok) return sendFailure(reply, query);
    const { device } = deviceOf(request);
    const limit = query.value.limit ?? 100;
    const items = await listDeadLetters(db, device.storeId, { after: query.value.after, limit });
    return reply.send({ ok: true, items, nextCursor: items.at(-1)?.id ?? query.value.after ?? null });
  });

  const stockDoc = {
    summary: 'On-hand per product (the sum of its movements), or the levels changed since a marker',
    auth: 'device',
    tags: ['stock'],
    query: stockQuery,
  } as const;
  app.get('/v1/stock', { config: { doc: stockDoc } }, async (request, reply) => {
    const query = parse(stockQuery, request.query, 'stock query');
    if (!query.ok) return sendFailure(reply, query);
    const { device } = deviceOf(request);
    if (query.value.since !== undefined) {
      const page = await stockChanges(db, device.storeId, query.value.since, query.value.limit ?? 1000);
      if (page) return reply.send({ ok: true, ...page });
    }
    const items = await stockLevels(db, device.storeId, { ...query.value, limit: query.value.limit ?? 100 });
    return reply.send({ ok: true, items, nextCursor: items.at(-1)?.gtin ?? query.value.after ?? null });
  });

  const streamDoc = {
    summary: 'Server-Sent Events: `catalog` with `{"version":V}` on connect and on every new version',
    description:
      'Ends with `event: token-expired` when the token does; a device holds up to 4 streams per server, ' +
      'a fifth ends its oldest with `event: replaced`. Comment lines keep an idle stream open.',
    auth: 'device',
    tags: ['sync'],
    produces: 'text/event-stream',
  } as const;
  app.get('/v1/stream', { config: { doc: streamDoc } }, (request: FastifyRequest, reply: FastifyReply) => {
    const { device, expiresAt } = deviceOf(request);
    deps.stream.open(reply, expiresAt, device.deviceId);
  });

  registerLinkRoute(app, db, deviceOf);
  // What the terminal reports of itself on each sync, for the back office's devices (issue 14).
  registerTelemetryRoute(app, db, deviceOf);
  // Finding a sale to refund and claiming its lines (issue 12).
  registerRefundRoutes(app, db, deviceOf);
  // Expected deliveries and the delivery-once claims (issue 13).
  registerDeliveryRoutes(app, db, deviceOf);
  // Effective-dated price changes, sent down ahead of time (issue 13).
  registerPriceRoutes(app, db, deviceOf);
  // Recalls for the lanes to refuse (issue 14).
  registerRecallFeed(app, db);
  registerSaleRuleFeed(app, db); // the chain's department rules (issue 14)
}
