// GET /openapi.json: the OpenAPI 3.1 document HQ makes from its routes' own docs and zod schemas. Every
// route the real server registers is in it (a route added without a doc fails here, named), and the
// document is well formed: 3.1 shape, every $ref resolves, every path parameter declared, every schema
// valid JSON Schema 2020-12 (test/helpers/openapi-check.ts).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server';
import type { Database } from '../../server';
import { tokenKey } from '../../server/auth/enrolment';
import { buildApp } from '../../server/http/app';
import { openApiPath } from '../../server/http/openapi-document';
import { undocumentedRoutes, type RouteEntry } from '../../server/http/openapi';
import { openApiProblems } from '../helpers/openapi-check';
import { call, startBackend, type TestBackend } from '../helpers/postgres';

type Doc = { paths: Record<string, Record<string, unknown>> };

describe('HQ’s OpenAPI document', () => {
  let backend: TestBackend;
  let db: Database;
  let app: FastifyInstance;
  let routes: readonly RouteEntry[];
  let base: string;
  let doc: Doc;

  beforeAll(async () => {
    backend = await startBackend('pglite');
    db = await openDatabase({ dataDir: backend.dataDir! });
    ({ app, routes } = await buildApp({
      db,
      key: await tokenKey(db),
      tokenTtlSeconds: 600,
      bodyLimitBytes: 1 << 20,
      catalogPollMs: 1000,
      heartbeatMs: 25_000,
      admin: { token: null, csvLimitBytes: 1 << 20 },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const served = await call(base, 'GET', '/openapi.json');
    expect(served.status).toBe(200);
    doc = served.body as Doc;
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await backend?.stop();
  });

  it('is served to anyone, and holds every route the server registered', () => {
    const missing = undocumentedRoutes(routes);
    expect(missing, `routes without config.doc (server/http/route-doc.ts):\n${missing.join('\n')}`).toEqual(
      [],
    );
    const absent = routes
      .filter((r) => r.doc && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((name) => {
        const [method, url] = name.split(' ') as [string, string];
        return doc.paths[openApiPath(url)]?.[method.toLowerCase()] === undefined;
      });
    expect(absent, `documented routes missing from /openapi.json:\n${absent.join('\n')}`).toEqual([]);
    // The routes a terminal and the back office live on are there with their schemas.
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/v1/events',
        '/v1/sales/{receiptNumber}',
        '/admin/v1/devices',
        '/openapi.json',
      ]),
    );
    const enrol = doc.paths['/v1/enrol']!.post as {
      requestBody: unknown;
      responses: Record<string, unknown>;
    };
    expect(JSON.stringify(enrol.requestBody)).toContain('"code"');
    expect(Object.keys(enrol.responses)).toEqual(['201', 'default']);
  });

  it('is a well-formed OpenAPI 3.1 document', () => {
    expect(openApiProblems(doc)).toEqual([]);
  });

  it('is checked for real: a broken $ref, an undeclared path parameter and a bad schema are each named', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as Doc & { openapi: string };
    broken.openapi = '3.0.3';
    const sale = broken.paths['/v1/sales/{receiptNumber}']!.get as { parameters: unknown[] };
    sale.parameters = [];
    const events = broken.paths['/v1/events']!.post as { responses: Record<string, unknown> };
    events.responses.default = {
      description: 'x',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
    };
    const health = broken.paths['/health']!.get as { responses: Record<string, unknown> };
    health.responses['200'] = {
      description: 'x',
      content: { 'application/json': { schema: { type: 'thing' } } },
    };
    const problems = openApiProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'openapi is "3.0.3", not 3.1.x',
        'GET /v1/sales/{receiptNumber}: {receiptNumber} is not declared as a path parameter',
        expect.stringContaining('$ref #/components/schemas/Nope resolves to nothing'),
        expect.stringContaining('GET /health 200 application/json: not a valid JSON Schema 2020-12'),
      ]),
    );
  });
});
