// The catalog in the back office (issue 14), inside the /admin scope (server/http/admin.ts):
//   GET    /admin/v1/products?q=&store=&limit=&after=          search as you type
//   GET    /admin/v1/products/:gtin                            one product, with its stores' prices
//   PATCH  /admin/v1/products/:gtin                            edit it (catalog.write)
//   PUT    /admin/v1/products/:gtin/store-prices/:store        a store's price (prices.write, that store)
//   DELETE /admin/v1/products/:gtin/store-prices/:store        back to the chain price
//   GET    /admin/v1/products/:gtin/price-changes              its dated price changes
//   POST   /admin/v1/products/:gtin/price-changes              schedule one (prices.write)
//   DELETE /admin/v1/price-changes/:id                         cancel an upcoming one
//   POST   /admin/v1/catalog/import-jobs?store=&currency=&file=  a CSV import with progress (text/csv)
//   GET    /admin/v1/catalog/import-jobs[/:id]                 its progress; the newest ones
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkGtin } from '../../core/barcode/gtin';
import { CURRENCY_CODE } from '../../core/money';
import { findStore, STORE_CODE } from '../auth/enrolment';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { digits } from '../http/routes';
import { storeFilter } from '../office/access';
import { actorOf, refuse, parseOr400 } from '../office/request';
import { cancelPriceChange, listPriceChanges, priceChangeScope, schedulePriceChange } from '../prices/office';
import { fail } from '../result';
import { listImportJobs, readImportJob, startImportJob } from './import-jobs';
import { readProduct } from './product';
import { editProduct, setStorePrice } from './product-edit';
import { searchProducts } from './search';

const store = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const text = (max: number) => z.string().max(max);
const searchQuery = z.strictObject({
  q: text(200).optional(),
  store: store.optional(),
  limit: digits(200).optional(),
  after: z
    .string()
    .regex(/^\d{14}$/, 'must be a GTIN-14 from a previous page')
    .optional(),
});
const gtinParams = z.strictObject({
  gtin: z.string().regex(/^\d{6,14}$/, 'must be a barcode of 6 to 14 digits'),
});
const storePriceParams = gtinParams.extend({ store });
const editBody = z.strictObject({
  name: text(400).optional(),
  names: z.record(text(40), text(400)).optional(),
  price: text(20).optional(),
  taxRate: text(10).optional(),
  unit: z.enum(['each', 'kg']).optional(),
  department: text(160).optional(),
  plu: text(10).optional(),
  grid: z.boolean().optional(),
  netContent: text(40).optional(),
});
const storePriceBody = z.strictObject({ price: text(20) });
const scheduleBody = z.strictObject({ price: text(20), effectiveAt: text(40), store: store.optional() });
const changeParams = z.strictObject({ id: digits(999_999_999) });
const importQuery = z.strictObject({
  store: store.optional(),
  currency: z.string().regex(CURRENCY_CODE, 'must be an ISO 4217 code like CNY').optional(),
  file: text(200).optional(),
});
const jobParams = z.strictObject({ id: z.uuid({ error: 'must be an import job id (a UUID)' }) });

/** A barcode in any GTIN form → its GTIN-14; null when it is not one. */
function gtin14(barcode: string): string | null {
  const checked = checkGtin(barcode);
  return checked.ok ? checked.gtin14 : null;
}

/** The GTIN-14 the address names, or null after answering `400 bad_gtin`. */
function gtinOr400(request: FastifyRequest, reply: FastifyReply): string | null {
  const params = gtinParams.safeParse(request.params);
  const gtin = params.success ? gtin14(params.data.gtin) : null;
  if (!gtin) sendFailure(reply, fail(400, 'bad_gtin', 'the address does not name a valid GTIN'));
  return gtin;
}

export function registerCatalogOfficeRoutes(scope: FastifyInstance, db: Database): void {
  const tags = ['catalog'];

  scope.get(
    '/admin/v1/products',
    {
      config: {
        doc: {
          summary: 'Search products as you type (GTIN, PLU, name in any language)',
          auth: 'office',
          tags,
          query: searchQuery,
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, searchQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, 'read', query.store)) return reply;
      const storeId = query.store ? await findStore(db, query.store) : null;
      if (query.store && !storeId)
        return sendFailure(reply, fail(404, 'store_not_found', `there is no store "${query.store}"`));
      const page = await searchProducts(db, {
        query: query.q ?? '',
        storeId,
        limit: query.limit ?? 20,
        after: query.after ?? null,
      });
      return reply.send({ ok: true, ...page });
    },
  );

  scope.get(
    '/admin/v1/products/:gtin',
    {
      config: {
        doc: { summary: 'One product with its store prices', auth: 'office', tags, params: gtinParams },
      },
    },
    async (request, reply) => {
      const gtin = gtinOr400(request, reply);
      if (!gtin) return reply;
      const product = await readProduct(db, gtin, { stores: storeFilter(actorOf(request)) });
      if (!product) return sendFailure(reply, fail(404, 'product_not_found', `HQ has no product ${gtin}`));
      return reply.send({ ok: true, product });
    },
  );

  scope.patch(
    '/admin/v1/products/:gtin',
    {
      config: {
        doc: {
          summary: 'Edit a product (bumps the catalog version)',
          auth: 'office',
          tags,
          params: gtinParams,
          body: editBody,
        },
      },
    },
    async (request, reply) => {
      const gtin = gtinOr400(request, reply);
      if (!gtin) return reply;
      const body = parseOr400(reply, editBody, request.body, 'product');
      if (!body) return reply;
      if (refuse(request, reply, 'catalog.write')) return reply;
      const result = await editProduct(db, actorOf(request), gtin, body);
      if (!result.ok) return sendFailure(reply, result);
      return reply.send({ ...result, product: visible(result.product, request) });
    },
  );

  const storePrice = (remove: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const params = storePriceParams.safeParse(request.params);
    const gtin = params.success ? gtin14(params.data.gtin) : null;
    if (!params.success || !gtin)
      return sendFailure(reply, fail(400, 'bad_request', 'the address does not name a valid GTIN and store'));
    const body = remove ? { price: null } : parseOr400(reply, storePriceBody, request.body, 'price');
    if (!body) return reply;
    if (refuse(request, reply, 'prices.write', params.data.store)) return reply;
    const result = await setStorePrice(db, actorOf(request), gtin, params.data.store, body.price);
    if (!result.ok) return sendFailure(reply, result);
    return reply.send({ ...result, product: visible(result.product, request) });
  };
  scope.put(
    '/admin/v1/products/:gtin/store-prices/:store',
    {
      config: {
        doc: {
          summary: 'Set a store’s price for a product',
          auth: 'office',
          tags,
          params: storePriceParams,
          body: storePriceBody,
        },
      },
    },
    storePrice(false),
  );
  scope.delete(
    '/admin/v1/products/:gtin/store-prices/:store',
    {
      config: {
        doc: {
          summary: 'Remove a store’s price (the chain price applies)',
          auth: 'office',
          tags,
          params: storePriceParams,
        },
      },
    },
    storePrice(true),
  );

  scope.get(
    '/admin/v1/products/:gtin/price-changes',
    {
      config: {
        doc: { summary: 'A product’s dated price changes', auth: 'office', tags, params: gtinParams },
      },
    },
    async (request, reply) => {
      const gtin = gtinOr400(request, reply);
      if (!gtin) return reply;
      const changes = await listPriceChanges(db, gtin, storeFilter(actorOf(request)));
      return reply.send({ ok: true, changes });
    },
  );

  scope.post(
    '/admin/v1/products/:gtin/price-changes',
    {
      config: {
        doc: {
          summary: 'Schedule a dated price change',
          auth: 'office',
          tags,
          params: gtinParams,
          body: scheduleBody,
        },
      },
    },
    async (request, reply) => {
      const gtin = gtinOr400(request, reply);
      if (!gtin) return reply;
      const body = parseOr400(reply, scheduleBody, request.body, 'price change');
      if (!body) return reply;
      if (refuse(request, reply, 'prices.write', body.store)) return reply;
      const result = await schedulePriceChange(db, actorOf(request), gtin, body);
      return result.ok ? reply.code(201).send(result) : sendFailure(reply, result);
    },
  );

  scope.delete(
    '/admin/v1/price-changes/:id',
    {
      config: {
        doc: { summary: 'Cancel an upcoming dated price change', auth: 'office', tags, params: changeParams },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, changeParams, request.params, 'price change id');
      if (!params) return reply;
      const scopeOf = await priceChangeScope(db, params.id);
      if (!scopeOf)
        return sendFailure(
          reply,
          fail(404, 'price_change_not_found', `there is no price change ${params.id}`),
        );
      if (refuse(request, reply, 'prices.write', scopeOf.store)) return reply;
      const result = await cancelPriceChange(db, actorOf(request), params.id);
      return result.ok ? reply.send(result) : sendFailure(reply, result);
    },
  );

  scope.post(
    '/admin/v1/catalog/import-jobs',
    {
      config: {
        doc: {
          summary: 'Start a catalog (or store price) CSV import; poll its progress',
          auth: 'office',
          tags,
          query: importQuery,
          body: 'text/csv',
        },
      },
    },
    async (request, reply) => {
      const query = parseOr400(reply, importQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, query.store ? 'prices.write' : 'catalog.write', query.store)) return reply;
      if (typeof request.body !== 'string')
        return sendFailure(
          reply,
          fail(415, 'unsupported_media_type', 'send the catalog as "Content-Type: text/csv"'),
        );
      if (query.store && !(await findStore(db, query.store)))
        return sendFailure(reply, fail(404, 'store_not_found', `there is no store "${query.store}"`));
      const job = await startImportJob(db, actorOf(request), request.body, {
        store: query.store,
        currency: query.currency,
        fileName: query.file,
      });
      return reply.code(202).send({ ok: true, job });
    },
  );

  scope.get(
    '/admin/v1/catalog/import-jobs',
    { config: { doc: { summary: 'The newest catalog imports', auth: 'office', tags } } },
    async (request, reply) =>
      reply.send({ ok: true, jobs: await listImportJobs(db, storeFilter(actorOf(request))) }),
  );

  scope.get(
    '/admin/v1/catalog/import-jobs/:id',
    {
      config: {
        doc: {
          summary: 'An import’s progress and, when refused, its line-numbered errors',
          auth: 'office',
          tags,
          params: jobParams,
        },
      },
    },
    async (request, reply) => {
      const params = parseOr400(reply, jobParams, request.params, 'import job id');
      if (!params) return reply;
      const job = await readImportJob(db, params.id);
      if (!job)
        return sendFailure(reply, fail(404, 'import_job_not_found', `there is no import ${params.id}`));
      if (refuse(request, reply, 'read', job.store)) return reply;
      return reply.send({ ok: true, job });
    },
  );
}

/** A product's store prices, limited to the stores the actor sees. */
function visible<T extends { storePrices: { store: string }[] }>(product: T, request: FastifyRequest): T {
  const stores = storeFilter(actorOf(request));
  return stores
    ? { ...product, storePrices: product.storePrices.filter((s) => stores.includes(s.store)) }
    : product;
}
