// Up: the outbox's pending events to HQ in commit order, in batches. Each answer is kept as it comes
// (applied / duplicate → sent; rejected → the local dead-letter list, also marked sent so it never holds
// back the events behind it). A failed request leaves its batch pending: resending is harmless, since
// HQ answers `duplicate` for an event it already holds.
import type { Database } from '../../db/open';
import { pendingEvents, type OutboxEvent } from '../../db/outbox';
import { recordAnswers, type EventAnswer } from '../../db/sync';
import { HqError, type HqClient, type OutgoingEvent } from './hq-client';

/** HQ takes up to 1000 per batch; 500 keeps a batch of big receipts under its body limit. */
export const MAX_BATCH = 500;

export interface PushResult {
  applied: number;
  duplicates: number;
  rejected: number;
  batches: number;
  /** From HQ's last answer: its receive time minus this terminal's clock, in ms. */
  skewMs: number | null;
  warnings: string[];
}

export interface PushOptions {
  batchSize?: number;
  now?: () => Date;
  onBatch?: (result: PushResult) => void;
}

/** Sends everything pending (including what is added meanwhile). Throws HqError when HQ cannot take it. */
export async function pushOutbox(
  db: Database,
  client: HqClient,
  options: PushOptions = {},
): Promise<PushResult> {
  const now = options.now ?? (() => new Date());
  let size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  const result: PushResult = {
    applied: 0,
    duplicates: 0,
    rejected: 0,
    batches: 0,
    skewMs: null,
    warnings: [],
  };
  for (;;) {
    const events = pendingEvents(db, size);
    if (events.length === 0) return result;
    let reply;
    try {
      reply = await client.pushEvents(events.map(outgoing), now());
    } catch (error) {
      // Too big for HQ's body limit: halve the batch; one event alone that is too big is filed locally.
      if (!(error instanceof HqError) || error.status !== 413) throw error;
      if (size > 1) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      const reason = 'the event is larger than HQ accepts in one request';
      recordAnswers(
        db,
        [{ eventId: events[0]!.id, status: 'rejected', reasonCode: 'too_large', reason }],
        now(),
      );
      result.rejected++;
      continue;
    }
    const answers = match(events, reply.results);
    recordAnswers(db, answers, now(), reply.receivedAt);
    for (const a of answers) {
      if (a.status === 'applied') result.applied++;
      else if (a.status === 'duplicate') result.duplicates++;
      else result.rejected++;
    }
    for (const w of reply.warnings) result.warnings.push(JSON.stringify(w));
    result.batches++;
    result.skewMs = reply.clockSkewMs;
    options.onBatch?.(result);
  }
}

/** HQ answers one result per event, in order; anything else is not trusted and changes nothing. */
function match(
  events: OutboxEvent[],
  results: Awaited<ReturnType<HqClient['pushEvents']>>['results'],
): EventAnswer[] {
  if (results.length !== events.length) {
    throw new HqError('unreachable', `HQ answered ${results.length} results for ${events.length} events`);
  }
  return events.map((event, i) => {
    const r = results[i]!;
    if (r.id !== null && r.id !== event.id) {
      throw new HqError('unreachable', `HQ's result ${i} is for event ${r.id}, not ${event.id}`);
    }
    return r.status === 'rejected'
      ? { eventId: event.id, status: 'rejected', reasonCode: r.code, reason: r.reason }
      : { eventId: event.id, status: r.status };
  });
}

/** The event as HQ receives it: exactly as the outbox holds it, so a resend is byte for byte the same. */
function outgoing(event: OutboxEvent): OutgoingEvent {
  return { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
}
