// GET /admin/v1/reports/source: where the back office's reports are read and how far behind the primary
// that is. With `--reports-database` report queries go to a PostgreSQL streaming replica, which replays the
// primary's changes a moment later: a sale synced a second ago may not be in a report yet. The reports
// screen says so with this ("figures as of …") rather than let an office wonder where a sale went.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import { toIso } from '../db/database';
import { withDoc } from './route-doc';

const sourceReply = z.strictObject({
  ok: z.literal(true),
  source: z.enum(['primary', 'replica']).describe('replica: a streaming replica given by --reports-database'),
  caughtUp: z.boolean().describe('the replica has replayed everything it has received from the primary'),
  lagMs: z
    .number()
    .int()
    .nullable()
    .describe('how long ago the newest change it has replayed was made on the primary; 0 when caught up'),
  asOf: z.iso.datetime().describe('the reports database’s clock'),
});

export type ReportsSource = z.infer<typeof sourceReply>;

/** Whether `db` is a replica in recovery, and how far its replay is behind what it received. */
export async function reportsSource(db: Database): Promise<ReportsSource> {
  if (db.kind === 'pglite')
    return { ok: true, source: 'primary', caughtUp: true, lagMs: 0, asOf: toIso(new Date()) };
  const { rows } = await db.query<{
    replica: boolean;
    caught_up: boolean | null;
    lag_ms: unknown;
    now: Date;
  }>(
    `SELECT pg_is_in_recovery() AS replica,
            pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AS caught_up,
            (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint AS lag_ms,
            clock_timestamp() AS now`,
  );
  const row = rows[0]!;
  if (!row.replica) return { ok: true, source: 'primary', caughtUp: true, lagMs: 0, asOf: toIso(row.now) };
  const caughtUp = row.caught_up === true;
  return {
    ok: true,
    source: 'replica',
    caughtUp,
    lagMs: caughtUp ? 0 : row.lag_ms === null ? null : Math.max(0, Number(row.lag_ms)),
    asOf: toIso(row.now),
  };
}

export function registerReportsSourceRoute(scope: FastifyInstance, reportsDb: Database): void {
  const doc = withDoc({
    summary: 'Where reports are read (the primary or a streaming replica) and how far behind it is',
    auth: 'office',
    tags: ['reports'],
    reply: sourceReply,
  });
  scope.get('/admin/v1/reports/source', doc, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await reportsSource(reportsDb)),
  );
}
