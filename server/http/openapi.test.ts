import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument, openApiPath } from './openapi-document';
import { collectRoutes, undocumentedRoutes } from './openapi';

describe('the OpenAPI route collection', () => {
  it('names every route without a doc, in any plugin scope, and leaves it out of the document', async () => {
    const app = Fastify();
    const routes = collectRoutes(app);
    app.get('/documented', { config: { doc: { summary: 'Has one', auth: 'none' } } }, async () => ({}));
    app.register(async (scope) => {
      scope.post('/admin/v1/forgotten', async () => ({}));
      scope.get('/v1/things/:id', async () => ({}));
    });
    await app.ready();
    // A GET's HEAD twin shares its doc; only the forgotten routes are named.
    expect(undocumentedRoutes(routes)).toEqual(['POST /admin/v1/forgotten', 'GET /v1/things/:id']);
    const doc = buildOpenApiDocument(routes) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(['/documented']);
    await app.close();
  });

  it('turns Fastify paths into OpenAPI templates and path schemas into required path parameters', () => {
    expect(openApiPath('/v1/sales/:receiptNumber')).toBe('/v1/sales/{receiptNumber}');
    expect(openApiPath('/admin/v1/count-reviews/:id/accept')).toBe('/admin/v1/count-reviews/{id}/accept');
    expect(openApiPath('/assets/*')).toBe('/assets/{path}');
    const doc = buildOpenApiDocument([
      {
        method: 'GET',
        url: '/v1/sales/:receiptNumber',
        doc: {
          summary: 'A sale',
          auth: 'device',
          params: z.strictObject({ receiptNumber: z.string().regex(/^\w+$/) }),
          query: z.strictObject({ limit: z.string().optional(), tz: z.string() }),
        },
      },
    ]) as { paths: Record<string, { get: { parameters: unknown[]; security: unknown } }> };
    const op = doc.paths['/v1/sales/{receiptNumber}']!.get;
    expect(op.security).toEqual([{ deviceToken: [] }]);
    expect(op.parameters).toEqual([
      { name: 'receiptNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^\\w+$' } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'tz', in: 'query', required: true, schema: { type: 'string' } },
    ]);
  });

  it('moves shared and self-referencing schemas into components, and their $refs with them', () => {
    const money = z.number().int().meta({ id: 'Money' });
    const node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    const doc = buildOpenApiDocument([
      {
        method: 'POST',
        url: '/tree',
        doc: { summary: 'A tree', auth: 'office', body: node, reply: z.object({ a: money, b: money }) },
      },
    ]) as {
      paths: Record<string, { post: Record<string, unknown> }>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths['/tree']!.post;
    expect(op.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/post_TreeBody' } } },
    });
    expect(JSON.stringify(doc.components.schemas.post_TreeBody)).toContain(
      '"$ref":"#/components/schemas/post_TreeBody"',
    );
    expect(doc.components.schemas.Money).toEqual({
      type: 'integer',
      minimum: Number.MIN_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
    });
    // A change by a signed-in user needs the CSRF header with the cookie; the admin token alone does.
    expect(op.security).toEqual([{ adminToken: [] }, { officeSession: [], officeCsrf: [] }]);
  });
});
