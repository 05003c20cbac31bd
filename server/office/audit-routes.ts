// The audit log for the back office (admins and auditors): newest first, filtered by action, target,
// actor and time, a page at a time (audit-log.ts): `older`/`newer` take the cursor the last page gave.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail } from '../result';
import { readAuditPage } from './audit-log';
import { actorOf, parseOr400 } from './request';
import { auditQuery } from './schemas';

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
            'The audit log, newest first, a page at a time (admins and auditors); `action` matches itself and its sub-actions; `older`/`newer` take the cursors a page answers with',
          auth: 'office',
          tags: ['audit'],
          query: auditQuery,
          reply: z.object({
            ok: z.literal(true),
            entries: z.array(auditRow),
            older: z.string().nullable(),
            newer: z.string().nullable(),
          }),
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
      const page = await readAuditPage(
        db,
        {
          action: blank(q.action),
          targetType: blank(q.targetType),
          targetId: blank(q.targetId),
          actor: blank(q.actor),
          from: q.from ?? null,
          to: q.to ?? null,
        },
        q.limit ?? 200,
        { older: q.older, newer: q.newer },
      );
      return reply.send({ ok: true, ...page });
    },
  );
}

function blank(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
