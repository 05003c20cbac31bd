// A stand-in for HQ's GET /v1/catalog in the terminal's pull tests: catalog items as HQ sends them,
// and a client that answers each cursor with its page (or fails with the error given for it).
import type { HqClient } from '../../services/sync/hq-client';
import type { CatalogReply } from '../../services/sync/protocol';

/** A catalog item as HQ sends it, priced 100 × version unless `extra` says otherwise. */
export function catalogItem(gtin: string, version: number, extra: Record<string, unknown> = {}) {
  return {
    gtin,
    version,
    deleted: false,
    barcode: gtin.slice(1),
    name: `P${gtin}`,
    currency: 'CNY',
    price: 100 * version,
    taxRateBp: 1300,
    unit: 'each' as const,
    ageLimit: null,
    department: null,
    ...extra,
  };
}

/** The cursors asked for, in order, and a client answering them; `onAsk` runs before each answer. */
export function catalogFeed(
  answers: Record<string, CatalogReply | Error>,
  onAsk: (after: string) => void = () => undefined,
): { client: HqClient; asked: string[] } {
  const asked: string[] = [];
  const client: HqClient = {
    serverUrl: 'http://hq',
    pushEvents: () => Promise.reject(new Error('unused')),
    catalogPage: async (after) => {
      asked.push(after);
      onAsk(after);
      const answer = answers[after];
      if (answer === undefined) throw new Error(`no page after ${after}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    openStream: () => Promise.reject(new Error('unused')),
  };
  return { client, asked };
}
