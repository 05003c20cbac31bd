// The HQ server's schema, enrolment and device tokens, over real HTTP, on PGlite and on PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireEvent } from '../../core/sync';
import { createEnrolmentCode, openDatabase, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { tokenKey } from '../../server/auth/enrolment';
import { signToken } from '../../server/auth/tokens';
import type { Database } from '../../server/db/database';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

describe.each(BACKENDS)('HQ auth on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let url: string;
  let device: TestDevice;
  let key: Buffer;

  const count = async (table: string): Promise<number> => {
    const { rows } = await server.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  };
  const code = (store: string) => () => createEnrolmentCode(server.db, store);
  const sale = () => ({
    sentAt: new Date().toISOString(),
    events: [wireEvent('basket.opened', { basketId: 'b1' })],
  });

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    url = server.url;
    device = await enrolDevice(url, code('S001'), 'K01');
    key = await tokenKey(server.db);
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('applies every migration once, records it, and refuses a newer schema', async () => {
    const { rows } = await server.db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const known = loadMigrations();
    expect(rows.map((r) => [Number(r.version), r.name])).toEqual(known.map((m) => [m.version, m.name]));
    expect(await migrate(server.db)).toBe(known.length); // a second run is a no-op
    expect(await count('schema_migrations')).toBe(known.length);
    await server.db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')");
    await expect(migrate(server.db)).rejects.toThrow(/schema version 999 .*newer than this OpenLane/);
    await server.db.query('DELETE FROM schema_migrations WHERE version = 999');
  });

  it('migration 5 carries the stock ledger into on-hand levels', async () => {
    // A database of its own at schema 4, with movements, then brought up to date.
    let fresh: TestBackend | null = null;
    let db: Database;
    if (kind === 'postgres') {
      await server.db.query('CREATE DATABASE migration_5');
      db = await openPostgres(backend.databaseUrl!.replace(/\/postgres$/, '/migration_5'));
    } else {
      fresh = await startBackend('pglite');
      db = await openPglite(fresh.dataDir!);
    }
    try {
      const all = loadMigrations();
      await migrate(db, all.slice(0, 4));
      const store = randomUUID();
      await db.query("INSERT INTO stores (id, code) VALUES ($1, 'M5')", [store]);
      for (const [line, quantity] of [
        [1, 10],
        [2, -3],
        [3, -1],
      ]) {
        await db.query(
          `INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, device_id, occurred_at,
             received_at) VALUES ($1, $2, $3, '06901234567892', $4, 'sale', $2, now(), now())`,
          [store, randomUUID(), line, quantity],
        );
      }
      expect(await migrate(db, all)).toBe(all.length);
      const { rows } = await db.query<{ on_hand: unknown; movements: unknown }>(
        'SELECT on_hand, movements FROM stock_levels WHERE store_id = $1',
        [store],
      );
      expect(rows.map((r) => [Number(r.on_hand), Number(r.movements)])).toEqual([[6, 3]]);
    } finally {
      await db.close();
      await fresh?.stop();
    }
  });

  it('keeps the admin API closed to tokens when no admin token was set, and to strangers', async () => {
    const reply = await call(url, 'POST', '/admin/v1/enrolment-codes', {
      body: { store: 'S001' },
      headers: { authorization: 'Bearer some-token-that-was-never-set-here' },
    });
    expect(reply).toMatchObject({ status: 403, body: { ok: false, error: { code: 'admin_disabled' } } });
    const stranger = await call(url, 'POST', '/admin/v1/enrolment-codes', { body: { store: 'S001' } });
    expect(stranger).toMatchObject({ status: 401, body: { ok: false, error: { code: 'signed_out' } } });
  });

  it('answers /health without a token', async () => {
    const health = await call(url, 'GET', '/health');
    expect(health).toEqual({ status: 200, body: { ok: true, service: 'openlane-hq', database: kind } });
  });

  it('enrols with a code once; the used code is refused and writes nothing', async () => {
    const made = await createEnrolmentCode(server.db, 'S002');
    expect(made.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const first = await call(url, 'POST', '/v1/enrol', { body: { code: made.code.toLowerCase() } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ok: true, storeCode: 'S002', deviceId: expect.any(String) });
    const devices = await count('devices');
    const again = await call(url, 'POST', '/v1/enrol', { body: { code: made.code, terminalName: 'K9' } });
    expect(again).toMatchObject({ status: 403, body: { ok: false, error: { code: 'enrolment_code_used' } } });
    expect(await count('devices')).toBe(devices);
  });

  it('lets only one of two terminals racing with one code enrol', async () => {
    const { code: shared } = await createEnrolmentCode(server.db, 'S003');
    const devices = await count('devices');
    const replies = await Promise.all(
      [1, 2].map(() => call(url, 'POST', '/v1/enrol', { body: { code: shared } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(await count('devices')).toBe(devices + 1);
  });

  it('refuses unknown, expired and malformed codes with their reasons', async () => {
    const unknown = await call(url, 'POST', '/v1/enrol', { body: { code: 'AAAA-BBBB-CCCC-DDDD' } });
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'enrolment_code_unknown' } } });
    const old = await createEnrolmentCode(server.db, 'S001');
    await server.db.query(
      "UPDATE enrolment_codes SET expires_at = now() - interval '1 minute' WHERE store_id = $1",
      [old.storeId],
    );
    const expired = await call(url, 'POST', '/v1/enrol', { body: { code: old.code } });
    expect(expired).toMatchObject({ status: 403, body: { error: { code: 'enrolment_code_expired' } } });
    const malformed = await call(url, 'POST', '/v1/enrol', { body: { code: 'hello' } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'enrolment_code_malformed' } } });
    const control = await createEnrolmentCode(server.db, 'S001');
    const nul = await call(url, 'POST', '/v1/enrol', {
      body: { code: control.code, terminalName: 'K\u0000' },
    });
    expect(nul).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/terminalName/) } },
    });
    const unharmed = await call(url, 'POST', '/v1/enrol', { body: { code: control.code } });
    expect(unharmed.status).toBe(201); // the refused request did not use the code up
    const wrongType = await call(url, 'POST', '/v1/enrol', { body: { code: 42 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/code/);
  });

  it('keeps only scrypt hashes of device secrets and codes', async () => {
    const { rows } = await server.db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM devices WHERE id = $1',
      [device.deviceId],
    );
    expect(rows[0]!.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]!.secret_hash).not.toContain(device.secret);
    const codes = await server.db.query<{ code_hash: string }>('SELECT code_hash FROM enrolment_codes');
    for (const row of codes.rows) expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('issues a token for the right secret only', async () => {
    const wrong = await call(url, 'POST', '/v1/token', {
      body: { deviceId: device.deviceId, secret: 'guess' },
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'bad_credentials' } } });
    const nobody = await call(url, 'POST', '/v1/token', {
      body: { deviceId: randomUUID(), secret: device.secret },
    });
    expect(nobody).toMatchObject({ status: 401, body: { error: { code: 'bad_credentials' } } });
    const malformed = await call(url, 'POST', '/v1/token', {
      body: { deviceId: '-'.repeat(36), secret: 'x' },
    });
    expect(malformed).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/deviceId/) } },
    });
    const right = await call(url, 'POST', '/v1/token', {
      body: { deviceId: device.deviceId, secret: device.secret },
    });
    expect(right).toMatchObject({
      status: 200,
      body: { ok: true, storeCode: 'S001', token: expect.any(String) },
    });
    const lifetime = Date.parse(right.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(5 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
  });

  it('accepts the device token on /v1 routes', async () => {
    const sent = await call(url, 'POST', '/v1/events', { token: device.token, body: sale() });
    expect(sent).toMatchObject({ status: 200, body: { ok: true, results: [{ status: 'applied' }] } });
  });

  it('refuses a missing, malformed, forged, expired or other-store token and writes nothing', async () => {
    const events = await count('events');
    const deadLetters = await count('dead_letters');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: device.deviceId, store: '', storeCode: 'S001', iat: now, exp: now + 600 };
    const { rows } = await server.db.query<{ id: string; code: string }>('SELECT id, code FROM stores');
    const own = rows.find((r) => r.code === 'S001')!.id;
    const other = rows.find((r) => r.code === 'S002')!.id;
    const cases: [string, Record<string, string>, number, string][] = [
      ['none', {}, 401, 'token_missing'],
      ['not bearer', { authorization: `Basic ${device.token}` }, 401, 'token_malformed'],
      ['garbage', { authorization: 'Bearer abc.def' }, 401, 'token_malformed'],
      ['forged', bearer(signToken({ ...claims, store: own }, randomBytes(32))), 401, 'token_invalid'],
      ['tampered', bearer(tamper(device.token)), 401, 'token_invalid'],
      [
        'expired',
        bearer(signToken({ ...claims, store: own, iat: now - 700, exp: now - 100 }, key)),
        401,
        'token_expired',
      ],
      [
        'other store',
        bearer(signToken({ ...claims, store: other, storeCode: 'S002' }, key)),
        403,
        'wrong_store',
      ],
      [
        'unknown device',
        bearer(signToken({ ...claims, store: own, sub: randomUUID() }, key)),
        401,
        'token_invalid',
      ],
    ];
    for (const [name, headers, status, code] of cases) {
      const reply = await call(url, 'POST', '/v1/events', { headers, body: sale() });
      expect({ name, status: reply.status, code: reply.body.error?.code }).toEqual({ name, status, code });
      const read = await call(url, 'GET', '/v1/dead-letters', { headers });
      expect(read.status).toBe(status);
    }
    const stream = await fetch(`${url}/v1/stream`);
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
    expect(await count('events')).toBe(events);
    expect(await count('dead_letters')).toBe(deadLetters);
  });

  it('refuses a revoked device its token and its requests', async () => {
    const doomed = await enrolDevice(url, code('S001'), 'K02');
    await server.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [doomed.deviceId]);
    const reply = await call(url, 'POST', '/v1/events', { token: doomed.token, body: sale() });
    expect(reply).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } });
    const token = await call(url, 'POST', '/v1/token', {
      body: { deviceId: doomed.deviceId, secret: doomed.secret },
    });
    expect(token).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } });
  });

  it("acts for the token's store, never one the request names", async () => {
    const other = await enrolDevice(url, code('S004'), 'K01');
    const named = await call(url, 'GET', '/v1/stock?store=S001', { token: other.token });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/store/);
    const event = wireEvent('basket.opened', { storeId: 'S001' });
    const sent = await call(url, 'POST', '/v1/events', { token: other.token, body: { events: [event] } });
    expect(sent.body.results).toEqual([{ id: event.id, status: 'applied' }]);
    const { rows } = await server.db.query<{ code: string }>(
      'SELECT s.code FROM events e JOIN stores s ON s.id = e.store_id WHERE e.id = $1',
      [event.id],
    );
    expect(rows).toEqual([{ code: 'S004' }]);
  });

  it('keeps its data and signing key across a restart, so tokens and devices still work', async () => {
    if (kind === 'pglite') {
      // PGlite is one process: a second opening of the directory is refused, not allowed to corrupt it.
      await expect(openDatabase({ dataDir: backend.dataDir! })).rejects.toThrow(/in use by process \d+/);
    }
    const events = await count('events');
    await server.close();
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    expect(await count('events')).toBe(events);
    const sent = await call(server.url, 'POST', '/v1/events', { token: device.token, body: sale() });
    expect(sent).toMatchObject({ status: 200, body: { results: [{ status: 'applied' }] } });
  });
});

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The same token with its claims edited (another expiry) but the old signature. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
  claims.exp += 3600;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
