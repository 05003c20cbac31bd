// HQ's catalog: CSV import chain-wide and per store, the versioned feed a terminal pulls (paged,
// tombstones, snapshot), a late-committing writer that no reader may skip, and the event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../core/types';
import { createEnrolmentCode, deleteCatalogEntries, importCatalogCsv, startServer } from '../../server';
import type { CatalogItem, RunningServer } from '../../server';
import { tokenKey } from '../../server/auth/enrolment';
import { signToken } from '../../server/auth/tokens';
import { currentCatalogVersion, takeCatalogVersion } from '../../server/catalog/version';
import { upsertChainProducts } from '../../server/catalog/write';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

const ADMIN = 'admin-token-for-the-catalog-tests';
const HEADER = 'barcode,name,price,tax_rate,unit,age_limit,department';
const CHAIN = [
  HEADER,
  '6901234567892,Jasmine Rice 5 kg,59.90,9,each,,Pantry',
  '2400001000005,"Apples, Fuji",12.80,9,kg,,Produce',
  '6909876543212,Tsingtao Beer 500 ml,6.50,13,each,18,Alcohol',
  '4006381333931,Stabilo Pen,3.20,13,each,,Office',
  '5901234123457,Green Tea,4.50,13,each,,Drinks',
].join('\n');

/** A valid EAN-13 for a number: 12 digits and the GS1 check digit. */
function ean13(n: number): string {
  const body = `690${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

describe.each(BACKENDS)('HQ catalog on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let url: string;
  let storeA: TestDevice;
  let storeB: TestDevice;

  /** Pulls every page after `after` the way a terminal does; returns the items and the final cursor. */
  const pull = async (device: TestDevice, after = '0', limit = 1000) => {
    const items: CatalogItem[] = [];
    let cursor = after;
    for (let page = 0; page < 1000; page++) {
      const reply = await call(url, 'GET', `/v1/catalog?after=${cursor}&limit=${limit}`, {
        token: device.token,
      });
      expect(reply.status).toBe(200);
      items.push(...(reply.body.items as CatalogItem[]));
      cursor = reply.body.nextCursor as string;
      if (!reply.body.more) break;
    }
    return { items, cursor };
  };
  const byGtin = (items: CatalogItem[]) => new Map(items.map((i) => [i.gtin, i]));

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      catalogPollMs: 50,
      adminToken: ADMIN,
    });
    url = server.url;
    storeA = await enrolDevice(url, () => createEnrolmentCode(server.db, 'A01'));
    storeB = await enrolDevice(url, () => createEnrolmentCode(server.db, 'B01'));
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('imports the terminal CSV format chain-wide and serves it as a snapshot', async () => {
    const result = await importCatalogCsv(server.db, CHAIN);
    expect(result).toEqual({ ok: true, rows: 5, changed: 5, version: 1, store: null, withNetContent: 0 });
    const { items, cursor } = await pull(storeA);
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.version === 1 && !i.deleted)).toBe(true);
    expect(items.map((i) => i.gtin)).toEqual([...items.map((i) => i.gtin)].sort());
    expect(byGtin(items).get('02400001000005')).toEqual({
      gtin: '02400001000005',
      version: 1,
      deleted: false,
      barcode: '2400001000005',
      name: 'Apples, Fuji',
      currency: 'CNY',
      price: 1280,
      taxRateBp: 900,
      unit: 'kg',
      ageLimit: null,
      department: 'Produce',
      // This file has no name_<tag>, plu or grid column: none, and not in the produce grid.
      names: null,
      plu: null,
      grid: false,
      netContent: null,
      // No sale restrictions of its own (issue 14): its department's, if any.
      noSale: null,
      maxPerBasket: null,
    });
    expect(cursor).toBe('1:06909876543212');
    const caughtUp = await call(url, 'GET', `/v1/catalog?after=${cursor}`, { token: storeA.token });
    expect(caughtUp.body).toMatchObject({
      ok: true,
      items: [],
      nextCursor: cursor,
      more: false,
      catalogVersion: 1,
    });
  });

  it('pages by (version, gtin) with nothing lost or repeated', async () => {
    const whole = await pull(storeA);
    const paged = await pull(storeA, '0', 2);
    expect(paged.items).toEqual(whole.items);
    expect(paged.cursor).toBe(whole.cursor);
  });

  it('refuses a bad file whole, naming every bad line, and changes nothing', async () => {
    const before = await currentCatalogVersion(server.db);
    const bad = [
      HEADER,
      '6901234567892,Rice,59.90,9,each,,',
      '6901234567893,Bad check,1.00,9,each,,',
      '5901234123457,,abc,9,each,,',
    ].join('\n');
    const result = await importCatalogCsv(server.db, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 4]);
    expect(result.errors.map((e) => e.message).join(' ')).toMatch(
      /check digit.*name is missing.*price "abc"/s,
    );
    expect(await currentCatalogVersion(server.db)).toBe(before);
    expect(byGtin((await pull(storeA)).items).get('06901234567892')).toMatchObject({
      name: 'Jasmine Rice 5 kg',
    });
  });

  it('gives one store its own prices and every other store the chain price', async () => {
    const start = (await pull(storeA)).cursor;
    const startB = (await pull(storeB)).cursor;
    const result = await importCatalogCsv(
      server.db,
      [HEADER, '6901234567892,Jasmine Rice 5 kg,55.00,9,each,,Pantry'].join('\n'),
      {
        store: 'A01',
      },
    );
    expect(result).toMatchObject({ ok: true, rows: 1, changed: 1, version: 2, store: 'A01' });
    const changedA = await pull(storeA, start);
    expect(changedA.items).toMatchObject([
      { gtin: '06901234567892', version: 2, price: 5500, name: 'Jasmine Rice 5 kg' },
    ]);
    expect((await pull(storeB, startB)).items).toEqual([]);
    expect(byGtin((await pull(storeB)).items).get('06901234567892')).toMatchObject({ price: 5990 });
    expect(byGtin((await pull(storeA)).items).get('06901234567892')).toMatchObject({
      price: 5500,
      version: 2,
    });

    // A chain change to the product keeps the store's price, and reaches both stores once.
    await importCatalogCsv(
      server.db,
      [HEADER, '6901234567892,Jasmine Rice 5kg bag,61.00,9,each,,Pantry'].join('\n'),
    );
    const afterChain = await pull(storeA, changedA.cursor);
    expect(afterChain.items).toMatchObject([
      { gtin: '06901234567892', version: 3, price: 5500, name: 'Jasmine Rice 5kg bag' },
    ]);
    expect((await pull(storeB, startB)).items).toMatchObject([
      { gtin: '06901234567892', version: 3, price: 6100 },
    ]);
  });

  it('refuses a store price for a product the chain does not sell, naming the line', async () => {
    const result = await importCatalogCsv(
      server.db,
      [HEADER, '5901234123457,Green Tea,4.00,13,each,,', '4006381333948,Ghost,1.00,13,each,,'].join('\n'),
      {
        store: 'A01',
      },
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [{ line: 3, message: expect.stringMatching(/not in the chain catalog/) }],
    });
    expect(byGtin((await pull(storeA)).items).get('05901234123457')).toMatchObject({ price: 450 });
  });

  it('changes nothing and sends nothing when the same file is imported again', async () => {
    const { cursor } = await pull(storeA);
    const again = await importCatalogCsv(
      server.db,
      CHAIN.replace('Jasmine Rice 5 kg,59.90', 'Jasmine Rice 5kg bag,61.00'),
    );
    expect(again).toMatchObject({ ok: true, rows: 5, changed: 0 });
    expect((await pull(storeA, cursor)).items).toEqual([]);
  });

  it('sends deletes as tombstones, and leaves them out of a new snapshot', async () => {
    const { cursor } = await pull(storeA);
    const { cursor: cursorB } = await pull(storeB);
    const deleted = await deleteCatalogEntries(server.db, ['4006381333931']);
    expect(deleted.deleted).toBe(1);
    expect((await pull(storeA, cursor)).items).toEqual([
      { gtin: '04006381333931', version: deleted.version, deleted: true },
    ]);
    const snapshot = await pull(storeA);
    expect(snapshot.items.map((i) => i.gtin)).not.toContain('04006381333931');
    expect(snapshot.items).toHaveLength(4);

    // Removing a store's override gives that store the chain price again.
    const removed = await deleteCatalogEntries(server.db, ['6901234567892'], { store: 'A01' });
    expect((await pull(storeA, cursor)).items).toContainEqual(
      expect.objectContaining({ gtin: '06901234567892', price: 6100, version: removed.version }),
    );
    expect((await pull(storeB, cursorB)).items.map((i) => i.gtin)).toEqual(['04006381333931']);
  });

  it('delivers a delete made during a snapshot download', async () => {
    const first = await call(url, 'GET', '/v1/catalog?after=0&limit=2', { token: storeB.token });
    const seen = (first.body.items as CatalogItem[]).map((i) => i.gtin);
    expect(first.body.nextCursor).toMatch(/^\d+:\d{14}:\d+$/); // the snapshot's start rides in the cursor
    const { version } = await deleteCatalogEntries(server.db, [seen[0]!]);
    const rest = await pull(storeB, first.body.nextCursor as string);
    expect(rest.items).toContainEqual({ gtin: seen[0], version, deleted: true });
  });

  it('loads and pages a catalog of a few thousand products', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `${ean13(i + 1)},Item ${i + 1},${(i % 90) + 1}.00,13,each,,Bulk`,
    );
    const result = await importCatalogCsv(server.db, [HEADER, ...rows].join('\n'), { batchSize: 700 });
    expect(result).toMatchObject({ ok: true, rows: 3000, changed: 3000 });
    const { items } = await pull(storeA, '0', 1000);
    expect(new Set(items.map((i) => i.gtin)).size).toBe(items.length);
    expect(items.filter((i) => !i.deleted && i.department === 'Bulk')).toHaveLength(3000);
  });

  it('imports, deletes and makes enrolment codes over the admin API, for the admin token only', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    const csv = { ...admin, 'content-type': 'text/csv' };
    const rows = [HEADER, '5901234123457,Green Tea,3.90,13,each,,Drinks'].join('\n');
    const imported = await call(url, 'POST', '/admin/v1/catalog/import?store=B01', {
      headers: csv,
      rawBody: rows,
    });
    expect(imported).toMatchObject({ status: 200, body: { ok: true, rows: 1, changed: 1, store: 'B01' } });
    expect(byGtin((await pull(storeB)).items).get('05901234123457')).toMatchObject({ price: 390 });

    const bad = await call(url, 'POST', '/admin/v1/catalog/import', {
      headers: csv,
      rawBody: `${HEADER}\n123,X,1,,,,`,
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'catalog_invalid', details: { errors: [{ line: 2 }] } } },
    });

    const removed = await call(url, 'POST', '/admin/v1/catalog/delete', {
      headers: admin,
      body: { barcodes: ['5901234123457'], store: 'B01' },
    });
    expect(removed).toMatchObject({ status: 200, body: { ok: true, deleted: 1 } });
    expect(byGtin((await pull(storeB)).items).get('05901234123457')).not.toMatchObject({ price: 390 });

    const made = await call(url, 'POST', '/admin/v1/enrolment-codes', {
      headers: admin,
      body: { store: 'C01' },
    });
    expect(made).toMatchObject({
      status: 201,
      body: { ok: true, storeCode: 'C01', code: expect.any(String) },
    });
    const enrolled = await call(url, 'POST', '/v1/enrol', { body: { code: made.body.code } });
    expect(enrolled).toMatchObject({ status: 201, body: { storeCode: 'C01' } });
    const devices = await call(url, 'GET', '/admin/v1/devices?store=C01', { headers: admin });
    expect(devices.body.devices).toMatchObject([
      { deviceId: enrolled.body.deviceId, clockSkewMs: null, revoked: false },
    ]);

    const version = await currentCatalogVersion(server.db);
    const attempts: [Record<string, string>, string][] = [
      [{}, 'signed_out'],
      [{ authorization: 'Bearer wrong-token' }, 'admin_token_invalid'],
      [{ authorization: `Bearer ${storeA.token}` }, 'admin_token_invalid'],
    ];
    for (const [headers, code] of attempts) {
      const refused = await call(url, 'POST', '/admin/v1/catalog/import', {
        headers: { ...headers, 'content-type': 'text/csv' },
        rawBody: rows,
      });
      expect(refused).toMatchObject({ status: 401, body: { error: { code } } });
    }
    expect(await currentCatalogVersion(server.db)).toBe(version);
  });

  it('refuses a malformed cursor or limit', async () => {
    const badCursor = await call(url, 'GET', '/v1/catalog?after=x1', { token: storeA.token });
    expect(badCursor).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_cursor' } } });
    const badLimit = await call(url, 'GET', '/v1/catalog?limit=100000', { token: storeA.token });
    expect(badLimit).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/limit/) } },
    });
  });

  it('tells connected terminals of a new catalog version', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/stream`, {
      headers: { authorization: `Bearer ${storeA.token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextVersion = async (): Promise<number> => {
      for (;;) {
        const match = /event: catalog\nid: \d+\ndata: \{"version":(\d+)\}\n\n/.exec(text);
        if (match) {
          text = text.slice(match.index + match[0].length);
          return Number(match[1]);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += decoder.decode(value);
      }
    };
    const now = await currentCatalogVersion(server.db);
    expect(await nextVersion()).toBe(now);
    await importCatalogCsv(server.db, [HEADER, '5901234123457,Green Tea,4.80,13,each,,Drinks'].join('\n'));
    expect(await nextVersion()).toBe(now + 1);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('ends a stream when its token expires, so a revoked device cannot keep listening', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: storeA.deviceId, store: '', storeCode: 'A01', iat: now, exp: now + 1 };
    const { rows } = await server.db.query<{ id: string }>("SELECT id FROM stores WHERE code = 'A01'");
    const token = signToken({ ...claims, store: rows[0]!.id }, await tokenKey(server.db));
    const response = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const text = await response.text(); // resolves only when the server ends the stream
    expect(text).toMatch(/event: catalog\n[\s\S]*event: token-expired\n/);
  });

  // The counter row is what keeps a slow writer's version from being skipped. Real PostgreSQL runs
  // writers and readers on separate connections at once; PGlite has one connection and queues them.
  if (kind === 'postgres')
    it('never lets a reader skip a version committed late (two connections)', async () => {
      const { cursor: start } = await pull(storeA);
      const product = (gtin: string, name: string): Product => ({
        gtin,
        barcode: gtin.slice(1),
        name,
        price: 100,
        taxRateBp: 1300,
        unit: 'each',
        ageLimit: null,
        department: null,
      });
      const gate = () => {
        let open!: () => void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        return { open, opened };
      };
      const aWrote = gate();
      const aCommit = gate();
      const bWrote = gate();
      const bCommit = gate();
      let bVersion = 0;
      // A takes a version and writes, then waits before committing: the slow transaction.
      const a = server.db.transaction(async (tx) => {
        const v = await takeCatalogVersion(tx);
        await upsertChainProducts(tx, [product('09990000000017', 'Late A')], 'CNY', v);
        aWrote.open();
        await aCommit.opened;
        return v;
      });
      await aWrote.opened;
      // B starts after A and would commit first, but has to wait for A's lock on the counter.
      const b = server.db.transaction(async (tx) => {
        bVersion = await takeCatalogVersion(tx);
        await upsertChainProducts(tx, [product('09990000000024', 'Early B')], 'CNY', bVersion);
        bWrote.open();
        await bCommit.opened;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bVersion).toBe(0); // still blocked on the counter row

      const between = await pull(storeA, start);
      expect(between.items).toEqual([]);
      expect(between.cursor).toBe(start);

      aCommit.open();
      const aVersion = await a;
      await bWrote.opened;
      expect(bVersion).toBe(aVersion + 1);
      const afterA = await pull(storeA, between.cursor);
      expect(afterA.items.map((i) => [i.gtin, i.version])).toEqual([['09990000000017', aVersion]]);

      bCommit.open();
      await b;
      const afterB = await pull(storeA, afterA.cursor);
      expect(afterB.items.map((i) => [i.gtin, i.version])).toEqual([['09990000000024', bVersion]]);
    });
  else
    it('makes a reader wait for an open catalog writer, then see its row', async () => {
      const { cursor: start } = await pull(storeA);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      const writer = server.db.transaction(async (tx) => {
        const v = await takeCatalogVersion(tx);
        await upsertChainProducts(
          tx,
          [
            {
              gtin: '09990000000031',
              barcode: '9990000000031',
              name: 'Late',
              price: 1,
              taxRateBp: 0,
              unit: 'each',
              ageLimit: null,
              department: null,
            },
          ],
          'CNY',
          v,
        );
        wrote();
        await held;
        return v;
      });
      await written;
      let answered = false;
      const reading = pull(storeA, start).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
      release();
      const version = await writer;
      expect((await reading).items.map((i) => [i.gtin, i.version])).toEqual([['09990000000031', version]]);
    });
});
