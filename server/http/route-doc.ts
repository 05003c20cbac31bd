// What a route says of itself for HQ's OpenAPI document (GET /openapi.json): each route carries its doc
// in its Fastify config, beside the zod schemas it already checks requests with, so the document is made
// from the server's own schemas and cannot drift from them:
//
//   scope.get('/admin/v1/devices', { config: { doc: { summary: 'A store’s devices', auth: 'office',
//     query: devicesQuery, tags: ['stores'] } } }, handler);
//
// server/http/openapi.ts collects every route's doc (Fastify's onRoute hook) into the document, and its
// test fails, naming the route, when a route has none.
import type { ZodType } from 'zod';

export interface RouteDoc {
  summary: string;
  /** Longer text, when the summary cannot say enough (CommonMark). */
  description?: string;
  /** Who may call it: nobody in particular, an enrolled device's token, or the back office's actor. */
  auth: 'none' | 'device' | 'office';
  tags?: readonly string[];
  /** The path parameters (`:name` in the route) as an object schema, one property per parameter. */
  params?: ZodType;
  query?: ZodType;
  /** The JSON body's schema, or the media type of a raw body (a CSV import). */
  body?: ZodType | 'text/csv';
  /** The success reply's schema, when it has one. */
  reply?: ZodType;
  /** The success status when it is not 200 (201 for something made). */
  status?: number;
  /** The success reply's media type when it is not JSON: text/event-stream, text/html, a file. */
  produces?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    doc?: RouteDoc;
  }
}

/** A route's options carrying its doc: `app.get('/v1/x', withDoc({ summary, auth }), handler)`. */
export function withDoc(doc: RouteDoc): { config: { doc: RouteDoc } } {
  return { config: { doc } };
}
