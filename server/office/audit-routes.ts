// The audit log for the back office (admins and auditors): newest first, filtered by action, target,
// actor and time.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import { toIso } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail } from '../result';
import { actorOf, parseOr400 } from './request';
import { auditQuery } from './schemas';

export interface AuditRow {
  id: string;
  at: string;
  actorKind: 'user' | 'token';
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  store: string | null;
  before: unknown;
  after: unknown;
}

const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.enum(['user', 'token']),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  store: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export function registerAuditRoutes(scope: FastifyInstance, db: Database): void {
  scope.get(
    '/admin/v1/audit',
    {
      config: {
        doc: {
          summary:
            'The audit log, newest first (admins and auditors); `action` matches itself and its sub-actions',
          auth: 'office',
          tags: ['audit'],
          query: auditQuery,
          reply: z.object({ ok: z.literal(true), entries: z.array(auditRow) }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.role !== 'admin' && actor.role !== 'auditor') {
        return sendFailure(
          reply,
          fail(403, 'forbidden', `a ${actor.role.replace('_', ' ')} may not read the audit log`),
        );
      }
      const q = parseOr400(reply, auditQuery, request.query, 'query');
      if (!q) return reply;
      const { rows } = await db.query<{
        id: string;
        at: Date;
        actor_kind: 'user' | 'token';
        actor_name: string;
        action: string;
        target_type: string;
        target_id: string;
        store_code: string | null;
        before: unknown;
        after: unknown;
      }>(
        `SELECT id, at, actor_kind, actor_name, action, target_type, target_id, store_code, before, after
         FROM office_audit
         WHERE ($1::text IS NULL OR action = $1 OR action LIKE replace(replace($1, '%', ''), '_', '\\_') || '.%')
           AND ($2::text IS NULL OR target_type = $2)
           AND ($3::text IS NULL OR target_id = $3)
           AND ($4::text IS NULL OR actor_name = $4)
           AND ($5::timestamptz IS NULL OR at >= $5)
           AND ($6::timestamptz IS NULL OR at < $6)
         ORDER BY at DESC, id LIMIT $7`,
        [
          blank(q.action),
          blank(q.targetType),
          blank(q.targetId),
          blank(q.actor),
          q.from ?? null,
          q.to ?? null,
          q.limit ?? 200,
        ],
      );
      const entries: AuditRow[] = rows.map((r) => ({
        id: r.id,
        at: toIso(r.at),
        actorKind: r.actor_kind,
        actorName: r.actor_name,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        store: r.store_code,
        before: parseJson(r.before),
        after: parseJson(r.after),
      }));
      return reply.send({ ok: true, entries });
    },
  );
}

function blank(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** jsonb comes back parsed from both drivers; text (if a driver sends it) is parsed here. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
