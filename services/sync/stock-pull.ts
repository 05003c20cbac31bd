// Down: the store's stock levels HQ changed since this terminal last asked (GET /v1/stock?since=…),
// kept in SQLite so the item card shows on hand offline (db/stock-levels.ts). The pull's
// acknowledgement mark is taken before its first request: every event HQ had answered by then is in
// the levels it reads.
import { z } from 'zod';
import type { Database } from '../../db/open';
import { applyStockPage, currentAckMark, restartStockFeed, stockFeed } from '../../db/stock-levels';
import { HqError, type HqClient } from './hq-client';

const PAGE = 1000;

const stockPage = z.object({
  ok: z.literal(true),
  items: z
    .array(
      z.object({
        gtin: z.string().regex(/^\d{14}$/),
        onHand: z.number().int(),
        version: z.number().int().nonnegative(),
      }),
    )
    .max(PAGE),
  nextCursor: z.string().max(40),
  complete: z.boolean(),
  behind: z.literal(true).optional(),
});

/** Pulls every changed level; how many rows came. Throws HqError when HQ cannot be read. */
export async function pullStockLevels(
  db: Database,
  client: HqClient,
  now: () => Date = () => new Date(),
): Promise<number> {
  if (!client.request) return 0;
  const mark = currentAckMark(db);
  const startedAt = now();
  let pulled = 0;
  for (let pages = 0; pages < 10_000; pages++) {
    const after = stockFeed(db).cursor;
    const query = new URLSearchParams({ since: after, limit: String(PAGE) });
    const response = await client.request(`/v1/stock?${query}`, { method: 'GET' });
    const body: unknown = await response.json().catch(() => null);
    const page = stockPage.safeParse(body);
    if (!response.ok || !page.success)
      throw new HqError(
        response.ok ? 'unreachable' : 'refused',
        `HQ's stock levels could not be read (HTTP ${response.status})`,
        response.status,
      );
    const { items, nextCursor, complete, behind } = page.data;
    if (behind) {
      // HQ went back in time: read every level again from the beginning.
      restartStockFeed(db, after);
      continue;
    }
    const applied = applyStockPage(db, { after, levels: items, nextCursor, complete }, mark, startedAt);
    // Another sync moved the cursor meanwhile: read it again and go on from there.
    if (!applied.stale) pulled += applied.applied;
    if (complete && !applied.stale) return pulled;
  }
  return pulled;
}
