// Pulls HQ's recalls (GET /v1/recalls) during every sync, before the catalog: a recall is the one thing
// a lane must learn of at once, and the list is small. HQ's event stream announces a new recall version
// (`event: recall`), and the sync loop then syncs at once (recallAnnounced); without the stream the
// loop's next sync — at most its interval, 60 s, away — brings it. An HQ without the feed is skipped.
import { z } from 'zod';
import { recallCursorVersion, type RecallFeedItem } from '../../core/recalls';
import type { Database } from '../../db/open';
import { recallFeedCursor, saveRecalls } from '../../db/recalls';
import { HqError, refusal, type HqClient } from './hq-client';

const page = z.object({
  ok: z.literal(true),
  recalls: z.array(
    z.object({
      id: z.string().min(1).max(64),
      gtin: z.string().regex(/^\d{14}$/),
      lots: z.array(z.string().min(1).max(20)),
      serials: z.array(z.string().min(1).max(20)),
      reason: z.string().min(1),
      active: z.boolean(),
      createdAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().max(60),
  more: z.boolean(),
});

/** Pages the feed from the stored cursor until HQ has no more; returns how many recalls came. */
export async function pullRecalls(
  db: Database,
  client: Pick<HqClient, 'request'>,
  now: () => Date,
): Promise<number> {
  if (!client.request) return 0;
  let received = 0;
  // After HQ was restored from an older backup (409), the whole list is read again and replaces ours.
  let restart: RecallFeedItem[] | null = null;
  let cursor = recallFeedCursor(db);
  for (let pages = 0; pages < 1000; pages++) {
    const query = new URLSearchParams({ after: restart ? cursor : recallFeedCursor(db), limit: '500' });
    const response = await client.request(`/v1/recalls?${query}`, { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel(); // an HQ older than recalls
      return received;
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 409 && !restart) {
      restart = [];
      cursor = '0';
      continue;
    }
    const parsed = page.safeParse(body);
    if (!response.ok) throw refusal(response.status, body, 'recall page');
    if (!parsed.success)
      throw new HqError(
        'unreachable',
        `HQ sent a recall page this terminal cannot read (HTTP ${response.status})`,
      );
    received += parsed.data.recalls.length;
    if (restart) {
      restart.push(...parsed.data.recalls);
      cursor = parsed.data.nextCursor;
      if (!parsed.data.more) {
        saveRecalls(db, restart, cursor, now(), { replace: true });
        return received;
      }
    } else {
      saveRecalls(db, parsed.data.recalls, parsed.data.nextCursor, now());
      if (!parsed.data.more) return received;
    }
  }
  return received;
}

/** True when a stream's `event: recall` announces recalls this lane has not pulled yet. */
export function recallAnnounced(db: Database, data: string): boolean {
  let version: unknown;
  try {
    version = (JSON.parse(data) as { version?: unknown }).version;
  } catch {
    return false;
  }
  return typeof version === 'number' && db.open && version > recallCursorVersion(recallFeedCursor(db));
}
