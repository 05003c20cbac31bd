// A count session's `stock.counted` payload as HQ checks it (core/sync/counting.ts): the session, the
// counting device and staff member, and per line where, when and its id. A payload without sessionId is
// an old-format count (a counted file) and goes the old way (server/events/plan.ts).
import { z } from 'zod';
import type { SessionCountPayload } from '../../core/sync';
import { count, gtin, isoTime } from '../events/schema';

const label = (max: number) => z.string().trim().min(1).max(max);

export const sessionCountSchema = z.looseObject({
  sessionId: label(64),
  deviceId: label(64),
  staffId: label(64),
  lines: z
    .array(
      z.looseObject({
        gtin,
        counted: count.nonnegative(),
        location: label(64),
        countedAt: isoTime,
        lineId: label(64),
        added: count.positive().optional(),
      }),
    )
    .min(1)
    .max(1000),
}) satisfies z.ZodType<SessionCountPayload>;

export type SessionCount = z.infer<typeof sessionCountSchema>;

/** Whether a `stock.counted` payload belongs to a count session (it names one). */
export function isSessionCount(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'sessionId' in payload;
}
