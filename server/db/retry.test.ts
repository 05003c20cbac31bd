// The retry policy for serialization failures and deadlocks (retry.ts), and the answer HQ gives when it
// runs out: a 503 `retry_later` a client sends again, never a 500.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../http/errors';
import { retryOnConflict, RetryLater, type RetryPolicy } from './retry';

const quick: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

/** A unit of work that fails with the given SQLSTATEs in turn, then answers 'done'. */
function failingWith(...codes: string[]) {
  const work = {
    runs: 0,
    run: async () => {
      const code = codes[work.runs++];
      if (code) throw sqlError(code);
      return 'done';
    },
  };
  return work;
}

describe('retryOnConflict', () => {
  it('runs a transaction again after a serialization failure or a deadlock, until it commits', async () => {
    const work = failingWith('40001', '40P01', '40001');
    expect(await retryOnConflict(work.run, quick)).toBe('done');
    expect(work.runs).toBe(4);
  });

  it('gives up after its runs with RetryLater, which keeps the last failure as its cause', async () => {
    const work = failingWith('40001', '40001', '40001', '40001', '40001');
    const error = await retryOnConflict(work.run, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLater);
    expect(error).toMatchObject({ attempts: 4, cause: { code: '40001' } });
    expect(work.runs).toBe(4);
  });

  it('passes any other failure through at once (a unique violation is an answer, not bad luck)', async () => {
    const work = failingWith('23505');
    await expect(retryOnConflict(work.run, quick)).rejects.toMatchObject({ code: '23505' });
    expect(work.runs).toBe(1);
  });

  it('answers 503 retry_later with Retry-After over HTTP when the runs are used up', async () => {
    const app = Fastify();
    installErrorHandlers(app, 1024);
    app.post('/write', async () =>
      retryOnConflict(failingWith('40001', '40001', '40001', '40001').run, quick),
    );
    const reply = await app.inject({ method: 'POST', url: '/write' });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.json()).toMatchObject({
      ok: false,
      error: { code: 'retry_later', message: expect.stringContaining('nothing was written, try again') },
    });
    await app.close();
  });
});
