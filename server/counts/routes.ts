// The count reviews on the admin API (inside its bearer-token scope, server/http/admin.ts):
// GET /admin/v1/count-reviews[?store=S001][&state=open|accepted][&limit=N] (no store: every store of the
// actor's, each review naming its store) and POST /admin/v1/count-reviews/:id/accept { device, reviewer }
// (stock.write in the review's own store; audited).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { digits } from '../http/routes';
import { storeFilter } from '../office/access';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { fail } from '../result';
import { acceptCountReview, listCountReviews, listCountReviewsOf, storeOfReview } from './reviews';

const listQuery = z.strictObject({
  store: z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'").optional(),
  state: z.enum(['open', 'accepted'], { error: 'must be open or accepted' }).optional(),
  limit: digits(1000).optional(),
});
const reviewId = z.strictObject({ id: z.uuid({ error: 'must be a review id (a UUID)' }) });
// Printable text only: a NUL (which PostgreSQL text cannot hold) or a control character is refused here.
const name = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'must be printable text');
const acceptBody = z.strictObject({ device: name, reviewer: name });

export function registerCountReviewRoutes(scope: FastifyInstance, db: Database): void {
  const tags = ['stock'];
  const listDoc = {
    summary: 'Count reviews: two devices counted one item in one place; each device’s count',
    auth: 'office' as const,
    tags,
    query: listQuery,
  };
  scope.get('/admin/v1/count-reviews', { config: { doc: listDoc } }, async (request, reply) => {
    const query = parseOr400(reply, listQuery, request.query, 'query');
    if (!query) return reply;
    const { store, state = 'open', limit = 100 } = query;
    if (!store) {
      const storeCodes = storeFilter(actorOf(request));
      return reply.send({ ok: true, reviews: await listCountReviewsOf(db, storeCodes, state, limit) });
    }
    if (refuse(request, reply, 'read', store)) return reply;
    const reviews = await listCountReviews(db, store, state, limit);
    if (!reviews) return sendFailure(reply, fail(404, 'unknown_store', `no store "${store}" at HQ`));
    return reply.send({ ok: true, reviews });
  });

  const acceptDoc = {
    summary: 'Accept one device’s count of a review: the item is counted again and its adjustment booked',
    auth: 'office' as const,
    tags,
    params: reviewId,
    body: acceptBody,
  };
  scope.post('/admin/v1/count-reviews/:id/accept', { config: { doc: acceptDoc } }, async (request, reply) => {
    const params = parseOr400(reply, reviewId, request.params, 'review id');
    if (!params) return reply;
    const body = parseOr400(reply, acceptBody, request.body, 'request');
    if (!body) return reply;
    // The review's own store decides: a store manager accepts the reviews of their stores.
    const store = await storeOfReview(db, params.id);
    if (!store) return sendFailure(reply, fail(404, 'unknown_review', `no count review ${params.id}`));
    if (refuse(request, reply, 'stock.write', store)) return reply;
    const outcome = await acceptCountReview(db, params.id, body, new Date(), actorOf(request));
    return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
  });
}
