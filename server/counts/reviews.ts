// Count reviews: two devices counted one item in one location of a session, so neither count is summed
// and the item moves no stock until a reviewer accepts one device's count (then it is settled at once).
import type { CountReview } from '../../core/sync';
import type { Database, Queryable } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import { toIso, toNumber } from '../db/database';
import type { Result } from '../result';
import { fail } from '../result';
import { recountItem } from './lines';
import { settleCounts } from './settle';

interface ReviewRow {
  id: string;
  session_id: string;
  gtin: string;
  location: string;
  state: 'open' | 'accepted';
  accepted_counter: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  store_id: string;
}

/** The store's reviews in one state, oldest first, with each device's count. Null: no such store. */
export async function listCountReviews(
  q: Queryable,
  storeCode: string,
  state: CountReview['state'],
  limit: number,
): Promise<CountReview[] | null> {
  const store = await storeIdOf(q, storeCode);
  if (!store) return null;
  const { rows } = await q.query<ReviewRow>(
    `SELECT * FROM count_reviews WHERE store_id = $1 AND state = $2 ORDER BY created_at, id LIMIT $3`,
    [store, state, limit],
  );
  const reviews: CountReview[] = [];
  for (const r of rows) reviews.push(await view(q, r));
  return reviews;
}

/** The reviews in one state of some stores (null: all), oldest first, each with its store. */
export async function listCountReviewsOf(
  q: Queryable,
  storeCodes: readonly string[] | null,
  state: CountReview['state'],
  limit: number,
): Promise<(CountReview & { store: string })[]> {
  const { rows } = await q.query<ReviewRow & { store: string }>(
    `SELECT r.*, s.code AS store FROM count_reviews r JOIN stores s ON s.id = r.store_id
     WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[])) AND r.state = $2 ORDER BY r.created_at, r.id LIMIT $3`,
    [storeCodes, state, limit],
  );
  const reviews: (CountReview & { store: string })[] = [];
  for (const r of rows) reviews.push({ ...(await view(q, r)), store: r.store });
  return reviews;
}

/** The code of the store a review belongs to, or null when there is no such review. */
export async function storeOfReview(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query<{ code: string }>(
    'SELECT s.code FROM count_reviews r JOIN stores s ON s.id = r.store_id WHERE r.id = $1',
    [id],
  );
  return rows[0]?.code ?? null;
}

/**
 * Accepts one device's count of a review: the item's count is worked out again and settled. With an
 * `actor` (the admin API) the decision is audited in the same transaction.
 */
export async function acceptCountReview(
  db: Database,
  id: string,
  input: { device: string; reviewer: string },
  now: Date = new Date(),
  actor: Actor | null = null,
): Promise<Result<{ review: CountReview }>> {
  return db.transaction(async (tx): Promise<Result<{ review: CountReview }>> => {
    const { rows } = await tx.query<ReviewRow>('SELECT * FROM count_reviews WHERE id = $1 FOR UPDATE', [id]);
    const row = rows[0];
    if (!row) return fail(404, 'unknown_review', `no count review ${id}`);
    if (row.state !== 'open')
      return fail(409, 'review_decided', `review ${id} was decided at ${toIso(row.decided_at!)}: it stands`);
    const counts = (await view(tx, row)).counts;
    if (!counts.some((c) => c.deviceId === input.device))
      return fail(
        422,
        'unknown_device',
        `device "${input.device}" did not count this item here; it was counted by ${counts.map((c) => c.deviceId).join(' and ')}`,
      );
    await tx.query(
      `UPDATE count_reviews SET state = 'accepted', accepted_counter = $2, decided_by = $3, decided_at = $4 WHERE id = $1`,
      [id, input.device, input.reviewer, now],
    );
    await recountItem(tx, row.store_id, row.session_id, row.gtin, now);
    // The adjustment is recorded as from the enrolled device that sent the accepted count.
    const { rows: sender } = await tx.query<{ device_id: string }>(
      `SELECT device_id FROM count_lines WHERE store_id = $1 AND session_id = $2 AND gtin = $3 AND counter = $4 LIMIT 1`,
      [row.store_id, row.session_id, row.gtin, input.device],
    );
    const ledgerStart = new Date(0);
    await settleCounts(tx, row.store_id, sender[0]!.device_id, new Map([[row.gtin, ledgerStart]]), now);
    const { rows: after } = await tx.query<ReviewRow>('SELECT * FROM count_reviews WHERE id = $1', [id]);
    const review = await view(tx, after[0]!);
    if (actor)
      await recordAudit(tx, actor, {
        action: 'count_review.accept',
        targetType: 'count_review',
        targetId: id,
        store: await storeOfReview(tx, id),
        before: { state: 'open', counts: counts },
        after: { state: 'accepted', acceptedDevice: input.device, reviewer: input.reviewer },
      });
    return { ok: true, review };
  });
}

async function view(q: Queryable, r: ReviewRow): Promise<CountReview> {
  const { rows } = await q.query<{ counter: string; counted: unknown; counted_at: Date }>(
    `SELECT DISTINCT ON (counter) counter, counted, counted_at FROM count_lines
     WHERE store_id = $1 AND session_id = $2 AND gtin = $3 AND location = $4
     ORDER BY counter, counted_at DESC, counted DESC`,
    [r.store_id, r.session_id, r.gtin, r.location],
  );
  return {
    id: r.id,
    sessionId: r.session_id,
    gtin: r.gtin,
    location: r.location,
    state: r.state,
    counts: rows.map((c) => ({
      deviceId: c.counter,
      counted: toNumber(c.counted),
      countedAt: toIso(c.counted_at),
    })),
    acceptedDevice: r.accepted_counter,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? toIso(r.decided_at) : null,
  };
}

async function storeIdOf(q: Queryable, code: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [code]);
  return rows[0]?.id ?? null;
}
