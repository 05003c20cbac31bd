// Two HQ processes on one real PostgreSQL, as behind a load balancer: a back-office session made on one
// works on the other, a sign-out on either ends it on both, and failed sign-ins and enrolments count
// together whichever process answered them (sessions and counters live in the database).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { OFFICE_ADMIN, OFFICE_ADMIN_TOKEN, sessionFrom, signInByApi } from '../helpers/office';
import { call, startBackend, type TestBackend } from '../helpers/postgres';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const guessedCode = () =>
  [...randomBytes(16)]
    .map((b) => ALPHABET[b % ALPHABET.length])
    .join('')
    .match(/.{4}/g)!
    .join('-');

describe('two HQ processes on one PostgreSQL', () => {
  let backend: TestBackend;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    backend = await startBackend('postgres');
    const options = { port: 0, databaseUrl: backend.databaseUrl, adminToken: OFFICE_ADMIN_TOKEN };
    a = await startServer(options);
    b = await startServer(options);
    const made = await call(a.url, 'POST', '/admin/v1/first-admin', {
      token: OFFICE_ADMIN_TOKEN,
      body: OFFICE_ADMIN,
    });
    expect(made.status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backend?.stop();
  });

  it('takes a session made on A on B, and a sign-out on B ends it on A', async () => {
    const onA = await signInByApi(a.url, OFFICE_ADMIN.name, OFFICE_ADMIN.password);
    const onB = sessionFrom(onA.cookie, onA.csrfToken, b.url);
    expect((await onB.call('GET', '/admin/v1/session')).body).toMatchObject({
      actor: { name: 'admin' },
      csrfToken: onA.csrfToken,
    });
    // A change on B with the session from A, CSRF token and all.
    const user = await onB.call('POST', '/admin/v1/users', {
      body: { name: 'eve', displayName: 'Eve', role: 'auditor', password: 'auditor-password-1' },
    });
    expect(user.status).toBe(201);
    expect((await onB.call('DELETE', '/admin/v1/session')).status).toBe(200);
    const after = await onA.call('GET', '/admin/v1/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_ended');
  });

  it('counts failed sign-ins on A and B together', async () => {
    const wrong = (hq: RunningServer, i: number) =>
      call(hq.url, 'POST', '/admin/v1/session', { body: { name: 'eve', password: `wrong-${i}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrong(a, i)).status, (await wrong(b, i)).status);
    expect(statuses).toEqual(Array<number>(10).fill(401));
    for (const hq of [a, b]) {
      const right = await call(hq.url, 'POST', '/admin/v1/session', {
        body: { name: 'eve', password: 'auditor-password-1' },
      });
      expect(right.status).toBe(429);
      expect(right.body.error.message).toMatch(/too many failed sign-ins for this name; try again in \d+ s/);
    }
  });

  it('holds the enrolment limit across both: 10 failures per address, whichever process took them', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', '/v1/enrol', { body: { code: guessedCode() } }),
      ),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    const { code } = (
      await call(a.url, 'POST', '/admin/v1/enrolment-codes', {
        token: OFFICE_ADMIN_TOKEN,
        body: { store: 'S001' },
      })
    ).body as { code: string };
    expect((await call(b.url, 'POST', '/v1/enrol', { body: { code } })).status).toBe(429);
  });
});
