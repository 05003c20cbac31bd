// Stores and devices at HQ (issue 14), on PGlite and PostgreSQL: a real terminal data directory enrolled
// with a code made over the admin API reports itself on sync and HQ keeps it; a revoked device's token
// and event stream stop at once (also when another HQ process on the database revoked it); its next sync
// is refused and its status says it was removed; enrolled again, it syncs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../db/outbox';
import { startServer, type RunningServer } from '../../server';
import { listDevices, listStores } from '../../server/devices/queries';
import { openTerminalStore } from '../../services/store';
import { createHqClient, enrolTerminal, loadCredentials, syncStatus } from '../../services/sync';
import { reportTelemetry } from '../../services/sync/telemetry';
import { BACKENDS, call, enrolDevice, startBackend, type TestBackend } from '../helpers/postgres';
import { syncDataDir } from '../helpers/sync-data-dir';

const TOKEN = 'devices-test-admin-token-0123456789';
const admin = (hq: RunningServer, method: string, path: string, body?: unknown) =>
  call(hq.url, method, path, { token: TOKEN, body });

/** Opens a device's event stream and collects what it says until it ends. */
async function openStream(url: string, token: string) {
  const response = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const state = { text: '', ended: false };
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        state.text += value;
      }
    } catch {
      // reset: ended all the same
    }
    state.ended = true;
  })();
  await expect.poll(() => state.text).toContain('event: catalog');
  return state;
}

describe.each(BACKENDS)('stores and devices on %s', (kind) => {
  let backend: TestBackend;
  let hq: RunningServer;
  let dir: string;
  beforeAll(async () => {
    backend = await startBackend(kind);
    hq = await startServer({
      port: 0,
      catalogPollMs: 100,
      adminToken: TOKEN,
      ...(backend.dataDir ? { dataDir: backend.dataDir } : { databaseUrl: backend.databaseUrl }),
    });
    dir = mkdtempSync(join(tmpdir(), 'openlane-devices-'));
  });
  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what an enrolled terminal reports on sync, and says which devices need a look', async () => {
    const made = await admin(hq, 'POST', '/admin/v1/stores', { code: 'S001', name: 'Riverside' });
    expect(made.status).toBe(201);
    expect(made.body.store).toMatchObject({ code: 'S001', name: 'Riverside' });
    const twice = await admin(hq, 'POST', '/admin/v1/stores', { code: 'S001', name: 'Again' });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'store_exists' } } });
    const code = await admin(hq, 'POST', '/admin/v1/enrolment-codes', { store: 'S001' });
    expect(code.status).toBe(201);

    const data = join(dir, 'K01');
    mkdirSync(data, { mode: 0o700 });
    await enrolTerminal({ dataDir: data, serverUrl: hq.url, code: code.body.code, terminalName: 'K01' });
    await syncDataDir(data);

    const listed = await admin(hq, 'GET', '/admin/v1/devices?store=S001');
    expect(listed.status).toBe(200);
    const [device] = listed.body.devices;
    expect(device).toMatchObject({
      name: 'K01',
      storeCode: 'S001',
      softwareVersion: '0.1.0',
      catalogVersion: listed.body.hq.catalogVersion,
      outbox: { pending: 0, pendingSales: 0, oldestAt: null },
      revokedAt: null,
      attention: [],
    });
    expect(Date.now() - Date.parse(device.lastSeenAt)).toBeLessThan(60_000);
    expect(Math.abs(device.clockSkewMs)).toBeLessThan(5_000);

    // A sale made 40 minutes ago that has not gone up: HQ hears of it with the next report.
    const store = openTerminalStore(data);
    try {
      const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000);
      store.db.transaction(() => {
        appendEvent(store.db, 'sale.completed', { receiptNumber: 'S001-K01-000001' }, fortyMinutesAgo);
        appendEvent(store.db, 'basket.opened', {}, new Date());
      })();
      await reportTelemetry(store.db, createHqClient(loadCredentials(data)!), new Date());
    } finally {
      store.db.close();
    }
    const later = (await admin(hq, 'GET', '/admin/v1/stores/S001')).body;
    expect(later.devices[0].outbox).toMatchObject({ pending: 2, pendingSales: 1 });
    const age = Date.now() - Date.parse(later.devices[0].outbox.oldestAt);
    expect(age).toBeGreaterThan(39 * 60_000);
    expect(age).toBeLessThan(41 * 60_000);
    expect(later.devices[0].attention).toEqual(['sales_waiting']);
    expect(later.store.devices).toEqual({ active: 1, needAttention: 1, revoked: 0 });

    // Both changes are in the audit log; the code itself never is.
    const audit = await hq.db.query<{ action: string; after: unknown }>(
      "SELECT action, after FROM office_audit WHERE store_code = 'S001' ORDER BY at",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['store.create', 'enrolment_code.create']);
    expect(JSON.stringify(audit.rows)).not.toContain(code.body.code);
  });

  it('revokes a device: its token and its event stream stop at once, and its terminal is told', async () => {
    const data = join(dir, 'K02');
    mkdirSync(data, { mode: 0o700 });
    const code = await admin(hq, 'POST', '/admin/v1/enrolment-codes', { store: 'S002' });
    await enrolTerminal({ dataDir: data, serverUrl: hq.url, code: code.body.code, terminalName: 'K02' });
    await syncDataDir(data);
    const { deviceId, secret } = loadCredentials(data)!;
    const token = (await call(hq.url, 'POST', '/v1/token', { body: { deviceId, secret } })).body.token;
    const stream = await openStream(hq.url, token);

    const revoked = await admin(hq, 'POST', `/admin/v1/devices/${deviceId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.device).toMatchObject({ revokedBy: 'admin token', attention: [] });
    await expect.poll(() => stream.ended).toBe(true);
    expect(stream.text).toContain('event: revoked');
    const refused = await call(hq.url, 'GET', '/v1/catalog?after=0', { token });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } });
    expect((await call(hq.url, 'POST', '/v1/token', { body: { deviceId, secret } })).status).toBe(403);
    const twice = await admin(hq, 'POST', `/admin/v1/devices/${deviceId}/revoke`);
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'device_revoked' } } });
    const audit = await hq.db.query<{ target_id: string }>(
      "SELECT target_id FROM office_audit WHERE action = 'device.revoke'",
    );
    expect(audit.rows).toEqual([{ target_id: deviceId }]);

    // The terminal's next sync is refused, and its status says why.
    await expect(syncDataDir(data)).rejects.toMatchObject({ code: 'device_revoked' });
    const status = () => {
      const store = openTerminalStore(data);
      try {
        return syncStatus(store.db, loadCredentials(data)).sync;
      } finally {
        store.db.close();
      }
    };
    expect(status()).toMatchObject({ online: false, lastErrorCode: 'device_revoked' });

    // Enrolled again with a new code, it syncs and the refusal is gone.
    const again = await admin(hq, 'POST', '/admin/v1/enrolment-codes', { store: 'S002' });
    await enrolTerminal({ dataDir: data, serverUrl: hq.url, code: again.body.code, force: true });
    await syncDataDir(data);
    expect(status()).toMatchObject({ online: true, lastErrorCode: null });
    const devices = (await admin(hq, 'GET', '/admin/v1/devices?store=S002')).body.devices;
    expect(devices.map((d: { revokedAt: string | null }) => d.revokedAt === null)).toEqual([true, false]);
  });

  it('lists only the stores and devices of the stores an actor may see', async () => {
    // What a store manager of S002 is given (server/office/access.ts storeFilter).
    expect((await listStores(hq.db, ['S002'])).map((s) => s.code)).toEqual(['S002']);
    expect(new Set((await listDevices(hq.db, ['S002'])).map((d) => d.storeCode))).toEqual(new Set(['S002']));
    expect((await listStores(hq.db, null)).map((s) => s.code)).toEqual(
      expect.arrayContaining(['S001', 'S002']),
    );
    const unknown = await admin(hq, 'GET', '/admin/v1/stores/S999');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'store_not_found' } } });
    const bad = await admin(hq, 'POST', '/admin/v1/stores', { code: 'S 1', name: '' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/code.*name|name.*code/);
  });

  // Two HQ processes share a database only on PostgreSQL (PGlite allows one).
  if (kind === 'postgres')
    it('ends the stream a device holds on another HQ process when it is revoked on this one', async () => {
      const other = await startServer({ port: 0, catalogPollMs: 100, databaseUrl: backend.databaseUrl });
      try {
        const device = await enrolDevice(
          other.url,
          async () => (await admin(hq, 'POST', '/admin/v1/enrolment-codes', { store: 'S003' })).body,
        );
        const stream = await openStream(other.url, device.token);
        await admin(hq, 'POST', `/admin/v1/devices/${device.deviceId}/revoke`);
        await expect.poll(() => stream.ended).toBe(true);
        expect(stream.text).toContain('event: revoked');
        expect((await call(other.url, 'GET', '/v1/stock', { token: device.token })).status).toBe(403);
      } finally {
        await other.close();
      }
    });
});
