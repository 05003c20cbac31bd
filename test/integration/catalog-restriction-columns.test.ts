// The catalog file's `max_per_basket` and `no_sale` columns, end to end on real parts, on PGlite and on
// PostgreSQL: the back office's import job over HTTP and `openlane server catalog import` as a real
// process (the same importer: all or nothing, line-numbered errors), a file without the columns leaving
// HQ's restrictions as they are, saves that change nothing taking no catalog version (the lanes' pulls
// see none), and an enrolled lane refusing the second whisky its imported limit allows no more of.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { startTerminal } from '../../services/terminal';
import { value } from '../helpers/checkout';
import { runOpenlane } from '../helpers/cli';
import {
  BACKENDS,
  call,
  enrolDevice,
  startBackend,
  type TestBackend,
  type TestDevice,
} from '../helpers/postgres';
import { syncDataDir } from '../helpers/sync-data-dir';

const ADMIN = 'restriction-columns-admin-token-0123456789';
const WHISKY = withCheckDigit('690123450101');
const BEER = withCheckDigit('690123450102');
const GIN = withCheckDigit('690123450103');
const HEADER = 'barcode,name,price,tax_rate,unit,age_limit,department,name_zh-CN,name_en';
const ROWS = [
  `${WHISKY},Whisky 700 ml,199.00,13,each,18,Alcohol,威士忌,Whisky`,
  `${BEER},Beer 500 ml,6.50,13,each,18,Alcohol,啤酒,Beer`,
  `${GIN},Gin 700 ml,99.00,13,each,18,Alcohol,金酒,Gin`,
];
/** Last month's file: no restriction columns at all. */
const PLAIN = [HEADER, ...ROWS].join('\n');
const withColumns = (cells: Record<string, string>) =>
  [`${HEADER},max_per_basket,no_sale`, ...ROWS.map((row) => `${row},${cells[row.slice(0, 13)] ?? ','}`)].join(
    '\n',
  );

describe.each(BACKENDS)('restriction columns of the catalog file on %s', (kind) => {
  let backend: TestBackend;
  let hq: RunningServer;
  let lane: TestDevice;
  let root: string;
  let terminalData: string;
  let cursor = '0';
  const admin = (method: string, path: string, body?: unknown, csv?: string) =>
    call(hq.url, method, path, {
      token: ADMIN,
      body,
      rawBody: csv,
      headers: csv === undefined ? {} : { 'content-type': 'text/csv' },
    });
  const restrictionsOf = async (gtin: string) => {
    const { maxPerBasket, noSale } = (await admin('GET', `/admin/v1/products/${gtin}/restrictions`)).body
      .restrictions;
    return { maxPerBasket, noSale };
  };
  /** A lane's pull from where it last was: the catalog version HQ names and the items it brings. */
  const pull = async () => {
    const page = await call(hq.url, 'GET', `/v1/catalog?after=${cursor}&limit=5000`, { token: lane.token });
    expect(page.status).toBe(200);
    cursor = page.body.nextCursor;
    return {
      version: page.body.catalogVersion as number,
      items: page.body.items as { gtin: string; maxPerBasket?: number | null; noSale?: unknown }[],
    };
  };
  const audits = async () =>
    Number((await hq.db.query<{ n: unknown }>('SELECT count(*) AS n FROM office_audit')).rows[0]!.n);
  const job = async (csv: string) => {
    const started = await admin(
      'POST',
      '/admin/v1/catalog/import-jobs?file=restrictions.csv',
      undefined,
      csv,
    );
    expect(started.status).toBe(202);
    let done: { status: string } & Record<string, unknown> = { status: 'validating' };
    await expect
      .poll(
        async () => {
          done = (await admin('GET', `/admin/v1/catalog/import-jobs/${started.body.job.id}`)).body.job;
          return done.status;
        },
        { timeout: 10_000 },
      )
      .toMatch(/^(done|failed)$/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return done as any;
  };
  const start = async (port = 0) =>
    startServer({
      port,
      adminToken: ADMIN,
      ...(backend.dataDir ? { dataDir: backend.dataDir } : { databaseUrl: backend.databaseUrl }),
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-restriction-columns-'));
    terminalData = join(root, 'terminal');
    backend = await startBackend(kind);
    hq = await start();
    expect(await importCatalogCsv(hq.db, PLAIN)).toMatchObject({ ok: true, rows: 3 });
    lane = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'S001'));
    openTerminalStore(terminalData).db.close();
    const { code } = await createEnrolmentCode(hq.db, 'S001');
    await enrolTerminal({ dataDir: terminalData, serverUrl: hq.url, code, terminalName: 'K01' });
    await pull();
  });

  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('imports the limits and hours by the office’s import job; a bad cell is named by line, nothing written', async () => {
    const bad = await job(withColumns({ [WHISKY]: '1,', [BEER]: '0,', [GIN]: ',late' }));
    expect(bad).toMatchObject({ status: 'failed', message: 'nothing was imported: 2 problems' });
    expect(bad.errors).toEqual([
      { line: 3, message: 'max_per_basket "0" must be a whole number from 1 to 9999 (empty for no maximum)' },
      { line: 4, message: expect.stringMatching(/^no_sale "late" is not no-sale hours .*like 22:00-07:00/) },
    ]);
    expect(await restrictionsOf(WHISKY)).toEqual({ maxPerBasket: null, noSale: null });

    const done = await job(withColumns({ [WHISKY]: '1,22:00-07:00', [BEER]: ',any', [GIN]: ',' }));
    expect(done).toMatchObject({ status: 'done', rows: 3, changed: 2 });
    expect(await restrictionsOf(WHISKY)).toEqual({
      maxPerBasket: 1,
      noSale: [{ from: '22:00', to: '07:00' }],
    });
    expect(await restrictionsOf(BEER)).toEqual({ maxPerBasket: null, noSale: [] });
    expect(await restrictionsOf(GIN)).toEqual({ maxPerBasket: null, noSale: null });
    const pulled = await pull();
    expect(pulled.version).toBe(done.version);
    expect(pulled.items.map((i) => [i.gtin, i.maxPerBasket, i.noSale])).toEqual([
      [`0${WHISKY}`, 1, [{ from: '22:00', to: '07:00' }]],
      [`0${BEER}`, null, []],
    ]);
  });

  it('re-imports last month’s file without the columns: restrictions kept, no version, no audit row', async () => {
    const { version } = await pull();
    const audited = await audits();
    const again = await job(PLAIN);
    expect(again).toMatchObject({ status: 'done', rows: 3, changed: 0, version });
    expect(await pull()).toEqual({ version, items: [] });
    expect(await audits()).toBe(audited);
    expect(await restrictionsOf(WHISKY)).toEqual({
      maxPerBasket: 1,
      noSale: [{ from: '22:00', to: '07:00' }],
    });
    // The same file with the columns, once more: nothing changes either.
    const same = await job(withColumns({ [WHISKY]: '1,22:00-07:00', [BEER]: ',ANY', [GIN]: ',' }));
    expect(same).toMatchObject({ status: 'done', changed: 0, version });
    expect((await pull()).version).toBe(version);
  });

  it('imports the same columns with `openlane server catalog import`: all or nothing', async () => {
    const files = { bad: join(root, 'bad.csv'), good: join(root, 'good.csv') };
    writeFileSync(files.bad, withColumns({ [GIN]: '3,22:00-25:00', [BEER]: '10000,' }));
    writeFileSync(files.good, withColumns({ [WHISKY]: '1,22:00-07:00', [GIN]: '3,' }));
    // A PGlite directory is one process's: HQ steps aside while the command runs, and comes back.
    const port = Number(new URL(hq.url).port);
    await hq.close();
    const where = backend.dataDir ? ['--data', backend.dataDir] : ['--database', backend.databaseUrl!];
    try {
      const refused = await runOpenlane(['server', 'catalog', 'import', files.bad, ...where]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/line 3: max_per_basket "10000" must be a whole number from 1 to 9999/);
      expect(refused.stderr).toMatch(/line 4: no_sale "22:00-25:00" is not no-sale hours/);
      const imported = await runOpenlane(['server', 'catalog', 'import', files.good, ...where]);
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      // The beer's "any hour" is cleared by its empty cell (it follows its department again); the gin gets 3.
      expect(imported.stdout).toMatch(/Imported 3 rows into the chain catalog: 2 changed/);
      const version = /catalog version (\d+)/.exec(imported.stdout)?.[1];
      // The same file again changes nothing and takes no version.
      const again = await runOpenlane(['server', 'catalog', 'import', files.good, ...where]);
      expect(again.stdout).toContain(
        `3 rows into the chain catalog: nothing changed, the catalog stays at version ${version}.`,
      );
    } finally {
      hq = await start(port);
    }
    expect(await restrictionsOf(BEER)).toEqual({ maxPerBasket: null, noSale: null });
    expect(await restrictionsOf(GIN)).toEqual({ maxPerBasket: 3, noSale: null });
    expect((await pull()).items.map((i) => i.gtin)).toEqual([`0${BEER}`, `0${GIN}`]);
    // Three processes each opening the database (PGlite: a second start of it) on a loaded machine.
  }, 180_000);

  it('takes no catalog version for a product or restriction save that changes nothing, and one for a real change', async () => {
    const { version } = await pull();
    const audited = await audits();
    // The names in the other order than HQ keeps them, the price as it is: the same product.
    const edit = await admin('PATCH', `/admin/v1/products/${GIN}`, {
      names: { en: 'Gin', 'zh-CN': '金酒' },
      price: '99.00',
    });
    expect(edit.body).toMatchObject({ changed: false, version: null });
    const reversed = await admin('PATCH', `/admin/v1/products/${GIN}`, {
      names: { 'zh-CN': '金酒', en: 'Gin' },
    });
    expect(reversed.body).toMatchObject({ changed: false, version: null });
    const same = await admin('PUT', `/admin/v1/products/${GIN}/restrictions`, {
      ageLimit: 18,
      noSale: null,
      maxPerBasket: 3,
    });
    expect(same.body).toMatchObject({ ok: true, changed: false });
    expect(await pull()).toEqual({ version, items: [] });
    expect(await audits()).toBe(audited);

    const real = await admin('PUT', `/admin/v1/products/${GIN}/restrictions`, {
      ageLimit: 18,
      noSale: null,
      maxPerBasket: 4,
    });
    expect(real.body).toMatchObject({ changed: true, restrictions: { maxPerBasket: 4 } });
    const afterRestriction = await pull();
    expect(afterRestriction.version).toBe(version + 1);
    expect(afterRestriction.items).toEqual([expect.objectContaining({ gtin: `0${GIN}`, maxPerBasket: 4 })]);
    const renamed = await admin('PATCH', `/admin/v1/products/${GIN}`, { price: '98.00' });
    expect(renamed.body).toMatchObject({ changed: true, version: version + 2 });
    // A product edit keeps the restrictions it does not touch.
    expect((await pull()).items).toEqual([expect.objectContaining({ price: 9800, maxPerBasket: 4 })]);
    expect(await audits()).toBe(audited + 2);
  });

  it('reaches an enrolled lane by sync, which refuses a second whisky', async () => {
    await syncDataDir(terminalData);
    const noon = new Date(2026, 0, 5, 12, 0);
    const terminal = await startTerminal({
      dataDir: terminalData,
      clock: () => noon,
      sync: { intervalMs: 600_000 },
    });
    try {
      const scan = () => terminal.api['basket.addScan']({ code: WHISKY, source: 'keypad' });
      value(await scan());
      expect(await scan()).toMatchObject({
        ok: false,
        error: {
          code: 'restricted_quantity',
          message: 'Whisky 700 ml: at most 1 per basket (this would make 2)',
        },
      });
    } finally {
      await terminal.close();
    }
  });
});
