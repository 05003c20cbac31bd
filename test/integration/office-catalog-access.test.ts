// Who may change what in the back office's catalog (server/office/access.ts applied by
// server/catalog/office-routes.ts): the routes on a real PGlite, called through Fastify with each role's
// actor set as the admin scope's sign-in would set it. A store manager sets prices in their own stores
// only and never changes the chain; an auditor reads; a category manager changes the chain.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, openDatabase, type Database } from '../../server';
import { registerCatalogOfficeRoutes } from '../../server/catalog/office-routes';
import type { Actor, Role } from '../../server/office/access';
import { startBackend, type TestBackend } from '../helpers/postgres';

const actor = (role: Role, stores: Actor['stores']): Actor => ({
  kind: 'user',
  userId: null,
  name: role,
  role,
  stores,
});
const ACTORS: Record<string, Actor> = {
  manager: actor('store_manager', ['S001']),
  auditor: actor('auditor', 'all'),
  category: actor('category_manager', 'all'),
};
const MILK = '6901234567892';

describe('catalog permissions in the back office', () => {
  let backend: TestBackend;
  let db: Database;
  let app: FastifyInstance;
  const as = (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        'x-test-actor': who,
        ...(typeof payload === 'string' ? { 'content-type': 'text/csv' } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as string | object }),
    });

  beforeAll(async () => {
    backend = await startBackend('pglite');
    db = await openDatabase({ dataDir: backend.dataDir! });
    await importCatalogCsv(db, `barcode,name,price\n${MILK},Milk,12.90\n`);
    await createEnrolmentCode(db, 'S001');
    await createEnrolmentCode(db, 'S002');
    app = Fastify();
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.addHook('onRequest', async (request) => {
      request.actor = ACTORS[String(request.headers['x-test-actor'])];
    });
    registerCatalogOfficeRoutes(app, db);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await backend?.stop();
  });

  it('lets a store manager price their own store only, and change nothing chain-wide', async () => {
    expect(
      (await as('category', 'PUT', `/admin/v1/products/${MILK}/store-prices/S002`, { price: '11' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await as('manager', 'PATCH', `/admin/v1/products/${MILK}`, { price: '1' })).json().error.code,
    ).toBe('forbidden');
    expect(
      (await as('manager', 'PUT', `/admin/v1/products/${MILK}/store-prices/S001`, { price: '12.50' }))
        .statusCode,
    ).toBe(200);
    const other = await as('manager', 'PUT', `/admin/v1/products/${MILK}/store-prices/S002`, { price: '1' });
    expect(other.json().error).toMatchObject({
      code: 'forbidden_store',
      message: 'store_manager has no access to store S002',
    });
    // Their view of the product shows their stores' prices only.
    const seen = (await as('manager', 'GET', `/admin/v1/products/${MILK}`)).json().product.storePrices;
    expect(seen.map((s: { store: string }) => s.store)).toEqual(['S001']);

    const later = new Date(Date.now() + 3_600_000).toISOString();
    const chain = await as('manager', 'POST', `/admin/v1/products/${MILK}/price-changes`, {
      price: '9',
      effectiveAt: later,
    });
    expect(chain.statusCode).toBe(403);
    const own = await as('manager', 'POST', `/admin/v1/products/${MILK}/price-changes`, {
      price: '9',
      effectiveAt: later,
      store: 'S001',
    });
    expect(own.statusCode).toBe(201);
    const chainChange = await as('category', 'POST', `/admin/v1/products/${MILK}/price-changes`, {
      price: '8',
      effectiveAt: later,
    });
    expect(
      (await as('manager', 'DELETE', `/admin/v1/price-changes/${chainChange.json().change.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await as('manager', 'DELETE', `/admin/v1/price-changes/${own.json().change.id}`)).statusCode,
    ).toBe(200);

    const csv = `barcode,name,price\n${MILK},Milk,12.00\n`;
    expect((await as('manager', 'POST', '/admin/v1/catalog/import-jobs', csv)).statusCode).toBe(403);
    const job = (await as('manager', 'POST', '/admin/v1/catalog/import-jobs?store=S001', csv)).json().job;
    expect(job.store).toBe('S001');
    await expect
      .poll(
        async () => (await as('manager', 'GET', `/admin/v1/catalog/import-jobs/${job.id}`)).json().job.status,
      )
      .toBe('done');
    expect((await as('manager', 'POST', '/admin/v1/catalog/import-jobs?store=S002', csv)).statusCode).toBe(
      403,
    );
  });

  it('lets an auditor read and change nothing, and a category manager change the chain', async () => {
    expect((await as('auditor', 'GET', '/admin/v1/products?q=milk')).json().products).toHaveLength(1);
    expect((await as('auditor', 'PATCH', `/admin/v1/products/${MILK}`, { name: 'X' })).statusCode).toBe(403);
    expect(
      (await as('auditor', 'PUT', `/admin/v1/products/${MILK}/store-prices/S001`, { price: '1' })).statusCode,
    ).toBe(403);
    const edited = await as('category', 'PATCH', `/admin/v1/products/${MILK}`, { name: 'Fresh milk' });
    expect(edited.json()).toMatchObject({ changed: true, product: { name: 'Fresh milk' } });
    const audit = await db.query<{ actor_name: string }>(
      "SELECT actor_name FROM office_audit WHERE action = 'product.update'",
    );
    expect(audit.rows).toEqual([{ actor_name: 'category_manager' }]);
  });
});
