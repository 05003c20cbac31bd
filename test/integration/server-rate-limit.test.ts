// Guessing on the open routes is slowed: failed enrolments and token requests count against the
// address and the code or device, then are answered 429 with Retry-After, writing nothing. Successes
// never count, so enrolling many terminals from one network is not slowed. Real HTTP, both backends.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A well-formed code this server never issued. */
function guessedCode(): string {
  const symbols = [...randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/**
 * POST /v1/token from another address: the whole of 127/8 is loopback on Linux, so a client bound to
 * 127.0.0.N is, to HQ, a different machine.
 */
function tokenFrom(base: string, from: string, body: unknown): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, localAddress: from, method: 'POST', path: '/v1/token' },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    req.end(JSON.stringify(body));
  });
}

describe.each(BACKENDS)('HQ rate limits on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let devices: TestDevice[];

  const tables = async () => {
    const { rows } = await server.db.query<Record<string, unknown>>(
      `SELECT (SELECT count(*) FROM stores) AS stores, (SELECT count(*) FROM devices) AS devices,
              (SELECT count(*) FROM enrolment_codes WHERE used_at IS NOT NULL) AS used`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('enrols a dozen terminals from one address without slowing them', async () => {
    devices = [];
    for (let i = 1; i <= 12; i++) {
      const name = `K${String(i).padStart(2, '0')}`;
      devices.push(await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), name));
    }
    expect(await tables()).toMatchObject({ devices: 12, used: 12 });
  });

  it('slows a guessed secret per device, and leaves the other devices their tokens', async () => {
    const [victim, other] = devices;
    const guess = (secret: string) =>
      call(server.url, 'POST', '/v1/token', { body: { deviceId: victim!.deviceId, secret } });
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => guess(`wrong-${i}`)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = replies.find((r) => r.status === 429)!;
    expect(limited.body.error).toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(
        /failed token requests for this device from this address; try again in \d+ s/,
      ),
    });
    // Even the right secret waits now: a guesser cannot tell it found the secret.
    const right = await call(server.url, 'POST', '/v1/token', {
      body: { deviceId: victim!.deviceId, secret: victim!.secret },
    });
    expect(right.status).toBe(429);
    const ok = await call(server.url, 'POST', '/v1/token', {
      body: { deviceId: other!.deviceId, secret: other!.secret },
    });
    expect(ok.status).toBe(200);
  });

  it("does not let a stranger's failures from other addresses lock a device out of its token", async () => {
    const victim = devices[2]!;
    for (let n = 2; n <= 6; n++) {
      const status = await tokenFrom(server.url, `127.0.0.${n}`, {
        deviceId: victim.deviceId,
        secret: 'wrong',
      });
      expect(status).toBe(401);
    }
    // A sixth wrong secret from a seventh address is still only a wrong secret...
    expect(await tokenFrom(server.url, '127.0.0.7', { deviceId: victim.deviceId, secret: 'x' })).toBe(401);
    // ...and the device, from its own address, gets its token.
    const own = await call(server.url, 'POST', '/v1/token', {
      body: { deviceId: victim.deviceId, secret: victim.secret },
    });
    expect(own.status).toBe(200);
  });

  it('keeps slowing a stranger at one address however many devices it tries', async () => {
    const stranger = '127.0.0.8';
    const statuses: number[] = [];
    for (const device of devices.slice(3, 11)) {
      for (let i = 0; i < 4; i++) {
        statuses.push(await tokenFrom(server.url, stranger, { deviceId: device.deviceId, secret: 'no' }));
      }
    }
    // 30 failures per address in a window, whichever devices they named.
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('holds at most 4 event streams per device: a fifth closes the oldest, other devices keep theirs', async () => {
    const [device, other] = [devices[11]!, devices[0]!];
    const controller = new AbortController();
    const open = async (token: string) => {
      const response = await fetch(`${server.url}/v1/stream`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const stream = { text: '', ended: false };
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) break;
          stream.text += new TextDecoder().decode(value);
        }
        stream.ended = true;
      })();
      await expect.poll(() => stream.text, { timeout: 10_000 }).toMatch(/event: catalog/);
      return stream;
    };
    try {
      const others = await open(other.token);
      const streams: { text: string; ended: boolean }[] = [];
      for (let i = 0; i < 4; i++) streams.push(await open(device.token));
      const fifth = await open(device.token);
      await expect.poll(() => streams[0]!.ended, { timeout: 10_000 }).toBe(true);
      expect(streams[0]!.text).toMatch(/event: replaced\ndata: \{"reason":"[^"]*4 event streams/);
      expect([...streams.slice(1), fifth, others].map((s) => s.ended)).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
    } finally {
      controller.abort();
    }
  });

  it('slows a brute force of enrolment codes from one address, and writes nothing', async () => {
    const before = await tables();
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${server.url}/v1/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: guessedCode(), terminalName: 'X' }),
        }),
      ),
    );
    const statuses = attempts.map((r) => r.status);
    // Charged before it runs, so of 40 sent at once only the first 10 are tried at all.
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    for (const reply of attempts.filter((r) => r.status === 429)) {
      const seconds = Number(reply.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(15 * 60);
      const body = (await reply.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({
        ok: false,
        error: {
          code: 'too_many_attempts',
          message: expect.stringMatching(/failed enrolment attempts from this address/),
        },
      });
    }
    // A real code from the same address now waits as well; it stays unused.
    const { code } = await createEnrolmentCode(server.db, 'S002');
    const real = await call(server.url, 'POST', '/v1/enrol', { body: { code } });
    expect(real.status).toBe(429);
    expect(await tables()).toEqual({ ...before, stores: before.stores! + 1 });
  });
});
