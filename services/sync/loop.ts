// The running terminal's background sync: a full sync every interval, at once when HQ's event stream
// (GET /v1/stream) announces a catalog version newer than ours, and with exponential back-off while HQ
// cannot be reached. Everything it learns goes to one callback, for the UI's status bar.
import type { CatalogAnnouncement } from '../../core/sync';
import type { Database } from '../../db/open';
import { syncState } from '../../db/sync';
import type { HqClient } from './hq-client';
import type { PullProgress } from './pull';
import type { SyncStatus } from './status';
import { syncStatus } from './status';
import type { SyncOnceOptions, SyncSummary } from './sync-once';
import { syncOnce } from './sync-once';
import { recallAnnounced } from './recalls-pull';

export type SyncEvent =
  | { type: 'status'; status: SyncStatus }
  | { type: 'progress'; progress: PullProgress }
  | { type: 'synced'; summary: SyncSummary }
  | { type: 'failed'; message: string; retryInMs: number };

export interface SyncLoopOptions {
  db: Database;
  client: HqClient;
  currency: string;
  onEvent?: (event: SyncEvent) => void;
  /** Between syncs that went through; default 60 s. */
  intervalMs?: number;
  /** First retry after a failure, doubling up to maxBackoffMs; default 1 s and 5 min. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Listen to HQ's event stream to sync as soon as the catalog changes; default true. */
  stream?: boolean;
  pageSize?: number;
  /** Reconnect a stream that sent nothing (not even HQ's 25 s keep-alive) for this long; default 75 s. */
  streamIdleMs?: number;
  /** After each sync that went through (the lane link's store key and lanes): see SyncOnceOptions. */
  afterSync?: SyncOnceOptions['afterSync'];
}

export interface SyncLoop {
  /** Asks for a sync now (after the one running, if any). */
  wake(): void;
  /** Ends the loop and the stream; resolves when the sync running now has finished. */
  stop(): Promise<void>;
}

/** The delay before retry number `failures` (1, 2, …): doubling, capped, with ±20 % jitter. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

export function startSync(options: SyncLoopOptions): SyncLoop {
  const emit = options.onEvent ?? (() => undefined);
  const interval = options.intervalMs ?? 60_000;
  const base = options.backoffMs ?? 1000;
  const max = options.maxBackoffMs ?? 300_000;
  const abort = new AbortController();
  let wakeRequested = false;
  let wakeSleeper: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeSleeper = done;
      abort.signal.addEventListener('abort', done);
    });
  const wake = () => {
    wakeRequested = true;
    wakeSleeper?.();
  };
  const status = () => {
    if (options.db.open)
      emit({ type: 'status', status: syncStatus(options.db, { serverUrl: options.client.serverUrl }) });
  };

  const run = async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      wakeRequested = false;
      let delay = interval;
      try {
        const summary = await syncOnce(options.db, options.client, {
          currency: options.currency,
          pageSize: options.pageSize,
          afterSync: options.afterSync,
          onProgress: (progress) => emit({ type: 'progress', progress }),
          onPushed: () => status(),
        });
        failures = 0;
        emit({ type: 'synced', summary });
      } catch (error) {
        failures++;
        delay = backoffDelay(failures, base, max);
        emit({ type: 'failed', message: (error as Error).message, retryInMs: delay });
      }
      status();
      if (abort.signal.aborted) break;
      // A wake-up during a sync that went through runs the next one at once; after a failure the
      // back-off stands (a stream reconnecting must not hammer an HQ that is down).
      if (!(wakeRequested && failures === 0)) await sleep(delay);
    }
  };

  const listen = async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        const response = await options.client.openStream(abort.signal);
        failures = 0;
        await readEvents(
          response,
          abort.signal,
          (name, data) => {
            // HQ revoked this device: the sync that follows is refused, and the status says why at once.
            if (name === 'revoked') wake();
            // A new recall (issue 14): sync now, so the lane refuses it within seconds.
            if (name === 'recall' && recallAnnounced(options.db, data)) wake();
            if (name !== 'catalog') return;
            const version = (JSON.parse(data) as Partial<Record<keyof CatalogAnnouncement, unknown>>).version;
            if (
              typeof version === 'number' &&
              options.db.open &&
              version > syncState(options.db).catalogVersion
            ) {
              wake();
            }
          },
          options.streamIdleMs ?? 75_000,
        );
      } catch {
        if (abort.signal.aborted) break;
        failures++;
      }
      // The stream ended (token expired, HQ restarted) or failed: reconnect, backing off on failures.
      if (!abort.signal.aborted) await sleepFor(backoffDelay(Math.max(1, failures), base, max), abort.signal);
    }
  };

  status();
  const running = run();
  const listening = options.stream === false ? Promise.resolve() : listen();
  return {
    wake,
    async stop() {
      abort.abort();
      await Promise.allSettled([running, listening]);
    },
  };
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** Reads a Server-Sent Events body until it ends, calling `onEvent(name, data)` for each event. */
export async function readEvents(
  response: Response,
  signal: AbortSignal,
  onEvent: (name: string, data: string) => void,
  idleMs = 0,
): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel);
  // HQ sends a comment every 25 s; a stream silent for longer is a dead connection (no FIN ever came).
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    if (idleMs <= 0) return;
    clearTimeout(idle);
    idle = setTimeout(cancel, idleMs);
  };
  arm();
  let buffer = '';
  let name = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      arm();
      buffer += value;
      let newline: number;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (data.length > 0) onEvent(name, data.join('\n'));
          name = 'message';
          data = [];
        } else if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  } finally {
    clearTimeout(idle);
    signal.removeEventListener('abort', cancel);
  }
}
