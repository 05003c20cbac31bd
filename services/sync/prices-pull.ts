// Pulls HQ's effective-dated price changes (GET /v1/prices) into the terminal's store, page by page,
// during every sync, right after the catalog: a change effective at 06:00 tomorrow is here tonight and
// takes effect at 06:00 from the terminal's own data (db/price-changes.ts), with or without a network.
import { z } from 'zod';
import type { PriceChangesPage } from '../../core/sync';
import type { Database } from '../../db/open';
import { priceFeedCursor, savePriceChanges } from '../../db/price-changes';
import { HqError, refusal, type HqClient } from './hq-client';

const page = z.object({
  ok: z.literal(true),
  changes: z.array(
    z.object({
      id: z.number().int().positive(),
      gtin: z.string().regex(/^\d{14}$/),
      price: z.number().int().nonnegative(),
      currency: z.string(),
      effectiveAt: z.iso.datetime(),
      storeLevel: z.boolean(),
      cancelled: z.boolean().optional(),
    }),
  ),
  nextCursor: z.string().max(40),
  more: z.boolean(),
}) satisfies z.ZodType<PriceChangesPage & { ok: true }>;

export interface PricePullResult {
  received: number;
  warnings: string[];
}

/** Pages the feed from the stored cursor until HQ has no more; an HQ without the feed is skipped. */
export async function pullPrices(
  db: Database,
  client: Pick<HqClient, 'request'>,
  options: { currency: string; now: () => Date; pageSize?: number },
): Promise<PricePullResult> {
  const result: PricePullResult = { received: 0, warnings: [] };
  if (!client.request) return result;
  for (let pages = 0; pages < 1000; pages++) {
    const query = new URLSearchParams({
      after: priceFeedCursor(db),
      limit: String(options.pageSize ?? 1000),
    });
    const response = await client.request(`/v1/prices?${query}`, { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel(); // an HQ older than dated prices
      return result;
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 409) {
      savePriceChanges(db, [], '0', options.now()); // HQ restored from an older backup: start again
      continue;
    }
    const parsed = page.safeParse(body);
    if (!response.ok) throw refusal(response.status, body, 'price-change page');
    if (!parsed.success)
      throw new HqError(
        'unreachable',
        `HQ sent a price-change page this terminal cannot read (HTTP ${response.status})`,
      );
    const own = parsed.data.changes.filter((c) => c.currency === options.currency);
    const skipped = parsed.data.changes.length - own.length;
    if (skipped > 0)
      result.warnings.push(
        `${skipped} price change(s) in another currency than ${options.currency} were skipped`,
      );
    savePriceChanges(
      db,
      own.map((c) => ({
        hqId: c.id,
        gtin: c.gtin,
        price: c.price,
        effectiveAt: Date.parse(c.effectiveAt),
        storeLevel: c.storeLevel,
        cancelled: c.cancelled === true,
      })),
      parsed.data.nextCursor,
      options.now(),
    );
    result.received += own.length;
    if (!parsed.data.more) return result;
  }
  return result;
}
