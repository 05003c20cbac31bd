// Sale restrictions set at HQ reach the lane (issue 14), on real parts: an HQ on PGlite and on
// PostgreSQL, its admin API (audited), the catalog feed and GET /v1/sale-rules over HTTP, an enrolled
// terminal's SQLite store, and the lane's own checkout refusing a scan beyond HQ's limit and in HQ's
// hours — with the store's settings.json rule for the same department taking precedence.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { findProduct } from '../../db/catalog';
import { hqDepartmentRules } from '../../db/sale-rules';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { startTerminal } from '../../services/terminal';
import { value } from '../helpers/checkout';
import { BACKENDS, call, startBackend, type TestBackend } from '../helpers/postgres';
import { syncDataDir } from '../helpers/sync-data-dir';

const ADMIN = 'restrictions-admin-token-0123456789';
const WHISKY = '6901234500127';
const BEER = '6901234500134';
const CATALOG = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  `${WHISKY},Whisky 700 ml,199.00,13,each,18,Alcohol`,
  `${BEER},Beer 500 ml,6.50,13,each,18,Alcohol`,
].join('\n');
// Local times on the lane's clock: the hours are read in the terminal's zone.
const NOON = new Date(2026, 0, 5, 12, 0);
const LATE = new Date(2026, 0, 5, 23, 0);

describe.each(BACKENDS)('sale restrictions from HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let root: string;
  let data: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(server.url, method, path, { token: ADMIN, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-hq-restrictions-'));
    data = join(root, 'terminal');
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: ADMIN,
    });
    expect(await importCatalogCsv(server.db, CATALOG)).toMatchObject({ ok: true });
    openTerminalStore(data).db.close();
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'K01' });
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('sets a product’s limit, age and the department’s hours at HQ, audited, and refuses bad ones', async () => {
    const set = await admin('PUT', `/admin/v1/products/${WHISKY}/restrictions`, {
      ageLimit: 21,
      noSale: null,
      maxPerBasket: 2,
    });
    expect(set).toMatchObject({ status: 200, body: { ok: true, changed: true } });
    const rule = await admin('PUT', '/admin/v1/department-rules/Alcohol', {
      noSale: [{ from: '22:00', to: '07:00' }],
      maxPerBasket: null,
    });
    expect(rule).toMatchObject({ status: 200, body: { changed: true, rules: [{ department: 'Alcohol' }] } });
    const read = await admin('GET', `/admin/v1/products/0${WHISKY}/restrictions`);
    expect(read.body).toMatchObject({
      restrictions: {
        gtin: `0${WHISKY}`,
        ageLimit: 21,
        noSale: null,
        maxPerBasket: 2,
        departmentRule: { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }] },
      },
    });
    const audit = await server.db.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM office_audit WHERE target_type IN ('product', 'department_rule') ORDER BY at`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'product.restrictions',
        before: { ageLimit: 18, noSale: null, maxPerBasket: null },
        after: { ageLimit: 21, noSale: null, maxPerBasket: 2 },
      },
      {
        action: 'department_rule.create',
        before: null,
        after: { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }], maxPerBasket: null },
      },
    ]);
    // Bad input is named and changes nothing.
    const bad = await admin('PUT', `/admin/v1/products/${WHISKY}/restrictions`, {
      ageLimit: 21,
      noSale: [{ from: '22:00', to: '25:00' }],
      maxPerBasket: 0,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/noSale/);
    expect(JSON.stringify(bad.body)).toMatch(/maxPerBasket/);
    expect(
      (await admin('GET', `/admin/v1/products/${withCheckDigit('690123459999')}/restrictions`)).status,
    ).toBe(404);
    expect((await admin('DELETE', '/admin/v1/department-rules/Bakery')).status).toBe(404);
  });

  it('reaches the enrolled lane by sync, which refuses the third whisky and beer at night', async () => {
    await syncDataDir(data);
    const held = openTerminalStore(data);
    try {
      // The age change at HQ reached the lane, and so did the department's hours.
      expect(findProduct(held.db, `0${WHISKY}`)?.ageLimit).toBe(21);
      expect(hqDepartmentRules(held.db)).toEqual([
        { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }], maxPerBasket: null },
      ]);
    } finally {
      held.db.close();
    }
    let now = NOON;
    const terminal = await startTerminal({ dataDir: data, clock: () => now, sync: { intervalMs: 600_000 } });
    try {
      const scan = (code: string) => terminal.api['basket.addScan']({ code, source: 'keypad' });
      value(await scan(WHISKY));
      value(await scan(WHISKY));
      expect(await scan(WHISKY)).toMatchObject({
        ok: false,
        error: {
          code: 'restricted_quantity',
          message: 'Whisky 700 ml: at most 2 per basket (this would make 3)',
        },
      });
      value(await terminal.api['basket.cancel']({}));
      now = LATE;
      expect(await scan(BEER)).toMatchObject({
        ok: false,
        error: { code: 'restricted_hours', message: 'Beer 500 ml is not sold from 22:00 to 07:00' },
      });
      // The whisky keeps its department's hours: its own rule sets only a maximum.
      expect(await scan(WHISKY)).toMatchObject({ ok: false, error: { code: 'restricted_hours' } });
    } finally {
      await terminal.close();
    }
  });

  it('lets the store’s own rule for the department win over HQ’s, and hears a removal', async () => {
    const settingsFile = join(data, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      settingsFile,
      JSON.stringify({
        ...settings,
        restrictions: { rules: [{ department: 'alcohol', noSale: [{ from: '23:30', to: '06:00' }] }] },
      }),
    );
    const terminal = await startTerminal({ dataDir: data, clock: () => LATE, sync: { intervalMs: 600_000 } });
    try {
      // 23:00: inside HQ's 22:00–07:00, outside the store's 23:30–06:00, which governs this store.
      value(await terminal.api['basket.addScan']({ code: BEER, source: 'keypad' }));
      value(await terminal.api['basket.cancel']({}));
    } finally {
      await terminal.close();
    }
    writeFileSync(settingsFile, JSON.stringify(settings));
    expect((await admin('DELETE', '/admin/v1/department-rules/ALCOHOL')).body).toMatchObject({
      removed: true,
      rules: [],
    });
    await syncDataDir(data);
    const held = openTerminalStore(data);
    try {
      expect(hqDepartmentRules(held.db)).toEqual([]);
    } finally {
      held.db.close();
    }
  });
});
