// What a route says of itself for HQ's OpenAPI document (GET /openapi.json): each route carries its doc
// in its Fastify config, beside the zod schemas it already checks requests with, so the document is made
// from the server's own schemas and cannot drift from them:
//
//   scope.get('/admin/v1/devices', { config: { doc: { summary: 'A store’s devices', auth: 'office',
//     query: devicesQuery, tags: ['stores'] } } }, handler);
//
// GROUNDWORK (issue 14): the OpenAPI branch collects these into the document and checks that every route
// has one.
import type { ZodType } from 'zod';

export interface RouteDoc {
  summary: string;
  /** Who may call it: nobody in particular, an enrolled device's token, or the back office's actor. */
  auth: 'none' | 'device' | 'office';
  tags?: string[];
  params?: ZodType;
  query?: ZodType;
  /** The JSON body's schema, or the media type of a raw body (a CSV import). */
  body?: ZodType | 'text/csv';
  /** The success reply's schema, when it has one. */
  reply?: ZodType;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    doc?: RouteDoc;
  }
}
