// A store manager and an auditor signed in for real (a session cookie and its CSRF token, over HTTP),
// on devices, recalls and reports (server/office/access.ts): the manager of S002 sees S002's devices,
// sales and Z reports only, may not touch S001's terminals, and may not recall (a category manager's and
// an admin's work); the auditor reads every store and every change they try is refused, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { createOfficeUser, OFFICE_ADMIN_TOKEN, signInByApi, type ApiSession } from '../helpers/office';
import { call, enrolDevice, startBackend, type TestBackend, type TestDevice } from '../helpers/postgres';
import { counterSale, TEA } from '../helpers/refund-hq';
import { zReportEvent } from '../helpers/z-report-event';

const SOLD_AT = new Date('2026-03-01T05:00:00Z');
const RANGE = 'from=2026-03-01&to=2026-03-01';

describe('a store manager and an auditor, signed in', () => {
  let backend: TestBackend;
  let hq: RunningServer;
  let s001: TestDevice;
  let s002: TestDevice;
  let manager: ApiSession;
  let auditor: ApiSession;
  let recallId: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(hq.url, method, path, { token: OFFICE_ADMIN_TOKEN, body });
  const refusal = (reply: Awaited<ReturnType<typeof call>>, code: string) =>
    expect(reply, JSON.stringify(reply.body)).toMatchObject({
      status: 403,
      body: { ok: false, error: { code } },
    });

  beforeAll(async () => {
    backend = await startBackend('pglite');
    hq = await startServer({ port: 0, dataDir: backend.dataDir, adminToken: OFFICE_ADMIN_TOKEN });
    expect((await importCatalogCsv(hq.db, `barcode,name,price\n${TEA},Oolong tea,1000\n`)).ok).toBe(true);
    s001 = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'S001'), 'C01');
    s002 = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'S002'), 'C01');
    for (const [device, number] of [
      [s001, 1],
      [s002, 2],
    ] as const) {
      const events = [
        counterSale(device.storeCode, 'C01', SOLD_AT).event,
        zReportEvent({ number, closedAt: '2026-03-01T09:00:00.000Z', expectedCash: 23_000 }),
      ];
      const sent = await call(hq.url, 'POST', '/v1/events', { token: device.token, body: { events } });
      expect(sent.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    }
    const recall = await admin('POST', '/admin/v1/recalls', { gtin: TEA, reason: 'glass in a batch' });
    expect(recall.status).toBe(201);
    recallId = recall.body.recall.id;
    const made = await createOfficeUser(hq, { name: 'wang', role: 'store_manager', stores: ['S002'] });
    manager = await signInByApi(hq.url, made.name, made.password);
    const reader = await createOfficeUser(hq, { name: 'li', role: 'auditor' });
    auditor = await signInByApi(hq.url, reader.name, reader.password);
  });
  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
  });

  it('shows the store manager only their store’s devices, sales and Z reports', async () => {
    const devices = await manager.call('GET', '/admin/v1/devices');
    expect(devices.status).toBe(200);
    expect(
      devices.body.devices.map((d: { deviceId: string; storeCode: string }) => [d.deviceId, d.storeCode]),
    ).toEqual([[s002.deviceId, 'S002']]);
    refusal(await manager.call('GET', '/admin/v1/devices?store=S001'), 'forbidden_store');

    const sales = await manager.call('GET', `/admin/v1/reports/sales?${RANGE}`);
    expect(sales.status).toBe(200);
    expect(sales.body.byStore).toEqual([expect.objectContaining({ store: 'S002', sales: 1 })]);
    refusal(await manager.call('GET', `/admin/v1/reports/sales?${RANGE}&stores=S001`), 'forbidden_store');

    const z = await manager.call('GET', `/admin/v1/reports/z-reports?${RANGE}`);
    expect(z.status).toBe(200);
    expect(z.body.zReports.map((r: { store: string; number: number }) => [r.store, r.number])).toEqual([
      ['S002', 2],
    ]);
    refusal(await manager.call('GET', `/admin/v1/reports/z-reports?${RANGE}&stores=S001`), 'forbidden_store');
  });

  it('refuses the store manager another store’s device and every recall change', async () => {
    const revoke = await manager.call('POST', `/admin/v1/devices/${s001.deviceId}/revoke`);
    refusal(revoke, 'forbidden_store');
    expect(revoke.body.error.message).toContain('S001');
    refusal(
      await manager.call('POST', '/admin/v1/recalls', { body: { gtin: TEA, reason: 'mine' } }),
      'forbidden',
    );
    refusal(await manager.call('POST', `/admin/v1/recalls/${recallId}/end`), 'forbidden');
    // Reading recalls is for everyone: a store's lanes refuse what is recalled.
    expect((await manager.call('GET', '/admin/v1/recalls')).body.recalls).toHaveLength(1);
  });

  it('lets the auditor read every store, and refuses every change they try', async () => {
    const devices = await auditor.call('GET', '/admin/v1/devices');
    expect(devices.body.devices.map((d: { storeCode: string }) => d.storeCode).sort()).toEqual([
      'S001',
      'S002',
    ]);
    const sales = await auditor.call('GET', `/admin/v1/reports/sales?${RANGE}`);
    expect(sales.body.byStore.map((s: { store: string }) => s.store)).toEqual(['S001', 'S002']);
    const z = await auditor.call('GET', `/admin/v1/reports/z-reports?${RANGE}`);
    expect(z.body.zReports.map((r: { store: string }) => r.store).sort()).toEqual(['S001', 'S002']);
    expect((await auditor.call('GET', `/admin/v1/recalls/${recallId}/attempts`)).status).toBe(200);

    for (const [method, path, body] of [
      ['POST', `/admin/v1/devices/${s001.deviceId}/revoke`, undefined],
      ['POST', `/admin/v1/devices/${s002.deviceId}/revoke`, undefined],
      ['POST', '/admin/v1/enrolment-codes', { store: 'S001' }],
      ['POST', '/admin/v1/stores', { code: 'S003', name: 'Harbour' }],
      ['PUT', '/admin/v1/stores/S001/time-zone', { timeZone: 'Asia/Shanghai' }],
      ['POST', '/admin/v1/recalls', { gtin: TEA, reason: 'audit' }],
      ['POST', `/admin/v1/recalls/${recallId}/end`, undefined],
    ] as const) {
      const reply = await auditor.call(method, path, body === undefined ? {} : { body });
      refusal(reply, 'forbidden');
      expect(reply.body.error.message, path).toContain('auditor may not');
    }

    // Nothing changed: both devices work, one store more is not there, the recall is still on.
    const after = await admin('GET', '/admin/v1/devices');
    expect(after.body.devices.map((d: { revokedAt: string | null }) => d.revokedAt)).toEqual([null, null]);
    expect((await admin('GET', '/admin/v1/stores')).body.stores.map((s: { code: string }) => s.code)).toEqual(
      ['S001', 'S002'],
    );
    const recalls = await admin('GET', '/admin/v1/recalls');
    expect(recalls.body.recalls).toEqual([expect.objectContaining({ id: recallId, endedAt: null })]);
  });

  it('lets the store manager revoke a terminal of their own store', async () => {
    const revoked = await manager.call('POST', `/admin/v1/devices/${s002.deviceId}/revoke`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.device).toMatchObject({ deviceId: s002.deviceId, revoked: true, revokedBy: 'wang' });
  });
});
