// Up: the outbox's pending events to HQ in commit order, in batches. Each answer is kept as it comes
// (applied / duplicate → sent; rejected → the local dead-letter list, also marked sent so it never holds
// back the events behind it). A failed request leaves its batch pending: resending is harmless, since
// HQ answers `duplicate` for an event it already holds.
import type { WireEvent } from '../../core/sync';
import { EVENT_BATCH_BYTES } from '../../core/sync/limits';
import type { Database } from '../../db/open';
import { pendingEvents, type OutboxEvent } from '../../db/outbox';
import { recordAnswers, type EventAnswer } from '../../db/sync';
import { HqError, type HqClient } from './hq-client';

/** HQ takes up to 1000 per batch; 500 keeps the count of results in one answer modest. */
export const MAX_BATCH = 500;

/**
 * A reset during an upload at least this big is taken for HQ (or a proxy before it) refusing the body as
 * too large; a reset on a smaller one is taken for the network, and the batch is simply tried again.
 */
const LARGE_UPLOAD_BYTES = 256 * 1024;

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
  /** The most bytes of events in one batch; default just under HQ's default body limit. */
  batchBytes?: number;
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
  const maxBytes = options.batchBytes ?? EVENT_BATCH_BYTES;
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
    const { events, bytes } = fillBatch(pendingEvents(db, size), maxBytes);
    if (events.length === 0) return result;
    let reply;
    try {
      reply = await client.pushEvents(events.map(outgoing), now());
    } catch (error) {
      // Too big for HQ: halve the batch; one event alone that is too big is filed locally, with its reason,
      // so the events behind it are not held back.
      const verdict = tooLarge(error, bytes, events.length === 1 ? maxBytes : LARGE_UPLOAD_BYTES);
      if (!verdict) throw error;
      if (events.length > 1) {
        size = Math.max(1, Math.floor(events.length / 2));
        continue;
      }
      const reason = `the event (${bytes} bytes) is larger than HQ accepts in one request (${verdict})`;
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

/** The longest run of `events` whose JSON fits in `maxBytes`; always at least one, which may not fit. */
function fillBatch(events: OutboxEvent[], maxBytes: number): { events: OutboxEvent[]; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    const next = Buffer.byteLength(JSON.stringify(outgoing(events[i]!))) + 1;
    if (i > 0 && bytes + next > maxBytes) return { events: events.slice(0, i), bytes };
    bytes += next;
  }
  return { events, bytes };
}

/** Why HQ could not take an upload of `bytes`: its 413, or a reset on an upload of at least `resetFrom`. */
function tooLarge(error: unknown, bytes: number, resetFrom: number): string | null {
  if (!(error instanceof HqError)) return null;
  if (error.status === 413) return 'HQ answered 413';
  if (error.code === 'connection_reset' && bytes >= resetFrom)
    return 'the connection was reset while sending it';
  return null;
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
function outgoing(event: OutboxEvent): WireEvent {
  return { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
}
