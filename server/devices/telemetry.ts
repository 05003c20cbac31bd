// POST /v1/telemetry (device token): what a terminal says about itself on each sync — its software,
// its catalog version, its outbox — kept on its `devices` row for the back office, with HQ's receive
// time as its last contact and the clock skew measured from the report's `sentAt`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SOFTWARE_VERSION, type TelemetryReply, type TelemetryReport } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import type { Database } from '../db/database';
import { invalidRequest } from '../result';
import { sendFailure } from '../http/errors';

const count = z.number().int().min(0).max(2_000_000_000);
// Not strict: a newer terminal may say more, and HQ keeps what it knows.
export const telemetryBody = z.object({
  sentAt: z.iso.datetime({ offset: true }),
  softwareVersion: z.string().regex(SOFTWARE_VERSION, 'must be a version like 0.1.0'),
  catalogVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  outbox: z.object({
    pending: count,
    pendingSales: count,
    oldestOccurredAt: z.iso.datetime({ offset: true }).nullable(),
  }),
}) satisfies z.ZodType<TelemetryReport>;

export const telemetryReply = z.object({
  ok: z.literal(true),
  receivedAt: z.string(),
  clockSkewMs: z.number(),
}) satisfies z.ZodType<TelemetryReply>;

/** Beyond this a terminal's clock is not believed to convert its outbox's age (a clock years off). */
const MAX_SKEW_MS = 10 * 365 * 86_400_000;

export function registerTelemetryRoute(
  app: FastifyInstance,
  db: Database,
  deviceOf: (request: FastifyRequest) => { device: DeviceContext },
): void {
  app.post(
    '/v1/telemetry',
    {
      config: {
        doc: {
          summary: 'A terminal reports its software, catalog version and outbox (each sync)',
          auth: 'device',
          tags: ['devices'],
          body: telemetryBody,
          reply: telemetryReply,
        },
      },
    },
    async (request, reply) => {
      const parsed = telemetryBody.safeParse(request.body ?? {});
      if (!parsed.success)
        return sendFailure(
          reply,
          invalidRequest('bad_request', 'the telemetry report is not valid', parsed.error.issues),
        );
      const report = parsed.data;
      const { device } = deviceOf(request);
      const receivedAt = new Date();
      const skew = receivedAt.getTime() - Date.parse(report.sentAt);
      const oldest = report.outbox.oldestOccurredAt;
      // The oldest event's time on HQ's clock, so the office reads its age against now, whatever the
      // terminal's clock says; a clock beyond belief leaves it unconverted rather than absurd.
      const oldestAt =
        oldest === null ? null : new Date(Date.parse(oldest) + (Math.abs(skew) < MAX_SKEW_MS ? skew : 0));
      await db.query(
        `UPDATE devices SET last_seen_at = $3, reported_at = $3, clock_skew_ms = $4, software_version = $5,
           catalog_version = $6, outbox_pending = $7, outbox_pending_sales = $8, outbox_oldest_at = $9
         WHERE store_id = $1 AND id = $2`,
        [
          device.storeId,
          device.deviceId,
          receivedAt,
          Math.max(-MAX_SKEW_MS, Math.min(MAX_SKEW_MS, skew)),
          report.softwareVersion,
          report.catalogVersion,
          report.outbox.pending,
          report.outbox.pendingSales,
          oldestAt,
        ],
      );
      const answer: TelemetryReply = {
        ok: true,
        receivedAt: receivedAt.toISOString(),
        clockSkewMs: skew,
      };
      return reply.header('cache-control', 'no-store').send(answer);
    },
  );
}
