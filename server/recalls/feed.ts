// GET /v1/recalls?after=CURSOR&limit=N (device token): the chain's recalls created or ended after the
// cursor, in (version, id) order, one snapshot per page. Versions come from one locked row in commit
// order (records.ts), so a recall committed late is never skipped. A cursor beyond HQ's version (HQ
// restored from an older backup) is 409 cursor_ahead: the terminal reads the whole list again.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRecallCursor, type RecallFeedItem, type RecallFeedPage } from '../../core/recalls';
import type { Database, Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail, invalidRequest } from '../result';
import { currentRecallVersion } from './records';

const feedQuery = z.strictObject({
  after: z.string().max(60).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'must be from 1 to 1000')
    .optional(),
});

const feedItem = z.object({
  id: z.string(),
  gtin: z.string(),
  lots: z.array(z.string()),
  serials: z.array(z.string()),
  reason: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
const feedReply = z.object({
  ok: z.literal(true),
  recalls: z.array(feedItem),
  nextCursor: z.string(),
  more: z.boolean(),
});

export function registerRecallFeed(app: FastifyInstance, db: Database): void {
  app.get(
    '/v1/recalls',
    {
      config: {
        doc: {
          summary: 'Recalls created or ended after the cursor, for a lane to refuse what they cover',
          auth: 'device',
          tags: ['recalls'],
          query: feedQuery,
          reply: feedReply,
        },
      },
    },
    async (request, reply) => {
      const parsed = feedQuery.safeParse(request.query ?? {});
      if (!parsed.success)
        return sendFailure(
          reply,
          invalidRequest('bad_request', 'the recall query is not valid', parsed.error.issues),
        );
      const cursor = parseRecallCursor(parsed.data.after ?? '0');
      if (!cursor)
        return sendFailure(
          reply,
          fail(400, 'bad_cursor', 'after must be 0 or a nextCursor this server returned'),
        );
      if (cursor.version > (await currentRecallVersion(db)))
        return sendFailure(
          reply,
          fail(
            409,
            'cursor_ahead',
            `the terminal's recalls (version ${cursor.version}) are ahead of HQ's: start again from 0`,
          ),
        );
      return reply.send({ ok: true, ...(await recallFeed(db, cursor, parsed.data.limit ?? 500)) });
    },
  );
}

export async function recallFeed(
  q: Queryable,
  after: { version: number; id: string },
  limit: number,
): Promise<RecallFeedPage> {
  const { rows } = await q.query<{
    id: string;
    gtin: string;
    lots: unknown;
    serials: unknown;
    reason: string;
    created_at: Date;
    ended_at: Date | null;
    version: unknown;
  }>(
    `SELECT id, gtin, lots, serials, reason, created_at, ended_at, version FROM recalls
     WHERE (version, id::text) > ($1, $2) ORDER BY version, id::text LIMIT $3`,
    [after.version, after.id, limit],
  );
  const recalls: RecallFeedItem[] = rows.map((r) => ({
    id: r.id,
    gtin: r.gtin,
    lots: asStrings(r.lots),
    serials: asStrings(r.serials),
    reason: r.reason,
    active: r.ended_at === null,
    createdAt: toIso(r.created_at),
    endedAt: r.ended_at ? toIso(r.ended_at) : null,
  }));
  const last = rows.at(-1);
  const nextCursor = last
    ? `${toNumber(last.version)}:${last.id}`
    : after.version === 0 && after.id === ''
      ? '0'
      : `${after.version}:${after.id}`;
  return { recalls, nextCursor, more: rows.length === limit };
}

function asStrings(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
