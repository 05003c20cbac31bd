// The terminal's report of itself to HQ, sent on each sync (POST /v1/telemetry): its software version,
// its catalog version and what waits in its outbox, so the office sees "12 sales waiting, oldest 40 min"
// without asking the store. HQ measures the clock skew from `sentAt`. An HQ older than the route answers
// 404 and nothing more is asked of it.
import { z } from 'zod';
import type { TelemetryReply, TelemetryReport } from '../../core/sync';
import { OPENLANE_VERSION } from '../../core/version';
import type { Database } from '../../db/open';
import { outboxStats } from '../../db/outbox';
import { syncState } from '../../db/sync';
import { HqError, type HqClient } from './hq-client';

const reply = z.object({
  ok: z.literal(true),
  receivedAt: z.string(),
  clockSkewMs: z.number().finite(),
}) satisfies z.ZodType<TelemetryReply>;

/** What this terminal would report now. */
export function telemetryReport(db: Database, now: Date): TelemetryReport {
  const stats = outboxStats(db);
  const sales = db
    .prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND type = 'sale.completed'")
    .get() as { n: number };
  return {
    sentAt: now.toISOString(),
    softwareVersion: OPENLANE_VERSION,
    catalogVersion: syncState(db).catalogVersion,
    outbox: { pending: stats.pending, pendingSales: sales.n, oldestOccurredAt: stats.oldestOccurredAt },
  };
}

/**
 * Sends the report. HQ's measured clock skew, or null when HQ does not take reports (older, 404) or the
 * client cannot send one. An HqError when HQ cannot be reached or refuses it.
 */
export async function reportTelemetry(
  db: Database,
  client: Pick<HqClient, 'request'>,
  now: Date,
): Promise<number | null> {
  if (!client.request) return null;
  const response = await client.request('/v1/telemetry', {
    method: 'POST',
    body: JSON.stringify(telemetryReport(db, now)),
  });
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new HqError(
      response.status >= 500 || response.status === 429 ? 'unreachable' : 'refused',
      `HQ refused the device report: ${error?.message ?? `HTTP ${response.status}`}`,
      response.status,
      error?.code ?? null,
    );
  }
  const parsed = reply.safeParse(body);
  if (!parsed.success)
    throw new HqError('unreachable', 'HQ sent a device report reply this terminal does not understand');
  return parsed.data.clockSkewMs;
}

/** After a sync that went through: the report, its failure a warning (sales and catalog went through). */
export async function reportAfterSync(
  db: Database,
  client: Pick<HqClient, 'request'>,
  now: Date,
): Promise<{ skewMs: number | null; warnings: string[] }> {
  try {
    return { skewMs: await reportTelemetry(db, client, now), warnings: [] };
  } catch (error) {
    return { skewMs: null, warnings: [(error as Error).message] };
  }
}

/**
 * After a sync HQ refused part of (a batch it would not take): HQ is there, so it hears what waits here —
 * the office then sees the sales piling up. Not when HQ is away, or refused the device itself.
 */
export async function reportAfterFailure(
  db: Database,
  client: Pick<HqClient, 'request'>,
  error: unknown,
  now: Date,
): Promise<void> {
  if (!(error instanceof HqError) || error.kind !== 'refused' || error.status === 401 || error.status === 403)
    return;
  await reportTelemetry(db, client, now).catch(() => undefined);
}
