import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { HqError, type HqClient } from './hq-client';
import { backoffDelay, readEvents, startSync, type SyncEvent } from './loop';

const temp = useTempDatabase();

describe('the background sync', () => {
  it('backs off exponentially with jitter, up to a cap', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 30_000, mid))).toEqual([
      1000, 2000, 4000, 8000, 30_000,
    ]);
    expect(backoffDelay(1, 1000, 30_000, () => 0)).toBe(800);
    expect(backoffDelay(1, 1000, 30_000, () => 1)).toBe(1200);
  });

  it('reads Server-Sent Events, comments and multi-line data included', async () => {
    const text =
      ': hi\n\nretry: 5000\n\nevent: catalog\nid: 3\ndata: {"version":3}\n\ndata: a\ndata: b\r\n\r\n';
    const seen: [string, string][] = [];
    await readEvents(new Response(text), new AbortController().signal, (n, d) => seen.push([n, d]));
    expect(seen).toEqual([
      ['catalog', '{"version":3}'],
      ['message', 'a\nb'],
    ]);
  });

  it('gives up on a stream that stays silent', async () => {
    const silent = new ReadableStream<Uint8Array>({ start: () => undefined });
    // Without the idle limit this never returns, and the test times out.
    await expect(
      readEvents(new Response(silent), new AbortController().signal, () => undefined, 50),
    ).resolves.toBeUndefined();
  });

  it('retries with back-off while HQ is unreachable, reports offline, and stops', async () => {
    let calls = 0;
    const client: HqClient = {
      serverUrl: 'http://hq',
      pushEvents: () => Promise.reject(new Error('unused')),
      catalogPage: async () => {
        calls++;
        throw new HqError('unreachable', 'HQ at http://hq cannot be reached (ECONNREFUSED)');
      },
      openStream: () => Promise.reject(new HqError('unreachable', 'no stream')),
    };
    const events: SyncEvent[] = [];
    const loop = startSync({
      db: temp.db,
      client,
      currency: 'CNY',
      backoffMs: 20,
      maxBackoffMs: 40,
      onEvent: (e) => events.push(e),
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await loop.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(after);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThan(20);
    const failed = events.filter((e) => e.type === 'failed');
    expect(failed[0]).toMatchObject({ message: /ECONNREFUSED/ });
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({
      status: { sync: { online: false, lastError: expect.stringMatching(/ECONNREFUSED/) } },
    });
  });
});
