// Editing in the back office over real HTTP, on PGlite and a real PostgreSQL, as signed-in users of each
// role: a store renamed and moved to another zone from its page, a draft PO's lines changed (a sent one
// refused), and the audit log read a page at a time, older and newer, its filters kept — every change
// audited with its before and after, and every bad request a clear 400 that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogCsv, startServer, type RunningServer } from '../../server';
import { PRODUCTS } from '../helpers/checkout';
import {
  createOfficeUser,
  OFFICE_ADMIN,
  OFFICE_ADMIN_TOKEN,
  signInByApi,
  type ApiSession,
} from '../helpers/office';
import { BACKENDS, call, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map((p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},13,each,,Test`),
].join('\n');

describe.each(BACKENDS)('editing stores and draft POs, and paging the audit log, on %s', (kind) => {
  let backend: TestBackend;
  let hq: RunningServer;
  let admin: ApiSession;
  let manager: ApiSession;
  let auditor: ApiSession;
  let category: ApiSession;

  const auditRows = async (action: string, target: string) =>
    (
      await hq.db.query<{ actor_name: string; before: unknown; after: unknown }>(
        'SELECT actor_name, before, after FROM office_audit WHERE action = $1 AND target_id = $2 ORDER BY at',
        [action, target],
      )
    ).rows.map((r) => ({
      by: r.actor_name,
      before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before,
      after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
    }));
  const storeRow = async (code: string) =>
    (
      await hq.db.query<{ name: string | null; time_zone: string }>(
        'SELECT name, time_zone FROM stores WHERE code = $1',
        [code],
      )
    ).rows[0];
  const poLines = async (number: string) =>
    (
      await hq.db.query<{ gtin: string; expected: unknown }>(
        `SELECT l.gtin, l.expected FROM expected_delivery_lines l JOIN expected_deliveries d ON d.id = l.delivery_id
         WHERE d.number = $1 ORDER BY l.position`,
        [number],
      )
    ).rows.map((l) => [l.gtin, Number(l.expected)]);

  beforeAll(async () => {
    backend = await startBackend(kind);
    hq = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: OFFICE_ADMIN_TOKEN,
    });
    expect((await importCatalogCsv(hq.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    await call(hq.url, 'POST', '/admin/v1/first-admin', { token: OFFICE_ADMIN_TOKEN, body: OFFICE_ADMIN });
    admin = await signInByApi(hq.url, OFFICE_ADMIN.name, OFFICE_ADMIN.password);
    const users = [
      { name: 'mei', role: 'store_manager' as const, stores: ['S001'] },
      { name: 'eve', role: 'auditor' as const },
      { name: 'cat', role: 'category_manager' as const },
    ];
    const [m, a, c] = await Promise.all(users.map((u) => createOfficeUser(hq, u)));
    for (const store of ['S002']) {
      await call(hq.url, 'POST', '/admin/v1/enrolment-codes', { token: OFFICE_ADMIN_TOKEN, body: { store } });
    }
    manager = await signInByApi(hq.url, m!.name, m!.password);
    auditor = await signInByApi(hq.url, a!.name, a!.password);
    category = await signInByApi(hq.url, c!.name, c!.password);
  });
  afterAll(async () => {
    await hq?.close();
    await backend?.stop();
  });

  it('renames a store and moves it to another zone, audited; refuses bad input and other roles', async () => {
    const renamed = await admin.call('PATCH', '/admin/v1/stores/S001', {
      body: { name: 'Riverside', timeZone: 'asia/shanghai' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.store).toMatchObject({ code: 'S001', name: 'Riverside', timeZone: 'Asia/Shanghai' });
    expect(await auditRows('store.update', 'S001')).toEqual([
      {
        by: OFFICE_ADMIN.name,
        before: { name: null, timeZone: 'UTC' },
        after: { name: 'Riverside', timeZone: 'Asia/Shanghai' },
      },
    ]);
    // Saving the page unchanged changes nothing and adds no audit row.
    expect((await admin.call('PATCH', '/admin/v1/stores/S001', { body: { name: 'Riverside' } })).status).toBe(
      200,
    );
    expect(await auditRows('store.update', 'S001')).toHaveLength(1);

    const refusals: [ApiSession, string, unknown, number, string, RegExp][] = [
      [admin, 'S001', { timeZone: 'Mars/Olympus' }, 400, 'unknown_time_zone', /not a time zone HQ knows/],
      [admin, 'S001', { name: '  ' }, 400, 'bad_request', /name: must not be empty/],
      [admin, 'S001', { name: 'A\u0007B' }, 400, 'bad_request', /control characters/],
      [admin, 'S001', {}, 400, 'bad_request', /give a name or a timeZone/],
      [admin, 'S001', { name: 'X', code: 'S9' }, 400, 'bad_request', /code/],
      [admin, 'S0-1', { name: 'X' }, 400, 'bad_request', /letters, digits/],
      [admin, 'S404', { name: 'X' }, 404, 'store_not_found', /no store S404/],
      [manager, 'S002', { name: 'Mine now' }, 403, 'forbidden_store', /no access to store S002/],
      [auditor, 'S001', { name: 'X' }, 403, 'forbidden', /auditor may not/],
      [category, 'S001', { name: 'X' }, 403, 'forbidden', /category manager may not/],
    ];
    for (const [who, store, body, status, code, message] of refusals) {
      const reply = await who.call('PATCH', `/admin/v1/stores/${store}`, { body });
      expect([reply.status, reply.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
      expect(JSON.stringify(reply.body.error)).toMatch(message);
    }
    expect(await storeRow('S001')).toEqual({ name: 'Riverside', time_zone: 'Asia/Shanghai' });
    expect(await storeRow('S002')).toEqual({ name: null, time_zone: 'UTC' });

    // A store's own manager may rename it, as they may set its zone.
    const own = await manager.call('PATCH', '/admin/v1/stores/S001', { body: { name: 'Riverside Market' } });
    expect([own.status, own.body.store.name]).toEqual([200, 'Riverside Market']);
    expect((await auditRows('store.update', 'S001'))[1]).toEqual({
      by: 'mei',
      before: { name: 'Riverside' },
      after: { name: 'Riverside Market' },
    });
  });

  it("changes a draft PO's lines, audited; refuses bad lines, other stores, and a sent PO", async () => {
    const made = await manager.call('POST', '/admin/v1/purchase-orders', {
      body: { store: 'S001', number: 'PO-E1', supplier: 'Acme', lines: [{ gtin: milk.gtin, quantity: 6 }] },
    });
    expect(made.status).toBe(201);
    const edit = (who: ApiSession, lines: unknown, store = 'S001', number = 'PO-E1') =>
      who.call('PUT', `/admin/v1/purchase-orders/${number}/lines?store=${store}`, { body: { lines } });

    const changed = await edit(manager, [
      { gtin: milk.barcode, quantity: 10 },
      { gtin: bread.gtin, quantity: 3 },
    ]);
    expect(changed.status).toBe(200);
    expect(changed.body.purchaseOrder).toMatchObject({ state: 'draft', lines: 2, expected: 13 });
    expect(await poLines('PO-E1')).toEqual([
      [milk.gtin, 10],
      [bread.gtin, 3],
    ]);
    expect(await auditRows('purchase_order.update', 'PO-E1')).toEqual([
      {
        by: 'mei',
        before: { lines: [{ gtin: milk.gtin, quantity: 6 }] },
        after: {
          lines: [
            { gtin: milk.gtin, quantity: 10 },
            { gtin: bread.gtin, quantity: 3 },
          ],
        },
      },
    ]);

    const refusals: [ApiSession, unknown, string, number, string, RegExp][] = [
      [manager, [{ gtin: milk.gtin, quantity: 0 }], 'S001', 400, 'po_invalid', /line 1: quantity must be/],
      [
        manager,
        [
          { gtin: milk.gtin, quantity: 1 },
          { gtin: milk.barcode, quantity: 2 },
        ],
        'S001',
        400,
        'po_invalid',
        /line 2: barcode .* is listed twice/,
      ],
      [manager, [], 'S001', 400, 'bad_request', /at least one line/],
      [
        manager,
        [{ gtin: gum.gtin, quantity: 1 }],
        'S001',
        422,
        'unknown_product',
        /not in the chain catalog/,
      ],
      [
        manager,
        [{ gtin: milk.gtin, quantity: 1 }],
        'S002',
        403,
        'forbidden_store',
        /no access to store S002/,
      ],
      [auditor, [{ gtin: milk.gtin, quantity: 1 }], 'S001', 403, 'forbidden', /auditor may not/],
      [admin, [{ gtin: milk.gtin, quantity: 1 }], 'S002', 404, 'po_not_found', /S002 has no purchase order/],
    ];
    for (const [who, lines, store, status, code, message] of refusals) {
      const reply = await edit(who, lines, store);
      expect([reply.status, reply.body.error?.code], JSON.stringify(lines)).toEqual([status, code]);
      expect(JSON.stringify(reply.body.error)).toMatch(message);
    }
    expect(await poLines('PO-E1')).toHaveLength(2);

    expect((await admin.call('POST', '/admin/v1/purchase-orders/PO-E1/send?store=S001')).status).toBe(200);
    const late = await edit(admin, [{ gtin: milk.gtin, quantity: 99 }]);
    expect([late.status, late.body.error.code]).toEqual([409, 'po_sent']);
    expect(late.body.error.message).toMatch(/already sent to store S001, so it can no longer be edited/);
    expect(await poLines('PO-E1')).toEqual([
      [milk.gtin, 10],
      [bread.gtin, 3],
    ]);
    expect(await auditRows('purchase_order.update', 'PO-E1')).toHaveLength(1);
  });

  it('pages the audit log older and newer by cursor, its filter kept, entries of one instant split right', async () => {
    // Nine entries of one action, three of them at the very same instant (ties broken by id), among others.
    const at = (i: number) => `2026-11-0${i < 4 ? 1 : i}T10:00:00.000001Z`;
    for (let i = 1; i <= 9; i++) {
      await hq.db.query(
        `INSERT INTO office_audit (id, at, actor_kind, actor_name, action, target_type, target_id)
         VALUES ($1, $2, 'user', 'paging', 'paging.test', 'thing', $3), ($4, $2, 'user', 'paging', 'other.test', 'thing', $3)`,
        [
          `00000000-0000-4000-8000-00000000000${i}`,
          at(i),
          `t${i}`,
          `00000000-0000-4000-9000-00000000000${i}`,
        ],
      );
    }
    type Page = { entries: { targetId: string }[]; older: string | null; newer: string | null };
    const read = async (query: string): Promise<Page> => {
      const reply = await auditor.call('GET', `/admin/v1/audit?action=paging&limit=4${query}`);
      expect(reply.status).toBe(200);
      return reply.body as Page;
    };
    const ids = (page: Page) => page.entries.map((e) => e.targetId);

    const first = await read('');
    expect(ids(first)).toEqual(['t9', 't8', 't7', 't6']);
    expect(first.newer).toBeNull();
    const second = await read(`&older=${first.older}`);
    expect(ids(second)).toEqual(['t5', 't4', 't1', 't2']);
    const third = await read(`&older=${second.older}`);
    expect(ids(third)).toEqual(['t3']);
    expect(third.older).toBeNull();
    const back = await read(`&newer=${third.newer}`);
    expect(ids(back)).toEqual(ids(second));
    const top = await read(`&newer=${back.newer}`);
    expect(ids(top)).toEqual(ids(first));
    expect(top.newer).toBeNull();

    const bad: [string, RegExp][] = [
      ['&older=yesterday', /older: must be a cursor from an earlier page/],
      [`&older=${first.older}&newer=${first.older}`, /give older or newer, not both/],
    ];
    for (const [query, message] of bad) {
      const reply = await auditor.call('GET', `/admin/v1/audit?limit=4${query}`);
      expect([reply.status, reply.body.error.code]).toEqual([400, 'bad_request']);
      expect(JSON.stringify(reply.body.error)).toMatch(message);
    }
    expect((await manager.call('GET', `/admin/v1/audit?older=${first.older}`)).status).toBe(403);
  });
});
