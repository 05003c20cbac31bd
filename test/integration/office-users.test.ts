// The back office's users over real HTTP, on PGlite and on a real PostgreSQL: the first admin made with
// the admin token, signing in and out with a session cookie, CSRF refusals, session expiry, the sign-in
// limits, what each role is refused, a disabled user's session ending, and the audit log's before/after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { hashSecret } from '../../server/auth/secrets';
import {
  createOfficeUser,
  OFFICE_ADMIN,
  OFFICE_ADMIN_TOKEN,
  signInByApi,
  type ApiSession,
} from '../helpers/office';
import { BACKENDS, call, startBackend, type TestBackend } from '../helpers/postgres';

type Named = { id: string; name: string };

describe.each(BACKENDS)('back-office users on %s', (kind) => {
  let backend: TestBackend;
  let hq: RunningServer;
  let admin: ApiSession;
  const userNamed = async (name: string): Promise<Named> =>
    ((await admin.call('GET', '/admin/v1/users')).body.users as Named[]).find((u) => u.name === name)!;

  beforeAll(async () => {
    backend = await startBackend(kind);
    hq = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: OFFICE_ADMIN_TOKEN,
    });
    // Stores S001 and S002 exist once they have an enrolment code.
    for (const store of ['S001', 'S002']) {
      await call(hq.url, 'POST', '/admin/v1/enrolment-codes', { token: OFFICE_ADMIN_TOKEN, body: { store } });
    }
  });
  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
  });

  it('has no users at first, and makes the first admin only with the admin token, once', async () => {
    expect((await call(hq.url, 'GET', '/admin/v1/sign-in-state')).body).toMatchObject({
      firstAdminNeeded: true,
      adminTokenSet: true,
    });
    expect((await call(hq.url, 'POST', '/admin/v1/first-admin', { body: OFFICE_ADMIN })).status).toBe(401);
    const short = await call(hq.url, 'POST', '/admin/v1/first-admin', {
      token: OFFICE_ADMIN_TOKEN,
      body: { ...OFFICE_ADMIN, password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toMatch(/at least 10 characters/);
    const made = await call(hq.url, 'POST', '/admin/v1/first-admin', {
      token: OFFICE_ADMIN_TOKEN,
      body: OFFICE_ADMIN,
    });
    expect(made.status).toBe(201);
    expect(made.body.actor).toMatchObject({ name: 'admin', role: 'admin', stores: 'all', kind: 'user' });
    const again = await call(hq.url, 'POST', '/admin/v1/first-admin', {
      token: OFFICE_ADMIN_TOKEN,
      body: { ...OFFICE_ADMIN, name: 'second' },
    });
    expect(again.status).toBe(409);
    expect((await call(hq.url, 'GET', '/admin/v1/sign-in-state')).body.firstAdminNeeded).toBe(false);
    const { rows } = await hq.db.query<{ password_hash: string }>(`SELECT password_hash FROM office_users`);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('signs in with a cookie that scripts and other sites cannot use, and refuses a wrong password', async () => {
    const wrong = await call(hq.url, 'POST', '/admin/v1/session', {
      body: { name: 'admin', password: 'nope-nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({
      code: 'sign_in_failed',
      message: 'the name or the password is wrong',
    });
    const unknown = await call(hq.url, 'POST', '/admin/v1/session', {
      body: { name: 'nobody', password: 'x' },
    });
    expect(unknown.body.error.code).toBe('sign_in_failed');

    const response = await fetch(`${hq.url}/admin/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ name: 'Admin', password: OFFICE_ADMIN.password }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(
      /^openlane_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/,
    );
    admin = await signInByApi(hq.url, 'admin', OFFICE_ADMIN.password);
    const session = await admin.call('GET', '/admin/v1/session');
    expect(session.body).toMatchObject({
      actor: { name: 'admin', role: 'admin' },
      csrfToken: admin.csrfToken,
    });
    // Only a digest of the cookie is stored.
    const { rows } = await hq.db.query<{ token_hash: string }>(`SELECT token_hash FROM office_sessions`);
    expect(rows.map((r) => r.token_hash)).not.toContain(admin.cookie.split('=')[1]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('makes a hash of a lower cost again at the next sign-in', async () => {
    const cheap = await hashSecret(OFFICE_ADMIN.password); // N = 2^14
    await hq.db.query(`UPDATE office_users SET password_hash = $1 WHERE name = 'admin'`, [cheap]);
    await signInByApi(hq.url, 'admin', OFFICE_ADMIN.password);
    const { rows } = await hq.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM office_users WHERE name = 'admin'`,
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$/);
  });

  it('refuses a change by cookie without the CSRF token or from another origin; bearer needs neither', async () => {
    const body = { name: 'eve', displayName: 'Eve', role: 'auditor', password: 'auditor-password-1' };
    const bare = await call(hq.url, 'POST', '/admin/v1/users', { body, headers: { cookie: admin.cookie } });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('csrf_token_missing');
    const forged = await admin.call('POST', '/admin/v1/users', {
      body,
      headers: { 'x-csrf-token': 'guess' },
    });
    expect(forged.body.error.code).toBe('csrf_token_missing');
    const foreign = await admin.call('POST', '/admin/v1/users', {
      body,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('foreign_origin');
    const names = (await admin.call('GET', '/admin/v1/users')).body.users.map((u: Named) => u.name);
    expect(names).toEqual(['admin']);
    const own = new URL(hq.url).host;
    const made = await admin.call('POST', '/admin/v1/users', { body, headers: { origin: `http://${own}` } });
    expect(made.status).toBe(201);
    const byToken = await call(hq.url, 'GET', '/admin/v1/users', { token: OFFICE_ADMIN_TOKEN });
    expect(byToken.body.users).toHaveLength(2);
  });

  it('refuses each role what it may not do, and limits a store manager to their own store', async () => {
    await createOfficeUser(hq, { name: 'sm2', role: 'store_manager', stores: ['S002'] });
    await createOfficeUser(hq, { name: 'cm', role: 'category_manager' });
    const auditor = await signInByApi(hq.url, 'eve', 'auditor-password-1');
    const manager = await signInByApi(hq.url, 'sm2', 'sm2-password-123');
    const category = await signInByApi(hq.url, 'cm', 'cm-password-123');

    expect((await auditor.call('GET', '/admin/v1/devices?store=S001')).status).toBe(200);
    const code = await auditor.call('POST', '/admin/v1/enrolment-codes', { body: { store: 'S001' } });
    expect(code.status).toBe(403);
    expect(code.body.error.message).toMatch(/auditor may not do this/);
    expect((await auditor.call('GET', '/admin/v1/audit')).status).toBe(200);
    expect((await auditor.call('GET', '/admin/v1/users')).status).toBe(403);

    const own = await manager.call('POST', '/admin/v1/enrolment-codes', { body: { store: 'S002' } });
    expect(own.status).toBe(201);
    const other = await manager.call('POST', '/admin/v1/enrolment-codes', { body: { store: 'S001' } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden_store');
    const devices = await manager.call('GET', '/admin/v1/devices?store=S001');
    expect(devices.body.error.code).toBe('forbidden_store');
    const chain = await manager.call('POST', '/admin/v1/catalog/delete', {
      body: { barcodes: ['4006381333931'] },
    });
    expect(chain.status).toBe(403);
    expect((await manager.call('GET', '/admin/v1/users')).status).toBe(403);
    expect((await manager.call('GET', '/admin/v1/audit')).status).toBe(403);
    expect((await manager.call('GET', '/admin/v1/session')).body.actor.stores).toEqual(['S002']);

    const byCategory = await category.call('POST', '/admin/v1/users', {
      body: { name: 'x1', displayName: 'X', role: 'admin', password: 'whatever-12345' },
    });
    expect(byCategory.status).toBe(403);
    const cmCode = await category.call('POST', '/admin/v1/enrolment-codes', { body: { store: 'S001' } });
    expect(cmCode.status).toBe(403);

    const unknownStore = await admin.call('POST', '/admin/v1/users', {
      body: {
        name: 'sm9',
        displayName: 'S',
        role: 'store_manager',
        stores: ['S009'],
        password: 'whatever-12345',
      },
    });
    expect(unknownStore.status).toBe(422);
    expect(unknownStore.body.error.message).toBe('HQ knows no store S009');
    // The test helper makes a store known (with an enrolment code) when a user needs it.
    const sm3 = await createOfficeUser(hq, { name: 'sm3', role: 'store_manager', stores: ['S003'] });
    const third = await signInByApi(hq.url, sm3.name, sm3.password);
    expect((await third.call('GET', '/admin/v1/session')).body.actor.stores).toEqual(['S003']);
  });

  it("ends a disabled user's sessions at once, and audits the change with its before and after", async () => {
    const manager = await signInByApi(hq.url, 'sm2', 'sm2-password-123');
    const sm2 = await userNamed('sm2');
    const moved = await admin.call('PATCH', `/admin/v1/users/${sm2.id}`, {
      body: { stores: ['S001', 'S002'] },
    });
    expect(moved.body.user.stores).toEqual(['S001', 'S002']);
    expect((await manager.call('GET', '/admin/v1/devices?store=S001')).status).toBe(200);
    const disabled = await admin.call('PATCH', `/admin/v1/users/${sm2.id}`, { body: { disabled: true } });
    expect(disabled.body.user.disabled).toBe(true);
    expect((await manager.call('GET', '/admin/v1/session')).status).toBe(401);
    const signIn = await call(hq.url, 'POST', '/admin/v1/session', {
      body: { name: 'sm2', password: 'sm2-password-123' },
    });
    expect(signIn.body.error.code).toBe('account_disabled');

    const self = await userNamed('admin');
    const selfDisable = await admin.call('PATCH', `/admin/v1/users/${self.id}`, { body: { disabled: true } });
    expect(selfDisable.body.error.code).toBe('own_account');
    const lastAdmin = await call(hq.url, 'PATCH', `/admin/v1/users/${self.id}`, {
      token: OFFICE_ADMIN_TOKEN,
      body: { role: 'auditor' },
    });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe('last_admin');

    const log = await admin.call('GET', '/admin/v1/audit?targetId=sm2');
    const actions = log.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'user.disable',
      'user.update',
      'session.sign_in',
      'session.sign_in',
      'user.create',
    ]);
    expect(log.body.entries[0]).toMatchObject({
      actorName: 'admin',
      actorKind: 'user',
      before: { disabled: false, stores: ['S001', 'S002'] },
      after: { disabled: true },
    });
    expect(log.body.entries[1]).toMatchObject({
      before: { stores: ['S002'] },
      after: { stores: ['S001', 'S002'] },
    });
    expect(log.body.entries[4]).toMatchObject({ actorKind: 'token', actorName: 'admin token' });
    const byAction = await admin.call('GET', '/admin/v1/audit?action=user');
    const all = byAction.body.entries as { action: string }[];
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((e) => e.action.startsWith('user.'))).toBe(true);
    const future = await admin.call('GET', '/admin/v1/audit?from=2999-01-01T00:00:00Z');
    expect(future.body.entries).toEqual([]);
    expect((await admin.call('GET', '/admin/v1/audit?from=yesterday')).status).toBe(400);
    const { rows } = await hq.db.query<{ t: string }>(
      `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM office_audit`,
    );
    expect(rows.map((r) => r.t).join(' ')).not.toMatch(/password-1|scrypt/);
  });

  it('ends a session after an hour idle or twelve hours in all, and on sign-out', async () => {
    const idle = await signInByApi(hq.url, 'eve', 'auditor-password-1');
    const old = await signInByApi(hq.url, 'eve', 'auditor-password-1');
    const out = await signInByApi(hq.url, 'eve', 'auditor-password-1');
    await hq.db.query(
      `UPDATE office_sessions SET last_seen_at = now() - interval '61 minutes' WHERE csrf_token = $1`,
      [idle.csrfToken],
    );
    await hq.db.query(
      `UPDATE office_sessions SET expires_at = now() - interval '1 second' WHERE csrf_token = $1`,
      [old.csrfToken],
    );
    expect((await idle.call('GET', '/admin/v1/session')).body.error.code).toBe('session_ended');
    expect((await old.call('GET', '/admin/v1/session')).status).toBe(401);
    expect((await out.call('GET', '/admin/v1/session')).status).toBe(200);
    const signedOut = await out.call('DELETE', '/admin/v1/session');
    expect(signedOut.status).toBe(200);
    expect((await out.call('GET', '/admin/v1/session')).status).toBe(401);
  });

  it('changes your own password (ending your other sessions) and resets another', async () => {
    const first = await signInByApi(hq.url, 'cm', 'cm-password-123');
    const second = await signInByApi(hq.url, 'cm', 'cm-password-123');
    const wrong = await first.call('PUT', '/admin/v1/session/password', {
      body: { currentPassword: 'not-it', newPassword: 'cm-new-password-1' },
    });
    expect(wrong.body.error.code).toBe('password_wrong');
    const changed = await first.call('PUT', '/admin/v1/session/password', {
      body: { currentPassword: 'cm-password-123', newPassword: 'cm-new-password-1' },
    });
    // The category manager's session from the roles test, and `second`.
    expect(changed.body).toMatchObject({ ok: true, otherSessionsEnded: 2 });
    expect((await second.call('GET', '/admin/v1/session')).status).toBe(401);
    expect((await first.call('GET', '/admin/v1/session')).status).toBe(200);
    const cm = await userNamed('cm');
    const reset = await admin.call('POST', `/admin/v1/users/${cm.id}/password`, {
      body: { password: 'cm-reset-password-1' },
    });
    expect(reset.body).toMatchObject({ ok: true, sessionsEnded: 1 });
    expect((await first.call('GET', '/admin/v1/session')).status).toBe(401);
    await signInByApi(hq.url, 'cm', 'cm-reset-password-1');
  });

  it('slows guessing at one name after 10 wrong passwords, with Retry-After, even for the right one', async () => {
    const started = Date.now();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(hq.url, 'POST', '/admin/v1/session', { body: { name: 'eve', password: `guess-${i}` } }),
      ),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    const locked = await fetch(`${hq.url}/admin/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'eve', password: 'auditor-password-1' }),
    });
    expect(locked.status).toBe(429);
    const seconds = Number(locked.headers.get('retry-after'));
    // The 15 minutes run from the first guess; hashing twelve passwords takes a while on a loaded machine.
    expect(seconds).toBeGreaterThanOrEqual(15 * 60 - Math.ceil((Date.now() - started) / 1000) - 5);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(await locked.json()).toMatchObject({
      error: { code: 'too_many_attempts', details: { retryAfterSeconds: seconds } },
    });
    // Another name from the same address still signs in.
    await signInByApi(hq.url, 'admin', OFFICE_ADMIN.password);
  });
});
