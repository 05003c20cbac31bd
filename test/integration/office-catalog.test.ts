// The catalog in the back office (server/catalog/office-routes.ts) over real HTTP, on PGlite and on a
// real PostgreSQL: search as you type (GTIN with and without its leading zeros, PLU, names in any
// language), a product edit that terminals pull with their next catalog page, store prices, dated price
// changes scheduled and cancelled (and the terminal's feed saying so), import jobs with progress and the
// CLI's line-numbered errors — each change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrolmentCode,
  deleteCatalogEntries,
  importCatalogCsv,
  startServer,
  type RunningServer,
} from '../../server';
import {
  BACKENDS,
  call,
  enrolDevice,
  startBackend,
  type TestBackend,
  type TestDevice,
} from '../helpers/postgres';

const TOKEN = 'office-catalog-admin-token-0123456789';
const OFFICE_CATALOG = [
  'barcode,name,price,tax_rate,unit,department,plu,name_zh-CN',
  '6901234567892,Whole Milk 1 l,12.90,9,each,Dairy,,全脂牛奶 1升',
  '6901234567908,Milk Chocolate 100 g,9.90,13,each,Sweets,,牛奶巧克力',
  '4006381333931,Bananas,6.98,9,kg,Produce,4011,香蕉',
  '0012345678905,Organic Bananas,9.98,9,kg,Produce,94011,有机香蕉',
  '96385074,Green Tea 500 ml,4.50,13,each,Drinks,,绿茶',
  '4002000000000,Rye 100% Bread,8.50,9,each,Bakery,,黑麦面包',
].join('\n');

describe.each(BACKENDS)('the back office catalog on %s', (kind) => {
  let backend: TestBackend;
  let hq: RunningServer;
  let lane: TestDevice;
  const admin = (method: string, path: string, body?: unknown, rawBody?: string) =>
    call(hq.url, method, path, {
      token: TOKEN,
      body,
      rawBody,
      headers: rawBody === undefined ? {} : { 'content-type': 'text/csv' },
    });
  const names = async (q: string, more = '') =>
    (await admin('GET', `/admin/v1/products?q=${encodeURIComponent(q)}${more}`)).body.products.map(
      (p: { name: string }) => p.name,
    );
  const auditOf = async (action: string) =>
    (
      await hq.db.query<{ target_id: string; before: unknown; after: unknown; store_code: string | null }>(
        'SELECT target_id, before, after, store_code FROM office_audit WHERE action = $1 ORDER BY at',
        [action],
      )
    ).rows;
  /** Where the lane's catalog feed is now: the cursor after every change so far. */
  const laneCursor = async () => {
    let cursor = '0';
    for (;;) {
      const page = await call(hq.url, 'GET', `/v1/catalog?after=${cursor}&limit=5000`, { token: lane.token });
      cursor = page.body.nextCursor;
      if (!page.body.more) return cursor;
    }
  };
  const catalogVersion = async () =>
    Number((await hq.db.query<{ version: string }>('SELECT version FROM catalog_version')).rows[0]!.version);

  beforeAll(async () => {
    backend = await startBackend(kind);
    hq = await startServer({
      port: 0,
      adminToken: TOKEN,
      ...(backend.dataDir ? { dataDir: backend.dataDir } : { databaseUrl: backend.databaseUrl }),
    });
    expect(await importCatalogCsv(hq.db, OFFICE_CATALOG)).toMatchObject({ ok: true, rows: 6 });
    lane = await enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'S001'));
    await createEnrolmentCode(hq.db, 'S002');
  });
  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
  });

  it('finds products as they are typed: names in any language, GTINs with or without zeros, PLUs', async () => {
    expect(await names('milk')).toEqual(['Milk Chocolate 100 g', 'Whole Milk 1 l']);
    expect(await names('MILK c')).toEqual(['Milk Chocolate 100 g']);
    expect(await names('牛奶')).toEqual(['Milk Chocolate 100 g', 'Whole Milk 1 l']);
    expect(await names('香')).toEqual(['Bananas', 'Organic Bananas']);
    expect(await names('有机')).toEqual(['Organic Bananas']);
    expect(await names('g')).toEqual(['Green Tea 500 ml']); // one letter: names starting with it
    expect(await names('100%')).toEqual(['Rye 100% Bread']); // % is a letter, not a wildcard
    expect(await names('6901234')).toEqual(['Whole Milk 1 l', 'Milk Chocolate 100 g']);
    expect(await names('06901234')).toEqual(['Whole Milk 1 l', 'Milk Chocolate 100 g']);
    expect(await names('1234567')).toEqual(['Organic Bananas']); // UPC-A 012345678905 typed without zeros
    expect(await names('9638')).toEqual(['Green Tea 500 ml']); // an EAN-8
    expect(await names('4011')).toEqual(['Bananas']); // PLU
    expect(await names('9401')).toEqual(['Organic Bananas']);
    expect(await names('zzz')).toEqual([]);

    const first = await admin('GET', '/admin/v1/products?q=milk&limit=1');
    expect(first.body.products.map((p: { name: string }) => p.name)).toEqual(['Milk Chocolate 100 g']);
    expect(await names('milk', `&limit=1&after=${first.body.next}`)).toEqual(['Whole Milk 1 l']);
    expect((await admin('GET', '/admin/v1/products?limit=0')).status).toBe(400);
  });

  it('edits a product: the catalog version moves and the lane’s next catalog page carries it, audited', async () => {
    const before = await catalogVersion();
    const cursor = await laneCursor();
    const edited = await admin('PATCH', '/admin/v1/products/6901234567892', {
      name: 'Whole Milk 1 l (fresh)',
      price: '13.50',
      names: { 'zh-CN': '鲜全脂牛奶 1升', en: 'Whole Milk' },
      netContent: '1 l',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ changed: true, version: before + 1 });
    expect(edited.body.product).toMatchObject({ price: 1350, names: { 'zh-CN': '鲜全脂牛奶 1升' } });

    const page = await call(hq.url, 'GET', `/v1/catalog?after=${cursor}`, { token: lane.token });
    expect(page.body.items).toEqual([
      expect.objectContaining({
        gtin: '06901234567892',
        name: 'Whole Milk 1 l (fresh)',
        price: 1350,
        netContent: { amount: 1000, unit: 'ml' },
      }),
    ]);
    expect(await names('鲜全脂')).toEqual(['Whole Milk 1 l (fresh)']); // the grams follow the names
    const [audit] = await auditOf('product.update');
    expect(audit).toMatchObject({
      target_id: '06901234567892',
      before: { price: 1290 },
      after: { price: 1350 },
    });

    // The same values again change nothing and take no version; a bad value changes nothing at all.
    const again = await admin('PATCH', '/admin/v1/products/6901234567892', { price: '13.50' });
    expect(again.body).toMatchObject({ changed: false, version: null });
    const bad = await admin('PATCH', '/admin/v1/products/6901234567892', {
      plu: '12',
      netContent: '5 parsecs',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/plu "12" is not a produce PLU.*net_content "5 parsecs"/);
    const taken = await admin('PATCH', '/admin/v1/products/6901234567892', { plu: '4011' });
    expect(taken.body.error).toMatchObject({
      code: 'plu_taken',
      message: 'PLU 4011 is already Bananas (4006381333931)',
    });
    expect(await catalogVersion()).toBe(before + 1);
  });

  it('sets and removes a store’s price; only that store’s lanes see it', async () => {
    const cursor = await laneCursor();
    const set = await admin('PUT', '/admin/v1/products/96385074/store-prices/S001', { price: '3.99' });
    expect(set.body.product.storePrices).toEqual([expect.objectContaining({ store: 'S001', price: 399 })]);
    const page = await call(hq.url, 'GET', `/v1/catalog?after=${cursor}`, { token: lane.token });
    expect(page.body.items).toEqual([expect.objectContaining({ gtin: '00000096385074', price: 399 })]);
    expect(await names('green', '&store=S001')).toEqual(['Green Tea 500 ml']);
    const found = await admin('GET', '/admin/v1/products?q=green&store=S001');
    expect(found.body.products[0]).toMatchObject({ price: 450, storePrice: 399 });

    const removed = await admin('DELETE', '/admin/v1/products/96385074/store-prices/S001');
    expect(removed.body.product.storePrices).toEqual([]);
    const back = await call(hq.url, 'GET', `/v1/catalog?after=${page.body.nextCursor}`, {
      token: lane.token,
    });
    expect(back.body.items).toEqual([expect.objectContaining({ gtin: '00000096385074', price: 450 })]);
    expect((await auditOf('store_price.set'))[0]).toMatchObject({
      store_code: 'S001',
      after: { price: 399 },
    });
    expect((await auditOf('store_price.remove'))[0]).toMatchObject({ before: { price: 399 }, after: null });
    const bad = await admin('PUT', '/admin/v1/products/96385074/store-prices/S001', { price: '3.999' });
    expect(bad.body.error.message).toBe('price "3.999" is not an amount like 12.50 in CNY');
    const nowhere = await admin('PUT', '/admin/v1/products/96385074/store-prices/S999', { price: '3' });
    expect(nowhere.status).toBe(404);
  });

  it('schedules a dated price change, lists it, and cancels it: the lane’s price feed drops it', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await admin('POST', '/admin/v1/products/4002000000000/price-changes', {
      price: '7.90',
      effectiveAt: at,
    });
    expect(scheduled.status).toBe(201);
    const { id } = scheduled.body.change;
    expect(scheduled.body.change).toMatchObject({
      price: 790,
      store: null,
      status: 'upcoming',
      by: 'admin token',
    });
    const feed = await call(hq.url, 'GET', '/v1/prices?after=0', { token: lane.token });
    expect(feed.body.changes).toEqual([expect.objectContaining({ id, price: 790, effectiveAt: at })]);

    const cancelled = await admin('DELETE', `/admin/v1/price-changes/${id}`);
    expect(cancelled.body.change).toMatchObject({ status: 'cancelled' });
    const after = await call(hq.url, 'GET', `/v1/prices?after=${feed.body.nextCursor}`, {
      token: lane.token,
    });
    expect(after.body.changes).toEqual([expect.objectContaining({ id, cancelled: true })]);
    expect((await admin('DELETE', `/admin/v1/price-changes/${id}`)).body.error.code).toBe(
      'already_cancelled',
    );
    const listed = await admin('GET', '/admin/v1/products/4002000000000/price-changes');
    expect(listed.body.changes).toEqual([expect.objectContaining({ id, status: 'cancelled' })]);
    expect((await auditOf('price_change.cancel'))[0]).toMatchObject({ before: { id, price: 790 } });

    const past = await admin('POST', '/admin/v1/products/4002000000000/price-changes', {
      price: '7.90',
      effectiveAt: '2020-01-01T00:00:00Z',
    });
    expect(past.body.error.message).toBe(
      '2020-01-01T00:00:00Z has passed: a price change must take effect in the future',
    );
  });

  it('imports a CSV as a job: progress to done, or the CLI’s line-numbered errors and nothing written', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `${gtin13(200000000000 + i)},Bulk item ${i},1.${i % 10}0`,
    );
    const started = await admin(
      'POST',
      '/admin/v1/catalog/import-jobs?file=bulk.csv',
      undefined,
      `barcode,name,price\n${rows.join('\n')}\n`,
    );
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ totalLines: 3001, fileName: 'bulk.csv', kind: 'catalog' });
    const done = await pollJob(started.body.job.id);
    expect(done).toMatchObject({ status: 'done', rows: 3000, changed: 3000, linesDone: 3001 });
    expect(await catalogVersion()).toBe(done.version);
    expect(await names('bulk item 2999')).toEqual(['Bulk item 2999']);
    await deleteCatalogEntries(hq.db, [gtin13(200000002999)]);
    expect(await names('bulk item 2999')).toEqual([]); // a deleted product is found no more
    expect((await auditOf('catalog.import')).at(-1)).toMatchObject({
      target_id: done.id,
      after: { rows: 3000 },
    });

    const badCsv =
      'barcode,name,price\n6901234567892,Milk,12,50\n123,Bread,8.50\n4006381333931,Bananas,abc\n';
    const cli = await importCatalogCsv(hq.db, badCsv);
    const refused = await pollJob(
      (await admin('POST', '/admin/v1/catalog/import-jobs', undefined, badCsv)).body.job.id,
    );
    expect(refused).toMatchObject({ status: 'failed', message: 'nothing was imported: 3 problems' });
    expect(cli.ok ? [] : cli.errors).toEqual(refused.errors);
    expect(refused.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);

    // A store's prices: every barcode must be a chain product (found while writing: still all or nothing).
    const storeCsv = 'barcode,name,price\n96385074,Green Tea,4.20\n5901234123457,Unknown,1.00\n';
    const storeJob = await pollJob(
      (await admin('POST', '/admin/v1/catalog/import-jobs?store=S001', undefined, storeCsv)).body.job.id,
    );
    expect(storeJob.errors).toEqual([
      {
        line: 3,
        message:
          'barcode "5901234123457" is not in the chain catalog; a store can only set prices of chain products',
      },
    ]);
    expect((await admin('GET', '/admin/v1/products/96385074')).body.product.storePrices).toEqual([]);
    const listed = await admin('GET', '/admin/v1/catalog/import-jobs');
    expect(listed.body.jobs.map((j: { status: string }) => j.status)).toEqual(['failed', 'failed', 'done']);
  });

  async function pollJob(id: string) {
    let job: { status: string } & Record<string, unknown> = { status: 'validating' };
    await expect
      .poll(
        async () => {
          job = (await admin('GET', `/admin/v1/catalog/import-jobs/${id}`)).body.job;
          return job.status;
        },
        { timeout: 20_000 },
      )
      .toMatch(/^(done|failed)$/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return job as any;
  }
});

/** The GTIN-13 of 12 digits (with its check digit). */
function gtin13(body12: number): string {
  const digits = String(body12).padStart(12, '0');
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + ((10 - (sum % 10)) % 10);
}
