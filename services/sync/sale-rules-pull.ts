// Pulls the chain's sale rules per department (GET /v1/sale-rules, issue 14) during every sync, right
// after the catalog: the whole list when it changed since the version held, else `unchanged`. The lanes
// enforce them offline from the terminal's own copy (db/sale-rules.ts). An HQ without the feed (older
// than issue 14) is skipped: the store's own settings.json rules still apply.
import { z } from 'zod';
import { clockMinutes } from '../../core/restrictions';
import { MAX_DEPARTMENT_RULES, type SaleRulesReply } from '../../core/sync';
import type { Database } from '../../db/open';
import { saleRulesVersion, saveDepartmentRules } from '../../db/sale-rules';
import { HqError, type HqClient } from './hq-client';

const clock = z.string().refine((text) => clockMinutes(text) !== null, 'must be HH:MM');
const window = z.object({ from: clock, to: clock }).refine((w) => w.from !== w.to, 'from and to must differ');

/** The feed's reply as the terminal believes it; anything else is refused whole (nothing is changed). */
export const saleRulesReply = z.union([
  z.object({ ok: z.literal(true), version: z.number().int().nonnegative(), unchanged: z.literal(true) }),
  z.object({
    ok: z.literal(true),
    version: z.number().int().nonnegative(),
    unchanged: z.literal(false).optional(),
    rules: z
      .array(
        z.object({
          department: z.string().trim().min(1).max(80),
          noSale: z.array(window).max(8),
          maxPerBasket: z.number().int().min(1).max(9999).nullable(),
        }),
      )
      .max(MAX_DEPARTMENT_RULES),
  }),
]) satisfies z.ZodType<SaleRulesReply & { ok: true }>;

export interface SaleRulesPullResult {
  /** Whether the list held here changed. */
  changed: boolean;
  /** How many department rules the terminal now holds (null when the list did not change). */
  rules: number | null;
}

/** Asks HQ for its department rules, passing the version held; saves them when they changed. */
export async function pullSaleRules(
  db: Database,
  client: Pick<HqClient, 'request'>,
): Promise<SaleRulesPullResult> {
  if (!client.request) return { changed: false, rules: null };
  const known = saleRulesVersion(db);
  const response = await client.request(`/v1/sale-rules?known=${known}`, { method: 'GET' });
  if (response.status === 404) {
    await response.body?.cancel(); // an HQ older than issue 14
    return { changed: false, rules: null };
  }
  const body: unknown = await response.json().catch(() => null);
  const parsed = saleRulesReply.safeParse(body);
  if (!response.ok || !parsed.success)
    throw new HqError(
      'unreachable',
      `HQ sent department sale rules this terminal cannot read (HTTP ${response.status})`,
    );
  const reply = parsed.data;
  if (reply.unchanged === true) return { changed: false, rules: null };
  saveDepartmentRules(db, reply.version, reply.rules);
  return { changed: true, rules: reply.rules.length };
}
