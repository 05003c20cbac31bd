// The store key provisioned by HQ and HQ's list of lanes, end to end: a real HQ on PGlite, real
// terminals (startTerminal on real SQLite) enrolled with it, the lane link over real HTTP on loopback,
// and no `lanes.key` in any settings.json.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrolmentCode,
  importCatalogCsv,
  rotateStoreKey,
  startServer,
  type RunningServer,
} from '../../server';
import type { LaneBoardView } from '../../services/api/lanes-contract';
import {
  createHqClient,
  enrolTerminal,
  loadCredentials,
  loadStoreLink,
  storeLinkPath,
} from '../../services/sync';
import { startTerminal, type Terminal } from '../../services/terminal';
import { eventually, PRODUCTS, value, WALLET } from '../helpers/checkout';
import { laneDataDir } from '../helpers/lanes';
import { call, enrolDevice, startBackend, type TestBackend } from '../helpers/postgres';

let backend: TestBackend;
let hq: RunningServer;
const dirs: string[] = [];
const running = new Set<Terminal>();

beforeAll(async () => {
  backend = await startBackend('pglite');
  hq = await startServer({ port: 0, dataDir: backend.dataDir });
});

afterAll(async () => {
  await hq?.close();
  await backend?.stop();
});

afterEach(async () => {
  for (const terminal of running) await terminal.close();
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A terminal's data directory with no store key in its settings, enrolled with HQ in `store`. */
async function enrolled(
  store: string,
  id: string,
  role: 'kiosk' | 'attendant',
  consoleUrl: string | null = null,
) {
  const dir = laneDataDir(id, role, { key: null, console: consoleUrl, offlineSeconds: 2 });
  dirs.push(dir);
  const { code } = await createEnrolmentCode(hq.db, store);
  await enrolTerminal({ dataDir: dir, serverUrl: hq.url, code, terminalName: id });
  return dir;
}

async function start(dir: string): Promise<Terminal> {
  const terminal = await startTerminal({ dataDir: dir, sync: { intervalMs: 60_000, backoffMs: 200 } });
  running.add(terminal);
  return terminal;
}

const board = async (console: Terminal): Promise<LaneBoardView> =>
  value(await console.api['lanes.board']({}));
const keyOf = (dir: string) => loadStoreLink(dir)?.storeKey ?? null;

describe('the store key from HQ', () => {
  it('comes with the enrolment answer, the same for every device of the store, and another store’s differs', async () => {
    const a = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'KEYS1'), 'K01');
    const first = await call(hq.url, 'POST', '/v1/enrol', {
      body: { code: (await createEnrolmentCode(hq.db, 'KEYS1')).code, terminalName: 'K02' },
    });
    const other = await call(hq.url, 'POST', '/v1/enrol', {
      body: { code: (await createEnrolmentCode(hq.db, 'KEYS2')).code },
    });
    expect(first.status).toBe(201);
    expect(first.body.storeKey).toMatch(/^[\w-]{43}$/);
    expect(other.body.storeKey).toMatch(/^[\w-]{43}$/);
    expect(other.body.storeKey).not.toBe(first.body.storeKey);

    // POST /v1/link: the same key, and the store's kiosks once they said who they are.
    const linked = await call(hq.url, 'POST', '/v1/link', {
      token: a.token,
      body: { terminalId: 'K01', role: 'kiosk' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({
      storeCode: 'KEYS1',
      storeKey: first.body.storeKey,
      previousStoreKey: null,
      lanes: [{ terminalId: 'K01', name: 'K01' }],
      storeName: null, // a store made by an enrolment code has no name until the office gives it one
    });
  });

  it('refuses a link request without a token or with a bad body, naming the field', async () => {
    const device = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'KEYS3'), 'K01');
    expect(
      (await call(hq.url, 'POST', '/v1/link', { body: { terminalId: 'K01', role: 'kiosk' } })).status,
    ).toBe(401);
    const bad = await call(hq.url, 'POST', '/v1/link', {
      token: device.token,
      body: { terminalId: 'K 01', role: 'till' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/terminalId/);
    expect(bad.body.error.message).toMatch(/role/);
    const none = await call(hq.url, 'POST', '/v1/link', { token: device.token, rawBody: 'nope' });
    expect(none.status).toBe(400);
  });

  it('is saved 0600 at enrolment, and a rotation reaches the terminal on its next sync with the old key kept for the grace', async () => {
    const dir = await enrolled('ROT1', 'K01', 'kiosk');
    const first = keyOf(dir);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(statSync(storeLinkPath(dir)).mode & 0o777).toBe(0o600);

    const rotation = await rotateStoreKey(hq.db, 'ROT1', 600);
    expect(Date.parse(rotation.previousUntil) - Date.parse(rotation.rotatedAt)).toBe(600_000);
    const kiosk = await start(dir);
    // Enrolled, but no console set up: the kiosk opens nothing on the LAN, and says why.
    expect(kiosk.laneLinkPort).toBeNull();
    expect(value(await kiosk.api['lane.self']({})).link).toEqual({
      on: false,
      problem: expect.stringMatching(/No attendant console/),
    });
    value(await kiosk.api['sync.now']({}));
    await eventually('the new key on the terminal', async () => keyOf(dir) !== first);
    expect(loadStoreLink(dir)).toMatchObject({ previousStoreKey: first, lanes: [{ terminalId: 'K01' }] });

    // No grace (a stolen key): the old one is no longer given out.
    await rotateStoreKey(hq.db, 'ROT1', 0);
    value(await kiosk.api['sync.now']({}));
    await eventually('the old key gone', async () => loadStoreLink(dir)?.previousStoreKey === null);
    await expect(rotateStoreKey(hq.db, 'NOSUCH')).rejects.toThrow(/no store "NOSUCH"/);
  });

  it('names the store: an enrolled till goes by HQ’s name on its screens and receipts, and follows a rename', async () => {
    const dir = await enrolled('NAME1', 'K01', 'kiosk');
    await hq.db.query(`UPDATE stores SET name = 'Riverside' WHERE code = 'NAME1'`);
    const { milk } = PRODUCTS;
    const catalog = `barcode,name,price,tax_rate,unit\n${milk.barcode},${milk.name},12.90,9,each`;
    expect((await importCatalogCsv(hq.db, catalog, { currency: 'CNY' })).ok).toBe(true);
    const kiosk = await start(dir);
    const renamed: string[] = [];
    kiosk.subscribe((event) => {
      if (event.type === 'settings.changed') renamed.push(event.settings.storeName);
    });
    // settings.json still says the demo name; the first sync brings HQ's.
    expect(value(await kiosk.api['settings.get']({})).storeName).toBe('OpenLane Demo Market');
    value(await kiosk.api['sync.now']({}));
    await eventually('HQ’s name on the till', async () => renamed.includes('Riverside'));
    expect(value(await kiosk.api['settings.get']({})).storeName).toBe('Riverside');
    expect(await receiptStoreName(kiosk)).toBe('Riverside');

    // Renamed in the office: the next sync renames the till, and a restart keeps the name HQ gave.
    await hq.db.query(`UPDATE stores SET name = 'Riverside Market' WHERE code = 'NAME1'`);
    value(await kiosk.api['sync.now']({}));
    await eventually('the new name', async () => renamed.includes('Riverside Market'));
    await kiosk.close();
    running.delete(kiosk);
    const again = await start(dir);
    expect(value(await again.api['session.get']({})).settings.storeName).toBe('Riverside Market');
  });
});

describe('an HQ older than the store key', () => {
  let old: Server;
  let oldUrl: string;
  beforeAll(async () => {
    // What an HQ before the lane link answers: enrolment without a key, no /v1/link at all.
    old = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/enrol') {
        res
          .writeHead(201)
          .end(JSON.stringify({ deviceId: randomUUID(), secret: 's3cret', storeCode: 'OLD' }));
      } else if (req.url === '/v1/token') {
        res.end(
          JSON.stringify({
            token: 't',
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
            storeCode: 'OLD',
          }),
        );
      } else {
        res
          .writeHead(404)
          .end(JSON.stringify({ ok: false, error: { code: 'not_found', message: 'no route' } }));
      }
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    const address = old.address();
    oldUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => old.close(() => resolve())));

  it('still enrols; no store key is saved and the link stays off until settings give one', async () => {
    const dir = laneDataDir('K01', 'kiosk', { key: null });
    dirs.push(dir);
    const credentials = await enrolTerminal({ dataDir: dir, serverUrl: oldUrl, code: '7K2M-Q9XD-4HVA-P03R' });
    expect(credentials.storeCode).toBe('OLD');
    expect(loadCredentials(dir)?.storeCode).toBe('OLD');
    expect(existsSync(storeLinkPath(dir))).toBe(false);
    expect(await createHqClient(credentials).link!({ terminalId: 'K01', role: 'kiosk' })).toBeNull();
  });
});

describe('terminals enrolled with one HQ, no lanes.key anywhere', () => {
  it('link: the lane reports to the console, its Help is acknowledged, and a kiosk HQ knows shows as never seen', async () => {
    const consoleDir = await enrolled('LINK1', 'C01', 'attendant');
    const console = await start(consoleDir);
    expect(console.laneLinkPort).not.toBeNull();
    const url = `http://127.0.0.1:${console.laneLinkPort}`;
    const lane = await start(await enrolled('LINK1', 'K01', 'kiosk', url));
    await eventually('K01 online at the console', async () =>
      (await board(console)).lanes.some((l) => l.laneId === 'K01' && l.online),
    );
    value(await lane.api['lane.callHelp']({}));
    const queued = await eventually(
      'Help in the queue',
      async () => (await board(console)).queue.find((c) => c.laneId === 'K01' && c.kind === 'help') ?? null,
    );
    value(await console.api['lanes.acknowledge']({ laneId: 'K01', callId: queued.id }));
    expect(value(await lane.api['lane.self']({})).help?.status).toBe('coming');

    // A kiosk enrolled and synced with HQ, never started near this console: HQ lists it.
    const absent = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'LINK1'), 'Door lane');
    await call(hq.url, 'POST', '/v1/link', {
      token: absent.token,
      body: { terminalId: 'K09', role: 'kiosk' },
    });
    value(await console.api['sync.now']({}));
    const k09 = await eventually(
      'K09 on the board',
      async () => (await board(console)).lanes.find((l) => l.laneId === 'K09') ?? null,
    );
    expect(k09).toMatchObject({ name: 'Door lane', online: false, lastSeenAt: null, calls: [] });
    // The console itself is no lane.
    expect((await board(console)).lanes.map((l) => l.laneId)).toEqual(['K01', 'K09']);
  });

  it('a kiosk enrolled while it runs starts its link with the key it was given, no restart', async () => {
    const console = await start(await enrolled('LINK3', 'C01', 'attendant'));
    const url = `http://127.0.0.1:${console.laneLinkPort}`;
    const laneDir = laneDataDir('K01', 'kiosk', { key: null, console: url });
    dirs.push(laneDir);
    const lane = await start(laneDir);
    expect(lane.laneLinkPort).toBeNull();
    expect(value(await lane.api['lane.self']({})).link).toMatchObject({ on: false });

    const { code } = await createEnrolmentCode(hq.db, 'LINK3');
    await enrolTerminal({ dataDir: laneDir, serverUrl: hq.url, code, terminalName: 'K01' });
    await eventually('K01 online at the console', async () =>
      (await board(console)).lanes.some((l) => l.laneId === 'K01' && l.online),
    );
    expect(lane.laneLinkPort).not.toBeNull();
    expect(value(await lane.api['lane.self']({})).link).toEqual({ on: true, problem: null });
  });

  it('keep talking through a rotation: the console with the new key still hears a lane that has not synced', async () => {
    const consoleDir = await enrolled('LINK2', 'C01', 'attendant');
    const console = await start(consoleDir);
    const url = `http://127.0.0.1:${console.laneLinkPort}`;
    const laneDir = await enrolled('LINK2', 'K01', 'kiosk', url);
    const lane = await start(laneDir);
    await eventually('K01 online', async () => (await board(console)).lanes.some((l) => l.online));
    const old = keyOf(laneDir);

    await rotateStoreKey(hq.db, 'LINK2', 600);
    value(await console.api['sync.now']({}));
    await eventually('the console has the new key', async () => keyOf(consoleDir) !== old);
    expect(keyOf(laneDir)).toBe(old);
    // The lane, still on the old key, raises a call: the console takes it.
    value(await lane.api['lane.callHelp']({}));
    await eventually('Help from the lane on the old key', async () =>
      (await board(console)).queue.some((c) => c.kind === 'help'),
    );
    // The console, signing with the new key, commands the lane that knows only the old one.
    value(await console.api['lanes.setMode']({ laneId: 'K01', mode: 'paused' }));
    expect(value(await lane.api['lane.self']({})).mode).toBe('paused');

    value(await lane.api['sync.now']({}));
    await eventually('the lane has the new key', async () => keyOf(laneDir) === keyOf(consoleDir));
    value(await console.api['lanes.setMode']({ laneId: 'K01', mode: 'open' }));
    expect(value(await lane.api['lane.self']({})).mode).toBe('open');
    expect(readFileSync(join(laneDir, 'settings.json'), 'utf8')).toContain('"key": null');
  });
});

/** The store name on the receipt of a one-item sale paid by wallet code (the sale is then finished). */
async function receiptStoreName(terminal: Terminal): Promise<string> {
  const api = terminal.api;
  value(await api['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' }));
  const paid = value(await api['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
  expect(paid.status).toBe('paid');
  const name = value(await api['session.get']({})).receipt?.storeName ?? '';
  value(await api['sale.finish']({}));
  return name;
}
